"""The access app's API, included by kansrijk/api_urls.py under the `api` namespace: the
organisations' sign-on providers (administrators) and the caller's own API tokens (issue 12)."""

from . import api_admin_oidc, api_tokens

urlpatterns = [*api_admin_oidc.urlpatterns, *api_tokens.urlpatterns]
