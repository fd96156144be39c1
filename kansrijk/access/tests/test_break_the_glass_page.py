"""Break-the-glass on a family's number: who may start it, what it asks, what it writes."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client

REASON = {
    "reason": "acute_care",
    "explanation": "Cliënt belt met bloedverlies, zorgteam niet bereikbaar.",
}


def _url(family_pk) -> str:
    return reverse("access:break_the_glass", args=[family_pk])


def _without_tokens(response, path: str) -> str:
    """The page without its CSRF tokens (new on every response) and its own address."""
    page = response.content.decode().replace(path, "PATH")
    page = re.sub(r'"X-CSRFToken": "[^"]+"', "", page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def _family_file(family) -> str:
    return f"/gezinnen/{family.pk}/"


def test_an_outsider_of_the_coalition_gets_the_form_with_a_warning(cast, cast_family):
    response = logged_in_client(cast.outsider).get(_url(cast_family.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="break-the-glass-warning"' in page
    assert "vastgelegd in het toegangslog" in page
    assert "gemeld" in page
    assert "Acute zorgsituatie" in page
    # Nothing of the family is shown before the glass is broken, not even its reference.
    assert cast_family.reference not in page


@pytest.mark.parametrize(
    "actor", ["other_coalition_professional", "coordinator", "analyst", "administrator"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anyone_who_may_not_break_the_glass_gets_not_found(cast, cast_family, actor, method):
    client = logged_in_client(getattr(cast, actor))
    response = getattr(client, method)(_url(cast_family.pk), REASON)
    unknown = getattr(client, method)(_url(cast_family.pk + 1000), REASON)
    assert response.status_code == unknown.status_code == 404
    # The same page whether or not the family exists.
    assert _without_tokens(response, _url(cast_family.pk)) == _without_tokens(
        unknown, _url(cast_family.pk + 1000)
    )
    assert not BreakTheGlass.objects.exists()


def test_an_unknown_number_is_not_found_for_the_outsider_too(cast, cast_family):
    response = logged_in_client(cast.outsider).post(_url(cast_family.pk + 1000), REASON)
    assert response.status_code == 404
    assert not BreakTheGlass.objects.exists()


def test_anonymous_is_sent_to_the_login(cast_family):
    response = Client().get(_url(cast_family.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")


@pytest.mark.parametrize("actor", ["case_director", "care_team_member"])
def test_the_care_team_needs_no_emergency_access(cast, cast_family, actor):
    response = logged_in_client(getattr(cast, actor)).post(_url(cast_family.pk), REASON)
    assert response.status_code == 302
    assert response["Location"] == _family_file(cast_family)
    assert not BreakTheGlass.objects.exists()


def test_starting_gives_three_hours_logs_and_goes_to_the_file(cast, cast_family):
    client = logged_in_client(cast.outsider)
    response = client.post(_url(cast_family.pk), REASON)
    assert response.status_code == 302
    assert response["Location"] == _family_file(cast_family)

    glass = BreakTheGlass.objects.get()
    assert (glass.user, glass.family, glass.reason) == (cast.outsider, cast_family, "acute_care")
    assert glass.expires_at - glass.started_at == timedelta(hours=3)
    event = AccessEvent.objects.filter(family=cast_family, user=cast.outsider).get()
    assert event.ground == "break_the_glass"
    assert event.emergency
    assert event.authorisation
    assert not event.treatment_relationship
    assert event.ground_detail.startswith("Acute zorgsituatie: Cliënt belt")
    assert event.organisation == "Verloskundigen Eerstedorp"
    assert AuditEvent.objects.filter(action="security", object_id=str(glass.pk)).exists()


def test_a_second_visit_while_active_goes_straight_to_the_file(cast, cast_family):
    client = logged_in_client(cast.outsider)
    client.post(_url(cast_family.pk), REASON)
    response = client.get(_url(cast_family.pk))
    assert response.status_code == 302
    assert BreakTheGlass.objects.count() == 1


def test_after_expiry_the_form_is_offered_again(cast, cast_family):
    client = logged_in_client(cast.outsider)
    client.post(_url(cast_family.pk), REASON)
    with time_machine.travel(timedelta(hours=3, minutes=1)):
        client = logged_in_client(cast.outsider)
        assert client.get(_url(cast_family.pk)).status_code == 200
        assert client.post(_url(cast_family.pk), REASON).status_code == 302
    assert BreakTheGlass.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, ["Kies een reden voor de noodtoegang.", "Licht toe waarom je noodtoegang nodig"]),
        ({"reason": "nieuwsgierig", "explanation": REASON["explanation"]}, ["Kies een reden"]),
        ({"reason": "other", "explanation": "  kijken  "}, ["minstens 10 tekens, nu 6"]),
    ],
)
def test_a_reason_and_an_explanation_are_required(cast, cast_family, data, errors):
    response = logged_in_client(cast.outsider).post(_url(cast_family.pk), data)
    assert response.status_code == 200
    page = response.content.decode()
    for error in errors:
        assert error in page
    assert 'aria-invalid="true"' in page
    if data.get("explanation"):
        assert data["explanation"].strip() in page  # the input stays in the form
    assert not BreakTheGlass.objects.exists()
    assert not AccessEvent.objects.filter(user=cast.outsider).exists()
