"""Registration of financing's demo kraamzorg calculations (see registry.py); the rules and
the example business case register their own demo steps."""


def register() -> None:
    from kansrijk.organisations.demo import register_demo_step

    from . import demo_kraamzorg

    register_demo_step(demo_kraamzorg.ORDER, demo_kraamzorg.seed_demo_kraamzorg)
