"""A write refused by the access policy is logged (NEN 7513), through the API and the pages.

The refusal must be written outside the write service's transaction: inside it, the 404
would roll the access event back with everything else.
"""

import pytest
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def _refusals(user, family):
    return AccessEvent.objects.filter(user=user, family_id=family.pk, authorisation=False)


def test_an_api_screening_by_an_outsider_is_refused_and_logged(cast, cast_family):
    client = logged_in_client(cast.outsider)
    response = client.post(
        reverse("api:assessment_list", args=[cast_family.pk]),
        {"instrument_key": "professioneel-oordeel", "answers": {}},
        content_type="application/json",
    )
    assert response.status_code == 404
    refusal = _refusals(cast.outsider, cast_family).get()
    assert refusal.action == AccessEvent.Action.UPDATE


def test_an_api_family_change_by_an_outsider_is_refused_and_logged(cast, cast_family):
    client = logged_in_client(cast.outsider)
    response = client.patch(
        reverse("api:family_detail", args=[cast_family.pk]),
        {"version": cast_family.version, "postcode": "9999 ZZ"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert _refusals(cast.outsider, cast_family).exists()
    cast_family.refresh_from_db()
    assert cast_family.postcode != "9999 ZZ"


def test_a_page_post_by_another_coalition_is_refused_and_logged(cast, cast_family):
    client = logged_in_client(cast.other_coalition_professional)
    response = client.post(
        reverse("signaling:family", args=[cast_family.pk]),
        {"instrument": "r4u-kansrijk"},
    )
    assert response.status_code == 404
    assert _refusals(cast.other_coalition_professional, cast_family).exists()
