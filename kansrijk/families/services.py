"""Writes of the family file. One function per use case, each in one transaction.

Every write goes through the access policy (`get_family_for_user` with a row lock), which
also appends the NEN 7513 access event in the same transaction: if the write fails, the
event is rolled back with it. Family edits keep every version (`FamilyVersion`) and are
refused when they were based on an older version (`VersionConflict`).
"""

import secrets
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.access.services import access_event_record
from kansrijk.organisations.models import Membership, Municipality, Professional

from .grounds import CARE_TEAM
from .models import (
    CareTeamMember,
    Consent,
    ConsentPurpose,
    Family,
    FamilyStatus,
    FamilyVersion,
    Person,
    Pregnancy,
    TimelineEvent,
    TimelineKind,
)
from .models.family import FAMILY_EDITABLE_FIELDS

Action = AccessEvent.Action
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


class VersionConflict(Exception):
    """Someone else changed the family since the editor loaded it.

    Carries both versions, so a conflict page (or HTTP 409) can show them side by side:
    `current` is the stored family as it is now, `submitted` what the second writer sent.
    """

    def __init__(
        self, *, expected_version: int, current_version: int, current: dict, submitted: dict
    ):
        self.expected_version = expected_version
        self.current_version = current_version
        self.current = current
        self.submitted = submitted
        super().__init__(
            f"Het gezin is intussen gewijzigd: je bewerkte versie {expected_version}, "
            f"de huidige versie is {current_version}."
        )


def _professional_membership(professional: Professional, coalition_id: int) -> Membership | None:
    return (
        Membership.objects.current()
        .filter(professional=professional, coalition_id=coalition_id, is_professional=True)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )


def _new_reference() -> str:
    return "KS-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def _editable(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(FAMILY_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable on a family: {', '.join(sorted(unknown))}")
    return dict(data)


def _keep_version(family: Family, *, actor: Professional, changes: dict | None = None) -> None:
    FamilyVersion.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        version=family.version,
        snapshot=family.snapshot(),
        changes=changes or {},
        changed_by=actor,
    )


@transaction.atomic
def family_create(
    *,
    actor: Professional,
    municipality: Municipality,
    data: Mapping[str, Any],
    role_in_family: str = "",
    request=None,
) -> Family:
    """Open a family file in the municipality's coalition; the creator joins its care team.

    Only a professional of that coalition can open a file (`PermissionDenied` otherwise).
    `data` holds the editable family fields (see `FAMILY_EDITABLE_FIELDS`).
    """
    membership = _professional_membership(actor, municipality.coalition_id)
    if membership is None:
        raise PermissionDenied
    family = Family(
        coalition_id=municipality.coalition_id,
        municipality=municipality,
        created_by=actor,
        **{k: v for k, v in _editable(data).items() if k != "municipality"},
    )
    family.full_clean(exclude=["reference"])
    for _attempt in range(5):
        family.reference = _new_reference()
        try:
            with transaction.atomic():
                family.save()
            break
        except IntegrityError:
            family.pk = None
    else:  # pragma: no cover - 32^6 references per coalition
        raise RuntimeError("No free family reference found")
    CareTeamMember.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        professional=actor,
        membership=membership,
        role_in_family=role_in_family,
        phone=membership.phone,
        added_by=actor,
    )
    _keep_version(family, actor=actor)
    timeline_record(
        family=family,
        kind=TimelineKind.FAMILY_CREATED,
        actor=actor,
        obj=family,
        summary=_("Dossier %(reference)s aangemaakt") % {"reference": family.reference},
    )
    access_event_record(
        user=actor,
        action=Action.CREATE,
        family=family,
        ground=CARE_TEAM,
        authorisation=True,
        treatment_relationship=True,
        consent=False,  # no consent can have been recorded before the file exists
        emergency=False,
        detail=_("Gezinsdossier aangemaakt"),
        request=request,
    )
    return family


