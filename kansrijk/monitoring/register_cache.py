"""Registrations of monitoring's cache part (see apps.py)."""


def register() -> None:
    pass
