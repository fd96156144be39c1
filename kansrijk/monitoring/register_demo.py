"""Registrations of monitoring's demo part (see apps.py): twelve months of fictional history,
after the MDO's demo step."""


def register() -> None:
    from kansrijk.organisations.demo import register_demo_step

    from . import demo

    register_demo_step(demo.ORDER, demo.seed_demo_monitoring)
