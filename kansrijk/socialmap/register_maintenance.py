"""Registrations of the social map's maintenance part (see registry.py): its page under
"Beheer" for coordinators.

The service page offers "Aanbod bewerken" to whoever may edit the service. Delegated editors
(who are no coordinators) do not see "Beheer"; the social map's own pages
offer them the way in with `socialmap/_map_maintenance_link.html` (context from
`views_map.maintenance_link`). A menu entry for them would cost a query on every page.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _edit_action(request, service) -> dict | None:
    """ "Aanbod bewerken" on the service page, for whoever may edit this service."""
    from .selectors_map import request_map_rights

    if not request_map_rights(request).may_edit_service(service):
        return None
    return {"url": reverse("socialmap:map_service_edit", args=[service.pk])}


def register() -> None:
    from kansrijk.core.navigation import register_manage_page

    from .views_map import may_use_maintenance_menu
    from .views_search import register_service_action

    register_manage_page(
        label=_("Sociale kaart bijhouden"),
        description=_(
            "Aanbieders en aanbod van de sociale kaart bijhouden, controleren wat 12 maanden "
            "niet is gecontroleerd, en redacteuren per aanbieder aanwijzen."
        ),
        url_name="socialmap:map_overview",
        order=60,
        visible=may_use_maintenance_menu,
    )
    register_service_action(
        code="edit",
        template="socialmap/_map_edit_action.html",
        order=90,
        context=_edit_action,
    )
