"""Registrations of monitoring's federation part (see apps.py)."""


def register() -> None:
    pass
