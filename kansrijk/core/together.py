"""Reads that go to the database together: one round trip for many queries.

A page that shows many small things (the family file: its household, care team, consents and
a section of every app) asks the database for each in turn. Each query is cheap to run, but
each round trip costs the application and PostgreSQL about as much CPU again as the query
itself (issue 5: 24 small reads cost 2.3 ms of CPU one by one, 0.9 ms in one round trip).

A read that can wait for the others is written as a generator (a *reader*): it asks its
queries (`CompiledQuery.ask`), `yield`s, and after the yield makes its result from the
answers (`Asked.rows()`), which it returns. It may ask and yield again (a query that needs
an earlier answer); a reader made of other readers takes their results with `yield from`.

    def family_reads(family):
        persons = _PERSONS.ask(family=family.pk)
        consents = _CONSENTS.ask(family=family.pk)
        yield
        return persons.rows(), consents.rows()

`read_together(readers)` runs readers side by side: every reader asks what it needs up to its
next `yield`, those queries go out in one round trip (a psycopg pipeline on PostgreSQL; one
by one elsewhere, where they run at once), and the readers go on, until each has returned.
`read_now(reader)` runs one reader on its own, for a caller that needs only its result;
`side_by_side(readers)` makes one reader of several.
"""

from collections.abc import Generator, Iterable
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

Reader = Generator[None, None, Any]


@contextmanager
def reading_together(using: str = DEFAULT_DB_ALIAS):
    """Queries asked inside the block go out together; their answers are in when it ends.

    Only a read belongs inside: a write in a pipeline would not see an error until the block
    ends. Nested blocks share the outer round trip.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    # An error of a query asked inside surfaces when the block ends; raised as Django's.
    with connection.wrap_database_errors, connection.connection.pipeline():
        yield


def side_by_side(readers: Iterable[Reader]) -> Reader:
    """One reader of `readers`: each step, each of them up to its next `yield` (in order);
    returns their results, in order."""
    running = list(readers)
    results: list = [None] * len(running)
    waiting = list(range(len(running)))
    while waiting:
        still = []
        for index in waiting:
            try:
                next(running[index])
            except StopIteration as done:
                results[index] = done.value
            else:
                still.append(index)
        waiting = still
        if waiting:
            yield
    return results


def read_now(reader: Reader, using: str = DEFAULT_DB_ALIAS):
    """The result of `reader`, each step's queries in one round trip."""
    while True:
        with reading_together(using):
            try:
                next(reader)
            except StopIteration as done:
                return done.value


def read_together(readers: Iterable[Reader], using: str = DEFAULT_DB_ALIAS) -> list:
    """The results of `readers` run side by side, in order."""
    return read_now(side_by_side(readers), using)


def answered(value) -> Reader:
    """A reader that asks nothing and returns `value`."""
    return value
    yield  # a generator: the yield is never reached
