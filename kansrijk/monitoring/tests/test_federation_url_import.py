"""Importing a document from an address: fetched over http on the loopback, with the same
checks; an address that gives no document is refused with the reason."""

import pytest

from kansrijk.monitoring import services_federation as services
from kansrijk.testing.monitoring_federation import (  # noqa: F401
    as_bytes,
    loopback_fixture,
    new_key,
    sample_document,
    signed_by,
    trust,
)

pytestmark = pytest.mark.django_db
PUBLISHER = "test.example/coalities/1"


def _import_url(cast, url):
    return services.document_import_url(
        actor=cast.coordinator, region=cast.coalition.region, url=url
    )


def test_a_document_is_fetched_from_its_address(cast, loopback):
    private, public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    loopback.files["/cijfers.json"] = as_bytes(signed_by(sample_document(), private))

    imported = _import_url(cast, loopback.url("/cijfers.json"))

    assert imported.status == "accepted", imported.reason
    assert imported.source == loopback.url("/cijfers.json")
    assert imported.document == sample_document()


def test_a_fetched_document_goes_through_the_same_checks(cast, loopback):
    private, _public = new_key()
    loopback.files["/onbekend.json"] = as_bytes(signed_by(sample_document(), private))
    imported = _import_url(cast, loopback.url("/onbekend.json"))
    assert imported.status == "refused"
    assert "vertrouwde uitgevers" in imported.reason


def test_an_address_without_a_document_is_refused_with_the_reason(cast, loopback):
    missing = _import_url(cast, loopback.url("/bestaat-niet.json"))
    assert missing.status == "refused"
    assert "status 404" in missing.reason

    unreachable = _import_url(cast, "http://127.0.0.1:9/cijfers.json")
    assert unreachable.status == "refused"
    assert "niet bereikbaar" in unreachable.reason

    other_scheme = _import_url(cast, "file:///etc/passwd")
    assert other_scheme.status == "refused"
    assert "http://" in other_scheme.reason
    assert other_scheme.document is None


def test_an_internal_address_is_refused_unless_allowed(cast, loopback, settings):
    private, public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    loopback.files["/cijfers.json"] = as_bytes(signed_by(sample_document(), private))
    settings.MONITORING_IMPORT_INTERNAL_HOSTS = []

    imported = _import_url(cast, loopback.url("/cijfers.json"))

    assert imported.status == "refused"
    assert imported.reason == "Dit adres is niet toegestaan: het wijst naar een intern netwerk."


def test_a_redirect_is_not_followed(cast, loopback):
    private, public = new_key()
    trust(cast.coalition.region, PUBLISHER, public)
    loopback.files["/cijfers.json"] = as_bytes(signed_by(sample_document(), private))
    loopback.redirects["/oud.json"] = loopback.url("/cijfers.json")

    imported = _import_url(cast, loopback.url("/oud.json"))

    assert imported.status == "refused"
    assert "status 302" in imported.reason