@transaction.atomic
def family_update(
    *,
    actor: Professional,
    family_pk: int,
    expected_version: int,
    data: Mapping[str, Any],
    request=None,
) -> Family:
    """Change the family's own fields if nobody else did since `expected_version`.

    Raises `VersionConflict` on a stale version and `ValidationError` (Dutch messages) on
    bad input or a closed file. An edit that changes nothing writes no new version.
    """
    changes_in = _editable(data)
    family = get_family_for_user(actor, family_pk, Action.UPDATE, request=request, lock=True)
    _check_version(family, expected_version, submitted=changes_in)
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is gesloten; heropen het eerst."))
    before = family.snapshot()
    for name, value in changes_in.items():
        setattr(family, name, value)
    family.full_clean(exclude=["reference"])
    after = family.snapshot()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return family
    family = _save_new_version(family, actor=actor, changes=changes)
    timeline_record(
        family=family,
        kind=TimelineKind.FAMILY_CHANGED,
        actor=actor,
        obj=family,
        summary=_("Gewijzigd: %(fields)s") % {"fields": _field_labels(Family, changes)},
        changes=changes,
    )
    return family


def _check_version(family: Family, expected_version: int, *, submitted: dict) -> None:
    if family.version != expected_version:
        raise VersionConflict(
            expected_version=expected_version,
            current_version=family.version,
            current=family.snapshot(),
            submitted={k: getattr(v, "pk", v) for k, v in submitted.items()},
        )


def _save_new_version(family: Family, *, actor: Professional, changes: dict) -> Family:
    family.version += 1
    family.save()
    _keep_version(family, actor=actor, changes=changes)
    return family


@transaction.atomic
def family_close(
    *,
    actor: Professional,
    family_pk: int,
    expected_version: int,
    reason: str,
    request=None,
) -> Family:
    """Close the file (it stays readable for the care team); a reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"closed_reason": _("Vul in waarom het dossier wordt gesloten.")})
    family = get_family_for_user(
        actor, family_pk, Action.UPDATE, request=request, lock=True, detail=_("Dossier gesloten")
    )
    # The state first: a file already closed says so, whatever version the caller read.
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is al gesloten."))
    _check_version(family, expected_version, submitted={"status": FamilyStatus.CLOSED})
    before = family.snapshot()
    family.status = FamilyStatus.CLOSED
    family.closed_at = timezone.now()
    family.closed_reason = reason
    after = family.snapshot()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    family = _save_new_version(family, actor=actor, changes=changes)
    timeline_record(
        family=family,
        kind=TimelineKind.FAMILY_CLOSED,
        actor=actor,
        obj=family,
        summary=_("Reden: %(reason)s") % {"reason": reason},
        changes=changes,
    )
    return family


@transaction.atomic
def family_reopen(
    *, actor: Professional, family_pk: int, expected_version: int, request=None
) -> Family:
    """Reopen a closed file; the reason it was closed stays in the history."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Dossier heropend"),
    )
    if family.is_open:
        raise ValidationError(_("Dit gezinsdossier is al open."))
    _check_version(family, expected_version, submitted={"status": FamilyStatus.OPEN})
    before = family.snapshot()
    family.status = FamilyStatus.OPEN
    family.closed_at = None
    family.closed_reason = ""
    after = family.snapshot()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    family = _save_new_version(family, actor=actor, changes=changes)
    timeline_record(
        family=family,
        kind=TimelineKind.FAMILY_REOPENED,
        actor=actor,
        obj=family,
        summary=_("Dossier %(reference)s heropend") % {"reference": family.reference},
        changes=changes,
    )
    return family


