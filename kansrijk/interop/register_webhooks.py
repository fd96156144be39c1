"""Registrations of the webhooks part (see apps.py): the "Webhooks" page under Beheer for
coordinators, and the signals that turn handovers and referrals into webhook events."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_manage_page

    from .views_webhooks import may_manage
    from .webhooks import signals

    register_manage_page(
        label=_("Webhooks"),
        description=_(
            "Systemen van ketenpartners een ondertekend bericht sturen bij overdrachten en "
            "verwijzingen aan hun organisatie, met verwijzingen en zonder persoonsgegevens."
        ),
        url_name="interop:webhook_list",
        order=70,
        visible=may_manage,
    )
    signals.connect()
