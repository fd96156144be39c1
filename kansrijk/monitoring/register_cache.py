"""Registrations of monitoring's cache part (see apps.py): the signals that mark the kept
figures stale when the data they count changes."""


def register() -> None:
    from . import signals

    signals.connect()
