"""The family file as a FHIR R4 Bundle: every resource valid (R4B models), references
resolve inside the bundle, the BSN only for the care team, the export logged as EXPORT."""

import importlib
import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.interop_export import BSN, add_household, grow_file, open_break_the_glass

pytestmark = pytest.mark.django_db
FHIR_JSON = "application/fhir+json"
BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn"


@pytest.fixture(autouse=True)
def june_2026():
    with time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def family(cast, cast_family):
    add_household(cast_family)
    grow_file(cast, cast_family, size=2)
    return cast_family


def export(professional, family):
    response = logged_in_client(professional).get(reverse("api:family_fhir", args=[family.pk]))
    return response


def resource_model(resource_type: str):
    module = importlib.import_module(f"fhir.resources.R4B.{resource_type.lower()}")
    return getattr(module, resource_type)


def by_type(bundle: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for entry in bundle["entry"]:
        found.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    return found


def references(value) -> list[str]:
    if isinstance(value, dict):
        found = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return found + [ref for item in value.values() for ref in references(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in references(item)]
    return []


def test_the_care_team_gets_a_valid_collection_bundle(cast, family):
    from fhir.resources.R4B.bundle import Bundle

    response = export(cast.case_director, family)

    assert response.status_code == 200
    assert response["Content-Type"] == FHIR_JSON
    body = json.loads(response.content)
    Bundle.model_validate(body)
    assert body["type"] == "collection"
    for entry in body["entry"]:
        resource = entry["resource"]
        resource_model(resource["resourceType"]).model_validate(resource)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"


def test_every_part_of_the_file_is_in_the_bundle(cast, family):
    body = json.loads(export(cast.case_director, family).content)
    found = by_type(body)

    counts = {kind: len(resources) for kind, resources in found.items()}
    assert counts == {
        "Patient": 2,  # the client and the child
        "RelatedPerson": 1,  # the partner
        "Practitioner": 4,  # case director, care-team member, two added members
        "Organization": 3,  # the cast's practice and JGZ, the buurtteam
        "PractitionerRole": 4,
        "CareTeam": 1,
        "EpisodeOfCare": 1,
        "Questionnaire": 1,  # both assessments on the same instrument version
        "QuestionnaireResponse": 2,
        "Observation": 1,
        "Goal": 2,
        "CarePlan": 1,
        "ServiceRequest": 2,
        "Task": 2,
        "Consent": 2,
    }
    observation = found["Observation"][0]
    assert observation["valueCodeableConcept"]["coding"][0]["code"] == "potentially_vulnerable"
    assert observation["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "2"
    dimensions = {goal["category"][0]["coding"][0]["code"] for goal in found["Goal"]}
    assert dimensions == {"mental_wellbeing", "participation"}
    assert {goal["lifecycleStatus"] for goal in found["Goal"]} == {"active", "completed"}
    response = found["QuestionnaireResponse"][0]
    assert response["questionnaire"] == "urn:kansrijk:questionnaire:r4u-kansrijk|1"
    assert response["questionnaire"].split("|")[0] == found["Questionnaire"][0]["url"]
    answered = {
        question["linkId"]: question["answer"][0]
        for group in response["item"]
        for question in group.get("item", [])
    }
    assert answered["gs_onveilig_thuis"] == {"valueBoolean": False}
    assert answered["gs_woonsituatie"]["valueCoding"]["code"] == "onzeker"
    questions = {
        question["linkId"]
        for group in found["Questionnaire"][0]["item"]
        for question in group.get("item", [])
    }
    assert set(answered) <= questions
    assert found["EpisodeOfCare"][0]["status"] == "active"
    assert found["RelatedPerson"][0]["relationship"][0]["coding"][0]["code"] == "SIGOTHR"
    assert {c["provision"]["type"] for c in found["Consent"]} == {"permit", "deny"}
    director = found["EpisodeOfCare"][0]["careManager"]["reference"]
    practitioner_of = {
        f"urn:uuid:{role['id']}": role["practitioner"]["reference"]
        for role in found["PractitionerRole"]
    }
    director_roles = [
        participant["role"][0]
        for participant in found["CareTeam"][0]["participant"]
        if practitioner_of[participant["member"]["reference"]] == director
    ]
    assert director_roles[0]["coding"][0]["code"] == "casusregisseur"
    assert director_roles[0]["text"] == "casusregisseur"


def test_references_resolve_inside_the_bundle(cast, family):
    body = json.loads(export(cast.case_director, family).content)
    urls = {entry["fullUrl"] for entry in body["entry"]}

    used = set(references(body["entry"]))
    assert used, "the resources reference each other"
    assert used <= urls


def test_the_export_is_the_same_rows_with_the_same_ids_twice(cast, family):
    first = json.loads(export(cast.case_director, family).content)
    second = json.loads(export(cast.care_team_member, family).content)

    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    patient = by_type(first)["Patient"][0]
    assert {"system": "urn:ietf:rfc:3986", "value": patient["identifier"][0]["value"]} in (
        patient["identifier"]
    )
    assert patient["identifier"][0]["value"].startswith("urn:kansrijk:person:")


def _bsns(body) -> list[str]:
    return [
        identifier["value"]
        for entry in body["entry"]
        for identifier in entry["resource"].get("identifier", [])
        if isinstance(identifier, dict) and identifier.get("system") == BSN_SYSTEM
    ]


def test_the_care_team_sees_the_bsn_and_break_the_glass_does_not(cast, family):
    open_break_the_glass(cast.outsider, family)

    for_team = export(cast.care_team_member, family)
    for_emergency = export(cast.outsider, family)

    assert for_emergency.status_code == 200
    assert sorted(_bsns(json.loads(for_team.content))) == sorted([BSN, "123456782"])
    assert _bsns(json.loads(for_emergency.content)) == []
    assert BSN not in for_emergency.content.decode()


def test_the_export_is_logged_as_an_export(cast, family):
    export(cast.care_team_member, family)

    event = AccessEvent.objects.filter(family_id=family.pk, user=cast.care_team_member).latest(
        "timestamp"
    )
    assert event.action == AccessEvent.Action.EXPORT
    assert event.authorisation is True
    assert "FHIR" in event.detail


@pytest.mark.parametrize("actor", ["outsider", "other_coalition_professional", "coordinator"])
def test_others_get_not_found(cast, family, actor):
    response = export(getattr(cast, actor), family)

    assert response.status_code == 404
    assert b"Niet gevonden of geen toegang." in response.content
    assert BSN.encode() not in response.content


def test_anonymous_gets_401(family, client):
    response = client.get(reverse("api:family_fhir", args=[family.pk]))

    assert response.status_code == 401


def test_a_new_file_without_persons_is_a_valid_bundle_too(cast, cast_family):
    from fhir.resources.R4B.bundle import Bundle

    response = export(cast.case_director, cast_family)

    assert response.status_code == 200
    body = json.loads(response.content)
    Bundle.model_validate(body)
    found = by_type(body)
    # Without a client or child there is no patient to hang the episode or plan on: the
    # team remains.
    assert "Patient" not in found
    assert "EpisodeOfCare" not in found
    assert found["CareTeam"][0]["participant"]
    assert set(references(body["entry"])) <= {entry["fullUrl"] for entry in body["entry"]}


def test_a_draft_assessment_is_an_in_progress_response(cast, family):
    from kansrijk.signaling.models import Assessment

    Assessment.objects.filter(family=family).update(status="draft", level="", finished_at=None)

    found = by_type(json.loads(export(cast.case_director, family).content))

    assert {r["status"] for r in found["QuestionnaireResponse"]} == {"in-progress"}
    # No finished assessment: the vulnerability comes from the route decision only.
    observation = found["Observation"][0]
    assert "valueCodeableConcept" not in observation
    assert observation["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "2"
