"""Registrations of financing's kraamzorg part (see registry.py): financing's timeline kinds."""


def register() -> None:
    from . import timeline

    timeline.register_kinds()
