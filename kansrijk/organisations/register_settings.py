"""Registration of the coalition settings page on the Beheer overview (see apps.py)."""

from django.utils.translation import gettext_lazy as _


def may_change_settings(request) -> bool:
    """Only coordinators of the active coalition change its settings."""
    from .models import Role

    active = getattr(request, "active", None)
    return bool(
        active is not None and active.coalition is not None and active.has_role(Role.COORDINATOR)
    )


def register() -> None:
    from kansrijk.core.navigation import register_manage_page

    register_manage_page(
        label=_("Instellingen coalitie"),
        description=_(
            "Hoe lang een gesloten dossier bewaard blijft voordat de persoonsgegevens "
            "worden geanonimiseerd."
        ),
        url_name="organisations:coalition_settings",
        order=10,
        visible=may_change_settings,
    )
