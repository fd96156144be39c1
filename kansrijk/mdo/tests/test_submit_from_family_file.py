"""A care-team member submits a family for the MDO from its file; nobody else can, and the
file's MDO section costs a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import families_visible_to
from kansrijk.access.services import break_the_glass_start
from kansrijk.core.together import read_now
from kansrijk.mdo.models import AgendaItem, ItemSource, ItemStatus, MdoSeries
from kansrijk.mdo.views_agenda import file_section
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.mdo import make_series, plan_meeting, submit

from .agenda_support import publish

pytestmark = pytest.mark.django_db


def submit_url(family) -> str:
    return reverse("mdo:submit", args=[family.pk])


def test_without_an_mdo_the_file_says_so(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    html = client.get(reverse("families:detail", args=[cast_family.pk])).content.decode()
    assert "Je coalitie heeft nog geen MDO; vraag je coördinator." in html
    assert submit_url(cast_family) not in html
    page = client.get(submit_url(cast_family)).content.decode()
    assert "Je coalitie heeft nog geen MDO; vraag je coördinator." in page


def test_a_care_team_member_submits_the_family_to_a_draft_agenda(cast, cast_family):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(cast.care_team_member)
    html = client.get(reverse("families:detail", args=[cast_family.pk])).content.decode()
    assert "Aanmelden voor het MDO" in html
    form = client.get(submit_url(cast_family))
    assert form.status_code == 200
    response = client.post(
        submit_url(cast_family),
        {"meeting": meeting.pk, "question": "Wie neemt de regie rond de bevalling?"},
        follow=True,
    )
    item = AgendaItem.objects.get(family=cast_family)
    assert item.status == ItemStatus.ON_AGENDA
    assert item.source == ItemSource.SUBMITTED
    assert item.submitted_by == cast.care_team_member
    html = response.content.decode()
    assert "Het gezin staat op de agenda van het MDO." in html
    section = html[html.index('data-testid="mdo-section"') :]
    assert "MDO Zwangeren Eerstedorp op" in section
    assert "op de agenda" in section
    assert AccessEvent.objects.filter(
        user=cast.care_team_member, family=cast_family, action=AccessEvent.Action.UPDATE
    ).exists()


def test_after_publication_the_family_waits_as_a_candidate(cast, cast_family):
    meeting = plan_meeting(cast, make_series(cast))
    submit(cast, make_family(cast), meeting)
    publish(cast, meeting)
    client = logged_in_client(cast.case_director)
    response = client.post(
        submit_url(cast_family), {"meeting": meeting.pk, "question": "Acuut, graag nog erbij."}
    )
    assert response.status_code == 302
    assert AgendaItem.objects.get(family=cast_family).status == ItemStatus.CANDIDATE


def test_a_missing_question_is_refused_with_the_choice_kept(cast, cast_family):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(cast.case_director)
    response = client.post(submit_url(cast_family), {"meeting": meeting.pk, "question": " "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Schrijf op wat je aan het MDO wilt vragen." in html
    assert f'value="{meeting.pk}" required id="id_meeting_0" checked' in html
    assert not AgendaItem.objects.filter(family=cast_family).exists()


def test_a_meeting_of_another_coalition_cannot_be_chosen(cast, cast_family):
    plan_meeting(cast, make_series(cast))
    foreign = plan_meeting(cast, make_series(cast, name="MDO Tweededorp"))
    MdoSeries.objects.filter(pk=foreign.series_id).update(coalition=cast.other_coalition)
    client = logged_in_client(cast.case_director)
    assert "MDO Tweededorp" not in client.get(submit_url(cast_family)).content.decode()
    response = client.post(submit_url(cast_family), {"meeting": foreign.pk, "question": "Vraag"})
    assert response.status_code == 400
    assert "Kies een overleg uit de lijst." in response.content.decode()
    assert not AgendaItem.objects.filter(family=cast_family, meeting=foreign).exists()


@pytest.mark.parametrize("actor", ["outsider", "other_coalition_professional", "coordinator"])
def test_someone_without_a_ground_gets_not_found(cast, cast_family, actor):
    meeting = plan_meeting(cast, make_series(cast))
    client = logged_in_client(getattr(cast, actor))
    assert client.get(submit_url(cast_family)).status_code == 404
    response = client.post(submit_url(cast_family), {"meeting": meeting.pk, "question": "Vraag"})
    assert response.status_code == 404
    assert not AgendaItem.objects.filter(family=cast_family).exists()


def test_break_the_glass_reads_the_file_but_does_not_submit(cast, cast_family):
    meeting = plan_meeting(cast, make_series(cast))
    break_the_glass_start(
        user=cast.outsider,
        family_pk=cast_family.pk,
        reason="acute_care",
        explanation="Acute situatie, zorgteam niet bereikbaar.",
    )
    client = logged_in_client(cast.outsider)
    html = client.get(reverse("families:detail", args=[cast_family.pk])).content.decode()
    assert submit_url(cast_family) not in html
    assert client.get(submit_url(cast_family)).status_code == 403
    response = client.post(submit_url(cast_family), {"meeting": meeting.pk, "question": "Vraag"})
    assert response.status_code == 403
    assert not AgendaItem.objects.filter(family=cast_family).exists()


def test_the_file_section_costs_two_queries_however_many_items(cast, cast_family, rf):
    series = make_series(cast)
    request = rf.get("/")
    request.user = cast.case_director
    family = families_visible_to(cast.case_director).get(pk=cast_family.pk)
    family.current_care_team = list(family.care_team_members.all())

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            context = read_now(file_section(request, family))
        assert context["on_care_team"]
        return len(captured)

    submit(cast, family, plan_meeting(cast, series))
    one = count()
    for days in (14, 21, 28):
        submit(cast, family, plan_meeting(cast, series, in_days=days))
    # The items with their meeting and series (1); whether the coalition has an MDO (1).
    assert one == count() == 2
