"""Registrations of this part (see apps.py)."""


def register() -> None:
    pass