@transaction.atomic
def consent_record(
    *,
    actor: Professional,
    family_pk: int,
    purpose: str,
    given: bool,
    method: str,
    request=None,
) -> Consent:
    """Record the family's decision for one purpose; it replaces the decision in force."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Toestemming vastgelegd"),
    )
    return consent_replace(family=family, purpose=purpose, given=given, method=method, actor=actor)


def consent_replace(
    *,
    family: Family,
    purpose: str,
    given: bool,
    method: str,
    actor: Professional | None = None,
    person=None,
) -> Consent:
    """Record a decision that replaces the one in force, on the timeline; recorded by a
    professional (`actor`) or by a family member through the portal (`person`). The caller
    holds the family's row lock (so two people recording at once are serialised here)."""
    consent = Consent(
        family=family,
        coalition_id=family.coalition_id,
        purpose=purpose,
        given=given,
        method=method,
        recorded_by=actor,
        recorded_by_person=person,
    )
    consent.full_clean(exclude=["family", "coalition", "recorded_by", "recorded_by_person"])
    Consent.objects.in_force().filter(family=family, purpose=purpose).update(
        withdrawn_at=timezone.now(), withdrawn_by=actor
    )
    consent.save()
    timeline_record(
        family=family,
        kind=TimelineKind.CONSENT_GIVEN if given else TimelineKind.CONSENT_REFUSED,
        actor=actor,
        obj=consent,
        summary=_("%(purpose)s (%(method)s)")
        % {"purpose": consent.get_purpose_display(), "method": consent.get_method_display()},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Professional, family_pk: int, purpose: str, request=None) -> Consent:
    """Withdraw the consent in force for `purpose`; it takes effect at once."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Toestemming ingetrokken"),
    )
    consent = Consent.objects.given().filter(family=family, purpose=purpose).first()
    if consent is None:
        raise ValidationError(
            _("Er is geen gegeven toestemming voor '%(purpose)s' om in te trekken.")
            % {"purpose": ConsentPurpose(purpose).label if purpose in ConsentPurpose else purpose}
        )
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    timeline_record(
        family=family,
        kind=TimelineKind.CONSENT_WITHDRAWN,
        actor=actor,
        obj=consent,
        summary=consent.get_purpose_display(),
    )
    return consent


@transaction.atomic
def care_team_member_add(
    *,
    actor: Professional,
    family_pk: int,
    professional: Professional,
    role_in_family: str = "",
    phone: str = "",
    start_date: date | None = None,
    request=None,
) -> CareTeamMember:
    """Put a professional of the family's coalition on its care team."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Zorgteamlid toegevoegd"),
    )
    membership = _professional_membership(professional, family.coalition_id)
    if membership is None:
        raise ValidationError(
            {"professional": _("Deze persoon werkt niet als professional in deze coalitie.")}
        )
    if family.care_team_members.filter(professional=professional, end_date__isnull=True).exists():
        raise ValidationError({"professional": _("Deze professional zit al in het zorgteam.")})
    member = CareTeamMember(
        family=family,
        coalition_id=family.coalition_id,
        professional=professional,
        membership=membership,
        role_in_family=role_in_family,
        phone=phone or membership.phone,
        start_date=start_date or timezone.localdate(),
        added_by=actor,
    )
    member.full_clean(exclude=["family", "coalition", "professional", "membership", "added_by"])
    member.save()
    timeline_record(
        family=family,
        kind=TimelineKind.CARE_TEAM_MEMBER_ADDED,
        actor=actor,
        obj=member,
        summary=_care_team_summary(member),
    )
    return member


@transaction.atomic
def care_team_member_end(*, actor: Professional, member_pk: int, request=None) -> CareTeamMember:
    """End a care-team membership today; from now on it gives no access.

    The last current member cannot leave: a family without a care team could be seen by
    nobody but through break-the-glass.
    """
    family_pk = (
        CareTeamMember.objects.filter(pk=member_pk).values_list("family_id", flat=True).first()
    )
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Zorgteamlid beëindigd"),
    )
    member = CareTeamMember.objects.select_for_update().get(pk=member_pk, family=family)
    today = timezone.localdate()
    if member.end_date is not None and member.end_date <= today:
        raise ValidationError(_("Dit zorgteamlid is al gestopt."))
    if not family.care_team_members.current(today).exclude(pk=member.pk).exists():
        raise ValidationError(
            _("Het zorgteam kan niet leeg worden; voeg eerst een ander zorgteamlid toe.")
        )
    member.end_date = max(today, member.start_date)
    member.save(update_fields=["end_date"])
    timeline_record(
        family=family,
        kind=TimelineKind.CARE_TEAM_MEMBER_ENDED,
        actor=actor,
        obj=member,
        summary=_care_team_summary(member),
    )
    return member


# --- Timeline, persons and pregnancies (issue 4) --------------------------------------------


def timeline_record(
    *,
    family: Family,
    kind: str,
    actor: Professional | None,
    summary: str,
    obj=None,
    changes: dict | None = None,
) -> TimelineEvent:
    """Append one event to the family's timeline, in the caller's transaction.

    `kind` is a `TimelineKind` or a kind another app registered (`register_timeline_kind`).
    `changes` maps a field to [old, new]; never put a full BSN in it (`_person_values`).
    """
    return TimelineEvent.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        kind=kind,
        summary=str(summary)[:300],
        actor=actor if getattr(actor, "pk", None) else None,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        changes=changes or {},
    )


def _field_labels(model, changes: Mapping[str, Any]) -> str:
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in changes)


def _care_team_summary(member: CareTeamMember) -> str:
    parts = [str(member.professional)]
    if member.role_in_family:
        parts.append(member.role_in_family)
    if member.membership_id:
        parts.append(member.membership.organisation.name)
    return ", ".join(parts)


