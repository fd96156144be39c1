"""Registrations of monitoring's demo part (see apps.py)."""


def register() -> None:
    pass
