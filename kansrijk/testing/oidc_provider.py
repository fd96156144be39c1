"""A small OpenID Connect provider on the loopback, for the single sign-on tests.

It serves discovery, `authorize` (approves at once, as the configured user, with the configured
`amr`/`acr`), `token` (checks the client secret and the PKCE verifier; signs the ID token RS256
with a key made at start) and the JWKS. Its `tamper` settings make the ID token wrong in one
way each: another issuer or audience, expired, another nonce, signed with a key it does not
publish.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

CLIENT_ID = "kansrijk-test"
CLIENT_SECRET = "test-client-secret-do-not-use"  # a test provider's secret


def _private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class LocalOidcProvider:
    def __init__(self):
        self.key = _private_key()
        self.other_key = _private_key()
        self.kid = "test-key-1"
        self.user = {"sub": "user-1", "email": "", "email_verified": True}
        self.amr: list[str] | None = None
        self.acr: str | None = None
        self.tamper: str = ""
        self.codes: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def login_as(self, *, email: str, sub: str = "user-1", amr=None, acr=None, verified=True):
        self.user = {"sub": sub, "email": email, "email_verified": verified}
        self.amr, self.acr = amr, acr

    # --- Documents --------------------------------------------------------------------------

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def id_token(self, *, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **self.user,
        }
        if self.amr is not None:
            claims["amr"] = self.amr
        if self.acr is not None:
            claims["acr"] = self.acr
        key = self.key
        if self.tamper == "issuer":
            claims["iss"] = "https://someone-else.example"
        elif self.tamper == "audience":
            claims["aud"] = "another-client"
        elif self.tamper == "expired":
            claims["iat"], claims["exp"] = now - 3600, now - 600
        elif self.tamper == "nonce":
            claims["nonce"] = "not-the-nonce"
        elif self.tamper == "signature":
            key = self.other_key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    # --- HTTP -------------------------------------------------------------------------------

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status: int, document: dict):
                body = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                parts = urlsplit(self.path)
                if parts.path == "/.well-known/openid-configuration":
                    return self._json(200, provider.discovery())
                if parts.path == "/jwks":
                    return self._json(200, provider.jwks())
                if parts.path == "/authorize":
                    return self._authorize({k: v[0] for k, v in parse_qs(parts.query).items()})
                return self._json(404, {"error": "not_found"})

            def _authorize(self, query: dict):
                if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                    return self._json(400, {"error": "invalid_request"})
                code = secrets.token_urlsafe(16)
                provider.codes[code] = query
                target = (
                    query["redirect_uri"]
                    + "?"
                    + urlencode({"code": code, "state": query.get("state", "")})
                )
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()

            def do_POST(self):
                if urlsplit(self.path).path != "/token":
                    return self._json(404, {"error": "not_found"})
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                request = provider.codes.pop(form.get("code", ""), None)
                if (
                    request is None
                    or form.get("client_id") != CLIENT_ID
                    or form.get("client_secret") != CLIENT_SECRET
                    or form.get("redirect_uri") != request["redirect_uri"]
                    or _challenge(form.get("code_verifier", "")) != request["code_challenge"]
                ):
                    return self._json(400, {"error": "invalid_grant"})
                token = provider.id_token(nonce=request.get("nonce", ""))
                return self._json(
                    200, {"access_token": "at", "token_type": "Bearer", "id_token": token}
                )

        return Handler


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def sso_login(client, *, provider_pk: int):
    """Press "Inloggen via …", let the local provider approve, follow the way back; the answer
    of the callback (a redirect to the next step, or to the login page with an error)."""
    start = client.get(reverse("access:oidc_start", args=[provider_pk]))
    assert start.status_code == 302, start
    approved = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert approved.status_code == 302, approved.text
    back = urlsplit(approved.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def make_provider(organisation, *, issuer: str = "https://login.example.invalid", **values):
    """A provider row as if its discovery document had been read (no network)."""
    from kansrijk.access import oidc
    from kansrijk.access.models import OidcProvider

    values = {
        "name": organisation.name,
        "client_id": CLIENT_ID,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "jwks_uri": f"{issuer}/jwks",
        **values,
    }
    return OidcProvider.objects.create(
        organisation=organisation,
        issuer=issuer,
        client_secret_encrypted=oidc.secret_encrypt(CLIENT_SECRET),
        **values,
    )
