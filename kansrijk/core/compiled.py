"""A `values()` query compiled to SQL once and run again for other lists of ids.

Building a queryset of subqueries and compiling it to SQL costs Django more CPU than
PostgreSQL spends running it: the work queue's nine rule queries took about half the CPU of
the page that way (benchmark, issue 5). When only a list of ids changes between runs (a
professional's own families), the SQL does not change either: `InIds` sends the list as one
parameter. `QueryForIds` compiles the query once, with an empty list, and afterwards puts
another list in that parameter's place, runs the SQL through the connection's cursor (so it
is counted and logged as any query) and converts the rows with the compiler's own
converters, as `QuerySet.values()` does.

The caller keys its compiled queries by everything else the query depends on (a rule, its
threshold, today); the ids are the only thing that may vary.
"""

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable

from .expressions import InIds


class QueryForIds:
    def __init__(
        self,
        column: str,
        build: Callable[[InIds], QuerySet],
        *,
        using: str = DEFAULT_DB_ALIAS,
    ):
        """`build` receives the filter on `column` and returns a `values()` queryset that
        uses it exactly once."""
        slot = InIds(column, [])
        queryset = build(slot)
        if queryset._iterable_class is not ValuesIterable:
            raise TypeError("QueryForIds needs a values() queryset")
        connection = connections[using]
        query = queryset.query
        self._using = using
        self._compiler = query.get_compiler(using=using)
        self._sql, params = self._compiler.as_sql()
        marker = slot.parameter(connection)
        places = [index for index, value in enumerate(params) if value is marker]
        if len(places) != 1:
            raise ValueError(f"the ids filter must be used once in the query, not {len(places)}")
        self._params = list(params)
        self._place = places[0]
        # As `ValuesIterable` names the columns.
        self._names = (
            tuple(query.selected)
            if query.selected
            else (
                *query.extra_select,
                *query.values_select,
                *query.annotation_select,
            )
        )
        self._columns = self._compiler.col_count

    def rows(self, ids) -> list[dict]:
        """The query's rows for `ids`, as `values()` gives them."""
        connection = connections[self._using]
        params = list(self._params)
        params[self._place] = InIds.parameter_for(ids, connection)
        with connection.cursor() as cursor:
            cursor.execute(self._sql, params)
            fetched = [row[: self._columns] for row in cursor.fetchall()]
        names = self._names
        rows = self._compiler.results_iter([fetched])
        return [dict(zip(names, row, strict=True)) for row in rows]
