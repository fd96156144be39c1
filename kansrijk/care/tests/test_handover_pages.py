"""The handover pages: the family's handovers (propose, complete, cancel), the receiver's
pages (incoming list, the handover, accept, decline) and the casusregie page. Outsiders get
"not found" and their attempt is logged; a receiver sees the summary and the reference only,
logged, until they accept."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.care.grounds import HANDOVER_RECEIVER
from kansrijk.care.models import CaseDirector, Handover, HandoverStatus
from kansrijk.families.models import CareTeamMember
from kansrijk.testing.actors import logged_in_client

from .test_handover_support import SUMMARY, jgz, jgz_nurse, make_director, propose

pytestmark = pytest.mark.django_db


def refusals(user, family):
    return AccessEvent.objects.filter(user=user, family_id=family.pk, authorisation=False)


def page_text(response) -> str:
    return response.content.decode()


# --- The family's handovers ------------------------------------------------------------------


def test_the_family_page_lists_handovers_and_shows_the_casusregie(cast, cast_family):
    propose(cast, cast_family)
    response = logged_in_client(cast.case_director).get(
        reverse("care:handovers", args=[cast_family.pk])
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Geen casusregisseur" in text
    assert "JGZ Eerstedorp" in text
    assert "Voorgesteld" in text
    assert 'aria-current="page">Overdrachten' in text


def test_proposing_through_the_page(cast, cast_family):
    client = logged_in_client(cast.case_director)
    due = timezone.localdate() + timedelta(days=10)
    response = client.post(
        reverse("care:handovers", args=[cast_family.pk]),
        {
            "moment": "geboorte-jgz",
            "kind": "regular",
            "to_organisation": jgz(cast).pk,
            "summary": SUMMARY,
            "due_date": due.isoformat(),
        },
    )
    handover = Handover.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/overdrachten/#overdracht-{handover.pk}")
    assert (handover.to_organisation, handover.due_date, handover.moment_code) == (
        jgz(cast),
        due,
        "geboorte-jgz",
    )


def test_a_named_professional_brings_their_organisation(cast, cast_family):
    nurse = jgz_nurse(cast)
    client = logged_in_client(cast.case_director)
    client.post(
        reverse("care:handovers", args=[cast_family.pk]),
        {
            "moment": "",
            "kind": "regular",
            "to_professional": "jgzverpleeg",
            "summary": SUMMARY,
        },
    )
    handover = Handover.objects.get()
    assert (handover.to_professional, handover.to_organisation) == (nurse, jgz(cast))


def test_bad_input_keeps_the_form_with_dutch_errors(cast, cast_family):
    response = logged_in_client(cast.case_director).post(
        reverse("care:handovers", args=[cast_family.pk]),
        {"moment": "", "kind": "regular", "summary": "Mijn tekst blijft staan"},
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "Kies de organisatie of de professional die de overdracht krijgt." in text
    assert "Mijn tekst blijft staan" in text
    assert not Handover.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "other_coalition_professional", "coordinator"])
def test_outsiders_get_not_found_and_their_post_is_logged(who, cast, cast_family):
    actor = getattr(cast, who)
    client = logged_in_client(actor)
    url = reverse("care:handovers", args=[cast_family.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        url, {"kind": "regular", "to_organisation": jgz(cast).pk, "summary": SUMMARY}
    )
    assert response.status_code == 404
    assert not Handover.objects.exists()
    assert refusals(actor, cast_family).filter(action=AccessEvent.Action.UPDATE).exists()


def test_the_sender_cancels_after_confirming(cast, cast_family):
    handover = propose(cast, cast_family)
    client = logged_in_client(cast.case_director)
    url = reverse("care:handover_cancel", args=[cast_family.pk, handover.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Weet je zeker" in page_text(confirm)
    assert client.post(url, {"version": 1, "reason": ""}).status_code == 302
    assert Handover.objects.get().status == HandoverStatus.CANCELLED


def test_someone_else_on_the_team_is_sent_back_from_cancelling(cast, cast_family):
    handover = propose(cast, cast_family)
    client = logged_in_client(cast.care_team_member)
    url = reverse("care:handover_cancel", args=[cast_family.pk, handover.pk])
    assert client.post(url, {"version": 1}).status_code == 302
    assert Handover.objects.get().status == HandoverStatus.PROPOSED


def test_recording_the_warm_contact(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    logged_in_client(nurse).post(
        reverse("care:handover_accept", args=[handover.pk]), {"version": 1}
    )
    client = logged_in_client(cast.case_director)
    url = reverse("care:handover_complete", args=[cast_family.pk, handover.pk])
    assert client.get(url).status_code == 200
    missing = client.post(url, {"version": 2, "contact_on": timezone.localdate().isoformat()})
    assert missing.status_code == 400
    assert "Kies hoe het warme contact was" in page_text(missing)
    response = client.post(
        url,
        {
            "version": 2,
            "contact_kind": "joint_visit",
            "contact_on": timezone.localdate().isoformat(),
            "note": "Samen op huisbezoek",
        },
    )
    assert response.status_code == 302
    assert Handover.objects.get().status == HandoverStatus.COMPLETED
    shown = page_text(client.get(reverse("care:handovers", args=[cast_family.pk])))
    assert "Gezamenlijk bezoek aan het gezin" in shown
    assert "Samen op huisbezoek" in shown


# --- The receiver's pages -------------------------------------------------------------------


def test_the_incoming_list_shows_the_reference_and_not_the_summary(cast, cast_family):
    nurse = jgz_nurse(cast)
    propose(cast, cast_family)
    response = logged_in_client(nurse).get(reverse("care:handovers_incoming"))
    assert response.status_code == 200
    text = page_text(response)
    assert cast_family.reference in text
    assert SUMMARY not in text
    # Showing references is no access to the file: nothing is logged for the list.
    assert not AccessEvent.objects.filter(user=nurse).exists()


def test_the_sender_sees_the_status_of_what_they_proposed(cast, cast_family):
    propose(cast, cast_family)
    text = page_text(logged_in_client(cast.case_director).get(reverse("care:handovers_incoming")))
    assert 'data-testid="sent-handover"' in text
    assert "Voorgesteld" in text


def test_managers_have_no_incoming_handovers(cast):
    assert (
        logged_in_client(cast.coordinator).get(reverse("care:handovers_incoming")).status_code
        == 403
    )


def test_the_receiver_reads_the_summary_logged_but_not_the_file(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    client = logged_in_client(nurse)
    response = client.get(reverse("care:handover_incoming", args=[handover.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert SUMMARY in text
    assert cast_family.reference in text
    assert "Gezinsdossier" not in text  # no navigation into the file
    read = AccessEvent.objects.get(user=nurse, family_id=cast_family.pk)
    assert (read.action, read.ground, read.authorisation) == (
        AccessEvent.Action.READ,
        HANDOVER_RECEIVER,
        True,
    )
    for url in (
        reverse("families:detail", args=[cast_family.pk]),
        reverse("families:timeline", args=[cast_family.pk]),
        reverse("care:handovers", args=[cast_family.pk]),
    ):
        assert client.get(url).status_code == 404
    assert refusals(nurse, cast_family).count() == 3


def test_accepting_through_the_page_opens_the_file(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    client = logged_in_client(nurse)
    response = client.post(
        reverse("care:handover_accept", args=[handover.pk]),
        {"version": 1, "role_in_family": "jeugdverpleegkundige", "phone": ""},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/gezinnen/{cast_family.pk}/overdrachten/#overdracht-{handover.pk}"
    )
    assert client.get(reverse("families:detail", args=[cast_family.pk])).status_code == 200
    member = CareTeamMember.objects.get(family=cast_family, professional=nurse)
    assert member.role_in_family == "jeugdverpleegkundige"
    # The handover's page now sends the new member to the family's handovers.
    again = client.get(reverse("care:handover_incoming", args=[handover.pk]))
    assert again.status_code == 302


def test_a_bad_phone_number_keeps_the_receiver_on_the_handover(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    response = logged_in_client(nurse).post(
        reverse("care:handover_accept", args=[handover.pk]), {"version": 1, "phone": "bel mij"}
    )
    assert response.status_code == 400
    assert "Vul een telefoonnummer in" in page_text(response)
    assert Handover.objects.get().status == HandoverStatus.PROPOSED


def test_declining_through_the_page_needs_a_reason(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    client = logged_in_client(nurse)
    url = reverse("care:handover_decline", args=[handover.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": 1, "reason": ""})
    assert response.status_code == 400
    assert "Geef een reden waarom je de overdracht afwijst." in page_text(response)
    assert client.post(url, {"version": 1, "reason": "Geen plek"}).status_code == 302
    assert Handover.objects.get().status == HandoverStatus.DECLINED
    shown = page_text(
        logged_in_client(cast.case_director).get(reverse("care:handovers", args=[cast_family.pk]))
    )
    assert "Reden: Geen plek" in shown


@pytest.mark.parametrize("who", ["outsider", "other_coalition_professional"])
def test_a_non_receiver_gets_not_found_on_the_receiver_pages_and_is_logged(who, cast, cast_family):
    jgz_nurse(cast)
    handover = propose(cast, cast_family)
    actor = getattr(cast, who)
    client = logged_in_client(actor)
    assert client.get(reverse("care:handover_incoming", args=[handover.pk])).status_code == 404
    response = client.post(reverse("care:handover_accept", args=[handover.pk]), {"version": 1})
    assert response.status_code == 404
    assert (
        client.post(
            reverse("care:handover_decline", args=[handover.pk]), {"version": 1, "reason": "x"}
        ).status_code
        == 404
    )
    assert Handover.objects.get().status == HandoverStatus.PROPOSED
    if who == "outsider":  # another coalition's professional: the family is not theirs to log
        assert refusals(actor, cast_family).filter(action=AccessEvent.Action.UPDATE).count() == 2


# --- Casusregie ------------------------------------------------------------------------------


def test_naming_the_first_case_director_through_the_page(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    url = reverse("care:case_director", args=[cast_family.pk])
    assert "Geen casusregisseur" in page_text(client.get(url))
    response = client.post(url, {"professional": cast.case_director.pk})
    assert response.status_code == 302
    text = page_text(client.get(url))
    assert "Regisseur Testpersoon" in text
    assert 'data-testid="case-director-history"' in text
    assert CaseDirector.objects.current().get().professional == cast.case_director


def test_the_file_shows_the_case_director_and_running_handovers(cast, cast_family):
    make_director(cast, cast_family)
    propose(cast, cast_family)
    text = page_text(
        logged_in_client(cast.care_team_member).get(
            reverse("families:detail", args=[cast_family.pk])
        )
    )
    assert 'data-testid="handover-section"' in text
    assert "Regisseur Testpersoon" in text
    assert "06 12345678" in text
    assert "aan JGZ Eerstedorp" in text


def test_the_file_says_visibly_that_there_is_no_case_director(cast, cast_family):
    text = page_text(
        logged_in_client(cast.case_director).get(reverse("families:detail", args=[cast_family.pk]))
    )
    assert 'data-testid="case-director-none"' in text
    assert "Geen lopende overdrachten." in text
