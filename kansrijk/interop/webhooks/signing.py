"""The signature of a webhook: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's
secret, sent as `X-Kansrijk-Signature: sha256=<hex>`.

The timestamp is inside what is signed, so a receiver can refuse an old message replayed
later (check that `X-Kansrijk-Timestamp` is recent), and the body is signed byte for byte as
sent. A receiver checks with `verify`, or the same three lines in its own language.
"""

import hashlib
import hmac

PREFIX = "sha256="


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return PREFIX + digest.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    """True when `header` is the signature of `body` at `timestamp` (constant-time compare)."""
    return hmac.compare_digest(signature(secret, timestamp, body), header or "")
