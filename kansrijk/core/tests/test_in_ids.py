"""`InIds` filters on a list of ids read earlier, with the same SQL whatever the list."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.core.expressions import InIds
from kansrijk.families.models import Family
from kansrijk.testing.families import make_family


def test_it_finds_the_listed_families_and_none_for_an_empty_list(cast):
    first, second, third = (make_family(cast) for _ in range(3))
    assert set(Family.objects.filter(InIds("pk", [first.pk, third.pk]))) == {first, third}
    assert set(Family.objects.exclude(InIds("pk", [first.pk]))) >= {second, third}
    assert first not in Family.objects.exclude(InIds("pk", [first.pk]))
    assert not Family.objects.filter(InIds("pk", [])).exists()
    assert set(Family.objects.filter(InIds("pk", (f.pk for f in (second,))))) == {second}


def test_on_postgresql_the_ids_are_one_parameter_so_the_sql_does_not_change(cast):
    families = [make_family(cast) for _ in range(3)]
    with CaptureQueriesContext(connection) as queries:
        list(Family.objects.filter(InIds("pk", [families[0].pk])))
        list(Family.objects.filter(InIds("pk", [f.pk for f in families])))
    one, three = (query["sql"] for query in queries.captured_queries)
    if connection.vendor == "postgresql":
        assert "= ANY(" in one
        assert one.split("ANY(")[0] == three.split("ANY(")[0]
    else:
        assert " IN (" in one
        assert " IN (" in three
