"""Every write of the agreement pages refuses a POST from whoever may not write there (403,
nothing changes), and sends an anonymous visitor to the login page; coordinators get
through. The matrix rows (`matrix_agreements.py`) cover the GETs."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.landscape.models import Agreement
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape import agreement_form_data, make_agreement

pytestmark = pytest.mark.django_db
CAST = [
    "case_director",
    "care_team_member",
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
]


def _posts(cast):
    agreement = make_agreement(cast.coalition)
    return [
        ("create", reverse("landscape:agreement_create"), agreement_form_data()),
        (
            "edit",
            reverse("landscape:agreement_edit", args=[agreement.pk]),
            agreement_form_data(version="1", who="Iemand anders"),
        ),
        ("delete", reverse("landscape:agreement_delete", args=[agreement.pk]), {}),
    ]


def _state():
    return (
        list(Agreement.objects.order_by("pk").values_list("pk", "version", "who")),
        AuditEvent.objects.filter(object_type__startswith="landscape.").count(),
    )


def test_whoever_is_no_coordinator_gets_403_and_nothing_changes(cast):
    posts = _posts(cast)
    before = _state()
    for actor in CAST:
        if actor == "coordinator":
            continue
        client = logged_in_client(getattr(cast, actor))
        for name, path, data in posts:
            assert client.post(path, data).status_code == 403, (actor, name)
    assert _state() == before


def test_an_anonymous_post_goes_to_the_login_page(client, cast):
    for name, path, data in _posts(cast):
        response = client.post(path, data)
        assert response.status_code == 302, name
        assert "/inloggen/" in response.url, name


def test_the_coordinator_gets_through(cast):
    client = logged_in_client(cast.coordinator)
    for name, path, data in _posts(cast):
        assert client.post(path, data).status_code == 302, name
