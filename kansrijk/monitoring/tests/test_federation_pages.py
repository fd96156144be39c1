"""The federation pages: a coordinator publishes and downloads, the region trusts publishers,
imports documents (upload) and sees them side by side and summed, with their status."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.monitoring import services_federation as services
from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.federation.document import publisher_id
from kansrijk.monitoring.models import ImportedDocument, PublishedDocument, TrustedPublisher
from kansrijk.monitoring.periods import Period
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import CoalitionFactory
from kansrijk.testing.monitoring_federation import (  # noqa: F401
    as_bytes,
    fake_indicators_fixture,
    new_key,
    sample_document,
    signed_by,
    trust,
)

pytestmark = pytest.mark.django_db
PUBLISH = reverse("monitoring:federation_publish")
REGION = reverse("monitoring:federation_region")
IMPORT = reverse("monitoring:federation_import")


def test_a_coordinator_publishes_a_period_and_downloads_the_signed_file(cast, fake_indicators):
    client = logged_in_client(cast.coordinator)
    page = client.get(PUBLISH).content.decode()
    assert publisher_id(cast.coalition) in page
    assert signing.public_key_text() in page

    response = client.post(PUBLISH, {"period": "2026-Q5"})
    assert response.status_code == 400
    assert "Geef een periode als jaar" in response.content.decode()

    assert client.post(PUBLISH, {"period": "2026-q3"}).status_code == 302
    published = PublishedDocument.objects.get()
    assert (published.period, published.version, published.published_by) == (
        "2026-Q3",
        1,
        cast.coordinator,
    )
    assert "versie 1" in client.get(PUBLISH).content.decode()

    download = client.get(reverse("monitoring:federation_download", args=[published.pk]))
    assert download["Content-Type"].startswith("application/json")
    assert "kansrijk-2026-Q3-v1.json" in download["Content-Disposition"]
    signed = json.loads(download.content)
    assert signing.verify(signed["document"], signed["signature"], signed["public_key"])


def test_an_analyst_sees_the_publications_without_the_form(cast, fake_indicators):
    page = logged_in_client(cast.analyst).get(PUBLISH).content.decode()
    assert "Nieuwe versie publiceren" not in page
    assert "Je coördinator kan dat doen." in page


def test_another_coalitions_document_is_not_found(cast, fake_indicators):
    other = services.document_publish(
        actor=cast.coordinator, coalition=cast.coalition, period=Period.parse("2026-Q3")
    )
    other.coalition = cast.other_coalition
    other.save()
    response = logged_in_client(cast.coordinator).get(
        reverse("monitoring:federation_download", args=[other.pk])
    )
    assert response.status_code == 404


def test_a_coordinator_adds_and_removes_a_trusted_publisher(cast):
    client = logged_in_client(cast.coordinator)
    add = reverse("monitoring:federation_publisher_add")

    response = client.post(
        add, {"publisher": "x.example/coalities/3", "public_key": "geen sleutel"}
    )
    assert response.status_code == 400
    assert "Dit is geen publieke Ed25519-sleutel" in response.content.decode()
    assert "x.example/coalities/3" in response.content.decode()  # the input stays

    _private, public = new_key()
    data = {"publisher": "x.example/coalities/3", "public_key": public}
    assert client.post(add, data).status_code == 302
    assert client.post(add, data).status_code == 400
    trusted = TrustedPublisher.objects.get()
    assert (trusted.region, trusted.added_by) == (cast.coalition.region, cast.coordinator)
    assert "x.example/coalities/3" in client.get(REGION).content.decode()

    delete = reverse("monitoring:federation_publisher_delete", args=[trusted.pk])
    assert "Weet je zeker" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not TrustedPublisher.objects.exists()


def test_an_analyst_uploads_a_document_and_sees_it_side_by_side(cast, fake_indicators):
    private_a, public_a = new_key()
    private_b, public_b = new_key()
    region = cast.coalition.region
    trust(region, "a.example/coalities/1", public_a)
    trust(region, "b.example/coalities/2", public_b)
    first = sample_document("a.example/coalities/1")
    first["publisher"]["name"] = "Aadorp"
    second = sample_document("b.example/coalities/2")
    second["publisher"]["name"] = "Beedorp"
    second["indicators"][0]["cells"][0]["numerator"] = "<10"
    client = logged_in_client(cast.analyst)

    for name, document, private in (("a.json", first, private_a), ("b.json", second, private_b)):
        upload = SimpleUploadedFile(name, as_bytes(signed_by(document, private)))
        response = client.post(IMPORT, {"file": upload})
        assert response.status_code == 302
        assert response["Location"] == f"{REGION}?periode=2026-Q3"

    page = client.get(REGION).content.decode()
    assert "Aadorp" in page
    assert "Beedorp" in page
    assert "≥ 42" in page  # 42 and "<10"
    assert "24 van 60 (40,0%)" in page  # two shares of 12 out of 30
    assert page.count('data-status="accepted"') == 2


def test_a_refused_upload_shows_the_reason(cast):
    client = logged_in_client(cast.coordinator)
    upload = SimpleUploadedFile("leeg.json", b"niets")
    response = client.post(IMPORT, {"file": upload}, follow=True)
    page = response.content.decode()
    assert "Het document is geweigerd: Het bestand is geen JSON-document." in page
    assert 'data-status="refused"' in page
    assert ImportedDocument.objects.get().status == "refused"


def test_only_a_json_file_is_taken_and_nothing_is_recorded_for_another_type(cast):
    client = logged_in_client(cast.coordinator)
    page = client.get(IMPORT).content.decode()
    assert 'accept=".json,application/json"' in page

    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7", content_type="application/pdf")
    response = client.post(IMPORT, {"file": upload})

    assert response.status_code == 400
    assert "Kies een JSON-bestand: de naam eindigt op .json." in response.content.decode()
    assert not ImportedDocument.objects.exists()


def test_the_import_form_asks_for_a_file_or_an_address(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(IMPORT, {})
    assert response.status_code == 400
    assert "Kies een bestand of vul een adres in." in response.content.decode()
    response = client.post(IMPORT, {"url": "geen adres"})
    assert "Vul een volledig adres in" in response.content.decode()


def _accept(cast, number: int):
    private, public = new_key()
    publisher = f"n{number}.example/coalities/{number}"
    trust(cast.coalition.region, publisher, public)
    document = sample_document(publisher)
    document["publisher"]["name"] = f"Coalitie {number}"
    services.document_import(
        actor=cast.analyst,
        region=cast.coalition.region,
        content=as_bytes(signed_by(document, private)),
        source="test",
    )


def _queries(client) -> int:
    client.get(REGION)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(REGION)
    assert response.status_code == 200
    return len(captured)


def test_the_region_page_costs_the_same_with_2_and_6_documents(cast):
    client = logged_in_client(cast.coordinator)
    for number in range(2):
        _accept(cast, number)
    two = _queries(client)
    for number in range(2, 6):
        _accept(cast, number)
    assert _queries(client) == two


def test_the_region_menu_is_for_coordinators_and_analysts(cast):
    assert 'href="/monitoring/regio/"' in logged_in_client(cast.analyst).get("/").content.decode()
    assert (
        'href="/monitoring/regio/"' not in logged_in_client(cast.outsider).get("/").content.decode()
    )


def test_the_region_is_the_active_coalitions_region(cast):
    elsewhere = CoalitionFactory()
    _private, public = new_key()
    trust(elsewhere.region, "z.example/coalities/1", public)
    page = logged_in_client(cast.coordinator).get(REGION).content.decode()
    assert "z.example/coalities/1" not in page
    assert "Regio Testregio" in page
