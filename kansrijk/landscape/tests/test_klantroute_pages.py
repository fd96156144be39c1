"""The klantroute page: a coordinator or analyst of the active coalition sees the grid of a
target group, filters on a municipality, and (coordinators) gets a link to record an agreement
on each gap; open agreements are shown in their cell, an overdue one marked."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.landscape.models import Agreement, AgreementStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape_klantroute import VULNERABLE, klantroute_world

pytestmark = pytest.mark.django_db
URL = "/klantroute/"


def _cell(html: str, phase: str, need: str) -> str:
    start = html.index(f'data-phase="{phase}" data-need="{need}"')
    return html[start : html.index("</td>", start)]


def test_the_page_shows_the_grid_of_the_first_target_group(cast):
    world = klantroute_world(cast)
    response = logged_in_client(cast.coordinator).get(reverse("landscape:klantroute"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("landscape:klantroute") == URL
    assert "Zwangeren in een kwetsbare situatie" in html
    assert "Tussen kraamzorg en JGZ (dag 8 tot week 5)" in html
    language = _cell(html, "gap", "language")
    assert "Taalspreekuur" in language
    assert reverse("socialmap:service", args=[world.taal.pk]) in language
    assert "Leemte in Noorddorp:" in language
    assert "niet beschikbaar" in language
    assert "Eerstedorp: geen leemte" not in language  # not rated: a gap there too
    assert "Eerstedorp: geen leemte" in _cell(html, "gap", "parenting")
    assert "Leemte: geen aanbod" in _cell(html, "gap", "safety")
    assert "alleen gezinnen die toestemming gaven voor monitoring" in html.lower()


def test_coordinators_get_a_link_to_make_an_agreement_on_each_gap(cast):
    world = klantroute_world(cast)
    html = logged_in_client(cast.coordinator).get(URL).content.decode()
    language = _cell(html, "gap", "language")
    expected = (
        f"{reverse('landscape:agreement_create')}?doelgroep={VULNERABLE}&amp;fase=gap"
        f"&amp;behoefte=language&amp;gemeente={world.noorddorp.pk}"
    )
    assert expected in language
    assert "Afspraak maken" in language
    empty = _cell(html, "gap", "safety")
    assert "behoefte=safety&amp;gemeente=" in empty
    assert "Afspraak maken" not in _cell(html, "gap", "parenting")


def test_analysts_read_it_without_agreement_links(cast):
    klantroute_world(cast)
    response = logged_in_client(cast.analyst).get(URL)
    assert response.status_code == 200
    assert "Afspraak maken" not in response.content.decode()


def test_another_target_group_and_one_municipality(cast):
    world = klantroute_world(cast)
    response = logged_in_client(cast.coordinator).get(
        URL, {"doelgroep": "schulden", "gemeente": world.noorddorp.pk}
    )
    html = response.content.decode()
    assert "Gezinnen met schulden" in html
    assert "gemeente Noorddorp" in html
    assert "Schuldhulp voor schulden" in _cell(html, "gap", "finances")
    assert 'data-municipality="Eerstedorp"' not in html


def test_bad_filters_get_a_dutch_error_and_the_default(cast):
    klantroute_world(cast)
    response = logged_in_client(cast.coordinator).get(URL, {"doelgroep": "x", "gemeente": "999"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een van de doelgroepen uit de lijst." in html
    assert "Kies een gemeente van je coalitie, of alle gemeenten." in html
    assert "Taalspreekuur" in html


def test_open_agreements_in_their_cell_overdue_marked(cast):
    world = klantroute_world(cast)
    today = timezone.localdate()

    def agreement(what, *, days, status=AgreementStatus.OPEN, target_group=VULNERABLE, **kw):
        return Agreement.objects.create(
            coalition=cast.coalition,
            target_group=target_group,
            phase="gap",
            need="language",
            what=what,
            who="Taalhuis",
            due_date=today + timedelta(days=days),
            status=status,
            **kw,
        )

    agreement("Spreekuur ook in Noorddorp", days=30, municipality=world.noorddorp)
    agreement("Tolk regelen", days=-3, status=AgreementStatus.IN_PROGRESS)
    agreement("Al gedaan", days=-10, status=AgreementStatus.DONE)
    agreement("Andere doelgroep", days=5, target_group="schulden")
    html = logged_in_client(cast.analyst).get(URL).content.decode()
    language = _cell(html, "gap", "language")
    assert "Spreekuur ook in Noorddorp" in language
    assert "Tolk regelen" in language
    assert language.count('data-testid="overdue"') == 1
    assert "Te laat" in language
    assert "Al gedaan" not in html
    assert "Andere doelgroep" not in html


def test_the_menu_has_klantroute_for_coordinators_and_analysts_only(cast):
    for actor, shown in ((cast.coordinator, True), (cast.analyst, True), (cast.outsider, False)):
        html = logged_in_client(actor).get("/").content.decode()
        assert (f'href="{URL}"' in html) is shown, actor
