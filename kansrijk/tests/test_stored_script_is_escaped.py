"""Script stored through the pages and the services never runs where it is shown.

Hostile text goes in where professionals type free text (a concern and a goal through the
plan's pages; a person's name, an MDO question and a handover summary through the
services), and every page that shows it is read back: the text is there, escaped, and no
tag of it reached the page. With the Content-Security-Policy (no 'unsafe-inline' for
scripts; kansrijk/core/tests test its header) this is the second line of defence.
"""

from datetime import date

import pytest
from django.urls import reverse

from kansrijk.care.services_handovers import handover_propose
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit
from kansrijk.testing.socialmap_referrals import family_member

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("kr")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;kr&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
RAW_TAGS = ("<script>alert", "<img src=x")


def _shown_escaped(client, url: str, expected: int = 1) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    for tag in RAW_TAGS:
        assert tag not in page, url
    assert page.count("&lt;script&gt;alert(") >= expected, url


def test_free_text_typed_on_the_plan_pages_is_shown_escaped(cast, cast_family):
    client = logged_in_client(cast.case_director)
    pk = cast_family.pk

    concern = client.post(reverse("care:concern_add", args=[pk]), {"text": PAYLOAD})
    goal = client.post(
        reverse("care:goal_add", args=[pk]),
        {"text": PAYLOAD, "dimension": "bodily_functions"},
    )

    assert (concern.status_code, goal.status_code) == (302, 302)
    _shown_escaped(client, reverse("care:plan", args=[pk]), expected=2)
    _shown_escaped(client, reverse("care:plan_print", args=[pk]), expected=2)
    assert ESCAPED in client.get(reverse("care:plan", args=[pk])).content.decode()


def test_names_questions_and_summaries_are_shown_escaped_wherever_they_appear(cast, cast_family):
    family_member(cast_family, first_name=PAYLOAD, born=date(1998, 3, 2))
    handover_propose(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        summary=PAYLOAD,
        to_professional=cast.care_team_member,
    )
    consent_to_named_discussion(cast, cast_family)
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, cast_family, meeting, question=PAYLOAD)
    director = logged_in_client(cast.case_director)

    _shown_escaped(director, reverse("families:list"))
    _shown_escaped(director, reverse("families:detail", args=[cast_family.pk]))
    _shown_escaped(director, reverse("care:handovers", args=[cast_family.pk]))
    _shown_escaped(logged_in_client(cast.coordinator), reverse("mdo:meeting", args=[meeting.pk]))
