"""Chain moments per coalition: the defaults apply until a coordinator changes or adds one;
then the coalition gets its own copy. Every change is in the audit trail; only coordinators
make them; a moment switched off is no longer offered when proposing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kansrijk.care import selectors_handovers as selectors
from kansrijk.care import services_handovers as services
from kansrijk.care.models import DEFAULT_CHAIN_MOMENTS, ChainMoment, Moment, TimingAnchor
from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

FIELDS = {
    "name": "Verloskundige → kraamzorg",
    "from_kinds": ["verloskundigenpraktijk"],
    "to_kind": "kraamzorg",
    "transfers_casusregie": False,
    "anchor": "due_date",
    "offset_days": -56,
    "is_active": True,
    "order": 10,
}


def test_a_coalition_uses_the_defaults_until_it_changes_one(cast):
    assert selectors.coalition_chain_moments(cast.coalition) == list(DEFAULT_CHAIN_MOMENTS)
    response = logged_in_client(cast.coordinator).get(reverse("care:chain_moments"))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-testid="defaults-note"' in text
    assert "6 weken voor de à terme datum" in text
    assert "1 week na de geboortedatum" in text


def test_changing_a_default_copies_all_of_them_and_is_audited(cast):
    services.chain_moment_save(
        actor=cast.coordinator,
        coalition=cast.coalition,
        code="verloskundige-kraamzorg",
        data=FIELDS,
    )
    own = selectors.coalition_chain_moments(cast.coalition)
    assert [m.code for m in own] == [m.code for m in DEFAULT_CHAIN_MOMENTS]
    assert own[0].offset_days == -56
    assert own[0].timing_text == "8 weken voor de à terme datum"
    audit = AuditEvent.objects.get(action="chain_moment_saved")
    assert audit.coalition == cast.coalition
    assert audit.changes == {"offset_days": [-42, -56]}
    # Another coalition keeps the defaults.
    assert selectors.coalition_chain_moments(cast.other_coalition) == list(DEFAULT_CHAIN_MOMENTS)


def test_adding_a_moment_through_the_page(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("care:chain_moment_add"),
        {
            "name": "Buurtteam → JGZ",
            "from_kinds": ["buurtteam"],
            "to_kind": "jgz",
            "anchor": "proposed",
            "offset_days": "14",
            "order": "50",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    added = ChainMoment.objects.get(coalition=cast.coalition, code="buurtteam-jgz")
    assert (added.from_kinds, added.to_kind, added.offset_days) == (["buurtteam"], "jgz", 14)
    assert ChainMoment.objects.filter(coalition=cast.coalition).count() == 5


def test_bad_input_gets_a_dutch_message(cast):
    response = logged_in_client(cast.coordinator).post(
        reverse("care:chain_moment_add"),
        {"name": "", "anchor": "proposed", "offset_days": "-400", "order": "1"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Geef het ketenmoment een naam." in text
    assert "Kies een termijn van hooguit 365 dagen ervoor." in text
    assert not ChainMoment.objects.exists()


def test_a_moment_switched_off_is_not_offered(cast, cast_family):
    services.chain_moment_save(
        actor=cast.coordinator,
        coalition=cast.coalition,
        code="ziekenhuis-eerstelijn",
        data={"is_active": False},
    )
    codes = [m.code for m in selectors.coalition_chain_moments(cast.coalition)]
    assert "ziekenhuis-eerstelijn" not in codes
    page = logged_in_client(cast.case_director).get(
        reverse("care:handovers", args=[cast_family.pk])
    )
    assert "Ziekenhuis → eerstelijn" not in page.content.decode()


def test_only_coordinators_change_moments(cast):
    with pytest.raises(PermissionDenied):
        services.chain_moment_save(
            actor=cast.case_director, coalition=cast.coalition, code=None, data=FIELDS
        )
    client = logged_in_client(cast.case_director)
    assert client.get(reverse("care:chain_moments")).status_code == 403
    assert client.post(reverse("care:chain_moment_add"), FIELDS).status_code == 403
    assert not ChainMoment.objects.exists()


@pytest.mark.parametrize(
    ("anchor", "offset", "dates", "expected"),
    [
        (TimingAnchor.DUE_DATE, -42, {"due_date": date(2027, 6, 1)}, date(2027, 4, 20)),
        # Never before today: a late proposal is due today.
        (TimingAnchor.DUE_DATE, -42, {"due_date": date(2027, 3, 10)}, date(2027, 3, 3)),
        # Around birth: the recorded birth date, else the due date.
        (TimingAnchor.BIRTH_DATE, 7, {"due_date": date(2027, 6, 1)}, date(2027, 6, 8)),
        (
            TimingAnchor.BIRTH_DATE,
            7,
            {"due_date": date(2027, 6, 1), "birth_date": date(2027, 5, 20)},
            date(2027, 5, 27),
        ),
        # No date to count from: a week.
        (TimingAnchor.DUE_DATE, -42, {}, date(2027, 3, 10)),
        (TimingAnchor.PROPOSED, 3, {}, date(2027, 3, 6)),
    ],
)
def test_the_timing_rule_gives_the_due_date(anchor, offset, dates, expected):
    moment = Moment(code="x", name="x", anchor=anchor, offset_days=offset)
    today = date(2027, 3, 3)
    found = selectors.suggested_due_date(
        moment, dates=selectors.PregnancyDates(**dates), today=today
    )
    assert found == expected
    assert selectors.suggested_due_date(None, dates=selectors.PregnancyDates(), today=today) == (
        today + timedelta(days=7)
    )
