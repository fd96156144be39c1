"""Federation test data: small fake indicators with known figures per coalition, Ed25519
keys made at run time (no private key is kept anywhere), signed files, a loopback web server.

Everything here is fictional. Import the fixtures into a test module:

    from kansrijk.testing.monitoring_federation import fake_indicators_fixture  # noqa: F401
"""

import base64
import json
import threading
from dataclasses import replace
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kansrijk.monitoring import indicators as registry
from kansrijk.monitoring.federation.signing import canonical_bytes
from kansrijk.monitoring.indicators import Cell, Definition, Indicator
from kansrijk.monitoring.models import TrustedPublisher

# The figures every coalition gets unless a test sets its own (see FakeFigures.set):
# 42 families; 12 of 30 signalled before 16 weeks; a median of 95.5 days over 30 families;
# levels 25 / 4 / 13 (the 4 is suppressed to "<10").
STANDARD: dict[str, list[Cell]] = {
    "fake_families": [Cell("all", "Alle gezinnen", numerator=42)],
    "fake_early": [Cell("before_16", "Voor 16 weken", numerator=12, denominator=30)],
    "fake_days": [Cell("median", "Mediaan", denominator=30, value=Decimal("95.5"))],
    "fake_levels": [
        Cell("none", "Geen kwetsbaarheid", numerator=25),
        Cell("vulnerable", "Kwetsbaar", numerator=4),
        Cell("urgent", "Urgent", numerator=13),
    ],
}
KINDS = {
    "fake_families": ("count", "Gezinnen in beeld (test)", ""),
    "fake_early": ("share", "Gesignaleerd voor 16 weken (test)", ""),
    "fake_days": ("median", "Dagen tot casusregisseur (test)", "dagen"),
    "fake_levels": ("distribution", "Kwetsbaarheid (test)", ""),
}


class FakeFigures:
    """The fake indicators' figures: STANDARD, or what a test set for a coalition."""

    def __init__(self):
        self._cells: dict[tuple[int, str], list[Cell]] = {}

    def set(self, coalition, code: str, cells: list[Cell]) -> None:
        self._cells[(coalition.pk, code)] = cells

    def cells(self, code: str, scope) -> list[Cell]:
        return self._cells.get((scope.coalition_id, code), STANDARD[code])

    def indicators(self) -> list[Indicator]:
        made = []
        for code, (kind, title, unit) in KINDS.items():
            made.append(
                Indicator(
                    code=code,
                    version=1,
                    title=title,
                    kind=kind,
                    unit=unit,
                    definition=Definition(numerator="test"),
                    compute=lambda scope, period, code=code: self.cells(code, scope),
                )
            )
        return made


@pytest.fixture(name="fake_indicators")
def fake_indicators_fixture():
    """The registry holds only the fake indicators during the test; restored afterwards."""
    saved = dict(registry._registry)
    registry._registry.clear()
    fakes = FakeFigures()
    for indicator in fakes.indicators():
        registry.register(indicator)
    yield fakes
    registry._registry.clear()
    registry._registry.update(saved)


def with_version(code: str, version: int) -> None:
    """Register the fake indicator `code` with another definition version."""
    registry.register(replace(registry.get(code), version=version))


# --- Keys and signed files -----------------------------------------------------------------------


def new_key() -> tuple[str, str]:
    """A fresh Ed25519 key pair for one test: (private, public), base64 of the raw bytes."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(private).decode(), base64.b64encode(public).decode()


def signed_by(document: dict, private_key: str) -> dict:
    """The file a publisher with `private_key` would publish (a test's own key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))
    signature = base64.b64encode(key.sign(canonical_bytes(document))).decode()
    return {"document": document, "signature": signature, "algorithm": "Ed25519"}


def as_bytes(payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def sample_document(publisher: str = "test.example/coalities/1", **overrides) -> dict:
    """A valid document (schema version 1) without the database."""
    document = {
        "schema_version": 1,
        "publisher": {"id": publisher, "name": "Kansrijke Start Voorbeelddorp"},
        "region": "Testregio",
        "period": "2026-Q3",
        "version": 1,
        "generated_at": "2026-10-01T09:00:00+00:00",
        "indicators": [
            {
                "code": "fake_families",
                "version": 1,
                "title": "Gezinnen in beeld (test)",
                "kind": "count",
                "unit": "",
                "cells": [{"key": "all", "label": "Alle gezinnen", "numerator": 42}],
            },
            {
                "code": "fake_early",
                "version": 1,
                "title": "Gesignaleerd voor 16 weken (test)",
                "kind": "share",
                "unit": "",
                "cells": [
                    {
                        "key": "before_16",
                        "label": "Voor 16 weken",
                        "numerator": 12,
                        "denominator": 30,
                        "share": 0.4,
                    }
                ],
            },
        ],
    }
    document.update(overrides)
    return document


def trust(region, publisher: str, public_key: str) -> TrustedPublisher:
    return TrustedPublisher.objects.create(
        region=region, publisher=publisher, public_key=public_key
    )


# --- A web server on the loopback ----------------------------------------------------------------


class LoopbackServer:
    """Serves fixed bodies (`files`) and redirects (`redirects`) by path on 127.0.0.1 in a
    thread (for the URL import)."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}
        files, redirects = self.files, self.redirects

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path in redirects:
                    self.send_response(302)
                    self.send_header("Location", redirects[self.path])
                    self.end_headers()
                    return
                body = files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body or b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(name="loopback")
def loopback_fixture():
    with LoopbackServer() as server:
        yield server
