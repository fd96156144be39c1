"""Registrations of financing's family part (see registry.py)."""


def register() -> None:
    pass
