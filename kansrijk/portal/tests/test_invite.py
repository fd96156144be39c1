"""The case director invites the client and partner to "Mijn gezin" and can end that access;
nobody else can. The invitation e-mail leaves after the commit and carries only a first name
and the link."""

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.core.models import AuditEvent, OutgoingMail
from kansrijk.families.models import PersonRole
from kansrijk.families.services import person_add
from kansrijk.portal.models import FamilyAccount
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_account, make_client_person, portal_client

pytestmark = pytest.mark.django_db


def _page(family):
    return reverse("portal:invitations", args=[family.pk])


def _invite(client, family, person, capture):
    with capture(execute=True):
        return client.post(_page(family), {"person": person.pk})


def _partner(family, actor, **data):
    return person_add(
        actor=actor,
        family_pk=family.pk,
        data={"role": PersonRole.PARTNER, "first_name": "Jan", "last_name": "Bakker", **data},
    )


def test_the_case_director_invites_sanne(cast, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://kansrijk.example.nl"
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director, email="Sanne@Example.org")
    client = logged_in_client(cast.case_director)

    page = client.get(_page(family)).content.decode()
    assert "Niet uitgenodigd" in page
    assert "Sanne uitnodigen" in page

    response = _invite(client, family, sanne, django_capture_on_commit_callbacks)
    assert response["Location"] == _page(family)
    account = FamilyAccount.objects.get(person=sanne)
    assert account.email == "sanne@example.org"
    assert account.invited_by == cast.case_director
    assert account.is_active
    assert account.activated_at is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sanne@example.org"]
    assert message.subject.startswith("Uitnodiging voor Mijn gezin")
    assert "Hallo Sanne," in message.body
    assert "Ga naar https://kansrijk.example.nl/mijn/inloggen/" in message.body
    assert "de Vries" not in message.body
    assert family.reference not in message.body

    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_id=str(account.pk), actor=cast.case_director
    ).exists()
    assert AccessEvent.objects.filter(
        user=cast.case_director,
        family=family,
        action=AccessEvent.Action.UPDATE,
        detail="Gezinslid uitgenodigd voor Mijn gezin",
        authorisation=True,
    ).exists()
    page = client.get(_page(family)).content.decode()
    assert "is uitgenodigd. De e-mail met de link gaat naar sanne@example.org." in page
    assert "nog niet ingelogd" in page
    assert "Uitnodiging opnieuw sturen naar Sanne" in page


@pytest.mark.parametrize("actor", ["care_team_member"])
def test_others_on_the_care_team_may_not_invite(cast, actor, django_capture_on_commit_callbacks):
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director)
    client = logged_in_client(getattr(cast, actor))
    assert client.get(_page(family)).status_code == 403
    assert _invite(client, family, sanne, django_capture_on_commit_callbacks).status_code == 403
    assert not FamilyAccount.objects.exists()
    assert mail.outbox == []
    assert AccessEvent.objects.filter(
        user=getattr(cast, actor), family=family, authorisation=False
    ).exists()


@pytest.mark.parametrize("actor", ["outsider", "other_coalition_professional", "coordinator"])
def test_without_a_ground_the_page_does_not_exist(cast, actor, django_capture_on_commit_callbacks):
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director)
    account = make_account(sanne, cast.case_director)
    client = logged_in_client(getattr(cast, actor))
    assert client.get(_page(family)).status_code == 404
    assert _invite(client, family, sanne, django_capture_on_commit_callbacks).status_code == 404
    revoke = reverse("portal:invitation_revoke", args=[family.pk, account.pk])
    assert client.post(revoke).status_code == 404
    account.refresh_from_db()
    assert account.is_active


def test_without_email_or_birth_date_the_page_says_what_to_fill_in(
    cast, django_capture_on_commit_callbacks
):
    family = make_family(cast)
    jan = _partner(family, cast.case_director, date_of_birth=date(1990, 1, 2))
    client = logged_in_client(cast.case_director)

    page = client.get(_page(family)).content.decode()
    assert "Om Jan uit te nodigen is nog nodig: e-mailadres." in page
    assert reverse("families:person_edit", args=[family.pk, jan.pk]) in page
    assert "Jan uitnodigen" not in page

    response = _invite(client, family, jan, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Vul eerst aan bij Jan: e-mailadres." in response.content.decode()
    assert not FamilyAccount.objects.exists()
    assert mail.outbox == []


def test_children_are_not_invited(cast, django_capture_on_commit_callbacks):
    family = make_family(cast)
    child = person_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={"role": PersonRole.CHILD, "first_name": "Mees", "email": "mees@example.org"},
    )
    client = logged_in_client(cast.case_director)
    assert "Mees" not in client.get(_page(family)).content.decode()
    response = _invite(client, family, child, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Alleen de cliënt en de partner van dit gezin kun je uitnodigen." in (
        response.content.decode()
    )


