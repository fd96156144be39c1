"""`QueryForIds` runs a query compiled once for any list of ids, with the rows `values()`
would give: the same columns, converted the same way."""

import pytest
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.functions import TruncDate
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.core.compiled import QueryForIds
from kansrijk.families.models import Family
from kansrijk.testing.families import make_family


def annotated(families):
    return (
        families.annotate(
            opened_on=TruncDate("created_at"),
            is_open=ExpressionWrapper(Q(status="open"), output_field=BooleanField()),
        )
        .order_by("pk")
        .values("pk", "reference", "opened_on", "is_open")
    )


def test_it_gives_the_rows_values_gives_for_each_list(cast):
    families = [make_family(cast) for _ in range(3)]
    Family.objects.filter(pk=families[1].pk).update(status="closed", closed_at=timezone.now())
    query = QueryForIds("pk", lambda ids: annotated(Family.objects.filter(ids)))
    for ids in ([families[0].pk], [f.pk for f in families], [], [families[1].pk, 10**9]):
        expected = list(annotated(Family.objects.filter(pk__in=ids)))
        assert query.rows(ids) == expected
    [closed] = query.rows([families[1].pk])
    assert closed["is_open"] is False
    assert closed["opened_on"] == families[1].created_at.date()


def test_the_sql_is_the_same_for_every_list_and_counted_like_any_query(cast):
    first, second = make_family(cast), make_family(cast)
    query = QueryForIds("pk", lambda ids: annotated(Family.objects.filter(ids)))
    with CaptureQueriesContext(connection) as queries:
        query.rows([first.pk])
        query.rows([first.pk, second.pk])
    one, two = (captured["sql"] for captured in queries.captured_queries)
    marker = "ANY(" if connection.vendor == "postgresql" else "json_each("
    assert one.split(marker)[0] == two.split(marker)[0]


def test_it_refuses_a_query_that_does_not_give_values_or_ignores_the_ids(cast):
    with pytest.raises(TypeError):
        QueryForIds("pk", lambda ids: Family.objects.filter(ids))
    with pytest.raises(ValueError, match="once"):
        QueryForIds("pk", lambda ids: Family.objects.values("pk"))