def _require_open(family: Family) -> None:
    if not family.is_open:
        raise ValidationError(_("Dit gezinsdossier is gesloten; heropen het eerst."))


def _json_value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


PERSON_FIELDS = (
    "role",
    "first_name",
    "last_name",
    "date_of_birth",
    "bsn",
    "phone",
    "email",
    "preferred_contact",
)
PREGNANCY_FIELDS = ("due_date", "gravidity", "parity", "entered_care_on")


def _fields(data: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    return dict(data)


def _person_values(person: Person) -> dict[str, Any]:
    """The person's fields as JSON for the timeline; the BSN only masked (it must not leak)."""
    values = {name: _json_value(getattr(person, name)) for name in PERSON_FIELDS}
    values["bsn"] = person.bsn_masked
    return values


def _person_summary(person: Person) -> str:
    return f"{person} ({person.get_role_display()})"


def _changes(before: dict, after: dict) -> dict[str, list]:
    return {k: [before[k], after[k]] for k in after if before[k] != after[k]}


def _child_of(family: Family, pk: int, queryset) -> Any:
    from django.http import Http404

    from kansrijk.access.policy import NOT_FOUND_MESSAGE

    obj = queryset.select_for_update().filter(pk=pk, family=family).first()
    if obj is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return obj


@transaction.atomic
def person_add(
    *, actor: Professional, family_pk: int, data: Mapping[str, Any], request=None
) -> Person:
    """Add someone to the household; `data` holds `PERSON_FIELDS` (BSN optional)."""
    return _add_to_family(
        Person,
        _fields(data, PERSON_FIELDS),
        actor=actor,
        family_pk=family_pk,
        request=request,
        detail=_("Persoon toegevoegd"),
        kind=TimelineKind.PERSON_ADDED,
        summary=_person_summary,
        exclude=["family", "coalition", "pregnancy"],
    )


def _add_to_family(
    model, values: dict[str, Any], *, actor, family_pk, request, detail, kind, summary, exclude
):
    """Create a row of an open family the actor may change, logged and on the timeline."""
    family = get_family_for_user(
        actor, family_pk, Action.CREATE, request=request, lock=True, detail=detail
    )
    _require_open(family)
    obj = model(family=family, coalition_id=family.coalition_id, **values)
    obj.full_clean(exclude=exclude)
    obj.save()
    timeline_record(family=family, kind=kind, actor=actor, obj=obj, summary=summary(obj))
    return obj


@transaction.atomic
def person_update(
    *,
    actor: Professional,
    family_pk: int,
    person_pk: int,
    data: Mapping[str, Any],
    request=None,
) -> Person:
    """Change a person; the previous values are kept in the timeline event's `changes`."""
    values = _fields(data, PERSON_FIELDS)
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        persons=[person_pk],
        detail=_("Persoonsgegevens gewijzigd"),
    )
    _require_open(family)
    person = _child_of(family, person_pk, Person.objects)
    before = _person_values(person)
    for name, value in values.items():
        setattr(person, name, value)
    person.full_clean(exclude=["family", "coalition", "pregnancy"])
    changes = _changes(before, _person_values(person))
    if not changes:
        return person
    person.save()
    timeline_record(
        family=family,
        kind=TimelineKind.PERSON_CHANGED,
        actor=actor,
        obj=person,
        summary=_("%(person)s — gewijzigd: %(fields)s")
        % {"person": _person_summary(person), "fields": _field_labels(Person, changes)},
        changes=changes,
    )
    return person


def _pregnancy_values(pregnancy: Pregnancy) -> dict[str, Any]:
    names = (*PREGNANCY_FIELDS, "birth_date", "outcome")
    return {name: _json_value(getattr(pregnancy, name)) for name in names}


@transaction.atomic
def pregnancy_add(
    *, actor: Professional, family_pk: int, data: Mapping[str, Any], request=None
) -> Pregnancy:
    """Add a pregnancy (a family can have several over time); `data` holds `PREGNANCY_FIELDS`."""
    return _add_to_family(
        Pregnancy,
        _fields(data, PREGNANCY_FIELDS),
        actor=actor,
        family_pk=family_pk,
        request=request,
        detail=_("Zwangerschap toegevoegd"),
        kind=TimelineKind.PREGNANCY_ADDED,
        summary=str,
        exclude=["family", "coalition"],
    )


