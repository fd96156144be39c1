"""Registrations of the social map's search part (see registry.py): the "Sociale kaart" menu
area, for professionals, coordinators and analysts of the active coalition."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_area

    from .views_search import may_use_social_map

    register_area(
        label=_("Sociale kaart"),
        url_name="socialmap:search",
        order=38,
        visible=may_use_social_map,
    )
