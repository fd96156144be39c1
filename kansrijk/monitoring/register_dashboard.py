"""Registrations of monitoring's dashboard part (see apps.py)."""


def register() -> None:
    pass
