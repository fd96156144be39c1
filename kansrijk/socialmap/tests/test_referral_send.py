"""Sending a referral from the family file: to an active service whose provider is linked to
a chain partner, for a person of the family, with the family's consent; the answer is due
after the urgency's working days; the event, the audit trail, the timeline and the access
log are written."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.core.dates import add_working_days
from kansrijk.core.models import AuditEvent, Notification
from kansrijk.families.models import TimelineEvent
from kansrijk.socialmap.models import Referral, ReferralStatus, ServiceStatus, Urgency
from kansrijk.socialmap.services_referrals import referral_send, respond_by_for
from kansrijk.socialmap.timeline import REFERRAL_SENT
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.socialmap_referrals import (
    family_member,
    make_receiving_side,
    make_unlinked_service,
)

pytestmark = pytest.mark.django_db


def _post(client, family, **data):
    values = {
        "person": data.pop("person"),
        "service": str(data.pop("service")),
        "reason": "Schulden lopen op.",
        "urgency": "soon",
        "shared_data": "Huurachterstand sinds juni.",
        "consent_to_share": "on",
    }
    values.update(data)
    values = {key: value for key, value in values.items() if value is not None}
    return client.post(reverse("socialmap:referral_create", args=[family.pk]), values)


def test_a_care_team_member_sends_a_referral_from_the_file(cast):
    family = make_family(cast)
    person = family_member(family, first_name="Sanne")
    side = make_receiving_side(cast)
    client = logged_in_client(cast.care_team_member)
    form = client.get(reverse("socialmap:referral_create", args=[family.pk]))
    assert form.status_code == 200
    assert "Schuldhulp Eerstedorp" in form.content.decode()

    response = _post(client, family, person=person.pk, service=side.service.pk)

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("socialmap:referral_detail", args=[referral.pk])
    assert referral.status == ReferralStatus.SENT
    assert referral.receiving_organisation == side.organisation
    assert referral.sent_by == cast.care_team_member
    assert referral.urgency == Urgency.SOON
    assert referral.respond_by == respond_by_for(Urgency.SOON)
    assert referral.events.get().to_status == ReferralStatus.SENT
    assert AuditEvent.objects.filter(action="referral_sent", object_id=str(referral.pk)).exists()
    event = TimelineEvent.objects.get(family=family, kind=REFERRAL_SENT)
    assert "Sanne" in event.summary
    assert "Schuldhulp Eerstedorp" in event.summary
    assert AccessEvent.objects.filter(
        family=family, user=cast.care_team_member, action=AccessEvent.Action.UPDATE
    ).exists()
    # The receiving organisation's professionals hear of it (the reference, no names).
    assert Notification.objects.filter(recipient=side.receiver).exists()


def test_without_consent_the_referral_is_refused_with_a_dutch_error(cast):
    family = make_family(cast)
    person = family_member(family)
    side = make_receiving_side(cast)
    client = logged_in_client(cast.case_director)
    response = _post(
        client, family, person=person.pk, service=side.service.pk, consent_to_share=None
    )
    assert response.status_code == 400
    assert "Zonder toestemming van het gezin" in response.content.decode()
    assert "Schulden lopen op." in response.content.decode()  # the input stays
    assert not Referral.objects.exists()
    with pytest.raises(ValidationError) as refused:
        referral_send(
            actor=cast.case_director,
            family_pk=family.pk,
            person_pk=person.pk,
            service_id=side.service.pk,
            reason="Schulden",
            consent_to_share=False,
        )
    assert "consent_to_share" in refused.value.message_dict


def test_only_a_service_of_a_linked_provider_can_be_referred_to(cast):
    family = make_family(cast)
    person = family_member(family)
    unlinked = make_unlinked_service(cast)
    client = logged_in_client(cast.case_director)

    page = client.get(
        reverse("socialmap:referral_create", args=[family.pk]) + f"?dienst={unlinked.pk}"
    )
    assert 'data-testid="not-referable"' in page.content.decode()
    assert "niet gekoppeld aan een ketenpartner" in page.content.decode()

    with pytest.raises(ValidationError) as refused:
        referral_send(
            actor=cast.case_director,
            family_pk=family.pk,
            person_pk=person.pk,
            service_id=unlinked.pk,
            reason="Inloop",
            consent_to_share=True,
        )
    assert "niet via kansrijk versturen" in refused.value.message_dict["service"][0]
    assert not Referral.objects.exists()


def test_an_inactive_service_and_a_stranger_are_refused(cast):
    family = make_family(cast)
    other_family = make_family(cast)
    stranger = family_member(other_family, first_name="Vreemd")
    side = make_receiving_side(cast)
    with pytest.raises(ValidationError) as refused:
        referral_send(
            actor=cast.case_director,
            family_pk=family.pk,
            person_pk=stranger.pk,
            service_id=side.service.pk,
            reason="Schulden",
            consent_to_share=True,
        )
    assert "person" in refused.value.message_dict
    side.service.status = ServiceStatus.INACTIVE
    side.service.save()
    person = family_member(family)
    with pytest.raises(ValidationError) as refused:
        referral_send(
            actor=cast.case_director,
            family_pk=family.pk,
            person_pk=person.pk,
            service_id=side.service.pk,
            reason="Schulden",
            consent_to_share=True,
        )
    assert "niet actief" in refused.value.message_dict["service"][0]


def test_the_service_page_preselects_the_service(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    client = logged_in_client(cast.case_director)
    page = client.get(
        reverse("socialmap:referral_create", args=[family.pk]) + f"?dienst={side.service.pk}"
    )
    assert f'value="{side.service.pk}" selected' in page.content.decode()


def test_someone_off_the_care_team_cannot_send(cast):
    family = make_family(cast)
    person = family_member(family)
    side = make_receiving_side(cast)
    response = _post(
        logged_in_client(cast.outsider), family, person=person.pk, service=side.service.pk
    )
    assert response.status_code == 404
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("sent_on", "urgency", "due"),
    [
        (date(2026, 11, 26), Urgency.URGENT, date(2026, 11, 30)),  # Thursday + 2: Monday
        (date(2026, 11, 27), Urgency.SOON, date(2026, 12, 4)),  # Friday + 5: Friday
        (date(2026, 11, 28), Urgency.NORMAL, date(2026, 12, 11)),  # Saturday + 10
    ],
)
def test_the_answer_is_due_after_working_days(sent_on, urgency, due):
    assert respond_by_for(urgency, today=sent_on) == due
    assert add_working_days(sent_on, 0) == sent_on
