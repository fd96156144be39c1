"""How API clients authenticate: a personal token, or a browser session that passed 2FA."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from kansrijk.core import ratelimit

from .models import ApiToken, hash_token

# Wrong tokens from one client address (RATE_LIMITS["api_token_failure"]): above the limit,
# every token from that address is refused with 429 until the window ends.
FAILURES_LIMIT = "api_token_failure"


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>` with a personal token made after a 2FA login."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        identity = ratelimit.address_identity(request)
        if wait := ratelimit.retry_after(FAILURES_LIMIT, identity):
            raise exceptions.Throttled(
                wait=wait, detail=str(_("Te veel ongeldige API-tokens vanaf dit adres."))
            )
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            ratelimit.hit(FAILURES_LIMIT, identity)
            raise

    def authenticate_credentials(self, key):
        token = (
            ApiToken.objects.active()
            .select_related("professional")
            .filter(key_hash=hash_token(key))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Ongeldige of ingetrokken API-token."))
        if not token.professional.is_active:
            raise exceptions.AuthenticationFailed(_("Dit account is gedeactiveerd."))
        token.mark_used()
        return token.professional, token


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """A browser session counts only when its login passed the second factor."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        if not getattr(request._request.user, "is_verified", lambda: False)():
            return None
        return user, auth


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    """Describes the verified session in the OpenAPI schema (drf-spectacular knows only
    Django's own SessionAuthentication, not subclasses of it)."""

    target_class = VerifiedSessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
