"""A page already loaded the professional's memberships in the coalition worked in
(`request.active`, for its header): the access check and the access event use them instead
of asking the database again, with the same outcome as the queries they replace."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.organisations.context import resolve_active_coalition
from kansrijk.organisations.models import Discipline
from kansrijk.testing.factories import MembershipFactory, OrganisationFactory


def _page_request(user, client):
    client.force_login(user)
    request = RequestFactory().get("/gezinnen/")
    request.user = user
    request.session = client.session
    request.active = resolve_active_coalition(request)
    return request


def _read(user, family, *, request, coalition):
    with CaptureQueriesContext(connection) as queries:
        get_family_for_user(user, family.pk, "R", request=request, coalition=coalition)
    return AccessEvent.objects.latest("id"), len(queries)


def test_the_event_names_the_same_membership_with_one_query_less(cast, cast_family, client):
    user = cast.care_team_member
    # A second membership in the coalition, not as professional: the event names the one
    # as professional, from the page's memberships as from the database.
    MembershipFactory(
        professional=user,
        organisation=OrganisationFactory(name="Gemeente", coalitions=[cast.coalition]),
        coalition=cast.coalition,
        discipline=Discipline.OTHER,
        is_professional=False,
        is_coordinator=True,
    )
    request = _page_request(user, client)

    from_page, with_page = _read(user, cast_family, request=request, coalition=cast.coalition)
    from_database, without_page = _read(user, cast_family, request=None, coalition=cast.coalition)

    assert (from_page.organisation, from_page.discipline) == (
        "JGZ Eerstedorp",
        "Jeugdverpleegkundige",
    )
    assert (from_database.organisation, from_database.discipline) == (
        from_page.organisation,
        from_page.discipline,
    )
    # Without the page's memberships: the membership for the event is one query more.
    assert with_page == without_page - 1


def test_a_membership_without_the_professional_role_still_sees_nothing(cast, cast_family, client):
    request = _page_request(cast.coordinator, client)
    assert request.active.coalition == cast.coalition
    with pytest.raises(Http404):
        get_family_for_user(
            cast.coordinator, cast_family.pk, "R", request=request, coalition=cast.coalition
        )
    refused = AccessEvent.objects.latest("id")
    assert (refused.user, refused.authorisation) == (cast.coordinator, False)


def test_the_memberships_of_another_coalition_are_not_used(cast, cast_family, client):
    request = _page_request(cast.other_coalition_professional, client)
    with pytest.raises(Http404):
        get_family_for_user(
            cast.other_coalition_professional,
            cast_family.pk,
            "R",
            request=request,
            coalition=cast.coalition,
        )
