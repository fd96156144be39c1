"""Registrations of monitoring's dashboard part (see apps.py): the "Monitoring" area in the
main menu for coordinators and analysts of the active coalition."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_area

    from .views_dashboard import may_read_monitoring

    register_area(
        label=_("Monitoring"),
        url_name="monitoring:dashboard",
        order=75,
        visible=may_read_monitoring,
    )
