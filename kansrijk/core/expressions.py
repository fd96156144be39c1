"""Query expressions shared by the apps."""

import json
from collections.abc import Iterable
from functools import cached_property

from django.db.models import BooleanField, Func


class InIds(Func):
    """`column IN (ids)` for ids read earlier (a caseload of a few hundred families, say),
    with the ids as ONE parameter: on PostgreSQL `column = ANY(%s)` with an array, on SQLite
    `column IN (SELECT value FROM json_each(%s))` with a JSON list.

    `pk__in=ids` sends one parameter per id: the SQL differs with the number of ids, so it is
    prepared again for every caseload, and the driver takes a query of more than 50
    parameters apart anew on every run instead of from its cache (the work queue filters
    nine queries by a caseload: 6.6 ms of CPU per request went to that alone; benchmark,
    issue 5). One array keeps the SQL the same whatever the ids.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, column, ids: Iterable[int]):
        self.ids = list(ids)
        super().__init__(column)

    def as_sql(self, compiler, connection, **extra):
        (column,) = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        if connection.vendor == "postgresql":
            return f"{column_sql} = ANY(%s)", (*column_params, self.parameter(connection))
        return (
            f"{column_sql} IN (SELECT value FROM json_each(%s))",  # noqa: S608 (a compiled column)
            (*column_params, self.parameter(connection)),
        )

    def parameter(self, connection):
        """The ids as the one parameter `as_sql` gives: the same object on every call."""
        return self.ids if connection.vendor == "postgresql" else self._json

    @staticmethod
    def parameter_for(ids: Iterable[int], connection):
        """What `parameter` would be for other `ids`."""
        ids = list(ids)
        return ids if connection.vendor == "postgresql" else json.dumps(ids)

    @cached_property
    def _json(self) -> str:
        return json.dumps(self.ids)
