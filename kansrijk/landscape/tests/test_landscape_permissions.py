"""Every write of the landscape pages refuses a POST from whoever is no coordinator (403,
nothing changes) and sends an anonymous visitor to the login page; coordinators get
through. The matrix rows (`matrix_landscape.py`) cover the GETs."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.landscape.models import CentralPoint, Partnership
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape import (
    central_point_form_data,
    make_central_point,
    make_partnership,
    partnership_form_data,
    region_municipalities,
)

pytestmark = pytest.mark.django_db
CAST = [
    "case_director",
    "care_team_member",
    "outsider",
    "other_coalition_professional",
    "analyst",
    "administrator",
]


def _posts(cast):
    municipalities = region_municipalities(cast)
    partnership = make_partnership(cast.coalition.region, municipalities=municipalities)
    municipality = Municipality.objects.get(coalition=cast.coalition)
    make_central_point(municipality)
    point_url = reverse("landscape:central_point_edit", args=[municipality.pk])
    return [
        ("create", reverse("landscape:partnership_create"), partnership_form_data(municipalities)),
        (
            "edit",
            reverse("landscape:partnership_edit", args=[partnership.pk]),
            partnership_form_data(municipalities, name="Anders", version="1"),
        ),
        ("point", point_url, central_point_form_data(name="Ander meldpunt", version="1")),
        ("point_remove", point_url, {"verwijderen": "1"}),
        ("delete", reverse("landscape:partnership_delete", args=[partnership.pk]), {}),
    ]


def _state():
    return (
        list(Partnership.objects.order_by("pk").values_list("pk", "version", "name")),
        list(CentralPoint.objects.order_by("pk").values_list("pk", "version", "name")),
        AuditEvent.objects.filter(object_type__startswith="landscape.").count(),
    )


def test_whoever_is_no_coordinator_gets_403_and_nothing_changes(cast):
    posts = _posts(cast)
    before = _state()
    for actor in CAST:
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
