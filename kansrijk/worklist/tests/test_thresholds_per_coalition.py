"""A coalition's own thresholds change when a signal shows; a rule switched off shows nothing;
the coordinator changes them on Beheer → Ketensignalen, with an audit trail."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.families.services import family_create
from kansrijk.signaling.services import assessment_record
from kansrijk.testing.actors import logged_in_client
from kansrijk.worklist.models import SignalSetting
from kansrijk.worklist.rules import RULES
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

from .builders import JUDGEMENT, choose_route, family_with_consent

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)


def codes(coalition, day: date) -> set[tuple[str, int]]:
    with time_machine.travel(day, tick=False):
        signals = chain_signals(open_families_of_coalition(coalition), coalition)
    return {(s.rule.code, s.family_id) for s in signals}


@pytest.fixture
def route_2_in_both_coalitions(cast):
    """A route-2 family in each coalition, chosen on START, with care-team consent."""
    with time_machine.travel(START, tick=False):
        first = family_with_consent(cast)
        choose_route(cast, first, level="potentially_vulnerable")
        other = family_create(
            actor=cast.other_coalition_professional,
            municipality=cast.other_coalition.municipalities.get(),
            data={"postcode": "1234 AB", "insurance_kind": "basis"},
        )
        assessment_record(
            actor=cast.other_coalition_professional,
            family_pk=other.pk,
            instrument_key=JUDGEMENT,
            answers={"niveau": "potentially_vulnerable", "reden": "Weinig steun."},
            route=2,
        )
    return first, other


def test_a_shorter_term_in_one_coalition_signals_earlier_there_only(
    cast, route_2_in_both_coalitions
):
    first, other = route_2_in_both_coalitions
    SignalSetting.objects.create(coalition=cast.coalition, rule_code="no_case_director", days=3)
    day = date(2027, 3, 7)  # three days end on 6 March; the default seven on 10 March
    assert ("no_case_director", first.pk) in codes(cast.coalition, day)
    assert ("no_case_director", other.pk) not in codes(cast.other_coalition, day)
    assert ("no_case_director", other.pk) in codes(cast.other_coalition, date(2027, 3, 11))


def test_a_longer_term_signals_later(cast, route_2_in_both_coalitions):
    first, _other = route_2_in_both_coalitions
    SignalSetting.objects.create(coalition=cast.coalition, rule_code="no_case_director", days=10)
    assert ("no_case_director", first.pk) not in codes(cast.coalition, date(2027, 3, 13))
    assert ("no_case_director", first.pk) in codes(cast.coalition, date(2027, 3, 14))


def test_a_rule_switched_off_shows_nothing(cast, route_2_in_both_coalitions):
    _first, other = route_2_in_both_coalitions
    SignalSetting.objects.create(
        coalition=cast.coalition, rule_code="no_case_director", days=7, is_active=False
    )
    day = date(2027, 3, 20)
    assert not {code for code, _pk in codes(cast.coalition, day)} & {"no_case_director"}
    assert ("no_case_director", other.pk) in codes(cast.other_coalition, day)


def _form(**changes) -> dict:
    data = {}
    for rule in RULES:
        data[f"days_{rule.code}"] = str(rule.default_days)
        data[f"active_{rule.code}"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_coordinator_changes_a_threshold_and_it_is_audited(cast):
    client = logged_in_client(cast.coordinator)
    url = reverse("worklist:signal_settings")
    page = client.get(url)
    assert page.status_code == 200
    assert "Geen casusregisseur" in page.content.decode()
    response = client.post(
        url, _form(days_no_case_director="3", active_consent_missing=None), follow=True
    )
    assert response.status_code == 200
    assert "De ketensignalen zijn opgeslagen." in response.content.decode()
    settings = {s.rule_code: s for s in SignalSetting.objects.filter(coalition=cast.coalition)}
    assert set(settings) == {"no_case_director", "consent_missing"}
    assert settings["no_case_director"].days == 3
    assert settings["consent_missing"].is_active is False
    events = AuditEvent.objects.filter(
        coalition=cast.coalition, object_type="worklist.SignalSetting"
    )
    assert events.count() == 2
    assert {tuple(e.changes.get("days", [])) for e in events} >= {(7, 3)}
    assert any(e.changes.get("is_active") == [True, False] for e in events)


def test_saving_without_a_change_writes_nothing(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(reverse("worklist:signal_settings"), _form(), follow=True)
    assert "Er is niets gewijzigd." in response.content.decode()
    assert not SignalSetting.objects.exists()
    assert not AuditEvent.objects.filter(object_type="worklist.SignalSetting").exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Vul een termijn in."), ("-1", "Kies minstens 0."), ("abc", "Vul een heel getal in.")],
)
def test_a_wrong_threshold_gets_a_dutch_error_next_to_the_field(cast, value, message):
    client = logged_in_client(cast.coordinator)
    response = client.post(reverse("worklist:signal_settings"), _form(days_no_case_director=value))
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'id="id_days_no_case_director_error"' in content
    assert not SignalSetting.objects.exists()


def test_the_gap_rule_cannot_start_after_the_gap(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("worklist:signal_settings"), _form(days_gap_without_jgz_contact="40")
    )
    assert response.status_code == 400
    assert "Kies hooguit 34." in response.content.decode()


@pytest.mark.parametrize("actor", ["case_director", "analyst", "administrator"])
def test_only_coordinators_change_thresholds(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    response = client.post(reverse("worklist:signal_settings"), _form(days_no_case_director="3"))
    assert response.status_code == 403
    assert not SignalSetting.objects.exists()
