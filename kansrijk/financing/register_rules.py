"""Registrations of financing's rules part (see registry.py)."""


def register() -> None:
    pass
