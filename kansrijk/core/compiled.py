"""Querysets built and compiled to SQL once, then run with other values.

Building a queryset of joins and subqueries and compiling it to SQL costs Django more CPU
than the database spends running it: the work queue's nine rule queries took about half
the CPU of the page, the family file's thirty queries a third (benchmark, issue 5). Most
reads differ between requests only in a few values (a family, a professional, a list of
ids). A `CompiledQuery` builds its queryset once, with a `Slot` where such a value goes,
compiles it once, and on each `run(name=value, ...)` only fills the slots in:
the SQL runs through the connection's cursor (counted and logged like any query) and its
rows become model instances (with `select_related` and annotations), `values()` dicts or
`values_list()` tuples exactly as Django makes them: by what `_Rows` worked out from the
compiler of the first compilation, or, for a queryset with prefetches, by Django's own
iterables.

What else the queryset depends on must not change while the process lives, or must be part
of the caller's key (a day, a threshold: see `kansrijk.worklist.selectors`). A slot is one
parameter in the SQL; a list of ids is an `IdsSlot` inside `InIds`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet, Value
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.sql.compiler import SQLCompiler, cursor_iter
from django.db.models.sql.constants import GET_ITERATOR_CHUNK_SIZE

from .expressions import Slot
from .together import Reader


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet
    compiler: SQLCompiler
    sql: str
    params: tuple
    slots: tuple[tuple[int, Slot], ...]
    # How the rows become results without a queryset (`_Rows`); None: by Django's iterables.
    rows: "_Rows | None"


class CompiledQuery:
    def __init__(self, build: Callable[[], QuerySet]):
        """`build` returns the queryset, with a `Slot` for each value given to `run`. It is
        called once, at the first run."""
        self._build = build
        self._compiled: _Compiled | None = None
        self._columns_found: dict[tuple, tuple[dict, bool]] = {}

    def run(self, **values) -> list:
        """The queryset's rows with `values` in its slots: model instances, or dicts for a
        `values()` queryset; prefetches (`prefetch_related`) run as usual."""
        return self.ask(**values).rows()

    def ask(self, **values) -> "Asked":
        """Send the query now and make its rows later (`Asked.rows()`, as `run` makes them).

        Asked inside `kansrijk.core.together.reading_together()`, the query goes to the
        database with the others asked there, in one round trip; elsewhere it runs at once.
        """
        compiled = self._compiled or self._compile()
        if compiled.rows is not None:
            connection = connections[compiled.queryset.db]
            params = self._params(compiled, values, connection)
            cursor = connection.cursor()
            try:
                cursor.execute(compiled.sql, params)
            except Exception:
                cursor.close()
                raise
            return _AskedRows(compiled.rows, cursor, connection)
        queryset = self._queryset(values)
        compiler = queryset.query.get_compiler()
        cursor = compiler.connection.cursor()
        try:
            cursor.execute(*compiler.as_sql())
        except Exception:
            cursor.close()
            raise
        compiler.execute_sql = lambda *args, chunk_size=GET_ITERATOR_CHUNK_SIZE, **kwargs: list(
            cursor_iter(
                cursor,
                compiler.connection.features.empty_fetchmany_value,
                compiler.col_count if compiler.has_extra_select else None,
                chunk_size,
            )
        )
        return Asked(queryset)

    def reads(self, **values) -> Reader:
        """A reader (`kansrijk.core.together`) of `run(**values)`."""
        asked = self.ask(**values)
        yield
        return asked.rows()

    def reads_first(self, **values) -> Reader:
        """A reader of `first(**values)`."""
        asked = self.ask(**values)
        yield
        return asked.first()

    @staticmethod
    def _params(compiled: _Compiled, values: dict, connection) -> list:
        missing = {slot.name for _, slot in compiled.slots} - values.keys()
        if missing:
            raise TypeError(f"no value for the slots {', '.join(sorted(missing))}")
        params = list(compiled.params)
        for index, slot in compiled.slots:
            params[index] = slot.prepare(values[slot.name], connection)
        return params

    def _queryset(self, values: dict) -> QuerySet:
        """A queryset that runs the kept SQL with `values` in its slots when iterated."""
        compiled = self._compiled or self._compile()
        connection = connections[compiled.queryset.db]
        params = self._params(compiled, values, connection)
        compiler = _copy(compiled.compiler)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        compiler.get_converters = lambda expressions: self._columns(compiler, expressions)[0]
        compiler.has_composite_fields = lambda expressions: self._columns(compiler, expressions)[1]
        # Django's iterables ask the query for its compiler: this one runs the kept SQL. The
        # query and queryset are copied, not cloned: nothing in them changes while they run.
        query = _copy(compiled.queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        queryset = _copy(compiled.queryset)
        queryset._query = query
        return queryset

    def first(self, **values):
        """The first row (build a queryset sliced `[:1]`), or None."""
        rows = self.run(**values)
        return rows[0] if rows else None

    def _columns(self, compiler: SQLCompiler, expressions) -> tuple[dict, bool]:
        """What converts the columns' values (dates, booleans, decimals), as Django's
        `get_converters` finds them, and whether a column is composite: the same for every
        run on a connection, so found once (asking cost a sixth of a run)."""
        key = (id(compiler.connection), tuple(map(id, expressions)))
        found = self._columns_found.get(key)
        if found is None:
            found = (
                type(compiler).get_converters(compiler, expressions),
                type(compiler).has_composite_fields(compiler, expressions),
            )
            self._columns_found[key] = found
        return found

    def _compile(self) -> _Compiled:
        queryset = self._build()
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = tuple((i, value) for i, value in enumerate(params) if isinstance(value, Slot))
        rows = _Rows.of(queryset, compiler)
        self._compiled = _Compiled(queryset, compiler, sql, tuple(params), slots, rows)
        return self._compiled


class _Rows:
    """How the rows of a kept query become what its queryset gives, made once.

    Django's iterables (`ModelIterable` and the `values()` ones) set up the same things on
    every run: the columns of each model, what builds the joined models (`select_related`),
    the names of the values. For a query compiled once, that is done once here, and a run
    only fetches the rows and builds the instances, dicts or tuples as those iterables do
    (about a third of a small query's CPU: issue 5). A queryset with prefetches, with known
    related objects or of another iterable is left to Django (`of` gives None).
    """

    def __init__(self, iterable, compiler: SQLCompiler, query):
        self.iterable = iterable
        self.compiler = compiler
        self.columns = [column[0] for column in compiler.select[: compiler.col_count]]
        # Columns the SQL selects only to order by them (`cursor_iter` leaves them off).
        self.col_count = compiler.col_count if compiler.has_extra_select else None
        self.klass_info = compiler.klass_info
        self.select = compiler.select
        self.annotations = list(compiler.annotation_col_map.items()) if self.klass_info else []
        if iterable is ModelIterable:
            fields = self.klass_info["select_fields"]
            self.model = self.klass_info["model"]
            self.model_columns = slice(fields[0], fields[-1] + 1)
            self.init_list = [
                column[0].target.attname for column in compiler.select[self.model_columns]
            ]
        elif iterable is ValuesIterable:
            self.names = (
                list(query.selected)
                if query.selected
                else [*query.extra_select, *query.values_select, *query.annotation_select]
            )
        self._populators: dict[str, list] = {}
        # id(connection) -> the kept compiler on that connection and its columns' converters
        self._converting: dict[int, tuple[SQLCompiler, dict]] = {}

    @classmethod
    def of(cls, queryset: QuerySet, compiler: SQLCompiler) -> "_Rows | None":
        iterable = queryset._iterable_class
        if (
            queryset._prefetch_related_lookups
            or queryset._known_related_objects
            or iterable not in _ITERABLES
        ):
            return None
        rows = cls(iterable, compiler, queryset.query)
        if compiler.has_composite_fields(rows.columns):
            return None
        return rows

    def make(self, rows: list, connection) -> list:
        """The results of the fetched `rows`, read on `connection`."""
        if self.col_count is not None:
            rows = [row[: self.col_count] for row in rows]
        converting = self._converting.get(id(connection))
        if converting is None:
            # What converts the columns' values (dates, booleans, decimals), as Django finds
            # it, on this connection: the same for every run.
            compiler = _copy(self.compiler)
            compiler.connection = connection
            converting = self._converting[id(connection)] = (
                compiler,
                compiler.get_converters(self.columns),
            )
        compiler, converters = converting
        if converters:
            rows = list(compiler.apply_converters(rows, converters))
        iterable = self.iterable
        if iterable is ModelIterable:
            return self._instances(rows, connection.alias)
        if iterable is ValuesIterable:
            names = self.names
            return [dict(zip(names, row, strict=False)) for row in rows]
        if iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    def _instances(self, rows: list, db: str) -> list:
        populators = self._populators.get(db)
        if populators is None:
            populators = self._populators[db] = get_related_populators(
                self.klass_info, self.select, db
            )
        model, init_list, columns = self.model, self.init_list, self.model_columns
        annotations = self.annotations
        instances = []
        for row in rows:
            instance = model.from_db(db, init_list, row[columns])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


_ITERABLES = (ModelIterable, ValuesIterable, ValuesListIterable, FlatValuesListIterable)


class Asked:
    """A query sent by `CompiledQuery.ask`; `rows()` reads its answer (once: asked again, the
    same rows)."""

    def __init__(self, queryset: QuerySet):
        self._queryset = queryset
        self._rows: list | None = None

    def rows(self) -> list:
        if self._rows is None:
            self._rows = list(self._queryset)
        return self._rows

    def first(self):
        rows = self.rows()
        return rows[0] if rows else None


class _AskedRows(Asked):
    """An `Asked` whose rows `_Rows` makes from the cursor, without a queryset."""

    def __init__(self, maker: _Rows, cursor, connection):
        self._maker, self._cursor, self._connection = maker, cursor, connection
        self._rows = None

    def rows(self) -> list:
        if self._rows is None:
            try:
                fetched = self._cursor.fetchall()
            finally:
                self._cursor.close()
            self._rows = self._maker.make(fetched, self._connection)
        return self._rows


def _copy(kept):
    """A shallow copy of a compiler, query or queryset (`copy.copy` goes through
    `__reduce_ex__`: three times slower, and a compiled query copies them on every run)."""
    new = object.__new__(type(kept))
    new.__dict__.update(kept.__dict__)
    return new


def totals(queryset: QuerySet, **aggregates) -> QuerySet:
    """`queryset.aggregate(**aggregates)` as a `values()` queryset of one row, which a
    `CompiledQuery` can run (`aggregate` runs its query at once). The rows are grouped by a
    constant, so the SQL has no GROUP BY and the row comes also when no row matches."""
    grouped = queryset.order_by().annotate(_all_rows=Value(1)).values("_all_rows")
    return grouped.annotate(**aggregates).values(*aggregates)


def keep_prefetched(instance, name: str, rows: list) -> None:
    """Keep `rows` (read by a `CompiledQuery`) as what `prefetch_related(name)` would have
    read for `instance`: `instance.<name>.all()` then returns them without a query. `name`
    is a reverse foreign key (`family.persons`); each row's foreign key is set to `instance`,
    as a prefetch does."""
    manager = getattr(instance, name)
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache_name = manager.field.remote_field.cache_name
    cache.pop(cache_name, None)
    queryset = manager.get_queryset()
    for row in rows:
        manager.field.set_cached_value(row, instance)
    queryset._result_cache = rows
    queryset._prefetch_done = True
    cache[cache_name] = queryset
