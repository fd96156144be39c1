"""Ed25519 signatures over a document's canonical JSON.

The installation signs with one key: the setting MONITORING_SIGNING_KEY, the base64 of the
32 raw bytes of an Ed25519 private key (any 32 random bytes are one, e.g.
`python -c "import base64,os;print(base64.b64encode(os.urandom(32)).decode())"`).

Without the setting (development, tests, the demo) the key is derived from SECRET_KEY, so
that it stays the same between restarts without a private key in the repository; a
production installation that publishes to a region sets its own key, because a new
SECRET_KEY would otherwise change the key its region trusts.

`cryptography` is imported inside the functions: the pages and commands that never sign do
not need it to load.
"""

import base64
import binascii
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALGORITHM = "Ed25519"
KEY_BYTES = 32


def canonical_bytes(document: dict) -> bytes:
    """The bytes a signature covers: UTF-8 JSON with sorted keys and no whitespace."""
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _seed() -> bytes:
    configured = getattr(settings, "MONITORING_SIGNING_KEY", "") or ""
    if configured:
        try:
            seed = base64.b64decode(configured, validate=True)
        except (binascii.Error, ValueError) as error:
            raise ImproperlyConfigured("MONITORING_SIGNING_KEY is not valid base64.") from error
        if len(seed) != KEY_BYTES:
            raise ImproperlyConfigured("MONITORING_SIGNING_KEY must hold 32 bytes (base64).")
        return seed
    return hashlib.sha256(b"kansrijk-monitoring-signing:" + settings.SECRET_KEY.encode()).digest()


def _private_key():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(_seed())


def public_key_text() -> str:
    """The installation's public key as base64 of its 32 raw bytes (what a region trusts)."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = _private_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign(document: dict) -> str:
    """The base64 signature of the document's canonical JSON with the installation's key."""
    return base64.b64encode(_private_key().sign(canonical_bytes(document))).decode("ascii")


def is_public_key(text: str) -> bool:
    """Whether `text` is base64 of a raw Ed25519 public key."""
    return _public_key(text) is not None


def _public_key(text: str):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw = base64.b64decode((text or "").strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw) if len(raw) == KEY_BYTES else None
    except (binascii.Error, ValueError):
        return None


def verify(document: dict, signature: str, public_key: str) -> bool:
    """Whether `signature` is the publisher's signature of this very document."""
    from cryptography.exceptions import InvalidSignature

    key = _public_key(public_key)
    if key is None or not isinstance(signature, str):
        return False
    try:
        key.verify(base64.b64decode(signature, validate=True), canonical_bytes(document))
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def signed_file(document: dict) -> dict:
    """The document wrapped with its signature and the key to check it with, as published."""
    return {
        "document": document,
        "signature": sign(document),
        "public_key": public_key_text(),
        "algorithm": ALGORITHM,
    }
