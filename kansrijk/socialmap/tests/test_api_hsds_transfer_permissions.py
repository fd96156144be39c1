"""Who may import a social map through the API: with a real HSDS file, only a coordinator of
the coalition imports (201); every other actor gets 403 (401 without a login) and nothing is
stored. A coordinator of another coalition cannot take over this coalition's records."""

import json

import pytest
from django.test import Client

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import Organization, Service
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.matrix import PROFESSIONAL_ACTORS
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_hsds_transfer import mentions, token_client, upload

pytestmark = pytest.mark.django_db

ORGANIZATION = "6a1d0b63-2c8f-4d4f-9a8b-000000000001"
SERVICE = "6a1d0b63-2c8f-4d4f-9a8b-000000000002"


def small_map() -> bytes:
    return json.dumps(
        {
            "organizations": [{"id": ORGANIZATION, "name": "Buurtwerk Eerstedorp"}],
            "services": [
                {
                    "id": SERVICE,
                    "organization_id": ORGANIZATION,
                    "name": "Opvoedspreekuur",
                    "status": "active",
                }
            ],
        }
    ).encode()


ACTORS_WITH_A_LOGIN = [
    actor for actor in PROFESSIONAL_ACTORS if not actor.startswith("break_the_glass")
]


@pytest.mark.parametrize("actor", ACTORS_WITH_A_LOGIN)
def test_only_a_coordinator_imports_a_map(cast, actor):
    client = Client() if actor == "anonymous" else logged_in_client(getattr(cast, actor))

    response = upload(client, small_map(), "kaart.json")

    expected = {"coordinator": 201, "anonymous": 401}.get(actor, 403)
    assert response.status_code == expected
    if expected == 201:
        assert Service.objects.get(pk=SERVICE).coalition == cast.coalition
    else:
        assert not Organization.objects.exists()
        assert not AuditEvent.objects.filter(object_type="socialmap.hsds_import").exists()
    if expected == 403:
        assert mentions(response, "Alleen coördinatoren van een coalitie")


@pytest.mark.parametrize("dry_run", [None, 1])
def test_a_refused_caller_learns_nothing_from_a_dry_run(cast, dry_run):
    client = token_client(cast.outsider)
    params = {"dry_run": dry_run} if dry_run else {}

    response = upload(client, small_map(), "kaart.json", **params)

    assert response.status_code == 403
    assert "created" not in json.dumps(response.json())


def test_a_coordinator_of_another_coalition_cannot_take_over_this_coalitions_records(cast):
    service = make_service(make_provider(cast.coalition, name="Hier"), name="Hier hulp")
    other_coordinator = logged_in_client(cast.other_coalition_professional)
    # The other coalition's midwife coordinates there too.
    cast.other_coalition_professional.memberships.update(is_coordinator=True)
    hijack = json.dumps(
        {
            "services": [
                {
                    "id": str(service.pk),
                    "organization_id": str(service.organization_id),
                    "name": "Overgenomen",
                    "status": "active",
                }
            ]
        }
    ).encode()

    response = upload(other_coordinator, hijack, "kaping.json")

    assert response.status_code == 400
    assert mentions(response, "bestaat al in een andere coalitie")
    service.refresh_from_db()
    assert service.name == "Hier hulp"
    assert service.coalition == cast.coalition


def test_the_export_is_refused_to_everyone_but_the_coordinator_with_a_token(cast):
    for actor in ("case_director", "analyst", "administrator", "outsider"):
        response = token_client(getattr(cast, actor)).get("/api/v1/socialmap/hsds/export/")
        assert response.status_code == 403, actor
    response = token_client(cast.coordinator).get("/api/v1/socialmap/hsds/export/")
    assert response.status_code == 200
