"""Registrations of financing's business part (see registry.py)."""


def register() -> None:
    pass
