"""Query expressions shared by the apps."""

import json
from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Count,
    Expression,
    Func,
    IntegerField,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce


class Slot(Expression):
    """A value a compiled query receives each time it runs (`kansrijk.core.compiled`): in the
    SQL one parameter, filled in with `value` prepared as `output_field` prepares it (an
    integer by default: a pk)."""

    def __init__(self, name: str, output_field=None):
        super().__init__(output_field=output_field or IntegerField())
        self.name = name

    def __repr__(self) -> str:
        return f"Slot({self.name!r})"

    def as_sql(self, compiler, connection):
        # The slot itself stands in the parameters until the query runs.
        return "%s", (self,)

    def prepare(self, value, connection):
        return self.output_field.get_db_prep_value(value, connection, prepared=False)


class IdsSlot(Slot):
    """A list of ids for `InIds`, given when a compiled query runs."""

    def prepare(self, value, connection):
        return InIds.parameter_for(value, connection)


class InIds(Func):
    """`column IN (ids)` for ids read earlier (a caseload of a few hundred families, say),
    with the ids as ONE parameter: on PostgreSQL `column = ANY(%s)` with an array, on SQLite
    `column IN (SELECT value FROM json_each(%s))` with a JSON list. `ids` may be an
    `IdsSlot`, for a query compiled once (`kansrijk.core.compiled`).

    `pk__in=ids` sends one parameter per id: the SQL differs with the number of ids, so it is
    prepared again for every caseload, and the driver takes a query of more than 50
    parameters apart anew on every run instead of from its cache (the work queue filters
    nine queries by a caseload: 6.6 ms of CPU per request went to that alone; benchmark,
    issue 5). One parameter keeps the SQL the same whatever the ids.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, column, ids: Iterable[int] | IdsSlot):
        self.ids = ids if isinstance(ids, IdsSlot) else list(ids)
        super().__init__(column)

    def as_sql(self, compiler, connection, **extra):
        (column,) = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        if isinstance(self.ids, IdsSlot):
            parameter = self.ids
        else:
            parameter = self.parameter_for(self.ids, connection)
        if connection.vendor == "postgresql":
            return f"{column_sql} = ANY(%s)", (*column_params, parameter)
        return (
            f"{column_sql} IN (SELECT value FROM json_each(%s))",  # noqa: S608 (a compiled column)
            (*column_params, parameter),
        )

    @staticmethod
    def parameter_for(ids: Iterable[int], connection):
        """The one parameter that stands for `ids`."""
        ids = list(ids)
        return ids if connection.vendor == "postgresql" else json.dumps(ids)


def subquery_count(rows: QuerySet, grouped_by: str) -> Coalesce:
    """How many `rows` there are, as a one-column subquery of the outer row (0 when none):
    `rows` is filtered on an `OuterRef`, and `grouped_by` is the column that filter ties to
    the outer row, so that the subquery gives one count."""
    counted = rows.order_by().values(grouped_by).annotate(count=Count("*")).values("count")
    return Coalesce(Subquery(counted), Value(0))
