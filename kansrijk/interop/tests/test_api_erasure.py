"""Inzage and erasure on request through the API, with the pages' rules: the case director
exports and asks; a coordinator of the coalition (another person) confirms, after typing the
family's reference over, or declines with a reason. Each step is logged."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.care.services_handovers import case_director_set
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import Family, FamilyStatus
from kansrijk.families.services import family_create
from kansrijk.interop import inzage_services
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import FAMILY_DATA, make_family
from kansrijk.testing.interop_export import add_household

pytestmark = pytest.mark.django_db
REASON = "Het gezin vraagt om verwijdering; er loopt geen zorg meer."
LIST = "/api/v1/erasure-requests/"


def _directed(cast, family=None):
    family = family or make_family(cast)
    case_director_set(
        actor=cast.case_director, family_pk=family.pk, professional=cast.case_director
    )
    return family


@pytest.fixture
def family(cast):
    family = _directed(cast)
    add_household(family)
    return family


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def _ask(cast, family, reason=REASON):
    return _post(
        logged_in_client(cast.case_director),
        f"/api/v1/families/{family.pk}/erasure-request/",
        {"reason": reason},
    )


def _confirm_url(family) -> str:
    return f"/api/v1/erasure-requests/{family.pk}/confirm/"


def _decline_url(family) -> str:
    return f"/api/v1/erasure-requests/{family.pk}/decline/"


def _steps(family):
    return AuditEvent.objects.filter(object_id=str(family.pk), object_type__contains="erasure")


# --- Inzage --------------------------------------------------------------------------------


def _without_access_report(data: dict) -> dict:
    """The export without what differs between two exports: when it was made, and the
    access report (which holds the earlier export)."""
    parts = [part for part in data["onderdelen"] if "toegangsverslag" not in part["titel"]]
    return {**data, "onderdelen": parts, "aangemaakt": None}


def test_the_case_director_gets_the_same_json_as_the_pages_download(cast, family):
    client = logged_in_client(cast.case_director)
    page = json.loads(client.get(reverse("interop:inzage_json", args=[family.pk])).content)

    response = client.get(f"/api/v1/families/{family.pk}/inzage/")

    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["dossiernummer"] == family.reference
    assert _without_access_report(data) == _without_access_report(page)
    event = AccessEvent.objects.filter(family=family).latest("id")
    assert (event.action, event.detail) == ("E", "Inzage-export (JSON) via de API")


@pytest.mark.parametrize("actor", ["care_team_member"])
def test_a_care_team_member_may_not_export(cast, family, actor):
    response = logged_in_client(getattr(cast, actor)).get(f"/api/v1/families/{family.pk}/inzage/")

    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen de casusregisseur van het gezin mag dit."


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst"]
)
def test_without_a_ground_the_family_does_not_exist_for_the_export(cast, family, actor):
    response = logged_in_client(getattr(cast, actor)).get(f"/api/v1/families/{family.pk}/inzage/")

    assert response.status_code == 404


# --- Asking --------------------------------------------------------------------------------


def test_the_case_director_asks_for_erasure(cast, family):
    response = _ask(cast, family)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["family"], body["reference"], body["reason"]) == (
        family.pk,
        family.reference,
        REASON,
    )
    assert body["requested_by"] == cast.case_director.get_full_name()
    assert inzage_services.pending_erasure(family.pk) is not None
    event = AccessEvent.objects.filter(family=family, user=cast.case_director).latest("id")
    assert (event.action, event.detail) == ("U", "Verzoek tot wissen")


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Vul een reden in."), ({"reason": "   "}, "Vul een reden in.")],
)
def test_a_reason_is_required_and_nothing_is_stored(cast, family, data, message):
    response = _post(
        logged_in_client(cast.case_director),
        f"/api/v1/families/{family.pk}/erasure-request/",
        data,
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": [message]}
    assert not _steps(family).exists()


def test_a_too_long_reason_is_refused(cast, family):
    response = _ask(cast, family, reason="x" * 1001)

    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["De reden is hoogstens 1000 tekens."]}
    assert not _steps(family).exists()


def test_a_second_request_while_one_is_open_is_refused(cast, family):
    _ask(cast, family)

    response = _ask(cast, family)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Er loopt al een verzoek tot wissen voor dit gezin."]
    }
    assert _steps(family).count() == 1


def test_only_the_case_director_asks(cast, family):
    response = _post(
        logged_in_client(cast.care_team_member),
        f"/api/v1/families/{family.pk}/erasure-request/",
        {"reason": REASON},
    )

    assert response.status_code == 403
    assert not _steps(family).exists()


@pytest.mark.parametrize("actor", ["outsider", "other_coalition_professional", "coordinator"])
def test_without_a_ground_the_family_does_not_exist_for_asking(cast, family, actor):
    response = _post(
        logged_in_client(getattr(cast, actor)),
        f"/api/v1/families/{family.pk}/erasure-request/",
        {"reason": REASON},
    )

    assert response.status_code == 404
    assert not _steps(family).exists()


# --- The coordinators' list ----------------------------------------------------------------


def test_coordinators_list_the_open_requests_of_their_coalition(cast, family):
    _ask(cast, family)
    other = family_create(
        actor=cast.other_coalition_professional,
        municipality=cast.other_coalition.municipalities.get(),
        data=FAMILY_DATA,
    )

    response = logged_in_client(cast.coordinator).get(LIST)

    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert [(row["family"], row["reference"], row["reason"]) for row in rows] == [
        (family.pk, family.reference, REASON)
    ]
    assert other.pk not in {row["family"] for row in rows}


@pytest.mark.parametrize(
    "actor", ["case_director", "care_team_member", "outsider", "analyst", "administrator"]
)
def test_only_coordinators_see_the_requests_and_decide(cast, family, actor):
    _ask(cast, family)
    client = logged_in_client(getattr(cast, actor))

    assert client.get(LIST).status_code == 403
    assert _post(client, _confirm_url(family), {"reference": family.reference}).status_code == 403
    assert _post(client, _decline_url(family), {"reason": "Nee"}).status_code == 403
    assert inzage_services.pending_erasure(family.pk) is not None


def test_anonymous_gets_401(family):
    assert Client().get(LIST).status_code == 401
    assert _post(Client(), _confirm_url(family)).status_code == 401


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_one_request_or_many(cast, family):
    # The session and the professional, the coordinated coalitions and the coalition, the
    # requests, the answers to them, the requests with who asked, and their references.
    _ask(cast, family)
    client = logged_in_client(cast.coordinator)
    client.get(LIST)
    one = _queries(client)
    for _ in range(3):
        _ask(cast, _directed(cast))
    assert len(client.get(LIST).json()["results"]) == 4
    assert _queries(client) == one


# --- Confirming and declining --------------------------------------------------------------


def test_a_coordinator_confirms_after_typing_the_reference_over(cast, family):
    _ask(cast, family)

    response = _post(
        logged_in_client(cast.coordinator),
        _confirm_url(family),
        {"reference": f" {family.reference.lower()} "},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["family"], body["decision"], body["reason"]) == (family.pk, "confirmed", REASON)
    family = Family.objects.get(pk=family.pk)
    assert family.anonymised_at is not None
    assert family.status == FamilyStatus.CLOSED
    assert inzage_services.pending_erasure(family.pk) is None


@pytest.mark.parametrize("data", [{}, {"reference": "KS-0000-0000"}])
def test_without_the_right_reference_nothing_is_erased(cast, family, data):
    _ask(cast, family)

    response = _post(logged_in_client(cast.coordinator), _confirm_url(family), data)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["reference"]
    family = Family.objects.get(pk=family.pk)
    assert family.anonymised_at is None
    assert inzage_services.pending_erasure(family.pk) is not None


def test_confirming_without_an_open_request_is_refused(cast, family):
    response = _post(
        logged_in_client(cast.coordinator), _confirm_url(family), {"reference": family.reference}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Er is geen open verzoek tot wissen voor dit gezin."]
    }
    assert Family.objects.get(pk=family.pk).anonymised_at is None


def test_the_one_who_asked_may_not_confirm(cast, family):
    from kansrijk.organisations.models import Membership

    Membership.objects.filter(professional=cast.case_director).update(is_coordinator=True)
    _ask(cast, family)

    response = _post(
        logged_in_client(cast.case_director), _confirm_url(family), {"reference": family.reference}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Een ander dan de aanvrager moet het wissen bevestigen."]
    }
    assert Family.objects.get(pk=family.pk).anonymised_at is None


def test_a_coordinator_declines_with_a_reason(cast, family):
    _ask(cast, family)
    client = logged_in_client(cast.coordinator)

    refused = _post(client, _decline_url(family), {"reason": ""})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"reason": ["Vul een reden in."]}
    assert inzage_services.pending_erasure(family.pk) is not None

    response = _post(client, _decline_url(family), {"reason": "Bewaarplicht JGZ."})

    assert response.status_code == 200, response.content
    assert (response.json()["decision"], response.json()["reason"]) == (
        "declined",
        "Bewaarplicht JGZ.",
    )
    assert inzage_services.pending_erasure(family.pk) is None
    assert Family.objects.get(pk=family.pk).anonymised_at is None
    assert _steps(family).filter(object_type=inzage_services.ERASURE_REJECTED).exists()


def test_another_coalitions_family_is_not_found(cast):
    other = family_create(
        actor=cast.other_coalition_professional,
        municipality=cast.other_coalition.municipalities.get(),
        data=FAMILY_DATA,
    )
    client = logged_in_client(cast.coordinator)

    assert _post(client, _confirm_url(other), {"reference": other.reference}).status_code == 404
    assert _post(client, _decline_url(other), {"reason": "Nee"}).status_code == 404
    assert Family.objects.get(pk=other.pk).anonymised_at is None
