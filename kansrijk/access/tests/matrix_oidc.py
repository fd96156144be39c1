"""Authorization matrix rows for single sign-on; merged into the matrix test.

The button "Inloggen via …" and the provider's way back are open to anyone (the login itself
decides); someone already logged in is sent to the start page. The providers of the active
coalition's organisations are managed by its administrators only; everyone else gets 403, also
a professional who broke the glass and the professional of the other coalition. Another
coalition's provider is "not found" for an administrator (test_oidc_provider_pages.py).
"""

from kansrijk.testing.matrix import Row, World, everyone, only
from kansrijk.testing.oidc_provider import make_provider

ADMINISTRATORS = only(["administrator"])


def _provider_kwargs(world: World) -> dict:
    organisation = world.cast.coalition.organisations.order_by("pk").first()
    return {"pk": make_provider(organisation).pk}


ROWS: dict[str, Row] = {
    "access:oidc_start": Row(everyone(302, anonymous=302), kwargs=_provider_kwargs),
    "access:oidc_callback": Row(everyone(302, anonymous=302)),
    "access:oidc_provider_list": Row(ADMINISTRATORS),
    "access:oidc_provider_create": Row(ADMINISTRATORS),
    "access:oidc_provider_edit": Row(ADMINISTRATORS, kwargs=_provider_kwargs),
    "access:oidc_provider_delete": Row(ADMINISTRATORS, kwargs=_provider_kwargs),
}
