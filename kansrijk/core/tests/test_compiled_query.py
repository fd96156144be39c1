"""`CompiledQuery` builds and compiles a queryset once and runs it for any values of its
slots, giving the rows the queryset itself would give."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import BooleanField, Count, DateField, ExpressionWrapper, Prefetch, Q
from django.db.models.functions import TruncDate
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.core.compiled import CompiledQuery, keep_prefetched, totals
from kansrijk.core.expressions import IdsSlot, InIds, Slot
from kansrijk.families.models import CareTeamMember, Family, Person
from kansrijk.testing.families import make_family


def annotated(families):
    return families.annotate(
        opened_on=TruncDate("created_at"),
        open_now=ExpressionWrapper(Q(status="open"), output_field=BooleanField()),
    ).order_by("pk")


def test_it_gives_the_instances_the_queryset_gives_for_each_value(cast):
    first, second = make_family(cast), make_family(cast)
    builds = []

    def build():
        builds.append(1)
        return annotated(Family.objects.filter(pk=Slot("family"))).select_related("municipality")

    query = CompiledQuery(build)
    for family in (first, second, first):
        [found] = query.run(family=family.pk)
        assert found == family
        assert (
            found.opened_on == family.created_at.astimezone(timezone.get_current_timezone()).date()
        )
        assert found.open_now is True
        with CaptureQueriesContext(connection) as queries:
            name = found.municipality.name  # joined: no query
        assert not queries.captured_queries
        assert name == family.municipality.name
    assert query.run(family=10**9) == []
    assert query.first(family=second.pk) == second
    assert query.first(family=10**9) is None
    assert len(builds) == 1


def test_values_dates_and_lists_of_ids_are_filled_in_and_converted(cast):
    families = [make_family(cast) for _ in range(3)]
    Family.objects.filter(pk=families[1].pk).update(status="closed", closed_at=timezone.now())
    query = CompiledQuery(
        lambda: annotated(
            Family.objects.filter(
                InIds("pk", IdsSlot("ids")),
                created_at__date__gte=Slot("since", DateField()),
            )
        ).values("pk", "opened_on", "open_now")
    )
    today = timezone.localdate()
    for ids in ([families[0].pk], [f.pk for f in families], [], [families[1].pk, 10**9]):
        expected = list(
            annotated(Family.objects.filter(pk__in=ids)).values("pk", "opened_on", "open_now")
        )
        assert query.run(ids=ids, since=today) == expected
    assert query.run(ids=[f.pk for f in families], since=today + timedelta(days=1)) == []
    [closed] = query.run(ids=[families[1].pk], since=today)
    assert closed["open_now"] is False


def test_each_run_sends_the_same_sql_and_is_counted_like_any_query(cast):
    first, second = make_family(cast), make_family(cast)
    query = CompiledQuery(lambda: Family.objects.filter(pk=Slot("family")))
    with CaptureQueriesContext(connection) as queries:
        query.run(family=first.pk)
        query.run(family=second.pk)
    one, two = (captured["sql"] for captured in queries.captured_queries)
    # Apart from the family's id (a whole word: "pc4" is a column), the same SQL.
    one, two = re.sub(rf"\b{first.pk}\b", "?", one), re.sub(rf"\b{second.pk}\b", "?", two)
    assert "?" in one
    assert one == two


def test_prefetches_run_as_usual(cast):
    family = make_family(cast)
    Person.objects.create(
        family=family, coalition=family.coalition, role="parent", first_name="Sam"
    )
    query = CompiledQuery(
        lambda: Family.objects.filter(pk=Slot("family")).prefetch_related(
            Prefetch("persons", queryset=Person.objects.order_by("pk"))
        )
    )
    [found] = query.run(family=family.pk)
    with CaptureQueriesContext(connection) as queries:
        names = [person.first_name for person in found.persons.all()]
    assert "Sam" in names
    assert not queries.captured_queries


def test_rows_are_made_as_the_queryset_makes_them_for_every_kind_of_result(cast):
    family = make_family(cast)
    other = make_family(cast)
    # A member without a membership: the joined membership and organisation are None.
    first_member = CareTeamMember.objects.filter(family=family).order_by("pk").first()
    CareTeamMember.objects.filter(pk=first_member.pk).update(membership=None)
    for household, name in ((family, "Bo"), (family, "Sam"), (other, "Noor")):
        Person.objects.create(
            family=household, coalition=household.coalition, role="child", first_name=name
        )

    def members():
        return (
            CareTeamMember.objects.filter(family_id=Slot("family"))
            .select_related("professional", "membership__organisation")
            .annotate(since=TruncDate("created_at"))
            .order_by("pk")
        )

    def persons():
        return Person.objects.filter(family_id=Slot("family")).order_by("-date_of_birth", "pk")

    kinds = {
        "instances, joined and annotated": members,
        "dicts": lambda: persons().values("pk", "first_name", "date_of_birth"),
        "tuples": lambda: persons().values_list("first_name", "date_of_birth"),
        "flat": lambda: persons().values_list("pk", flat=True),
        # Ordered by a joined column it does not select: the SQL selects it, the rows not.
        "distinct ordered by another table": lambda: (
            Person.objects.filter(family_id=Slot("family"))
            .order_by("family__reference", "pk")
            .distinct()
            .values_list("first_name", flat=True)
        ),
    }
    for name, build in kinds.items():
        query = CompiledQuery(build)
        for target in (family, other):
            expected = list(_filled(build(), target.pk))
            found = query.run(family=target.pk)
            assert expected, name
            assert found == expected, name
            assert [_shown(row) for row in found] == [_shown(row) for row in expected], name
        # Made without a queryset (`_Rows`), not left to Django's iterables.
        assert query._compiled.rows is not None, name
    [without, with_membership] = CompiledQuery(members).run(family=family.pk)
    with CaptureQueriesContext(connection) as queries:
        assert without.membership is None
        assert with_membership.membership.organisation.name
        assert with_membership.professional.username
    assert not queries.captured_queries
    assert without.since == timezone.localdate()


def _filled(queryset, family_pk):
    """`queryset` with its slot filled in, as Django runs it."""
    query = queryset.query
    where = query.where
    for child in where.children:
        if isinstance(getattr(child, "rhs", None), Slot):
            child.rhs = family_pk
    return queryset


def _shown(row):
    """What a page reads of a row: the values of an instance and of what it joined."""
    if not hasattr(row, "_meta"):
        return row
    joined = {
        name: _shown(value) if value is not None else None
        for name, value in row._state.fields_cache.items()
    }
    return ({f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}, joined)


def test_a_missing_value_is_refused(cast):
    query = CompiledQuery(lambda: Family.objects.filter(pk=Slot("family")))
    with pytest.raises(TypeError, match="family"):
        query.run()


def test_totals_give_one_row_also_when_nothing_matches(cast):
    family = make_family(cast)
    for name in ("Sam", "Noor", "Bo"):
        Person.objects.create(
            family=family, coalition=family.coalition, role="child", first_name=name
        )
    query = CompiledQuery(
        lambda: totals(
            Person.objects.filter(family_id=Slot("family")),
            everyone=Count("id"),
            children=Count("id", filter=Q(role="child")),
        )
    )
    expected = Person.objects.filter(family=family).aggregate(
        everyone=Count("id"), children=Count("id", filter=Q(role="child"))
    )
    assert query.first(family=family.pk) == expected
    assert expected["children"] == 3
    assert query.first(family=10**9) == {"everyone": 0, "children": 0}


def test_rows_kept_as_prefetched_are_what_the_related_manager_gives(cast):
    family = make_family(cast)
    other = make_family(cast)
    for name in ("Sam", "Noor"):
        Person.objects.create(
            family=family, coalition=family.coalition, role="child", first_name=name
        )
    query = CompiledQuery(lambda: Person.objects.filter(family_id=Slot("family")).order_by("pk"))
    keep_prefetched(family, "persons", query.run(family=family.pk))
    keep_prefetched(other, "persons", query.run(family=other.pk))
    with CaptureQueriesContext(connection) as queries:
        names = [person.first_name for person in family.persons.all()]
        households = {person.family for person in family.persons.all()}
        other_names = [person.first_name for person in other.persons.all()]
    assert not queries.captured_queries
    assert names == [p.first_name for p in Person.objects.filter(family=family).order_by("pk")]
    assert {"Sam", "Noor"} <= set(names)
    assert households == {family}
    assert "Sam" not in other_names
    # A filter on the relation still asks the database, for this family only.
    assert [p.first_name for p in family.persons.filter(role="child").order_by("pk")] == [
        "Sam",
        "Noor",
    ]
    # Kept again (a second read of the same family), the new rows replace the old.
    keep_prefetched(family, "persons", [])
    assert list(family.persons.all()) == []