def test_a_failed_mail_keeps_the_invitation_and_the_mail(
    cast, settings, django_capture_on_commit_callbacks
):
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director)
    settings.EMAIL_BACKEND = "kansrijk.core.tests.test_mail_outbox.RefusingBackend"
    client = logged_in_client(cast.case_director)
    response = _invite(client, family, sanne, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert FamilyAccount.objects.filter(person=sanne).exists()
    waiting = OutgoingMail.objects.get()
    assert waiting.sent_at is None
    assert "sanne@example.org" not in waiting.last_error
    # Invited again once the server is back: the same account; this mail leaves at once,
    # the waiting one when its retry is due.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _invite(client, family, sanne, django_capture_on_commit_callbacks)
    assert FamilyAccount.objects.filter(person=sanne).count() == 1
    assert len(mail.outbox) == 1


def test_revoking_ends_the_access_at_once(cast, django_capture_on_commit_callbacks):
    family = make_family(cast)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    family_client = portal_client(account)
    assert family_client.get(reverse("portal:home")).status_code == 200
    client = logged_in_client(cast.case_director)
    url = reverse("portal:invitation_revoke", args=[family.pk, account.pk])

    confirm = client.get(url).content.decode()
    assert "Sanne kan dan niet meer inloggen bij Mijn gezin." in confirm
    response = client.post(url)
    assert response["Location"] == _page(family)
    account.refresh_from_db()
    assert account.revoked_at is not None
    assert account.revoked_by == cast.case_director
    page = client.get(_page(family)).content.decode()
    assert "Sanne kan niet meer inloggen bij Mijn gezin." in page
    assert "Toegang ingetrokken op" in page
    assert family_client.get(reverse("portal:home"))["Location"].startswith("/mijn/inloggen/")
    assert AuditEvent.objects.filter(
        summary="Toegang tot Mijn gezin ingetrokken", object_id=str(account.pk)
    ).exists()
    assert AccessEvent.objects.filter(
        user=cast.case_director, detail="Toegang tot Mijn gezin ingetrokken"
    ).exists()

    # Invited again later: a new account.
    sanne = account.person
    _invite(client, family, sanne, django_capture_on_commit_callbacks)
    assert FamilyAccount.objects.active().get(person=sanne).pk != account.pk


def test_an_email_address_serves_one_account(cast, django_capture_on_commit_callbacks):
    family = make_family(cast)
    make_account(make_client_person(family, cast.case_director), cast.case_director)
    jan = _partner(
        family, cast.case_director, email="SANNE@example.org", date_of_birth=date(1990, 1, 2)
    )
    client = logged_in_client(cast.case_director)
    response = _invite(client, family, jan, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Dit e-mailadres wordt al gebruikt voor Mijn gezin." in response.content.decode()


def _page_queries(client, family) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_page(family)).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_queries_for_more_people_and_invitations(cast):
    few = make_family(cast)
    make_client_person(few, cast.case_director)
    many = make_family(cast)
    sanne = make_client_person(many, cast.case_director, email="s2@example.org")
    jan = _partner(
        many, cast.case_director, email="jan@example.org", date_of_birth=date(1990, 1, 2)
    )
    old = make_account(sanne, cast.case_director)
    old.revoked_at = old.invited_at
    old.save()
    make_account(sanne, cast.case_director)
    make_account(jan, cast.case_director)
    client = logged_in_client(cast.case_director)
    client.get("/")
    # Whatever the household: the policy's checks and the read event, whether the user is the
    # case director, the persons and the accounts.
    assert _page_queries(client, few) == _page_queries(client, many)


def test_the_family_file_links_the_case_director_to_the_invitations(cast):
    family = make_family(cast)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    url = reverse("families:detail", args=[family.pk])

    page = logged_in_client(cast.case_director).get(url).content.decode()
    assert 'data-testid="portal-section"' in page
    assert _page(family) in page
    assert "Uitgenodigd op" in page

    page = logged_in_client(cast.care_team_member).get(url).content.decode()
    assert 'data-testid="portal-section"' in page
    assert _page(family) not in page
    assert account.person.first_name in page
