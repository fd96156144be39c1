"""The signaling pages through the test client: start, draft, finish, result, route."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import Task, TaskStatus
from kansrijk.signaling import services
from kansrijk.signaling.forms import ANSWER_PREFIX
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment
from kansrijk.testing.actors import logged_in_client

from .conftest import R4U

pytestmark = pytest.mark.django_db


def _form(answers: dict, *, version: int, action: str = "save") -> dict:
    return {
        **{ANSWER_PREFIX + key: value for key, value in answers.items()},
        "version": version,
        "action": action,
    }


@pytest.fixture
def midwife(cast):
    return logged_in_client(cast.case_director)


def _start(midwife, family) -> Assessment:
    response = midwife.post(
        reverse("signaling:family", args=[family.pk]),
        {
            "instrument": R4U,
            "pregnancy": family.pregnancies.get().pk,
            "assessed_on": "2027-03-03",
        },
    )
    assessment = Assessment.objects.get(family=family)
    assert response.status_code == 302
    assert response["Location"] == reverse("signaling:assessment", args=[family.pk, assessment.pk])
    return assessment


def test_a_midwife_signals_at_ten_weeks_and_accepts_route_2(midwife, pregnant_family, answers):
    assessment = _start(midwife, pregnant_family)
    url = reverse("signaling:assessment", args=[pregnant_family.pk, assessment.pk])
    page = midwife.get(url)
    assert page.status_code == 200
    assert "niet gevalideerd" in page.content.decode().lower()

    chosen = answers(Level.POTENTIALLY_VULNERABLE)
    response = midwife.post(url, _form(chosen, version=assessment.version, action="finish"))
    assert response.status_code == 302
    result = midwife.get(url).content.decode()
    assert "Potentieel kwetsbaar" in result
    assert "Route 2 — potentieel kwetsbaar" in result
    assert "10+0" in result

    response = midwife.post(
        reverse("signaling:route", args=[pregnant_family.pk, assessment.pk]), {"choice": "2"}
    )
    assert response.status_code == 302
    file = midwife.get(reverse("families:detail", args=[pregnant_family.pk])).content.decode()
    assert "Route 2 — potentieel kwetsbaar" in file
    assert "Prenataal huisbezoek door de JGZ" in file
    assert "JGZ Eerstedorp" in file


def test_finishing_with_a_missing_answer_keeps_the_other_answers(midwife, pregnant_family, answers):
    assessment = _start(midwife, pregnant_family)
    url = reverse("signaling:assessment", args=[pregnant_family.pk, assessment.pk])
    chosen = answers(Level.NONE)
    chosen.pop("gs_onveilig_thuis")
    response = midwife.post(url, _form(chosen, version=assessment.version, action="finish"))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Kies een antwoord." in content
    assert 'id="id_a_gs_onveilig_thuis_error"' in content
    some_key, some_value = next(iter(chosen.items()))
    assert f'name="{ANSWER_PREFIX}{some_key}" value="{some_value}"' in content
    assessment.refresh_from_db()
    assert assessment.is_draft


def test_autosave_keeps_the_draft_and_answers_the_new_version(midwife, pregnant_family, answers):
    assessment = _start(midwife, pregnant_family)
    chosen = dict(list(answers(Level.NONE).items())[:2])
    response = midwife.post(
        reverse("signaling:autosave", args=[pregnant_family.pk, assessment.pk]),
        _form(chosen, version=assessment.version),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-state="saved"' in content
    assert f'value="{assessment.version + 1}"' in content
    assessment.refresh_from_db()
    assert assessment.answers == chosen

    stale = midwife.post(
        reverse("signaling:autosave", args=[pregnant_family.pk, assessment.pk]),
        _form({}, version=assessment.version - 1),
    )
    assert 'data-state="conflict"' in stale.content.decode()
    assessment.refresh_from_db()
    assert assessment.answers == chosen


def test_a_stale_draft_page_shows_a_conflict_and_keeps_the_input(midwife, pregnant_family, answers):
    assessment = _start(midwife, pregnant_family)
    url = reverse("signaling:assessment", args=[pregnant_family.pk, assessment.pk])
    midwife.post(url, _form({}, version=assessment.version))
    chosen = dict(list(answers(Level.NONE).items())[:1])
    response = midwife.post(url, _form(chosen, version=assessment.version))
    assert response.status_code == 409
    key, value = next(iter(chosen.items()))
    assert f'name="{ANSWER_PREFIX}{key}" value="{value}"' in response.content.decode()


def test_overriding_the_route_without_a_reason_shows_a_dutch_error(
    cast, midwife, pregnant_family, answers
):
    assessment = services.assessment_record(
        actor=cast.case_director,
        family_pk=pregnant_family.pk,
        instrument_key=R4U,
        answers=answers(Level.POTENTIALLY_VULNERABLE),
    )
    url = reverse("signaling:route", args=[pregnant_family.pk, assessment.pk])
    response = midwife.post(url, {"choice": "3"})
    assert response.status_code == 400
    assert "Geef een reden waarom je van de voorgestelde route afwijkt." in (
        response.content.decode()
    )
    assert not assessment.route_decisions.exists()

    response = midwife.post(url, {"choice": "3", "reason": "Geen netwerk; naar het MDO."})
    assert response.status_code == 302
    file = midwife.get(reverse("families:detail", args=[pregnant_family.pk])).content.decode()
    assert "wacht op MDO" in file
    assert "Geen netwerk; naar het MDO." in file


def test_a_discarded_draft_is_gone_after_confirmation(midwife, pregnant_family):
    assessment = _start(midwife, pregnant_family)
    url = reverse("signaling:discard", args=[pregnant_family.pk, assessment.pk])
    assert "Concept verwijderen?" in midwife.get(url).content.decode()
    assert Assessment.objects.filter(pk=assessment.pk).exists()
    midwife.post(url)
    assert not Assessment.objects.filter(pk=assessment.pk).exists()


def test_marking_a_next_step_done(cast, midwife, pregnant_family, answers):
    services.assessment_record(
        actor=cast.case_director,
        family_pk=pregnant_family.pk,
        instrument_key=R4U,
        answers=answers(Level.POTENTIALLY_VULNERABLE),
        route=2,
    )
    task = Task.objects.filter(family=pregnant_family).first()
    response = midwife.post(reverse("care:task_complete", args=[pregnant_family.pk, task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.completed_by == cast.case_director
    assert pregnant_family.timeline_events.filter(kind="task_completed").exists()


def test_an_outsider_posting_gets_not_found_and_the_refusal_is_logged(cast, pregnant_family):
    outsider = logged_in_client(cast.outsider)
    response = outsider.post(
        reverse("signaling:family", args=[pregnant_family.pk]), {"instrument": R4U}
    )
    assert response.status_code == 404
    assert not Assessment.objects.exists()
    assert AccessEvent.objects.filter(
        user=cast.outsider, family_id=pregnant_family.pk, authorisation=False
    ).exists()
