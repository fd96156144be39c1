"""Registrations of financing's kraamzorg part (see registry.py)."""


def register() -> None:
    pass
