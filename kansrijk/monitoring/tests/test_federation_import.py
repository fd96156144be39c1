"""A region imports a coalition's document: the round trip keeps the suppressed figures, and
each check refuses with a clear reason, keeping the reason and never the figures."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from kansrijk.core.models import AuditEvent
from kansrijk.monitoring import services_federation as services
from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.federation.document import publisher_id
from kansrijk.monitoring.models import ImportedDocument
from kansrijk.monitoring.periods import Period
from kansrijk.testing.monitoring_federation import (  # noqa: F401
    as_bytes,
    fake_indicators_fixture,
    new_key,
    sample_document,
    signed_by,
    trust,
)

pytestmark = pytest.mark.django_db
PUBLISHER = "test.example/coalities/1"


def _import(cast, content: bytes):
    return services.document_import(
        actor=cast.analyst, region=cast.coalition.region, content=content, source="test.json"
    )


def _refused(imported, *words):
    assert imported.status == "refused"
    assert imported.document is None
    for word in words:
        assert word in imported.reason, imported.reason
    return imported


def test_a_published_document_comes_back_with_the_same_suppressed_figures(cast, fake_indicators):
    published = services.document_publish(
        actor=cast.coordinator, coalition=cast.coalition, period=Period.parse("2026-Q3")
    )
    trust(cast.coalition.region, publisher_id(cast.coalition), signing.public_key_text())
    content = json.dumps(services.published_file(published), indent=2).encode()

    imported = _import(cast, content)

    assert imported.status == "accepted", imported.reason
    assert imported.document == published.document
    assert (imported.publisher, imported.period, imported.version) == (
        publisher_id(cast.coalition),
        "2026-Q3",
        1,
    )
    levels = imported.document["indicators"][3]["cells"]
    assert [cell["numerator"] for cell in levels] == [25, "<10", "x"]
    assert AuditEvent.objects.filter(object_type="monitoring.ImportedDocument").count() == 1


def test_publishing_again_makes_the_next_version(cast, fake_indicators):
    q3 = Period.parse("2026-Q3")
    first = services.document_publish(actor=cast.coordinator, coalition=cast.coalition, period=q3)
    second = services.document_publish(actor=cast.coordinator, coalition=cast.coalition, period=q3)
    other = services.document_publish(
        actor=cast.coordinator, coalition=cast.coalition, period=Period.parse("2026-Q2")
    )
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert second.document["version"] == 2
    assert signing.verify(second.document, second.signature, signing.public_key_text())


def test_only_a_coordinator_publishes_and_only_the_region_imports(cast, fake_indicators):
    with pytest.raises(PermissionDenied):
        services.document_publish(
            actor=cast.analyst, coalition=cast.coalition, period=Period.parse("2026-Q3")
        )
    with pytest.raises(PermissionDenied):
        services.document_import(
            actor=cast.outsider, region=cast.coalition.region, content=b"{}", source="x"
        )


def test_a_document_signed_with_another_key_is_refused(cast):
    _private, public = new_key()
    other_private, _public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    _refused(
        _import(cast, as_bytes(signed_by(sample_document(), other_private))),
        "De handtekening klopt niet",
    )


def test_a_document_changed_after_signing_is_refused(cast):
    private, public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    signed = signed_by(sample_document(), private)
    signed["document"]["indicators"][0]["cells"][0]["numerator"] = 420

    imported = _refused(_import(cast, as_bytes(signed)), "De handtekening klopt niet", "gewijzigd")
    assert (imported.publisher, imported.period, imported.version) == (PUBLISHER, "2026-Q3", 1)


def test_a_document_without_signature_is_refused(cast):
    _private, public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    _refused(_import(cast, as_bytes({"document": sample_document()})), "handtekening ontbreekt")
    _refused(_import(cast, as_bytes(sample_document())), "handtekening ontbreekt")


def test_a_document_of_an_unknown_publisher_is_refused(cast):
    private, _public = new_key()
    _refused(
        _import(cast, as_bytes(signed_by(sample_document(), private))),
        PUBLISHER,
        "niet in de lijst van vertrouwde uitgevers",
    )


def test_a_publisher_trusted_by_another_region_is_unknown_here(cast):
    from kansrijk.testing.factories import RegionFactory

    private, public = new_key()
    trust(RegionFactory(), PUBLISHER, public)
    _refused(
        _import(cast, as_bytes(signed_by(sample_document(), private))),
        "niet in de lijst van vertrouwde uitgevers",
    )


def test_a_document_against_the_schema_is_refused(cast):
    private, public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    wrong_version = sample_document(schema_version=2)
    _refused(_import(cast, as_bytes(signed_by(wrong_version, private))), "schema", "schema_version")

    with_names = sample_document()
    with_names["indicators"][0]["cells"][0]["names"] = ["Jansen"]
    refused = _refused(_import(cast, as_bytes(signed_by(with_names, private))), "schema", "names")
    assert "Jansen" not in refused.reason  # a reason names fields, never values

    no_period = sample_document()
    del no_period["period"]
    _refused(_import(cast, as_bytes(signed_by(no_period, private))), "schema", "period")


def test_a_cell_under_10_shown_as_a_number_is_refused(cast):
    private, public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    leaky = sample_document()
    leaky["indicators"][1]["cells"][0]["numerator"] = 7

    imported = _refused(
        _import(cast, as_bytes(signed_by(leaky, private))),
        "aantal onder de 10",
        "fake_early",
        "before_16",
    )
    assert "7" not in imported.reason


def test_something_that_is_not_json_is_refused(cast):
    _refused(_import(cast, b"\x89PNG not json"), "geen JSON-document")
    _refused(_import(cast, b"[1, 2]"), "geen ondertekend document")
    _refused(_import(cast, b'{"document": {"a": NaN}, "signature": "x"}'), "geen JSON-document")


def test_a_refused_document_is_stored_with_its_reason_only(cast):
    private, public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    leaky = sample_document()
    leaky["indicators"][0]["cells"][0]["numerator"] = 3
    _import(cast, as_bytes(signed_by(leaky, private)))

    stored = ImportedDocument.objects.get()
    assert stored.status == "refused"
    assert stored.document is None
    assert stored.reason
    assert stored.imported_by == cast.analyst
