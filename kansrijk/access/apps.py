from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "kansrijk.access"
    label = "access"
    verbose_name = _("Toegang")

    def ready(self) -> None:
        from .policy import BREAK_THE_GLASS, register_ground

        # `access` owns the break-the-glass ground; other apps register theirs in turn.
        register_ground(BREAK_THE_GLASS)

        from kansrijk.core.navigation import register_area

        from .views_log import may_request_break_the_glass, may_search_log

        register_area(
            label=_("Noodtoegang"),
            url_name="access:break_the_glass_search",
            order=80,
            visible=may_request_break_the_glass,
        )
        register_area(
            label=_("Toegangslog"), url_name="access:log_search", order=85, visible=may_search_log
        )

        from kansrijk.core.navigation import register_manage_page

        from .views_oidc import may_manage_providers

        register_manage_page(
            label=_("Inloggen via organisaties"),
            description=_("Inlogdiensten (OpenID Connect) van de organisaties beheren."),
            url_name="access:oidc_provider_list",
            order=75,
            visible=may_manage_providers,
        )
