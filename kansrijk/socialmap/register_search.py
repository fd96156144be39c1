"""Registrations of the social map's search part (see registry.py)."""


def register() -> None:
    pass
