"""Registrations of the social map's referrals part (see registry.py)."""


def register() -> None:
    pass
