import pytest
from django.core.management import CommandError, call_command

from kansrijk.access.models import ApiToken
from kansrijk.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def make_token(username: str, *args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("api_token", username, *args, stdout=out)
    return out.getvalue()


def test_prints_only_a_key_that_authenticates_on_the_api(client, cast):
    output = make_token(cast.case_director.username, "--name", "koppeling praktijksysteem")
    key = output.strip()
    assert output == key + "\n"
    assert key.startswith("kr_")
    assert " " not in key

    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["username"] == cast.case_director.username
    token = ApiToken.objects.get(professional=cast.case_director)
    assert token.name == "koppeling praktijksysteem"
    assert token.key_hash != key


def test_has_a_default_name(cast):
    make_token(cast.case_director.username)
    assert ApiToken.objects.get(professional=cast.case_director).name


def test_writes_the_audit_trail(cast):
    make_token(cast.case_director.username, "--name", "export")
    token = ApiToken.objects.get(professional=cast.case_director)
    event = AuditEvent.objects.get(object_type="access.ApiToken", object_id=str(token.pk))
    assert event.actor == cast.case_director
    assert event.action == AuditEvent.Action.CREATE
    assert "export" in event.summary


def test_an_unknown_username_gets_a_dutch_error(db):
    with pytest.raises(CommandError, match="Er is geen professional met gebruikersnaam 'niemand'"):
        make_token("niemand")
    assert not ApiToken.objects.exists()


def test_an_inactive_account_gets_no_token(cast):
    cast.outsider.is_active = False
    cast.outsider.save()
    with pytest.raises(CommandError, match="is gedeactiveerd"):
        make_token(cast.outsider.username)
    assert not ApiToken.objects.exists()


def test_an_empty_name_is_refused(cast):
    with pytest.raises(CommandError, match="Geef de token een naam"):
        make_token(cast.case_director.username, "--name", "  ")
