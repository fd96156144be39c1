"""Reads of family data for the acting professional.

Every read starts from the access policy (`families_visible_to`): a selector never widens
what the policy allows, it only narrows, annotates and orders. Single families for a page
are fetched with `kansrijk.access.policy.get_family_for_user`, which also writes the
NEN 7513 access event.
"""

from datetime import date

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from kansrijk.access.policy import families_visible_to
from kansrijk.core.compiled import CompiledQuery, keep_prefetched
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader
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


def with_phase_dates(queryset: QuerySet[Family]) -> QuerySet[Family]:
    """`queryset` with the due date and birth date of the pregnancy that decides each
    family's phase (`phase_due_date`, `phase_birth_date`), as subqueries: the phase of a
    page of families is then computed without reading their pregnancies."""
    phase_pregnancy = _phase_pregnancy()
    return queryset.annotate(
        phase_due_date=Subquery(phase_pregnancy.values("due_date")[:1]),
        phase_birth_date=Subquery(phase_pregnancy.values("birth_date")[:1]),
    )


def families_for_list(user: Professional, *, coalition: Coalition | None) -> QuerySet[Family]:
    """The user's families in `coalition`, with what a list row shows, in one query.

    Everything a row needs is annotated (client name, the phase's pregnancy dates, the
    user's own role on the care team) or joined (municipality), so a page of 25 rows costs
    one query and the phase is computed in Python from the annotated dates. The keys that
    only sorting or the phase filter need are added by `with_list_keys`, for the order
    chosen: each is a subquery per family to build, compile and run.
    """
    if coalition is None:
        return Family.objects.none()
    client = _client()
    return (
        with_phase_dates(families_visible_to(user, coalition=coalition))
        .select_related("municipality")
        .annotate(
            client_first_name=Subquery(client.values("first_name")[:1]),
            client_last_name=Subquery(client.values("last_name")[:1]),
            my_role=Subquery(
                CareTeamMember.objects.current()
                .filter(family=OuterRef("pk"), professional=user)
                .order_by("start_date", "pk")
                .values("role_in_family")[:1],
                output_field=CharField(),
            ),
        )
    )


def _phase_rank() -> Case:
    # 0 before pregnancy, 1 pregnant, 2 born: with the key date, the order of the 1000 days
    # ("phase" sort).
    return Case(
        When(phase_pregnancy_id__isnull=True, then=Value(0)),
        When(phase_birth_date__isnull=True, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


# Annotations of `families_for_list` that only some orders and filters need, with the ones
# each of them builds on.
LIST_KEYS = {
    "phase_pregnancy_id": ((), lambda: Subquery(_phase_pregnancy().values("pk")[:1])),
    "phase_rank": (("phase_pregnancy_id",), _phase_rank),
    "phase_key_date": ((), lambda: Coalesce("phase_birth_date", "phase_due_date")),
    "client_sort_name": ((), lambda: Lower(Coalesce("client_last_name", Value("")))),
}


def with_list_keys(queryset: QuerySet[Family], *names: str) -> QuerySet[Family]:
    """`queryset` (of `families_for_list`) with the keys among `names` it does not have yet
    (see `LIST_KEYS`); other names, such as plain fields, are left alone."""
    for name in names:
        if name not in LIST_KEYS or name in queryset.query.annotations:
            continue
        needs, expression = LIST_KEYS[name]
        queryset = with_list_keys(queryset, *needs)
        queryset = queryset.annotate(**{name: expression()})
    return queryset


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
    queryset = with_list_keys(queryset, "phase_pregnancy_id")
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
    user: Professional, pk: int, *, coalition: Coalition | None = None, for_change: bool = False
) -> Family | None:
    """The family `pk` if the policy lets `user` see it now (with `for_change`: change it),
    without logging a read.

    For a form post whose service logs the write itself; pages that show a family use
    `get_family_for_user`.
    """
    return (
        families_visible_to(user, coalition=coalition, for_change=for_change).filter(pk=pk).first()
    )


def family_pages() -> QuerySet[Family]:
    """Families as a page fetches one through the policy: with the municipality joined."""
    return Family.objects.select_related("municipality")


def family_file_reads(family: Family) -> Reader:
    """A reader (`kansrijk.core.together`) of what the file page shows of `family`.

    Read onto the same instance (four queries in one round trip, whatever the household
    size, each compiled once: `CompiledQuery`): persons and pregnancies (kept as prefetched:
    `family.persons.all()`), the current care team with account, membership and
    organisation (`current_care_team`), and the consents in force (`consents_in_force`).
    The family is not read again; fetched with `family_pages()` it has its municipality.
    """
    persons = _PERSONS.ask(family=family.pk)
    pregnancies = _PREGNANCIES.ask(family=family.pk)
    care_team = _CURRENT_CARE_TEAM.ask(family=family.pk, today=timezone.localdate())
    consents = _CONSENTS_IN_FORCE.ask(family=family.pk)
    yield
    keep_prefetched(family, "persons", persons.rows())
    keep_prefetched(family, "pregnancies", pregnancies.rows())
    family.current_care_team = care_team.rows()
    family.consents_in_force = consents.rows()
    return family


_PERSONS = CompiledQuery(
    lambda: Person.objects.filter(family_id=Slot("family")).order_by("role", "date_of_birth", "pk")
)
_PREGNANCIES = CompiledQuery(
    lambda: Pregnancy.objects.filter(family_id=Slot("family")).order_by("-due_date", "-pk")
)
_CURRENT_CARE_TEAM = CompiledQuery(
    lambda: (
        CareTeamMember.objects.current(today=Slot("today", DateField()))
        .filter(family_id=Slot("family"))
        .select_related("professional", "membership__organisation")
        .order_by("start_date", "pk")
    )
)
_CONSENTS_IN_FORCE = CompiledQuery(
    lambda: Consent.objects.in_force().filter(family_id=Slot("family"))
)


def family_versions(family: Family) -> QuerySet[FamilyVersion]:
    """The kept versions of a granted family, newest first, with who made each."""
    return family.versions.select_related("changed_by").order_by("-version")


class WindowCountPaginator(Paginator):
    """A `Paginator` whose page query counts all rows too (`COUNT(*) OVER ()`).

    A page then costs one query instead of a count and the page: over the access policy's
    subqueries, building and planning the count cost nearly as much as the page itself
    (benchmark, issue 5). Only a page past the end needs a count of its own, to find the
    last page; a list or a paginator with orphans is paginated as by Django.
    """

    def page(self, number):
        if self.orphans or "count" in self.__dict__ or not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self._whole_number(number)
        bottom = (number - 1) * self.per_page
        if bottom >= 2**62:  # beyond any table, and beyond what the database's OFFSET takes
            return super().page(number)
        rows = list(
            self.object_list.annotate(rows_in_total=Window(Count("*")))[
                bottom : bottom + self.per_page
            ]
        )
        if rows:
            self.count = rows[0].rows_in_total
        elif number == 1:
            self.count = 0
        else:  # past the end: Django's count tells the last page
            return super().page(number)
        return self._get_page(rows, number, self)

    def get_page(self, number):
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)

    def _whole_number(self, number) -> int:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number
