"""Reads of family data for the acting professional.

Every read starts from the access policy (`families_visible_to`): a selector never widens
what the policy allows, it only narrows, annotates and orders. Single families for a page
are fetched with `kansrijk.access.policy.get_family_for_user`, which also writes the
NEN 7513 access event.
"""

from datetime import date

from django.db.models import (
    Case,
    CharField,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from kansrijk.access.policy import families_visible_to
from kansrijk.organisations.models import Coalition, Professional

from .models import (
    CareTeamMember,
    Consent,
    Family,
    FamilyVersion,
    Person,
    PersonRole,
    Pregnancy,
    PregnancyOutcome,
)
from .phases import PhaseCode, compute_phase, phase_date_bounds

# A pregnancy "counts" for the phase when it is running or gave a living child; the same
# rule as `phases.family_phase`, here as a database filter.
COUNTING_PREGNANCY = Q(birth_date__isnull=True, outcome="") | Q(outcome=PregnancyOutcome.LIVE_BIRTH)


def _phase_pregnancy() -> QuerySet[Pregnancy]:
    """The pregnancy that decides a family's phase: the latest that counts.

    Ordered like `family_phase`: by birth date, else due date, then by id.
    """
    return (
        Pregnancy.objects.filter(COUNTING_PREGNANCY, family=OuterRef("pk"))
        .annotate(key_date=Coalesce("birth_date", "due_date"))
        .order_by("-key_date", "-pk")
    )


def _client() -> QuerySet[Person]:
    """The family's first pregnant client (or mother), as shown in lists."""
    return Person.objects.filter(family=OuterRef("pk"), role=PersonRole.CLIENT).order_by("pk")


def families_for_list(user: Professional, *, coalition: Coalition | None) -> QuerySet[Family]:
    """The user's families in `coalition`, with what a list row shows, in one query.

    Everything a row needs is annotated (client name, the phase's pregnancy dates, the
    user's own role on the care team) or joined (municipality), so a page of 25 rows costs
    one query and the phase is computed in Python from the annotated dates.
    """
    if coalition is None:
        return Family.objects.none()
    phase_pregnancy = _phase_pregnancy()
    client = _client()
    return (
        families_visible_to(user, coalition=coalition)
        .select_related("municipality")
        .annotate(
            phase_pregnancy_id=Subquery(phase_pregnancy.values("pk")[:1]),
            phase_due_date=Subquery(phase_pregnancy.values("due_date")[:1]),
            phase_birth_date=Subquery(phase_pregnancy.values("birth_date")[:1]),
            client_first_name=Subquery(client.values("first_name")[:1]),
            client_last_name=Subquery(client.values("last_name")[:1]),
            my_role=Subquery(
                CareTeamMember.objects.current()
                .filter(family=OuterRef("pk"), professional=user)
                .order_by("start_date", "pk")
                .values("role_in_family")[:1],
                output_field=CharField(),
            ),
            # 0 before pregnancy, 1 pregnant, 2 born: with the key date, the order of the
            # 1000 days ("phase" sort).
            phase_rank=Case(
                When(phase_pregnancy_id__isnull=True, then=Value(0)),
                When(phase_birth_date__isnull=True, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            phase_key_date=Coalesce("phase_birth_date", "phase_due_date"),
            client_sort_name=Lower(Coalesce("client_last_name", Value(""))),
        )
    )


def with_phase(families, *, today: date):
    """Attach `phase` to each family of `families_for_list` without a query."""
    for family in families:
        family.phase = compute_phase(
            today=today, due_date=family.phase_due_date, birth_date=family.phase_birth_date
        )
    return families


def filter_by_phase(queryset: QuerySet[Family], code: str, *, today: date) -> QuerySet[Family]:
    """Families of `families_for_list` whose phase today is `code`, decided in the database.

    Uses `phase_date_bounds`: the range of due dates or birth dates that gives the phase.
    """
    code = PhaseCode(code)
    bounds = phase_date_bounds(code, today=today)
    if bounds is None:  # preconception: no pregnancy counts
        return queryset.filter(phase_pregnancy_id__isnull=True)
    decisive = Pregnancy.objects.filter(pk=OuterRef("phase_pregnancy_id"), **bounds.as_filter())
    if bounds.field == "due_date":
        decisive = decisive.filter(birth_date__isnull=True)
    else:
        decisive = decisive.filter(birth_date__isnull=False)
    return queryset.filter(Exists(decisive))


def search_families(
    queryset: QuerySet[Family],
    *,
    name: str = "",
    date_of_birth: date | None = None,
    postcode: str = "",
) -> QuerySet[Family]:
    """Narrow by a person's name (every word in a first or last name), a person's date of
    birth and the postcode (with or without the space)."""
    for word in name.split():
        queryset = queryset.filter(
            Exists(
                Person.objects.filter(family=OuterRef("pk")).filter(
                    Q(first_name__icontains=word) | Q(last_name__icontains=word)
                )
            )
        )
    if date_of_birth is not None:
        queryset = queryset.filter(
            Exists(Person.objects.filter(family=OuterRef("pk"), date_of_birth=date_of_birth))
        )
    compact = "".join(postcode.split()).upper()
    if compact:
        # Postcodes are stored as "1234 AB"; "1234AB", "1234 ab" and "1234" all find it.
        wanted = f"{compact[:4]} {compact[4:]}".strip() if len(compact) > 4 else compact
        queryset = queryset.filter(postcode__istartswith=wanted)
    return queryset


def visible_family(
    user: Professional, pk: int, *, coalition: Coalition | None = None
) -> Family | None:
    """The family `pk` if the policy lets `user` see it now, without logging a read.

    For a form post whose service logs the write itself; pages that show a family use
    `get_family_for_user`.
    """
    return families_visible_to(user, coalition=coalition).filter(pk=pk).first()


def family_file(family: Family) -> Family:
    """The family with what its file page shows, for a family the policy already granted.

    Prefetched (five queries, whatever the household size): persons, pregnancies, the
    current care team with membership and organisation, consents in force and the
    municipality.
    """
    return (
        Family.objects.filter(pk=family.pk)
        .select_related("municipality", "created_by")
        .prefetch_related(
            Prefetch("persons", queryset=Person.objects.order_by("role", "date_of_birth", "pk")),
            Prefetch("pregnancies", queryset=Pregnancy.objects.order_by("-due_date", "-pk")),
            Prefetch(
                "care_team_members",
                queryset=CareTeamMember.objects.current()
                .select_related("professional", "membership__organisation")
                .order_by("start_date", "pk"),
                to_attr="current_care_team",
            ),
            Prefetch(
                "consents",
                queryset=Consent.objects.in_force().select_related("recorded_by"),
                to_attr="consents_in_force",
            ),
        )
        .get()
    )


def family_versions(family: Family) -> QuerySet[FamilyVersion]:
    """The kept versions of a granted family, newest first, with who made each."""
    return family.versions.select_related("changed_by").order_by("-version")
