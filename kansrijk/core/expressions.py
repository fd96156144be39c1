"""Query expressions shared by the apps."""

from collections.abc import Iterable

from django.db.models import BooleanField, Func


class InIds(Func):
    """`column IN (ids)` for ids read earlier (a caseload of a few hundred families, say);
    on PostgreSQL written `column = ANY(%s)` with the ids as ONE array parameter.

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
            return f"{column_sql} = ANY(%s)", (*column_params, self.ids)
        if not self.ids:
            return "1 = 0", ()
        placeholders = ", ".join(["%s"] * len(self.ids))
        return f"{column_sql} IN ({placeholders})", (*column_params, *self.ids)
