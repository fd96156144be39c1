"""Registrations of monitoring's federation part (see apps.py): the "Regio" area in the main
menu for coordinators and analysts; the coalition's publication page is linked from there."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_area

    from .views_federation import may_read_federation

    register_area(
        label=_("Regio"),
        url_name="monitoring:federation_region",
        order=76,
        visible=may_read_federation,
    )
