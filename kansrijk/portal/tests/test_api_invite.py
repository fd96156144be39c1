"""The case director invites the client and partner to "Mijn gezin" through the API and ends
their access; nobody else can (403 with a ground, 404 without). The same service as the
page: the e-mail after the commit, the audit trail, the access log, the Dutch messages."""

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import PersonRole
from kansrijk.families.services import person_add
from kansrijk.portal.models import FamilyAccount
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.portal import make_account, make_client_person

pytestmark = pytest.mark.django_db
NOT_FOUND = "Niet gevonden of geen toegang."
NOT_DIRECTOR = "Alleen de casusregisseur kan gezinsleden uitnodigen."


def _path(family) -> str:
    return f"/api/v1/families/{family.pk}/portal-invitations/"


def _revoke_path(family, account) -> str:
    return f"/api/v1/families/{family.pk}/portal-invitations/{account.pk}/revoke/"


def _invite(client, family, data, capture):
    with capture(execute=True):
        return client.post(_path(family), data, content_type="application/json")


def _partner(family, actor, **data):
    return person_add(
        actor=actor,
        family_pk=family.pk,
        data={"role": PersonRole.PARTNER, "first_name": "Jan", "last_name": "Bakker", **data},
    )


def _latest_event(family) -> AccessEvent:
    return AccessEvent.objects.filter(family=family).latest("id")


def test_the_case_director_sees_the_adults_and_what_they_lack(cast):
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director)
    jan = _partner(family, cast.case_director, date_of_birth=date(1990, 1, 2))
    person_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={"role": PersonRole.CHILD, "first_name": "Mees", "email": "mees@example.org"},
    )

    response = logged_in_client(cast.case_director).get(_path(family))

    assert response.status_code == 200, response.content
    rows = response.json()
    assert [row["person"]["id"] for row in rows] == [sanne.pk, jan.pk]
    first, second = rows
    assert (first["state"], first["account"], first["email"], first["missing"]) == (
        "not_invited",
        None,
        None,
        [],
    )
    assert first["may_invite"] is True
    assert (second["missing"], second["may_invite"]) == (["e-mailadres"], False)
    event = _latest_event(family)
    assert (event.user, event.action, event.detail) == (
        cast.case_director,
        AccessEvent.Action.READ,
        "Uitnodigingen voor Mijn gezin ingezien via de API",
    )


def test_the_case_director_invites_sanne(cast, django_capture_on_commit_callbacks):
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director, email="Sanne@Example.org")

    response = _invite(
        logged_in_client(cast.case_director),
        family,
        {"person": sanne.pk},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 201, response.content
    body = response.json()
    account = FamilyAccount.objects.get(person=sanne)
    assert (body["state"], body["account"], body["email"]) == (
        "invited",
        account.pk,
        "sanne@example.org",
    )
    assert body["invited_at"] is not None
    assert [message.to for message in mail.outbox] == [["sanne@example.org"]]
    assert family.reference not in mail.outbox[0].body
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_id=str(account.pk), actor=cast.case_director
    ).exists()
    event = _latest_event(family)
    assert (event.user, event.action, event.detail) == (
        cast.case_director,
        AccessEvent.Action.UPDATE,
        "Gezinslid uitgenodigd voor Mijn gezin",
    )


def test_bad_input_is_refused_in_dutch_and_nothing_is_sent(
    cast, django_capture_on_commit_callbacks
):
    family = make_family(cast)
    jan = _partner(family, cast.case_director, date_of_birth=date(1990, 1, 2))
    child = person_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={"role": PersonRole.CHILD, "first_name": "Mees", "email": "mees@example.org"},
    )
    other_family = make_family(cast)
    stranger = make_client_person(other_family, cast.case_director, email="noor@example.org")
    client = logged_in_client(cast.case_director)

    cases = [
        ({}, "Kies wie je wilt uitnodigen."),
        ({"person": "Jan"}, "Kies wie je wilt uitnodigen."),
        ({"person": jan.pk}, "Vul eerst aan bij Jan: e-mailadres."),
        ({"person": child.pk}, "Alleen de cliënt en de partner van dit gezin kun je uitnodigen."),
        (
            {"person": stranger.pk},
            "Alleen de cliënt en de partner van dit gezin kun je uitnodigen.",
        ),
    ]
    for data, message in cases:
        response = _invite(client, family, data, django_capture_on_commit_callbacks)
        assert response.status_code == 400, data
        assert response.json()["errors"] == {"person": [message]}
    assert not FamilyAccount.objects.exists()
    assert mail.outbox == []


