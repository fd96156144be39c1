"""The access policy: who may see which family, and on what ground.

The rules, in plain words (DESIGN.md section 5):

1. A professional sees a family only on a *ground*. Grounds are registered by the apps that
   create them, when Django starts (`register_ground` in `AppConfig.ready`):
   - "care team" (registered by `families`): the professional is a current member of the
     family's care team;
   - "break-the-glass" (owned by `access`, registered in `AccessConfig.ready`): the
     professional started emergency access to this family with a reason, less than
     `BREAK_THE_GLASS_HOURS` (default 3) ago;
   - "MDO participant" (registered by `mdo`): participant of a meeting where the family is
     on the agenda by name, only with consent for named discussion, from the publication of
     the agenda until some days after the meeting. It is *read-only*: it never lets anyone
     change, create or delete family data (`Ground.read_only`).
   When several grounds hold, the ordinary one (lowest `order`) is the one logged.
2. Every ground holds only inside the family's own coalition: the professional needs a
   current membership *as professional* in that coalition. Another coalition's professionals
   see nothing of this coalition, whatever ground they might otherwise have.
3. Roles give no family data: coordinators, analysts and administrators see a family only on
   the same grounds as anyone else, and a membership without the professional role gives
   none. Inactive accounts see nothing.
4. Someone without access gets "not found" (HTTP 404), never "forbidden", so that the answer
   does not reveal whether the family exists.
5. Every access to one family through `get_family_for_user` writes a NEN 7513 access event
   in the caller's transaction, with the ground and the four checks (authorisation,
   treatment relationship, consent, emergency); refused attempts are logged too, with
   authorisation false.

`access` must not import `families`: the family model is looked up by its label.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import connections
from django.db.models import (
    BigIntegerField,
    BooleanField,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
)
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.organisations.models import Membership

from .models import FAMILY_MODEL, BreakTheGlass

NOT_FOUND_MESSAGE = _("Niet gevonden of geen toegang.")


@dataclass(frozen=True)
class Ground:
    """One reason why a professional may see a family.

    `condition(user)` returns a filter over families (a `Q` or an `Exists`) that is true for
    the families `user` may see on this ground now. `consent(family)` says whether the
    family's consent for this ground is in force (for the log's consent check), and
    `detail(user, family)` gives text for the log, such as a break-the-glass reason.
    `consent_condition()`, when given, is the same consent check as a filter over the outer
    family row (`OuterRef("pk")`): the policy's one query for a family then answers it too,
    instead of a query of its own after access is granted.
    A lower `order` is preferred when several grounds hold (the care team before
    break-the-glass), so the log names the ordinary ground whenever there is one.
    `compilable`: `condition(user)` and `consent_condition()` make the same SQL for every
    user all day long: `user` may be a `Slot` (they only compare a column with it), and
    nothing else they read changes before tomorrow (today's date may). The policy then builds
    and compiles its query for one family once per day and process (`CompiledQuery`).
    `family_ids(user)` returns the ids of the families `user` may see on this ground, as a
    subquery; lists use it, because the database can then start from the professional's own
    rows (a caseload of a few hundred) instead of testing every family of the coalition.
    It takes the moment as `now` and `today` (keywords, None: the clock's).
    `family_ids_compilable(user)`: True when `family_ids(user, now=..., today=...)` makes the
    same SQL for every user and moment with a `Slot` for each of the three (it compares
    columns with them and reads the time from them only); a ground scoped to one handover
    says False while the scope holds. When every ground says True, the policy compiles the
    union of their sets once per process (`families_visible_to`).
    Both must agree: `family_ids` gives exactly the families `condition` holds for (one
    family is checked with `condition`, a list with `family_ids`). A `read_only` ground
    grants reading, searching, exporting and printing, never a change: for any other action
    `get_family_for_user` passes over it.
    """

    code: str
    label: str
    condition: Callable[[object], Q | Exists]
    treatment_relationship: bool
    order: int = 50
    emergency: bool = False
    consent: Callable[[object], bool] | None = None
    consent_condition: Callable[[], Q | Exists] | None = None
    detail: Callable[[object, object], str] | None = None
    family_ids: Callable[..., QuerySet] | None = None
    read_only: bool = False
    compilable: bool = False
    family_ids_compilable: Callable[[object], bool] | None = None


# What a read-only ground allows (NEN 7513 actions): looking, never changing.
READ_ONLY_ACTIONS = frozenset({"R", "S", "E", "P"})

_grounds: dict[str, Ground] = {}


def register_ground(ground: Ground) -> None:
    """Add (or replace, on a reload) a ground; called from `AppConfig.ready`."""
    _grounds[ground.code] = ground
    ordered = sorted(_grounds.values(), key=lambda g: (g.order, g.code))
    _grounds.clear()
    _grounds.update((g.code, g) for g in ordered)
    _compiled_reads.clear()
    _compiled_sets.clear()


def ground_labels() -> dict[str, str]:
    """Each registered ground's label as text in the current language, by code."""
    return {code: str(ground.label) for code, ground in _grounds.items()}


def ground_label(code: str) -> str:
    """Ground `code`'s label as text in the current language ("" for one no app registers)."""
    ground = _grounds.get(code)
    return str(ground.label) if ground is not None else ""


def registered_grounds() -> list[Ground]:
    return list(_grounds.values())


def family_model():
    return apps.get_model(FAMILY_MODEL)


def professional_coalition_ids(user, *, today=None) -> QuerySet:
    """Coalitions where `user` works as a professional now (rule 2 and 3)."""
    return (
        Membership.objects.current(today)
        .filter(professional=user, is_professional=True)
        .values("coalition_id")
    )


class _InSet(Func):
    """`column IN (subquery)`; on PostgreSQL written `column = ANY(ARRAY(subquery))`.

    PostgreSQL then computes the small set (a caseload of a few hundred families, a
    professional's coalitions) once, before reading families, and looks those up by index.
    Written as `IN`, it is planned as a join, and the planner's row estimates made it read
    all families of the coalition (14,000 at national scale) to hash them against the
    caseload: five times slower, and slower the larger the coalition (benchmark, issue 5).

    The subquery is compiled to SQL once, here: it refers to nothing outside itself, and the
    querysets a page builds on the visible families (annotations, ordering, a count and a
    page) would otherwise clone the union of every ground's query at each step and compile
    it again for each query they run.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, column, subquery: QuerySet | None = None, *, sql="", params=()):
        """The set is `subquery`, or its SQL and parameters compiled earlier
        (`_compiled_set`)."""
        if subquery is not None:
            subquery = subquery.order_by()
            sql, params = subquery.query.get_compiler(using=subquery.db).as_sql()
        self.set_sql, self.set_params = sql, tuple(params)
        super().__init__(column)

    def as_sql(self, compiler, connection, **extra):
        (column,) = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        params = (*column_params, *self.set_params)
        if connection.vendor == "postgresql":
            return f"{column_sql} = ANY(ARRAY({self.set_sql}))", params
        return f"{column_sql} IN ({self.set_sql})", params


def loaded_memberships(user, coalition_id, request) -> list | None:
    """`user`'s current memberships in coalition `coalition_id` as a page already loaded
    them (`request.active`, the coalition worked in, shown in every page's header), or None
    when the request does not have them: then the caller queries.

    Only a page's request (Django's, not the API's): evaluating `request.active` for an
    API token would start a session.
    """
    if not isinstance(request, HttpRequest) or coalition_id is None:
        return None
    active = getattr(request, "active", None)
    if active is None or getattr(active.coalition, "pk", None) != coalition_id:
        return None
    mine = [m for m in active.memberships if m.professional_id == user.pk]
    return mine or None


def _may_see_any(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.pk)


def families_visible_to(
    user,
    *,
    coalition=None,
    queryset: QuerySet | None = None,
    for_change: bool = False,
    ground: str = "",
) -> QuerySet:
    """The families `user` may see now, optionally only those of `coalition`; with
    `for_change`, only those a ground lets `user` change (read-only grounds left out); with
    `ground` (a code), only those that ground gives (the care team: the professional's own
    families, for the work queue).

    One query however many grounds: the ids each ground gives are combined with UNION, so
    that the database starts from the professional's own caseload. (OR-ed `EXISTS` tests,
    the fallback for a ground without `family_ids`, made PostgreSQL read every family of a
    coalition at national scale.)
    """
    queryset = family_model().objects.all() if queryset is None else queryset
    grounds = [
        g
        for g in _grounds.values()
        if not (for_change and g.read_only) and (not ground or g.code == ground)
    ]
    if not _may_see_any(user) or not grounds:
        return queryset.none()
    if all(_family_ids_compilable(ground, user) for ground in grounds):
        return _visible_compiled(queryset, user, coalition, grounds)
    queryset = queryset.filter(_InSet(F("coalition_id"), professional_coalition_ids(user)))
    if coalition is not None:
        queryset = queryset.filter(coalition=coalition)
    if all(ground.family_ids for ground in grounds):
        id_queries = [ground.family_ids(user).order_by() for ground in grounds]
        return queryset.filter(_InSet(F("pk"), id_queries[0].union(*id_queries[1:])))
    any_ground = Q()
    for ground in grounds:
        any_ground |= Q(ground.condition(user))
    return queryset.filter(any_ground)


# `families_visible_to` with its two sets compiled once per process: the SQL of the
# professional's coalitions and of the union of the grounds' family ids, with a `Slot` for
# the user and the moment (`_compiled_set`). Building and compiling that union of five or six
# subqueries cost the families list about two thirds of its 11 ms of queryset building per
# request, the MDO agenda a tenth of its CPU (benchmark, issue 5).
_USER = Slot("user")
_NOW = Slot("now", DateTimeField())
_TODAY = Slot("today", DateField())
_compiled_sets: dict[tuple, tuple[str, tuple, str]] = {}


def _family_ids_compilable(ground: Ground, user) -> bool:
    return bool(
        ground.family_ids and ground.family_ids_compilable and ground.family_ids_compilable(user)
    )


def _visible_compiled(queryset: QuerySet, user, coalition, grounds: list[Ground]) -> QuerySet:
    values = {"user": user.pk, "now": timezone.now(), "today": timezone.localdate()}
    coalitions = _compiled_set(
        (queryset.db, "coalitions"),
        lambda: professional_coalition_ids(_USER, today=_TODAY),
        values,
    )
    queryset = queryset.filter(_InSet(F("coalition_id"), **coalitions))
    if coalition is not None:
        queryset = queryset.filter(coalition=coalition)

    def union() -> QuerySet:
        id_queries = [
            ground.family_ids(_USER, now=_NOW, today=_TODAY).order_by() for ground in grounds
        ]
        return id_queries[0].union(*id_queries[1:])

    codes = tuple(ground.code for ground in grounds)
    families = _compiled_set((queryset.db, "families", *codes), union, values)
    return queryset.filter(_InSet(F("pk"), **families))


def _compiled_set(key: tuple, build: Callable[[], QuerySet], values: dict) -> dict:
    """The SQL and parameters of the subquery `build` makes (with slots), compiled at the
    first call for `key`, with `values` in its slots: keyword arguments for `_InSet`."""
    found = _compiled_sets.get(key)
    if found is None:
        subquery = build().order_by()
        sql, params = subquery.query.get_compiler(using=subquery.db).as_sql()
        found = _compiled_sets[key] = (sql, tuple(params), subquery.db)
    sql, params, db = found
    connection = connections[db]
    return {
        "sql": sql,
        "params": tuple(
            param.prepare(values[param.name], connection) if isinstance(param, Slot) else param
            for param in params
        ),
    }


def visible_family_ids(user, *, coalition=None) -> list[int]:
    """The ids of `families_visible_to(user, coalition=coalition)`, read in one query.

    For a list that filters more than one query by them (a count and a page): a caseload's
    few hundred ids compile in a fraction of the time of the policy's union of subqueries,
    and the database computes the set once instead of once per query ("my tasks": 17.5 to
    19.7 ms of CPU per request in-process before, 15.3 after, 1,000 families). The grounds
    bound the set by what the professional takes part in (care teams, MDO items, one scoped
    handover or referral, a break-the-glass), never a whole coalition.
    """
    visible = families_visible_to(user, coalition=coalition)
    return list(visible.order_by().values_list("pk", flat=True))


def ground_holds(user, pk, code: str) -> bool:
    """Whether ground `code` gives `user` the family `pk` now: one query, nothing logged.

    For a page that only one ground opens (the access report: the care team), checked
    before `get_family_for_user` logs the read.
    """
    ground = _grounds.get(code)
    if ground is None or not _may_see_any(user):
        return False
    return (
        family_model()
        .objects.filter(pk=pk)
        .filter(_InSet(F("coalition_id"), professional_coalition_ids(user)))
        .filter(ground.condition(user))
        .exists()
    )


@dataclass(frozen=True)
class AccessDecision:
    ground: Ground | None
    consent: bool = False
    detail: str = ""

    @property
    def allowed(self) -> bool:
        return self.ground is not None


def _ground_annotations(user, grounds: Iterable[Ground] | None = None) -> dict:
    """One boolean per ground (every registered one, or `grounds`): whether it holds for
    `user` on a family row; and one per ground with a `consent_condition`: whether its
    consent is in force."""
    grounds = list(_grounds.values() if grounds is None else grounds)
    annotations = {
        f"_ground_{g.code}": ExpressionWrapper(Q(g.condition(user)), output_field=BooleanField())
        for g in grounds
    }
    for g in grounds:
        if g.consent_condition is not None:
            annotations[f"_consent_{g.code}"] = ExpressionWrapper(
                Q(g.consent_condition()), output_field=BooleanField()
            )
    return annotations


def _annotated(row, name: str, default=None):
    """`name` of a family row: an instance's attribute or a `values()` dict's key."""
    return row.get(name, default) if isinstance(row, dict) else getattr(row, name, default)


def _decision(
    user, family, holds: dict[str, bool], action: str | None = None, row=None
) -> AccessDecision:
    """The first registered ground that holds (`holds`: ground code -> bool) and allows
    `action` (None: any ground; a read-only ground allows only `READ_ONLY_ACTIONS`). Its
    consent comes from `row` (the family as the policy's query annotated it) when that
    answered it, otherwise from the ground's `consent`."""
    for code, ground in _grounds.items():
        if not _allows(ground, action):
            continue
        if holds.get(code):
            consent = _annotated(row, f"_consent_{code}") if row is not None else None
            if consent is None:
                consent = bool(ground.consent and ground.consent(family))
            return AccessDecision(
                ground=ground,
                consent=bool(consent),
                detail=ground.detail(user, family) if ground.detail else "",
            )
    return AccessDecision(ground=None)


def decide(user, family) -> AccessDecision:
    """On which ground (the first registered that holds) `user` may see `family` now."""
    if not _may_see_any(user):
        return AccessDecision(ground=None)
    annotations = _ground_annotations(user)
    row = (
        family_model()
        .objects.filter(pk=family.pk, coalition_id__in=professional_coalition_ids(user))
        .annotate(**annotations)
        .values(*annotations)
        .first()
    )
    holds = {code: bool(row and row[f"_ground_{code}"]) for code in _grounds}
    return _decision(user, family, holds, row=row)


def get_family_for_user(
    user,
    pk,
    action: str,
    *,
    request=None,
    coalition=None,
    lock: bool = False,
    persons: Iterable[int] | Callable[[object], Iterable[int]] = (),
    detail: str = "",
    queryset: QuerySet | Callable[[], QuerySet] | None = None,
):
    """The family `pk` if `user` may see it, after logging the access; otherwise `Http404`.

    `lock=True` takes a row lock (`select_for_update`) for a service that is about to
    change the family, so call it inside `transaction.atomic()`. `queryset` (families, for
    instance with `select_related` for the page) is narrowed by the policy, never widened;
    given as the function that makes it (`families.selectors.family_pages`), the query is
    compiled once (`_compiled_read`) when the first ground is `compilable`.
    `persons`, the persons concerned for the event, may be a function of the granted family
    (called only once access is granted), e.g. to read them from what the page prefetched.

    One query finds the family in a coalition where `user` works as professional and tells
    whether the first ground that allows `action` holds (the care team, the ground of nearly
    every read): a column of that one row (the `family_ids` of `families_visible_to` serve
    lists; for one family they would only add work). Only when it does not, a second query
    asks the other grounds the same way. Asking every ground at once cost three times as much
    to build and compile as the care team alone (the family file: 4.6 against 1.3 ms of CPU;
    benchmark, issue 5). The family is granted when a ground holds; its consent and detail,
    and the event, follow.
    """
    from .services import access_event_record

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND_MESSAGE) from None
    if abs(pk) > BigIntegerField.MAX_BIGINT:
        # No row has such an id (the compiled query would pass it on unchecked).
        raise Http404(NOT_FOUND_MESSAGE)
    family = None
    coalition_id = getattr(coalition, "pk", coalition)
    known = loaded_memberships(user, coalition_id, request) if coalition is not None else None
    if _may_see_any(user) and _grounds and (known is None or _is_professional(known)):
        # Rule 2 in the query, unless the memberships the page loaded settled it.
        shape = {"lock": lock, "rule_2": known is None, "by_coalition": coalition is not None}
        grounds = [g for g in _grounds.values() if _allows(g, action)]
        first, others = grounds[:1], grounds[1:]
        compiled = _compiled_read(queryset, first[0], **shape) if first else None
        if compiled is not None:
            family = compiled.first(pk=pk, user=user.pk, coalition=coalition_id)
        else:
            family = (
                _one_family(queryset, pk=pk, user=user, coalition_id=coalition_id, **shape)
                .annotate(**_ground_annotations(user, first))
                .first()
            )
        if family is not None and others and not _holds(family, first):
            family = (
                _one_family(queryset, pk=pk, user=user, coalition_id=coalition_id, **shape)
                .annotate(**_ground_annotations(user, others))
                .first()
            )
    decision = None
    if family is not None:
        holds = {code: getattr(family, f"_ground_{code}", False) for code in _grounds}
        decision = _decision(user, family, holds, action, row=family)
    if decision is None or not decision.allowed:
        _log_refused(user, pk, action, request=request)
        raise Http404(NOT_FOUND_MESSAGE)
    access_event_record(
        user=user,
        action=action,
        family=family,
        persons=persons(family) if callable(persons) else persons,
        ground=decision.ground.code,
        ground_detail=decision.detail,
        authorisation=True,
        treatment_relationship=decision.ground.treatment_relationship,
        consent=decision.consent,
        emergency=decision.ground.emergency,
        detail=detail,
        request=request,
    )
    return family


def _one_family(queryset, *, pk, user, coalition_id, lock: bool, rule_2: bool, by_coalition: bool):
    """The family `pk` as `get_family_for_user` reads it (`queryset`: None, a queryset or a
    function that returns one): with `rule_2`, only in a coalition where `user` works as
    professional; with `by_coalition`, only in coalition `coalition_id`; with `lock`, its
    row locked. `pk`, `user` and `coalition_id` may be `Slot`s."""
    if queryset is None:
        queryset = family_model().objects.all()
    elif not isinstance(queryset, QuerySet):
        queryset = queryset()
    queryset = queryset.filter(pk=pk)
    if rule_2:
        queryset = queryset.filter(_InSet(F("coalition_id"), professional_coalition_ids(user)))
    if by_coalition:
        queryset = queryset.filter(coalition_id=coalition_id)
    if lock:
        # Only the family's row: the grounds' subqueries read other tables, unlocked.
        queryset = queryset.select_for_update(of=("self",))
    return queryset


# (queryset function, ground, lock, rule 2, by coalition, day) -> the policy's read of one
# family on that ground, compiled once; emptied when a ground is registered.
_compiled_reads: dict[tuple, CompiledQuery] = {}
_COMPILED_READS_KEPT = 64


def _compiled_read(queryset, ground: Ground, **shape) -> CompiledQuery | None:
    """`get_family_for_user`'s query of one family on `ground`, compiled once per day (see
    `Ground.compilable`), with slots for the family, the user and the coalition; None when
    it cannot be: the ground is not compilable, or the caller gave a queryset (its shape is
    unknown) instead of the function that makes it.

    Building the annotated query and compiling it cost more CPU than the database spent
    running it (the family file: about 7 of 39 ms of CPU per request in-process; benchmark,
    issue 5).
    """
    if not ground.compilable or isinstance(queryset, QuerySet):
        return None
    key = (queryset, ground.code, *sorted(shape.items()), timezone.localdate())
    compiled = _compiled_reads.get(key)
    if compiled is None:
        if len(_compiled_reads) >= _COMPILED_READS_KEPT:  # yesterday's, or many shapes
            _compiled_reads.clear()
        user = Slot("user")
        compiled = _compiled_reads[key] = CompiledQuery(
            lambda: _one_family(
                queryset, pk=Slot("pk"), user=user, coalition_id=Slot("coalition"), **shape
            ).annotate(**_ground_annotations(user, [ground]))[:1]
        )
    return compiled


def _allows(ground: Ground, action: str | None) -> bool:
    return not (ground.read_only and action is not None and action not in READ_ONLY_ACTIONS)


def _holds(family, grounds: list[Ground]) -> bool:
    return any(getattr(family, f"_ground_{g.code}", False) for g in grounds)


def _is_professional(memberships) -> bool:
    return any(membership.is_professional for membership in memberships)


def _log_refused(user, pk: int, action: str, *, request) -> None:
    """Log a refused attempt on an existing family (nothing is logged for a made-up number)."""
    if not _may_see_any(user):
        return
    from .services import access_event_record

    family = family_model().objects.filter(pk=pk).first()
    if family is None:
        return
    access_event_record(
        user=user,
        action=action,
        family=family,
        authorisation=False,
        treatment_relationship=False,
        consent=False,
        emergency=False,
        detail=str(_("Geweigerd: geen grondslag voor toegang")),
        request=request,
    )


# --- Break-the-glass, owned by `access` -----------------------------------------------------


def _break_the_glass_condition(user):
    return Exists(
        BreakTheGlass.objects.active().filter(
            user=user, family=OuterRef("pk"), coalition=OuterRef("coalition")
        )
    )


def _break_the_glass_family_ids(user, *, now=None, today=None) -> QuerySet:
    return BreakTheGlass.objects.active(now).filter(user=user).values("family_id")


def always(user) -> bool:
    """For `Ground.family_ids_compilable`: a ground whose family ids compile for everyone."""
    return True


def _break_the_glass_detail(user, family) -> str:
    glass = BreakTheGlass.objects.active().filter(user=user, family=family).first()
    if glass is None:  # expired between the check and now
        return ""
    return f"{glass.get_reason_display()}: {glass.explanation}"[:300]


BREAK_THE_GLASS = Ground(
    code="break_the_glass",
    label=_("Noodtoegang (break-the-glass)"),
    condition=_break_the_glass_condition,
    family_ids=_break_the_glass_family_ids,
    family_ids_compilable=always,
    treatment_relationship=False,
    emergency=True,
    detail=_break_the_glass_detail,
    order=90,
)


def active_break_the_glass(user, family) -> BreakTheGlass | None:
    """The user's running emergency access to `family`, for the banner on the file."""
    if not _may_see_any(user):
        return None
    return (
        BreakTheGlass.objects.active(timezone.now())
        .filter(user=user, family=family)
        .order_by("-expires_at")
        .first()
    )
