"""Authorization matrix rows for the access app's API (kansrijk/access/api_admin_oidc.py,
api_tokens.py); merged into the matrix test.

The sign-on providers of the coalition's organisations are managed by its administrators only;
everyone else gets 403 (also a professional who broke the glass and the professional of the
other coalition), without a session or token 401. Everyone logged in lists their own API
tokens; only the owner revokes a token, to anyone else it does not exist (404), as on the
account page.
"""

from kansrijk.access.services import api_token_create
from kansrijk.testing.matrix import Row, World, everyone, only
from kansrijk.testing.oidc_provider import make_provider


def _provider(world: World) -> dict:
    organisation = world.cast.coalition.organisations.order_by("pk").first()
    return {"pk": make_provider(organisation).pk}


def _token_of_case_director(world: World) -> dict:
    token, _key = api_token_create(professional=world.cast.case_director, name="koppeling")
    return {"pk": token.pk}


ROWS: dict[str, Row] = {
    "api:admin_oidc_provider_list": Row(only(["administrator"], anonymous=401)),
    "api:admin_oidc_provider_detail": Row(only(["administrator"], anonymous=401), kwargs=_provider),
    "api:me_token_list": Row(everyone(200, anonymous=401)),
    "api:me_token_revoke": Row(
        everyone(404, anonymous=401, case_director=200),
        method="post",
        kwargs=_token_of_case_director,
    ),
}
