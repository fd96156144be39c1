"""Registrations of the social map's demo part (see registry.py)."""


def register() -> None:
    pass
