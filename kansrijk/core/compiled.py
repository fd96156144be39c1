"""Querysets built and compiled to SQL once, then run with other values.

Building a queryset of joins and subqueries and compiling it to SQL costs Django more CPU
than the database spends running it: the work queue's nine rule queries took about half
the CPU of the page, the family file's thirty queries a third (benchmark, issue 5). Most
reads differ between requests only in a few values (a family, a professional, a list of
ids). A `CompiledQuery` builds its queryset once, with a `Slot` where such a value goes,
compiles it once, and on each `run(name=value, ...)` only fills the slots in:
the SQL runs through the connection's cursor (counted and logged like any query) and its
rows become model instances (with `select_related` and annotations) or `values()` dicts
exactly as Django makes them, by Django's own iterables and the compiler of the first
compilation.

What else the queryset depends on must not change while the process lives, or must be part
of the caller's key (a day, a threshold: see `kansrijk.worklist.selectors`). A slot is one
parameter in the SQL; a list of ids is an `IdsSlot` inside `InIds`.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

from .expressions import Slot


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet
    compiler: SQLCompiler
    sql: str
    params: tuple
    slots: tuple[tuple[int, Slot], ...]


class CompiledQuery:
    def __init__(self, build: Callable[[], QuerySet]):
        """`build` returns the queryset, with a `Slot` for each value given to `run`. It is
        called once, at the first run."""
        self._build = build
        self._compiled: _Compiled | None = None

    def run(self, **values) -> list:
        """The queryset's rows with `values` in its slots: model instances, or dicts for a
        `values()` queryset; prefetches (`prefetch_related`) run as usual."""
        compiled = self._compiled or self._compile()
        connection = connections[compiled.queryset.db]
        missing = {slot.name for _, slot in compiled.slots} - values.keys()
        if missing:
            raise TypeError(f"no value for the slots {', '.join(sorted(missing))}")
        params = list(compiled.params)
        for index, slot in compiled.slots:
            params[index] = slot.prepare(values[slot.name], connection)
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        queryset = compiled.queryset._chain()
        # Django's iterables ask the query for its compiler: this one runs the kept SQL.
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)

    def first(self, **values):
        """The first row (build a queryset sliced `[:1]`), or None."""
        rows = self.run(**values)
        return rows[0] if rows else None

    def _compile(self) -> _Compiled:
        queryset = self._build()
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = tuple((i, value) for i, value in enumerate(params) if isinstance(value, Slot))
        self._compiled = _Compiled(queryset, compiler, sql, tuple(params), slots)
        return self._compiled
