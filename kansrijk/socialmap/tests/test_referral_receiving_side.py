"""The receiving organisation's professionals: they see only what the referral shares (never
the file) until they accept, which puts them on the care team; declining needs a reason;
two answers at once give a clear conflict; each step is an event, an audit row and a
timeline event; the referring side sees the status and may withdraw."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import CareTeamMember, TimelineEvent
from kansrijk.socialmap import timeline
from kansrijk.socialmap.models import Referral, ReferralStatus
from kansrijk.socialmap.selectors_referrals import REFERRAL_RECEIVER
from kansrijk.socialmap.services_referrals import (
    ReferralChanged,
    referral_accept,
    referral_decline,
    referral_receive,
)
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.socialmap_referrals import (
    add_receiver,
    family_member,
    make_receiving_side,
    move_referral,
    send_referral,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(cast):
    family = make_family(cast, strengths="Oma woont naast de deur.")
    family_member(family, first_name="Sanne")
    side = make_receiving_side(cast)
    referral = send_referral(
        cast, family, side.service, shared_data="Huurachterstand van drie maanden."
    )
    return family, side, referral


def _action(client, referral, action, **data):
    return client.post(
        reverse("socialmap:referral_action", args=[referral.pk, action]),
        {"version": referral.version, **data},
    )


def test_the_receiver_sees_only_the_shared_data_and_not_the_file(cast, sent):
    family, side, referral = sent
    client = logged_in_client(side.receiver)

    page = client.get(reverse("socialmap:referral_detail", args=[referral.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Huurachterstand van drie maanden." in html
    assert "Sanne" in html
    assert "geboren in 1999" in html
    assert "Test" not in html.split('data-testid="referral-person"')[1].split("</dd>")[0]
    assert "Oma woont naast de deur." not in html  # the file's content
    assert reverse("families:detail", args=[family.pk]) not in html
    # The read is logged, on the receiver's ground.
    event = AccessEvent.objects.filter(user=side.receiver, family=family).latest("pk")
    assert event.ground == REFERRAL_RECEIVER
    assert event.authorisation
    # The file, its timeline and the API stay closed.
    assert client.get(reverse("families:detail", args=[family.pk])).status_code == 404
    assert client.get(f"/api/v1/families/{family.pk}/").status_code == 404


def test_accepting_puts_the_receiver_on_the_care_team_and_opens_the_file(cast, sent):
    family, side, referral = sent
    client = logged_in_client(side.receiver)
    response = _action(client, referral, "accept", role_in_family="schuldhulpverlener")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.handled_by == side.receiver
    assert referral.responded_at is not None
    member = CareTeamMember.objects.current().get(family=family, professional=side.receiver)
    assert member.role_in_family == "schuldhulpverlener"
    assert client.get(reverse("families:detail", args=[family.pk])).status_code == 200
    kinds = set(TimelineEvent.objects.filter(family=family).values_list("kind", flat=True))
    assert {timeline.REFERRAL_SENT, timeline.REFERRAL_ACCEPTED} <= kinds
    assert AuditEvent.objects.filter(action="referral_accepted").count() == 1


def test_the_page_says_that_accepting_joins_the_care_team(cast, sent):
    _family, side, referral = sent
    page = logged_in_client(side.receiver).get(
        reverse("socialmap:referral_detail", args=[referral.pk])
    )
    assert "kom je in het zorgteam van dit gezin" in page.content.decode()


def test_declining_needs_a_reason(cast, sent):
    _family, side, referral = sent
    client = logged_in_client(side.receiver)
    response = _action(client, referral, "decline", note="")
    assert response.status_code == 400
    assert "Geef een reden waarom je de verwijzing afwijst." in response.content.decode()
    with pytest.raises(ValidationError):
        referral_decline(actor=side.receiver, referral_pk=referral.pk, reason="  ")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT

    _action(client, referral, "decline", note="Geen plek tot maart.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decline_reason == "Geen plek tot maart."
    assert referral.closed_at is not None
    assert not CareTeamMember.objects.filter(professional=side.receiver).exists()


def test_only_the_receiving_organisation_answers(cast, sent):
    _family, _side, referral = sent
    with pytest.raises(ValidationError, match="Alleen een professional van Buurtteam"):
        referral_accept(actor=cast.case_director, referral_pk=referral.pk)
    response = _action(logged_in_client(cast.outsider), referral, "accept")
    assert response.status_code == 404


def test_two_colleagues_answering_at_once_get_a_clear_conflict(cast, sent):
    _family, side, referral = sent
    colleague = add_receiver(cast, side.organisation, username="collega")
    first, second = logged_in_client(side.receiver), logged_in_client(colleague)
    stale = Referral.objects.get(pk=referral.pk)
    assert _action(first, referral, "receive").status_code == 302
    response = _action(second, stale, "decline", note="Vol.")
    assert response.status_code == 302
    page = second.get(response["Location"])
    assert "intussen gewijzigd" in page.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RECEIVED
    with pytest.raises(ReferralChanged):
        referral_receive(actor=colleague, referral_pk=referral.pk, expected_version=1)


def test_each_step_is_an_event_an_audit_row_and_a_timeline_event(cast, sent):
    family, side, referral = sent
    steps = ["receive", "accept", "start", "complete"]
    for action in steps:
        referral = move_referral(
            referral, action, receiver=side.receiver, sender=cast.case_director
        )
    assert referral.status == ReferralStatus.COMPLETED
    assert referral.outcome == "Schulden in beeld, plan loopt."
    assert list(referral.events.values_list("to_status", flat=True)) == [
        "sent",
        "received",
        "accepted",
        "started",
        "completed",
    ]
    audit = AuditEvent.objects.filter(object_id=str(referral.pk), object_type="socialmap.Referral")
    assert sorted(audit.values_list("action", flat=True)) == sorted(
        f"referral_{status}" for status in ["sent", "received", "accepted", "started", "completed"]
    )
    kinds = list(
        TimelineEvent.objects.filter(
            family=family, object_type="socialmap.Referral", object_id=str(referral.pk)
        )
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        timeline.REFERRAL_SENT,
        timeline.REFERRAL_RECEIVED,
        timeline.REFERRAL_ACCEPTED,
        timeline.REFERRAL_STARTED,
        timeline.REFERRAL_COMPLETED,
    ]


def test_no_show_and_withdraw_reach_the_timeline(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    first = send_referral(cast, family, side.service)
    first = move_referral(first, "accept", receiver=side.receiver, sender=cast.case_director)
    first = move_referral(first, "no_show", receiver=side.receiver, sender=cast.case_director)
    second = send_referral(cast, family, side.service)
    second = move_referral(second, "withdraw", receiver=side.receiver, sender=cast.case_director)
    assert (first.status, second.status) == (ReferralStatus.NO_SHOW, ReferralStatus.WITHDRAWN)
    kinds = set(TimelineEvent.objects.filter(family=family).values_list("kind", flat=True))
    assert {timeline.REFERRAL_NO_SHOW, timeline.REFERRAL_WITHDRAWN} <= kinds


def test_the_sender_sees_the_status_and_the_history_and_may_withdraw(cast, sent):
    family, side, referral = sent
    referral = move_referral(referral, "receive", receiver=side.receiver, sender=cast.case_director)
    client = logged_in_client(cast.case_director)
    file_page = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    assert 'data-testid="referral-section"' in file_page
    assert "Ontvangen" in file_page
    page = client.get(reverse("socialmap:referral_detail", args=[referral.pk])).content.decode()
    assert page.count('data-testid="referral-event"') == 2
    assert 'data-testid="referral-action-withdraw"' in page
    assert 'data-testid="referral-action-accept"' not in page
    _action(client, referral, "withdraw", note="Gezin verhuist.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN


def test_a_receiver_can_not_withdraw(cast, sent):
    _family, side, referral = sent
    client = logged_in_client(side.receiver)
    page = client.get(reverse("socialmap:referral_detail", args=[referral.pk]))
    assert 'data-testid="referral-action-withdraw"' not in page.content.decode()
    assert 'data-testid="referral-action-accept"' in page.content.decode()
    assert _action(client, referral, "withdraw").status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
