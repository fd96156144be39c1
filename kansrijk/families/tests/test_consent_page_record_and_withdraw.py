from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.models import Consent, TimelineEvent
from kansrijk.testing.actors import logged_in_client


def _record(client, family, **data):
    form = {"purpose": "care_team", "answer": "yes", "method": "written", **data}
    return client.post(reverse("families:consent", args=[family.pk]), form)


def test_recording_consent_shows_who_when_and_how(cast, cast_family):
    client = logged_in_client(cast.care_team_member)

    response = _record(client, cast_family)

    assert response.status_code == 302
    consent = Consent.objects.in_force().get(family=cast_family, purpose="care_team")
    assert (consent.given, consent.method, consent.recorded_by) == (
        True,
        "written",
        cast.care_team_member,
    )
    assert AccessEvent.objects.latest("id").action == "U"
    event = TimelineEvent.objects.filter(kind="consent_given").get()
    assert event.summary == "Gegevens delen binnen het zorgteam (Schriftelijk)"
    page = client.get(reverse("families:consent", args=[cast_family.pk])).content.decode()
    assert "Gegeven" in page
    assert "Teamlid" in page
    assert "Schriftelijk" in page


def test_a_refusal_is_recorded_as_such(cast, cast_family):
    _record(logged_in_client(cast.case_director), cast_family, purpose="mdo_named", answer="no")

    assert Consent.objects.in_force().get(purpose="mdo_named").given is False
    assert TimelineEvent.objects.filter(kind="consent_refused").count() == 1


def test_missing_choices_get_dutch_messages(cast, cast_family):
    response = _record(
        logged_in_client(cast.case_director), cast_family, purpose="", answer="", method=""
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "purpose": ["Kies waarvoor de toestemming geldt."],
        "answer": ["Kies of het gezin toestemming geeft."],
        "method": ["Kies of de toestemming mondeling of schriftelijk is."],
    }
    assert not Consent.objects.exists()


def test_withdrawal_asks_for_confirmation_and_takes_effect_at_once(cast, cast_family):
    client = logged_in_client(cast.case_director)
    _record(client, cast_family)
    url = reverse("families:consent_withdraw", args=[cast_family.pk, "care_team"])

    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Ja, intrekken" in confirmation.content.decode()
    assert Consent.objects.given().exists()

    response = client.post(url)

    assert response.status_code == 302
    assert not Consent.objects.given().filter(family=cast_family).exists()
    withdrawn = Consent.objects.get(family=cast_family)
    assert withdrawn.withdrawn_by == cast.case_director
    assert TimelineEvent.objects.filter(kind="consent_withdrawn").count() == 1
    # The very next access is logged without consent.
    get_family_for_user(cast.care_team_member, cast_family.pk, "R")
    assert AccessEvent.objects.latest("id").consent is False


def test_withdrawing_what_was_not_given_explains_why(cast, cast_family):
    client = logged_in_client(cast.case_director)
    url = reverse("families:consent_withdraw", args=[cast_family.pk, "monitoring"])

    response = client.post(url, follow=True)

    assert (
        "Er is geen gegeven toestemming voor &#x27;Meetellen in de monitoring&#x27; om in te "
        "trekken." in response.content.decode()
    )


def test_an_unknown_purpose_is_not_found(cast, cast_family):
    response = logged_in_client(cast.case_director).get(
        reverse("families:consent_withdraw", args=[cast_family.pk, "reclame"])
    )
    assert response.status_code == 404
