"""Registrations of the social map's demo part (see registry.py): the seed_demo step and the
synthetic-data hook of `generate_synthetic`."""


def register() -> None:
    from kansrijk.organisations.demo import register_demo_step

    from . import demo, synthetic

    # After the plans and handovers (50: the referrals' families have their care teams) and
    # before the MDO (60).
    register_demo_step(demo.ORDER, demo.seed_demo_socialmap)
    synthetic.register()
