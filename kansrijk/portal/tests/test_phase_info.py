"""The family's phase of the 1000 days in the portal: computed as on the professional side,
with 3 to 5 short points and where to get help for every phase, and all phases on a timeline
with theirs marked."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kansrijk.families.models import Pregnancy, PregnancyOutcome
from kansrijk.families.phases import PhaseCode
from kansrijk.portal.phase_info import EMERGENCY, PHASE_INFO, PHASES
from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_account, make_client_person, portal_client

pytestmark = pytest.mark.django_db


def test_every_phase_has_three_to_five_points_and_help():
    assert [info.code for info in PHASES] == list(PhaseCode)
    for info in PHASES:
        assert 3 <= len(info.points) <= 5, info.code
        assert info.helpers, info.code
        for text in (info.title, *info.points):
            # Short sentences: B1 texts stay under about 25 words a sentence.
            for sentence in str(text).split(". "):
                assert len(sentence.split()) <= 25, text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_text_is_a_translatable_string(language):
    with translation.override(language):
        for info in PHASES:
            for text in (info.title, *info.points, *(h.name for h in info.helpers)):
                assert str(text).strip()
        assert "112" in str(EMERGENCY.what)


# (pregnancy, expected phase): due date or birth date in days from today.
CASES = [
    (None, PhaseCode.PRECONCEPTION),
    ({"due_date": 250}, PhaseCode.TRIMESTER_1),
    ({"due_date": 120}, PhaseCode.TRIMESTER_2),
    ({"due_date": 30}, PhaseCode.TRIMESTER_3),
    ({"birth_date": -3}, PhaseCode.KRAAMPERIODE),
    ({"birth_date": -20}, PhaseCode.GAP),
    ({"birth_date": -100}, PhaseCode.INFANCY),
    ({"birth_date": -500}, PhaseCode.TODDLER),
    ({"birth_date": -800}, PhaseCode.CLOSED),
]


@pytest.mark.parametrize(("dates", "code"), CASES)
def test_the_page_shows_the_familys_phase_with_its_information(cast, dates, code):
    family = make_family(cast)
    if dates:
        today = timezone.localdate()
        values = {name: today + timedelta(days=days) for name, days in dates.items()}
        if "birth_date" in values:
            values["outcome"] = PregnancyOutcome.LIVE_BIRTH
        Pregnancy.objects.create(family=family, coalition=family.coalition, **values)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    page = portal_client(account).get(reverse("portal:phase")).content.decode()
    info = PHASE_INFO[code]
    assert f"Nu: {info.title}" in page
    for point in info.points:
        assert str(point).replace("'", "&#x27;") in page
    for helper in info.helpers:
        assert str(helper.name) in page
    assert "Bij levensgevaar of een ongeluk: bel meteen 112." in page
    current = page.split('data-testid="portal-phase-current"')
    assert len(current) == 2
    assert str(info.title) in current[1].split("</li>")[0]
    # Every phase is on the timeline.
    timeline = page.split('data-testid="portal-phase-timeline"')[1].split("</ol>")[0]
    for other in PHASES:
        assert str(other.title) in timeline
