"""Single sign-on through an organisation's OpenID Connect provider (authorization code flow).

The flow: `authorization_url` remembers state, nonce and a PKCE verifier in the session and
sends the browser to the provider; `login_from_callback` checks the state, exchanges the code
(with the client secret and the PKCE verifier), validates the ID token (signature with the
provider's published keys, issuer, audience, expiry, nonce) and matches the professional.

Matching rules, the safest that work without a prior link: the provider must assert a
*verified* e-mail address, which must belong to exactly one active professional with a current
membership in the provider's organisation. Nobody is ever created. The provider's `sub` is
linked to that professional at the first login (`OidcIdentity`); later logins must come with
the same `sub`, so a reassigned e-mail address at the provider cannot take over an account.

The building blocks are PyJWT (which mozilla-django-oidc uses as well) and requests; every
refusal is an `OidcRefused` with a Dutch reason for the login page.
"""

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from kansrijk.organisations.models import Membership, Professional

from .models import OidcIdentity, OidcProvider

SESSION_KEY = "oidc_login"
FLOW_SECONDS = 600
HTTP_TIMEOUT_SECONDS = 10
# `amr` values (RFC 8176) that mean the provider checked a second factor.
MFA_AMR_VALUES = {"mfa", "otp"}
SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]
LEEWAY_SECONDS = 30


class OidcRefused(Exception):
    """A login through a provider that is refused; `str()` is the Dutch reason to show."""


# --- The client secret, encrypted at rest -----------------------------------------------------


def _fernet() -> Fernet:
    """A key of its own, derived from OIDC_SECRET_KEY (or SECRET_KEY when that is not set)."""
    base = getattr(settings, "OIDC_SECRET_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(f"kansrijk-oidc-client-secret:{base}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def secret_encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def secret_decrypt(encrypted: str) -> str:
    try:
        return _fernet().decrypt(encrypted.encode()).decode()
    except InvalidToken:
        message = _("De instellingen van deze inlogdienst kloppen niet. Vraag het de beheerder.")
        raise OidcRefused(message) from None


# --- Discovery --------------------------------------------------------------------------------


def _check_address(url: str) -> None:
    """Only https, except for the hosts in OIDC_HTTP_HOSTS (the tests' provider on loopback)."""
    parts = urlsplit(url)
    if parts.scheme == "https" or (
        parts.scheme == "http" and parts.hostname in getattr(settings, "OIDC_HTTP_HOSTS", [])
    ):
        return
    raise OidcRefused(_("Gebruik een adres dat met https:// begint."))


def _get_json(url: str) -> dict:
    _check_address(url)
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT_SECONDS, allow_redirects=False)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError):
        raise OidcRefused(
            _("De inlogdienst is niet bereikbaar of gaf geen geldig antwoord.")
        ) from None
    if not isinstance(document, dict):
        raise OidcRefused(_("De inlogdienst is niet bereikbaar of gaf geen geldig antwoord."))
    return document


def discover(issuer: str) -> dict[str, str]:
    """The provider's endpoints from its `.well-known/openid-configuration`; refused when the
    document names another issuer (OpenID Connect Discovery 1.0, section 4.3)."""
    document = _get_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
    if document.get("issuer") != issuer:
        raise OidcRefused(
            _("De inlogdienst noemt een ander issuer-adres: %(issuer)s")
            % {"issuer": str(document.get("issuer", ""))[:200]}
        )
    endpoints = {}
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        value = document.get(key)
        if not isinstance(value, str) or not value:
            raise OidcRefused(_("De inlogdienst noemt geen %(key)s.") % {"key": key})
        _check_address(value)
        endpoints[key] = value
    return endpoints


# --- The flow -----------------------------------------------------------------------------------


def _pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def redirect_uri(request) -> str:
    return request.build_absolute_uri(reverse("access:oidc_callback"))


def authorization_url(request, *, provider: OidcProvider) -> str:
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    request.session[SESSION_KEY] = {
        "provider": provider.pk,
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "at": int(time.time()),
    }
    query = urlencode(
        {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": redirect_uri(request),
            "scope": "openid email profile",
            "state": state,
            "nonce": nonce,
            "code_challenge": _pkce_challenge(verifier),
            "code_challenge_method": "S256",
        }
    )
    separator = "&" if "?" in provider.authorization_endpoint else "?"
    return f"{provider.authorization_endpoint}{separator}{query}"


@dataclass
class OidcLogin:
    provider: OidcProvider
    claims: dict
    email: str

    @property
    def mfa_asserted(self) -> bool:
        amr = self.claims.get("amr") or []
        if isinstance(amr, str):
            amr = [amr]
        acr = self.claims.get("acr")
        return bool(MFA_AMR_VALUES & {str(v) for v in amr}) or (
            isinstance(acr, str) and acr in self.provider.acr_values
        )


