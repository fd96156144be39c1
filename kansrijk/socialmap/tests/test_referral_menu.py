""" "Verwijzingen" is in the menu for professionals whose organisation is linked to a provider
of the map (or has received referrals), not for other professionals or for coordinators."""

import pytest

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap_referrals import make_receiving_side

pytestmark = pytest.mark.django_db

MENU_LINK = 'href="/verwijzingen/"'


def test_the_menu_shows_the_inbox_to_the_receiving_organisation_only(cast):
    side = make_receiving_side(cast)
    assert MENU_LINK in logged_in_client(side.receiver).get("/").content.decode()
    for actor in (cast.case_director, cast.coordinator):
        assert MENU_LINK not in logged_in_client(actor).get("/").content.decode()


def test_the_inbox_explains_itself_when_empty(cast):
    side = make_receiving_side(cast)
    page = logged_in_client(side.receiver).get("/verwijzingen/?status=alle")
    assert page.status_code == 200
    assert 'data-testid="no-referrals"' in page.content.decode()
