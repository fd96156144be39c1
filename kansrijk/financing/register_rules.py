"""Registrations of financing's rules part (see registry.py): the "Financiering" page under
Beheer, and the seed_demo step that loads the shipped figures with the demo's fictional
compensation routes and insurer exception."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_manage_page
    from kansrijk.organisations.demo import register_demo_step

    from . import demo_rules
    from .views_rules import may_read_rules

    register_manage_page(
        label=_("Financiering"),
        description=_(
            "Per jaar wie wat betaalt: wet, betaler, eigen risico en eigen bijdrage per soort "
            "zorg, uitzonderingen van verzekeraars en vergoedingen per gemeente, elk met bron."
        ),
        url_name="financing:rules",
        order=60,
        visible=may_read_rules,
    )
    # After the social map (55): the demo services get their kinds of care there.
    register_demo_step(demo_rules.ORDER, demo_rules.seed_demo_financing_rules)
