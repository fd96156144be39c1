"""Registrations of the social map's maintenance part (see registry.py)."""


def register() -> None:
    pass
