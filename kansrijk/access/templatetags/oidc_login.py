"""`{% oidc_login_buttons %}`: the "Inloggen via …" buttons of the active providers."""

from django import template

from kansrijk.access.models import OidcProvider

register = template.Library()


@register.inclusion_tag("access/oidc/_login_buttons.html")
def oidc_login_buttons():
    providers = OidcProvider.objects.filter(is_active=True, organisation__is_active=True)
    return {"oidc_providers": list(providers.only("pk", "name"))}
