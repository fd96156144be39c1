"""Registrations of the klantroute part (see apps.py): the "Klantroute" area in the main menu
for coordinators and analysts of the active coalition, and the demo step that gives demo
services their target groups."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_area
    from kansrijk.organisations.demo import register_demo_step

    from . import demo_klantroute
    from .views_klantroute import may_read_klantroute

    register_area(
        label=_("Klantroute"),
        url_name="landscape:klantroute",
        order=77,
        visible=may_read_klantroute,
    )
    register_demo_step(demo_klantroute.ORDER, demo_klantroute.seed_demo_klantroute)
