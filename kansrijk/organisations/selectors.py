"""Reads of organisation data for the acting professional."""

from django.db.models import Count, DateField, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.models import AuditEvent

from .models import Coalition, Membership, Organisation, Professional


def memberships_of(professional: Professional) -> list[Membership]:
    """The professional's current memberships with what the header shows. Every page asks
    (`request.active`): one query, compiled once (`CompiledQuery`)."""
    return _MEMBERSHIPS.run(professional=professional.pk, today=timezone.localdate())


_MEMBERSHIPS = CompiledQuery(
    lambda: (
        Membership.objects.current(today=Slot("today", DateField()))
        .filter(professional_id=Slot("professional"))
        .select_related("coalition", "organisation")
        .order_by("coalition__name", "organisation__name")
    )
)


def coalitions_of(professional: Professional) -> list[Coalition]:
    seen: dict[int, Coalition] = {}
    for membership in memberships_of(professional):
        seen.setdefault(membership.coalition_id, membership.coalition)
    return list(seen.values())


def organisations_of_coalition(coalition: Coalition) -> QuerySet[Organisation]:
    return coalition.organisations.all()


# --- Management ("Beheer") -----------------------------------------------------------------
#
# Every management read is scoped to the coalition the acting professional works in now.
# Views fetch single objects through these querysets (get_object_or_404), so an object of
# another coalition answers 404, never a page.


def manageable_organisations(coalition: Coalition) -> QuerySet[Organisation]:
    """The coalition's organisations, with their number of open memberships in it.

    The count is an annotation, so a list costs one query however many rows it shows.
    """
    open_here = Q(memberships__coalition=coalition) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gt=timezone.localdate())
    )
    return coalition.organisations.annotate(member_count=Count("memberships", filter=open_here))


def manageable_memberships(coalition: Coalition) -> QuerySet[Membership]:
    """All memberships of the coalition, ended ones included, with what a list row shows."""
    return Membership.objects.filter(coalition=coalition).select_related(
        "professional", "organisation"
    )


def open_memberships(queryset: QuerySet[Membership]) -> QuerySet[Membership]:
    """Memberships that have not ended yet (an end date in the future still counts)."""
    return queryset.filter(Q(end_date__isnull=True) | Q(end_date__gt=timezone.localdate()))


def manageable_professionals(coalition: Coalition) -> QuerySet[Professional]:
    """The accounts an administrator of `coalition` manages.

    Rules: an administrator manages the accounts of everyone who has (or had) a membership in
    the coalition, plus accounts not yet linked to any coalition (just created, waiting for a
    coordinator to add them to an organisation). Accounts that only work in other coalitions
    belong to those coalitions' administrators; superusers are managed outside kansrijk.
    """
    here = Membership.objects.filter(professional=OuterRef("pk"), coalition=coalition)
    anywhere = Membership.objects.filter(professional=OuterRef("pk"))
    return Professional.objects.filter(
        Exists(here) | (~Exists(anywhere) & Q(is_superuser=False))
    ).annotate(
        has_second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


def memberships_in_coalition(coalition: Coalition) -> Prefetch:
    """Prefetch of a professional's memberships in one coalition, newest first (one query)."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(coalition=coalition)
        .select_related("organisation")
        .order_by("end_date", "organisation__name"),
        to_attr="coalition_memberships",
    )


def find_professional(identifier: str) -> list[Professional]:
    """Accounts whose username or e-mail address is `identifier` (case-insensitive)."""
    identifier = identifier.strip()
    if not identifier:
        return []
    by_username = list(Professional.objects.filter(username__iexact=identifier)[:2])
    if by_username:
        return by_username
    return list(Professional.objects.filter(email__iexact=identifier)[:2])


def audit_events_of_coalition(coalition: Coalition) -> QuerySet[AuditEvent]:
    """The coalition's administrative audit trail, newest first, with who did it."""
    return AuditEvent.objects.filter(coalition=coalition).select_related("actor")


def has_open_membership(
    *, professional: Professional, organisation: Organisation, coalition: Coalition
) -> bool:
    """Whether the database constraint would refuse another open membership."""
    return Membership.objects.filter(
        professional=professional,
        organisation=organisation,
        coalition=coalition,
        end_date__isnull=True,
    ).exists()
