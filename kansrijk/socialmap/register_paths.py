"""Registrations of the social map's paths part (see registry.py)."""


def register() -> None:
    pass
