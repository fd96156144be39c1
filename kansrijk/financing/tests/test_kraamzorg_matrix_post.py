"""Saving a kraamzorg calculation, for every actor of the authorization matrix: those with a
ground for the family get sent back to the page (302, saved), everyone else "not found", the
anonymous visitor the login page. The matrix itself holds one row per URL (the page's GET,
in matrix_kraamzorg.py); this is the POST of the same URL, on the same world."""

from django.urls import reverse

from kansrijk.financing.models import KraamzorgCalculation
from kansrijk.testing.matrix import ACTORS, CARE_TEAM, with_family_defaults
from kansrijk.tests import test_authorization_matrix as matrix_test

from .matrix_kraamzorg import SAVE_ROW

# The matrix's world (the cast, its family, the break-the-glass actors) as a fixture here.
world = matrix_test.world


def test_saving_follows_the_family_policy(world):
    path = reverse("financing:kraamzorg", kwargs=SAVE_ROW.kwargs(world))
    outcomes = {}
    for actor in ACTORS:
        client = matrix_test._client_for(actor, world)
        response = client.post(path, data=SAVE_ROW.data)
        outcomes[actor] = matrix_test._outcome(response)
    assert outcomes == with_family_defaults(SAVE_ROW.expect)
    savers = {c.created_by.username for c in KraamzorgCalculation.objects.all()}
    expected = {world.actors[a].username for a in [*CARE_TEAM, "break_the_glass"]}
    assert savers == expected
