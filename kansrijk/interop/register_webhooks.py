"""Registrations of the webhooks part (see apps.py)."""


def register() -> None:
    pass
