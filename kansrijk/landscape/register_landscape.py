"""Registrations of the landscape and agreements parts (see apps.py): the "Landschap" area in
the main menu for coordinators and analysts (the agreements list is linked from there), the
agreements section of the governance report, and the demo step."""

from django.utils.translation import gettext_lazy as _


def report_context(coalition, municipality=None) -> dict | None:
    """The governance report's agreements section: open ones and those finished lately
    (one query); left out when there are none."""
    from django.utils.translation import gettext as gettext

    from .selectors_agreements import report_agreements

    found = report_agreements(coalition, municipality)
    if not found["open"] and not found["finished"]:
        return None
    return {
        "days": found["days"],
        "tables": [
            (gettext("Open afspraken"), found["open"], "open"),
            (gettext("Afgerond of vervallen"), found["finished"], "finished"),
        ],
    }


def register() -> None:
    from kansrijk.core.navigation import register_area
    from kansrijk.monitoring.report_sections import Section, register_section
    from kansrijk.organisations.demo import register_demo_step

    from . import demo_landscape
    from .views_agreements import may_read_landscape

    register_area(
        label=_("Landschap"),
        url_name="landscape:landscape",
        order=77,
        visible=may_read_landscape,
    )
    register_section(
        Section(
            key="landscape_agreements",
            template="landscape/report_agreements.html",
            context=report_context,
            order=50,
        )
    )
    register_demo_step(demo_landscape.ORDER, demo_landscape.seed_demo_landscape)