@transaction.atomic
def pregnancy_update(
    *,
    actor: Professional,
    family_pk: int,
    pregnancy_pk: int,
    data: Mapping[str, Any],
    request=None,
) -> Pregnancy:
    """Change a pregnancy's dates or counts; the previous values stay in the timeline."""
    values = _fields(data, PREGNANCY_FIELDS)
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Zwangerschap gewijzigd"),
    )
    _require_open(family)
    pregnancy = _child_of(family, pregnancy_pk, Pregnancy.objects)
    before = _pregnancy_values(pregnancy)
    for name, value in values.items():
        setattr(pregnancy, name, value)
    pregnancy.full_clean(exclude=["family", "coalition"])
    changes = _changes(before, _pregnancy_values(pregnancy))
    if not changes:
        return pregnancy
    pregnancy.save()
    timeline_record(
        family=family,
        kind=TimelineKind.PREGNANCY_CHANGED,
        actor=actor,
        obj=pregnancy,
        summary=_("%(pregnancy)s — gewijzigd: %(fields)s")
        % {"pregnancy": pregnancy, "fields": _field_labels(Pregnancy, changes)},
        changes=changes,
    )
    return pregnancy


@transaction.atomic
def pregnancy_birth_record(
    *,
    actor: Professional,
    family_pk: int,
    pregnancy_pk: int,
    birth_date: date,
    outcome: str,
    child_first_name: str = "",
    child_last_name: str = "",
    request=None,
) -> Pregnancy:
    """Record how a pregnancy ended; a live birth adds the child to the household.

    The child (role child, born on the birth date, linked to the pregnancy) is created in the
    same transaction, so there is never a birth without its child or the other way round.
    """
    from .models import PersonRole, PregnancyOutcome

    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Geboorte vastgelegd"),
    )
    _require_open(family)
    pregnancy = _child_of(family, pregnancy_pk, Pregnancy.objects)
    if pregnancy.birth_date is not None:
        raise ValidationError(_("De afloop van deze zwangerschap is al vastgelegd."))
    before = _pregnancy_values(pregnancy)
    pregnancy.birth_date = birth_date
    pregnancy.outcome = outcome
    pregnancy.full_clean(exclude=["family", "coalition"])
    pregnancy.save()
    changes = _changes(before, _pregnancy_values(pregnancy))
    child = None
    if outcome == PregnancyOutcome.LIVE_BIRTH:
        child = Person(
            family=family,
            coalition_id=family.coalition_id,
            role=PersonRole.CHILD,
            first_name=(child_first_name or "").strip() or _("Baby"),
            last_name=(child_last_name or "").strip(),
            date_of_birth=birth_date,
            pregnancy=pregnancy,
        )
        child.full_clean(exclude=["family", "coalition", "pregnancy"])
        child.save()
        changes["child"] = [None, child.pk]
    summary = _("%(outcome)s op %(date)s") % {
        "outcome": pregnancy.get_outcome_display(),
        "date": date_format(birth_date, "j F Y"),
    }
    if child is not None:
        summary = f"{summary}: {child}"
    timeline_record(
        family=family,
        kind=TimelineKind.BIRTH_RECORDED,
        actor=actor,
        obj=pregnancy,
        summary=summary,
        changes=changes,
    )
    return pregnancy


# --- Opening a file with its client and current pregnancy (family pages, issue 4) ----------


@transaction.atomic
def family_create_with_client(
    *,
    actor: Professional,
    municipality: Municipality,
    data: Mapping[str, Any],
    client: Mapping[str, Any],
    pregnancy: Mapping[str, Any] | None = None,
    role_in_family: str = "",
    request=None,
) -> Family:
    """Open a family file with its pregnant client (or mother) and, optionally, the current
    pregnancy: all or nothing, in one transaction.

    `client` holds `PERSON_FIELDS` except `role`; `pregnancy` holds `PREGNANCY_FIELDS`. Raises
    `ValidationError` keyed by the model field that is wrong (the three parts share no field
    names) and `PermissionDenied` for someone who is no professional of that coalition.
    """
    from .models import PersonRole

    family = family_create(
        actor=actor,
        municipality=municipality,
        data=data,
        role_in_family=role_in_family,
        request=request,
    )
    person_add(
        actor=actor,
        family_pk=family.pk,
        data={**client, "role": PersonRole.CLIENT},
        request=request,
    )
    if pregnancy:
        pregnancy_add(actor=actor, family_pk=family.pk, data=pregnancy, request=request)
    return family