def test_someone_already_using_mijn_gezin_is_not_invited_again(
    cast, django_capture_on_commit_callbacks
):
    family = make_family(cast)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    account.activated_at = account.invited_at
    account.save()
    response = _invite(
        logged_in_client(cast.case_director),
        family,
        {"person": account.person_id},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"person": ["Sanne gebruikt Mijn gezin al."]}
    assert mail.outbox == []


def test_the_care_team_member_may_not_and_the_refusal_is_logged(
    cast, django_capture_on_commit_callbacks
):
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director)
    account = make_account(sanne, cast.case_director)
    client = logged_in_client(cast.care_team_member)

    for response in (
        client.get(_path(family)),
        _invite(client, family, {"person": sanne.pk}, django_capture_on_commit_callbacks),
        client.post(_revoke_path(family, account)),
    ):
        assert response.status_code == 403
        assert response.json()["detail"] == NOT_DIRECTOR
    event = _latest_event(family)
    assert (event.user, event.authorisation, event.detail) == (
        cast.care_team_member,
        False,
        "Geweigerd: alleen de casusregisseur beheert Mijn gezin",
    )
    account.refresh_from_db()
    assert account.is_active
    assert mail.outbox == []


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst"]
)
def test_without_a_ground_the_family_does_not_exist(
    cast, actor, django_capture_on_commit_callbacks
):
    family = make_family(cast)
    sanne = make_client_person(family, cast.case_director)
    account = make_account(sanne, cast.case_director)
    client = logged_in_client(getattr(cast, actor))
    for response in (
        client.get(_path(family)),
        _invite(client, family, {"person": sanne.pk}, django_capture_on_commit_callbacks),
        client.post(_revoke_path(family, account)),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == NOT_FOUND
    assert _latest_event(family).authorisation is False
    account.refresh_from_db()
    assert account.is_active


def test_revoking_ends_the_access_at_once(cast):
    family = make_family(cast)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    client = logged_in_client(cast.case_director)

    response = client.post(_revoke_path(family, account))

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["account"]) == ("revoked", None)
    assert body["revoked_at"] is not None
    account.refresh_from_db()
    assert (account.revoked_by, account.is_active) == (cast.case_director, False)
    assert AuditEvent.objects.filter(
        summary="Toegang tot Mijn gezin ingetrokken", object_id=str(account.pk)
    ).exists()
    event = _latest_event(family)
    assert (event.action, event.detail) == (
        AccessEvent.Action.UPDATE,
        "Toegang tot Mijn gezin ingetrokken",
    )

    again = client.post(_revoke_path(family, account))
    assert again.status_code == 400
    assert again.json()["detail"] == "De toegang van Sanne is al ingetrokken."


def test_an_account_of_another_family_is_not_found(cast):
    family = make_family(cast)
    other = make_family(cast)
    account = make_account(make_client_person(other, cast.case_director), cast.case_director)
    response = logged_in_client(cast.case_director).post(_revoke_path(family, account))
    assert response.status_code == 404
    account.refresh_from_db()
    assert account.is_active


def test_the_revoke_endpoint_takes_only_post(cast):
    family = make_family(cast)
    account = make_account(make_client_person(family, cast.case_director), cast.case_director)
    response = logged_in_client(cast.case_director).get(_revoke_path(family, account))
    assert response.status_code == 405


def _count(client, family) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_path(family)).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_adults(cast):
    # The family through the policy twice (unlogged, then the logged read), whether the
    # caller is case director, the access event, the persons and their accounts: the same
    # for one adult as for two, invited or not.
    one = make_family(cast)
    make_client_person(one, cast.case_director)
    two = make_family(cast)
    make_account(make_client_person(two, cast.case_director), cast.case_director)
    _partner(two, cast.case_director, email="jan@example.org", date_of_birth=date(1990, 1, 2))
    client = logged_in_client(cast.case_director)
    _count(client, one)  # warm the session
    assert _count(client, one) == _count(client, two)
