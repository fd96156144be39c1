"""Registrations of financing's business part (see registry.py): the "Businesscase" area in
the main menu for coordinators and analysts (analysts have no Beheer menu, and a business
case is coalition data they may read), and the seed_demo step with the fictional example."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_area
    from kansrijk.organisations.demo import register_demo_step

    from . import demo_business
    from .views_business import may_read_business

    register_area(
        label=_("Businesscase"),
        url_name="financing:business_list",
        order=70,
        visible=may_read_business,
    )
    # After the social map (55): the example needs only the coalitions and their coordinator.
    register_demo_step(demo_business.ORDER, demo_business.seed_demo_business)