def pending_flow(request) -> tuple[OidcProvider, dict]:
    """The provider and remembered values of the flow this callback answers; the flow is used
    once (popped), whatever happens next."""
    flow = request.session.pop(SESSION_KEY, None)
    if not flow or time.time() - flow["at"] > FLOW_SECONDS:
        raise OidcRefused(_("Het inloggen via je organisatie duurde te lang. Probeer het opnieuw."))
    if not secrets.compare_digest(str(request.GET.get("state", "")), flow["state"]):
        raise OidcRefused(_("Het antwoord van de inlogdienst hoort niet bij deze inlogpoging."))
    provider = OidcProvider.objects.select_related("organisation").filter(
        pk=flow["provider"], is_active=True, organisation__is_active=True
    )
    provider = provider.first()
    if provider is None:
        raise OidcRefused(_("Deze inlogdienst is niet meer beschikbaar."))
    return provider, flow


def _exchange_code(request, *, provider: OidcProvider, code: str, verifier: str) -> str:
    _check_address(provider.token_endpoint)
    try:
        response = requests.post(
            provider.token_endpoint,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri(request),
                "client_id": provider.client_id,
                "client_secret": secret_decrypt(provider.client_secret_encrypted),
                "code_verifier": verifier,
            },
            timeout=HTTP_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
        response.raise_for_status()
        id_token = response.json().get("id_token")
    except (requests.RequestException, ValueError, AttributeError):
        raise OidcRefused(_("De inlogdienst gaf geen geldig antwoord op de inlogcode.")) from None
    if not isinstance(id_token, str):
        raise OidcRefused(_("De inlogdienst gaf geen geldig antwoord op de inlogcode."))
    return id_token


def validate_id_token(id_token: str, *, provider: OidcProvider, nonce: str) -> dict:
    """The claims of a valid ID token (OpenID Connect Core 1.0, section 3.1.3.7)."""
    invalid = _("De inlogdienst gaf een ongeldig of verlopen bewijs van inloggen. Probeer opnieuw.")
    try:
        _check_address(provider.jwks_uri)
        jwks = jwt.PyJWKClient(provider.jwks_uri, cache_keys=False, timeout=HTTP_TIMEOUT_SECONDS)
        key = jwks.get_signing_key_from_jwt(id_token)
        claims = jwt.decode(
            id_token,
            key=key,
            algorithms=SIGNING_ALGORITHMS,
            audience=provider.client_id,
            issuer=provider.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except (jwt.PyJWTError, OidcRefused):
        raise OidcRefused(invalid) from None
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OidcRefused(invalid)
    return claims


def login_from_callback(
    request, *, provider: OidcProvider, flow: dict
) -> tuple[OidcLogin, Professional]:
    """The checked login and the matched professional for the flow `pending_flow` returned."""
    if request.GET.get("error"):
        raise OidcRefused(_("Inloggen via je organisatie is afgebroken of geweigerd."))
    code = request.GET.get("code")
    if not code:
        raise OidcRefused(_("De inlogdienst gaf geen inlogcode terug."))
    id_token = _exchange_code(request, provider=provider, code=code, verifier=flow["verifier"])
    claims = validate_id_token(id_token, provider=provider, nonce=flow["nonce"])
    email = claims.get("email")
    if not isinstance(email, str) or not email or claims.get("email_verified") is not True:
        raise OidcRefused(_("De inlogdienst gaf geen bevestigd e-mailadres door."))
    oidc_login = OidcLogin(provider=provider, claims=claims, email=email)
    return oidc_login, professional_for(oidc_login)


def professional_for(oidc_login: OidcLogin) -> Professional:
    """The one active professional with this e-mail address and a current membership in the
    provider's organisation, and (once linked) the same `sub` at the provider."""
    provider = oidc_login.provider
    refused = _(
        "Met dit account van %(organisation)s kun je niet inloggen in kansrijk. "
        "Vraag je beheerder om je e-mailadres te controleren."
    ) % {"organisation": provider.organisation.name}
    organisation_members = Membership.objects.current().filter(organisation=provider.organisation)
    candidates = list(
        Professional.objects.filter(
            is_active=True,
            email__iexact=oidc_login.email,
            pk__in=organisation_members.values("professional_id"),
        )[:2]
    )
    if len(candidates) != 1:
        raise OidcRefused(refused)
    professional = candidates[0]
    linked = OidcIdentity.objects.filter(provider=provider, user=professional).first()
    if linked is not None and linked.subject != str(oidc_login.claims["sub"]):
        raise OidcRefused(refused)
    other = OidcIdentity.objects.filter(provider=provider, subject=str(oidc_login.claims["sub"]))
    if other.exclude(user=professional).exists():
        raise OidcRefused(refused)
    return professional
