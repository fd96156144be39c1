"""Emergency access (break-the-glass) through the API: by the family's id or by its
reference, with the page's rules: a professional of the family's coalition off its care
team, a reason and an explanation required, time-limited, logged and reported; to everyone
else the family does not exist."""

import pytest
from django.test import Client

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.core.models import AuditEvent, Notification
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db
EXPLANATION = "Cliënt belt met bloedverlies, zorgteam niet bereikbaar."
VALID = {"reason": "acute_care", "explanation": EXPLANATION}
BY_REFERENCE = "/api/v1/break-the-glass/"


def _url(family) -> str:
    return f"/api/v1/families/{family.pk}/break-the-glass/"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_professional_off_the_team_breaks_the_glass(cast, cast_family):
    response = _post(logged_in_client(cast.outsider), _url(cast_family), VALID)

    assert response.status_code == 201, response.content
    body = response.json()
    glass = BreakTheGlass.objects.get(user=cast.outsider)
    assert body["id"] == glass.pk
    assert (body["family"], body["reference"]) == (cast_family.pk, cast_family.reference)
    assert (body["reason"], body["reason_display"]) == ("acute_care", "Acute zorgsituatie")
    assert body["explanation"] == EXPLANATION
    assert body["active"] is True
    assert body["reviewed_at"] is None
    assert (glass.expires_at - glass.started_at).total_seconds() == 3 * 3600
    started = AccessEvent.objects.filter(user=cast.outsider, family=cast_family).latest("id")
    assert (started.action, started.detail, started.emergency) == ("R", "Noodtoegang gestart", True)
    audit = AuditEvent.objects.get(summary__startswith="Noodtoegang gestart door")
    assert audit.summary == "Noodtoegang gestart door buitenstaander: Acute zorgsituatie"
    assert Notification.objects.filter(recipient=cast.coordinator).exists()
    # The family file is open to them now.
    detail = logged_in_client(cast.outsider).get(f"/api/v1/families/{cast_family.pk}/")
    assert detail.status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"explanation": EXPLANATION}, "reason", "Kies een reden voor de noodtoegang."),
        ({**VALID, "reason": "nieuwsgierig"}, "reason", "Kies een reden uit de lijst."),
        ({"reason": "acute_care"}, "explanation", "Licht toe waarom je noodtoegang nodig hebt."),
        (
            {**VALID, "explanation": "  kort  "},
            "explanation",
            "Licht in minstens één zin toe waarom je noodtoegang nodig hebt "
            "(minstens 10 tekens, nu 4).",
        ),
        (
            {**VALID, "explanation": "x" * 2001},
            "explanation",
            "De toelichting mag hoogstens 2000 tekens zijn.",
        ),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_stored(
    cast, cast_family, data, field, message
):
    response = _post(logged_in_client(cast.outsider), _url(cast_family), data)

    assert response.status_code == 400
    assert response.json()["errors"] == {field: [message]}
    assert not BreakTheGlass.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize("actor", ["case_director", "care_team_member"])
def test_who_already_sees_the_family_needs_no_emergency_access(cast, cast_family, actor):
    response = _post(logged_in_client(getattr(cast, actor)), _url(cast_family), VALID)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Je hebt al toegang tot dit gezin; noodtoegang is niet nodig."]
    }
    assert not BreakTheGlass.objects.exists()


@pytest.mark.parametrize(
    "actor", ["other_coalition_professional", "coordinator", "analyst", "administrator"]
)
def test_to_everyone_else_the_family_does_not_exist(cast, cast_family, actor):
    response = _post(logged_in_client(getattr(cast, actor)), _url(cast_family), VALID)

    assert response.status_code == 404
    assert response.json()["detail"] == "Niet gevonden of geen toegang."
    assert not BreakTheGlass.objects.exists()


def test_an_unknown_family_is_not_found_like_another_coalitions(cast):
    response = _post(
        logged_in_client(cast.outsider), "/api/v1/families/999999/break-the-glass/", VALID
    )

    assert response.status_code == 404


def test_anonymous_gets_401(cast_family):
    assert _post(Client(), _url(cast_family), VALID).status_code == 401


def test_only_post_is_allowed(cast, cast_family):
    assert logged_in_client(cast.outsider).get(_url(cast_family)).status_code == 405


# --- By reference ---------------------------------------------------------------------------


def test_a_professional_breaks_the_glass_by_the_reference(cast, cast_family):
    data = {**VALID, "reference": cast_family.reference.lower()}

    response = _post(logged_in_client(cast.outsider), BY_REFERENCE, data)

    assert response.status_code == 201, response.content
    assert response.json()["family"] == cast_family.pk
    assert BreakTheGlass.objects.filter(user=cast.outsider, family=cast_family).exists()


def test_an_unknown_reference_is_refused_and_logged(cast, cast_family):
    response = _post(logged_in_client(cast.outsider), BY_REFERENCE, {**VALID, "reference": "ZZ-1"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "reference": ["Er is geen gezin met dit dossiernummer in Kansrijke Start Eerstedorp."]
    }
    miss = AccessEvent.objects.get(user=cast.outsider)
    assert (miss.action, miss.authorisation, miss.family) == ("S", False, None)
    assert miss.detail == "Noodtoegang gevraagd voor onbekend dossiernummer ZZ-1"
    assert not BreakTheGlass.objects.exists()


def test_a_reference_of_another_coalition_is_unknown(cast, cast_family):
    data = {**VALID, "reference": cast_family.reference}

    response = _post(logged_in_client(cast.other_coalition_professional), BY_REFERENCE, data)

    assert response.status_code == 400
    assert "reference" in response.json()["errors"]
    assert not BreakTheGlass.objects.exists()


def test_bad_input_answers_the_same_whether_or_not_the_reference_exists(cast, cast_family):
    client = logged_in_client(cast.outsider)
    known = _post(client, BY_REFERENCE, {"reference": cast_family.reference, "reason": ""})
    unknown = _post(client, BY_REFERENCE, {"reference": "ZZ-1", "reason": ""})

    assert known.status_code == unknown.status_code == 400
    assert known.json()["errors"] == unknown.json()["errors"]
    assert set(known.json()["errors"]) == {"reason", "explanation"}
    assert not AccessEvent.objects.filter(user=cast.outsider).exists()


def test_the_reference_is_required(cast):
    response = _post(logged_in_client(cast.outsider), BY_REFERENCE, VALID)

    assert response.status_code == 400
    assert response.json()["errors"] == {"reference": ["Vul het dossiernummer van het gezin in."]}


@pytest.mark.parametrize("actor", ["coordinator", "analyst", "administrator"])
def test_managers_ask_no_emergency_access(cast, cast_family, actor):
    data = {**VALID, "reference": cast_family.reference}

    response = _post(logged_in_client(getattr(cast, actor)), BY_REFERENCE, data)

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Alleen professionals van een coalitie kunnen noodtoegang vragen."
    )
    assert not BreakTheGlass.objects.exists()


def test_the_messages_are_english_when_asked(cast, cast_family):
    response = logged_in_client(cast.outsider).post(
        _url(cast_family),
        {"explanation": EXPLANATION},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["Choose a reason for the emergency access."]}


def test_a_repeated_request_with_the_same_idempotency_key_breaks_the_glass_once(cast, cast_family):
    client = logged_in_client(cast.outsider)
    headers = {"Idempotency-Key": "noodtoegang-1"}

    first = client.post(_url(cast_family), VALID, content_type="application/json", headers=headers)
    again = client.post(_url(cast_family), VALID, content_type="application/json", headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert BreakTheGlass.objects.filter(user=cast.outsider).count() == 1
