"""The federation through the API: a coordinator publishes and the signed file comes back,
the region trusts publishers and imports files (bad input refused with Dutch messages and
nothing stored; a failed check stored as refused, as on the page), the region's and the
national figures keep the small-number rules; another region's rows are not found, other
roles get 403, and the lists cost the same for one row and for several."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.core.models import AuditEvent
from kansrijk.monitoring import services_federation as services
from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.federation.document import publisher_id
from kansrijk.monitoring.models import ImportedDocument, PublishedDocument, TrustedPublisher
from kansrijk.monitoring.periods import Period
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import (
    CoalitionFactory,
    MembershipFactory,
    ProfessionalFactory,
    TOTPDeviceFactory,
)
from kansrijk.testing.monitoring_federation import (  # noqa: F401
    as_bytes,
    fake_indicators_fixture,
    loopback_fixture,
    new_key,
    sample_document,
    signed_by,
    trust,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/monitoring/federation/"
PUBLICATIONS = BASE + "publications/"
IMPORTS = BASE + "imports/"
PUBLISHERS = BASE + "publishers/"
REGION = BASE + "region/"
NATIONAL = BASE + "national/"


def _post(client, url: str, data):
    return client.post(url, data, content_type="application/json")


def _elsewhere_coordinator():
    """A coordinator of a coalition in another region."""
    coalition = CoalitionFactory()
    professional = ProfessionalFactory(username="elders")
    MembershipFactory(professional=professional, coalition=coalition, is_coordinator=True)
    TOTPDeviceFactory(user=professional)
    return coalition, professional


def _publish(cast, period: str = "2026-Q3"):
    return services.document_publish(
        actor=cast.coordinator, coalition=cast.coalition, period=Period.parse(period)
    )


# --- Publications ------------------------------------------------------------------------------


def test_a_coordinator_publishes_and_downloads_the_signed_file(cast, fake_indicators):
    client = logged_in_client(cast.coordinator)
    response = _post(client, PUBLICATIONS, {"period": "2026-q3"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["period"], body["version"], body["coalition"]) == ("2026-Q3", 1, cast.coalition.pk)
    assert body["published_by"]
    event = AuditEvent.objects.get(object_type="monitoring.PublishedDocument")
    assert (event.action, event.actor) == ("create", cast.coordinator)
    listed = client.get(PUBLICATIONS).json()
    assert listed["count"] == 1
    assert listed["results"][0]["id"] == body["id"]
    signed = client.get(body["document_url"]).json()
    assert signing.verify(signed["document"], signed["signature"], signed["public_key"])
    levels = signed["document"]["indicators"][3]["cells"]
    assert [cell["numerator"] for cell in levels] == [25, "<10", "x"]


def test_publishing_gets_the_pages_dutch_messages_and_stores_nothing(cast, fake_indicators):
    client = logged_in_client(cast.coordinator)
    missing = _post(client, PUBLICATIONS, {})
    assert missing.status_code == 400
    assert missing.json()["errors"]["period"] == ["Vul een periode in."]
    wrong = _post(client, PUBLICATIONS, {"period": "2026-Q5"})
    assert wrong.status_code == 400
    assert "Geef een periode als jaar" in wrong.json()["errors"]["period"][0]
    assert not PublishedDocument.objects.exists()
    assert not AuditEvent.objects.filter(object_type="monitoring.PublishedDocument").exists()


def test_an_analyst_reads_but_does_not_publish(cast, fake_indicators):
    published = _publish(cast)
    client = logged_in_client(cast.analyst)
    assert client.get(PUBLICATIONS).json()["count"] == 1
    url = f"{PUBLICATIONS}{published.pk}/document/"
    assert client.get(url).status_code == 200
    refused = _post(client, PUBLICATIONS, {"period": "2026-Q3"})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Alleen coördinatoren van de coalitie doen dit."
    assert PublishedDocument.objects.count() == 1


def test_others_get_403_and_another_coalitions_document_is_not_found(cast, fake_indicators, client):
    published = _publish(cast)
    url = f"{PUBLICATIONS}{published.pk}/document/"
    for actor in (cast.case_director, cast.administrator, cast.other_coalition_professional):
        assert logged_in_client(actor).get(PUBLICATIONS).status_code == 403
        assert logged_in_client(actor).get(url).status_code == 403
    assert client.get(PUBLICATIONS).status_code == 401
    _coalition, elsewhere = _elsewhere_coordinator()
    elsewhere_client = logged_in_client(elsewhere)
    assert elsewhere_client.get(url).status_code == 404
    assert elsewhere_client.get(PUBLICATIONS).json()["count"] == 0
    named = elsewhere_client.get(PUBLICATIONS, {"coalition": cast.coalition.pk})
    assert named.status_code == 404


# --- Trusted publishers ------------------------------------------------------------------------


def test_a_coordinator_adds_and_removes_a_trusted_publisher(cast):
    client = logged_in_client(cast.coordinator)
    _private, public = new_key()
    added = _post(client, PUBLISHERS, {"publisher": "z.example/coalities/7", "public_key": public})
    assert added.status_code == 201, added.json()
    listed = client.get(PUBLISHERS).json()
    assert listed["region"]["name"] == cast.coalition.region.name
    assert listed["own_publisher"] == publisher_id(cast.coalition)
    assert [row["publisher"] for row in listed["results"]] == ["z.example/coalities/7"]
    twice = _post(client, PUBLISHERS, {"publisher": "z.example/coalities/7", "public_key": public})
    assert twice.json()["errors"]["publisher"] == [
        "Deze uitgever staat al in de lijst van de regio."
    ]
    removed = client.delete(f"{PUBLISHERS}{added.json()['id']}/")
    assert removed.status_code == 204
    assert not TrustedPublisher.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="monitoring.TrustedPublisher")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


def test_a_publisher_gets_the_pages_dutch_messages(cast):
    client = logged_in_client(cast.coordinator)
    empty = _post(client, PUBLISHERS, {})
    assert empty.json()["errors"] == {
        "publisher": ["Vul de id van de uitgever in."],
        "public_key": ["Vul de publieke sleutel van de uitgever in."],
    }
    wrong = _post(client, PUBLISHERS, {"publisher": "z.example/1", "public_key": "geen-sleutel"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"]["public_key"] == [
        "Dit is geen publieke Ed25519-sleutel (32 bytes in base64)."
    ]
    assert not TrustedPublisher.objects.exists()
    assert not AuditEvent.objects.filter(object_type="monitoring.TrustedPublisher").exists()


def test_only_coordinators_manage_publishers_and_another_regions_is_not_found(cast):
    _private, public = new_key()
    trusted = trust(cast.coalition.region, "z.example/coalities/7", public)
    analyst = logged_in_client(cast.analyst)
    assert analyst.get(PUBLISHERS).json()["results"][0]["id"] == trusted.pk
    data = {"publisher": "z.example/coalities/8", "public_key": public}
    assert _post(analyst, PUBLISHERS, data).status_code == 403
    assert analyst.delete(f"{PUBLISHERS}{trusted.pk}/").status_code == 403
    _coalition, elsewhere = _elsewhere_coordinator()
    assert logged_in_client(elsewhere).delete(f"{PUBLISHERS}{trusted.pk}/").status_code == 404
    assert logged_in_client(elsewhere).get(PUBLISHERS).json()["results"] == []
    assert TrustedPublisher.objects.count() == 1
    assert logged_in_client(cast.coordinator).get(f"{PUBLISHERS}{trusted.pk}/").status_code == 405


# --- Importing ---------------------------------------------------------------------------------


def test_the_region_imports_a_signed_file(cast):
    private, public = new_key()
    trust(cast.coalition.region, "test.example/coalities/1", public)
    client = logged_in_client(cast.analyst)
    response = _post(client, IMPORTS, signed_by(sample_document(), private))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["publisher"], body["period"]) == (
        "accepted",
        "test.example/coalities/1",
        "2026-Q3",
    )
    assert client.get(IMPORTS).json()["results"][0]["id"] == body["id"]
    assert AuditEvent.objects.filter(object_type="monitoring.ImportedDocument").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ([1, 2], "document", "Stuur het ondertekende bestand als JSON-object."),
        ({}, "document", "Stuur het ondertekende bestand als JSON-object."),
        (
            {"document": "tekst", "signature": "x"},
            "document",
            "Het bestand bevat geen document met cijfers.",
        ),
        (
            {"document": {"period": "2026-Q3"}},
            "signature",
            "Het document is niet ondertekend: de handtekening ontbreekt.",
        ),
        (
            {"document": {"pad": "x" * 1_100_000}, "signature": "x"},
            "document",
            "Het bestand is groter dan 1 MB.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_nothing_stored(cast, data, field, message):
    response = _post(logged_in_client(cast.coordinator), IMPORTS, data)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][field] == [message]
    assert not ImportedDocument.objects.exists()
    assert not AuditEvent.objects.filter(object_type="monitoring.ImportedDocument").exists()


def test_a_file_that_fails_a_check_is_kept_as_refused_with_the_reason(cast):
    private, _public = new_key()
    response = _post(
        logged_in_client(cast.coordinator), IMPORTS, signed_by(sample_document(), private)
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("Het document is geweigerd: De uitgever test.example")
    assert body["import"]["status"] == "refused"
    refused = ImportedDocument.objects.get()
    assert (refused.status, refused.document) == ("refused", None)


def test_the_region_imports_a_file_from_its_address(cast, loopback):
    private, public = new_key()
    trust(cast.coalition.region, "test.example/coalities/1", public)
    loopback.files["/cijfers.json"] = as_bytes(signed_by(sample_document(), private))
    client = logged_in_client(cast.coordinator)
    response = _post(client, IMPORTS, {"url": loopback.url("/cijfers.json")})
    assert response.status_code == 201, response.json()
    assert (response.json()["status"], response.json()["source"]) == (
        "accepted",
        loopback.url("/cijfers.json"),
    )
    missing = _post(client, IMPORTS, {"url": loopback.url("/bestaat-niet.json")})
    assert missing.status_code == 422
    assert "status 404" in missing.json()["detail"]
    assert ImportedDocument.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"url": "geen adres"}, "url", "Vul een volledig adres in, bijvoorbeeld https://…"),
        ({"url": ""}, "non_field_errors", "Kies een bestand of vul een adres in."),
        (
            {"url": "https://example.org/a.json", "document": {}, "signature": "x"},
            "non_field_errors",
            "Kies een bestand óf een adres, niet allebei.",
        ),
    ],
)
def test_a_bad_address_is_refused_and_nothing_stored(cast, data, field, message):
    response = _post(logged_in_client(cast.coordinator), IMPORTS, data)
    assert response.status_code == 400
    assert response.json()["errors"][field] == [message]
    assert not ImportedDocument.objects.exists()


def test_only_readers_of_the_region_import(cast, client):
    private, public = new_key()
    trust(cast.coalition.region, "test.example/coalities/1", public)
    data = signed_by(sample_document(), private)
    for actor in (cast.case_director, cast.administrator):
        assert _post(logged_in_client(actor), IMPORTS, data).status_code == 403
    assert _post(client, IMPORTS, data).status_code == 401
    assert not ImportedDocument.objects.exists()


# --- The region's and the national figures -----------------------------------------------------


def _import_two(cast, *, levels=(25, "<10", "x")):
    """Two trusted publishers' documents of 2026-Q3 in the cast's region."""
    documents = []
    for number in (1, 2):
        private, public = new_key()
        publisher = f"test.example/coalities/{number}"
        trust(cast.coalition.region, publisher, public)
        document = sample_document(publisher)
        document["publisher"]["name"] = f"Coalitie {number}"
        document["indicators"][0]["cells"][0]["numerator"] = 42 if number == 1 else "<10"
        services.document_import(
            actor=cast.coordinator,
            region=cast.coalition.region,
            content=json.dumps(signed_by(document, private)).encode(),
            source="test.json",
        )
        documents.append(document)
    return documents


def test_the_region_sums_without_revealing_a_small_number(cast):
    _import_two(cast)
    response = logged_in_client(cast.analyst).get(REGION)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["periods"], body["period"]) == (["2026-Q3"], "2026-Q3")
    assert [column["name"] for column in body["columns"]] == ["Coalitie 1", "Coalitie 2"]
    families = next(table for table in body["tables"] if table["code"] == "fake_families")
    row = families["rows"][0]
    assert row["texts"] == ["42", "<10"]
    assert row["numerator"] == {"kind": "at_least", "number": 42}
    assert row["total"] == "≥ 42"
    early = next(table for table in body["tables"] if table["code"] == "fake_early")
    assert early["rows"][0]["numerator"] == {"kind": "exact", "number": 24}
    unknown = logged_in_client(cast.analyst).get(REGION, {"period": "2025-Q1"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"]["period"] == ["Over deze periode zijn geen cijfers ingelezen."]


def test_the_national_view_has_a_column_per_region(cast):
    _import_two(cast)
    body = logged_in_client(cast.coordinator).get(NATIONAL).json()
    assert body["columns"] == [{"name": cast.coalition.region.name, "publishers": 2}]
    families = next(table for table in body["tables"] if table["code"] == "fake_families")
    assert families["rows"][0]["numerator"] == {"kind": "at_least", "number": 42}


def test_the_region_is_the_one_of_the_callers_coalition(cast):
    _import_two(cast)
    _coalition, elsewhere = _elsewhere_coordinator()
    body = logged_in_client(elsewhere).get(REGION).json()
    assert (body["periods"], body["tables"], body["columns"]) == ([], [], [])
    assert logged_in_client(elsewhere).get(IMPORTS).json()["count"] == 0
    assert logged_in_client(cast.case_director).get(REGION).status_code == 403
    assert logged_in_client(cast.administrator).get(NATIONAL).status_code == 403


# --- Query counts ------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [PUBLICATIONS, IMPORTS, PUBLISHERS, REGION, NATIONAL])
def test_the_lists_cost_the_same_for_one_row_and_for_several(cast, fake_indicators, url):
    client = logged_in_client(cast.coordinator)
    _publish(cast)
    private, public = new_key()
    trust(cast.coalition.region, "test.example/coalities/1", public)
    _post(client, IMPORTS, signed_by(sample_document(), private))
    _queries(client, url)  # the first call of a session also touches the session
    one = _queries(client, url)
    for number in range(2, 5):
        _publish(cast)
        other_private, other_public = new_key()
        publisher = f"test.example/coalities/{number}"
        trust(cast.coalition.region, publisher, other_public)
        _post(client, IMPORTS, signed_by(sample_document(publisher), other_private))
    # Session and user, the caller's coalitions, the coalition with its region, and one or
    # two queries per answer (a page with its count, the region's periods and documents).
    assert _queries(client, url) == one
