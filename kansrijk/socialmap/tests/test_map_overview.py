"""The maintenance overview: flagged services (never checked or not in 12 months) stand out
with the date and who checked last; filter, search and sort."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kansrijk.socialmap.models import Service
from kansrijk.socialmap.selectors_map import check_cutoff
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 15)


def _services(cast):
    provider = make_provider(cast.coalition, name="Welzijn Eerstedorp")
    recent = make_service(provider, name="Budgetcoaching", assured_date=date(2026, 9, 1))
    Service.objects.filter(pk=recent.pk).update(
        assured_by=cast.coordinator, assurer_email=cast.coordinator.email
    )
    old = make_service(provider, name="Opvoedsteun", assured_date=date(2026, 3, 14))
    borderline = make_service(provider, name="Centering Pregnancy", assured_date=date(2026, 3, 15))
    never = make_service(provider, name="Nu Niet Zwanger")
    Service.objects.filter(pk=never.pk).update(assured_date=None)
    return recent, old, borderline, never


def _rows(response) -> list[str]:
    content = response.content.decode()
    return [
        row.split('scope="row">', 1)[1].split("</a>", 1)[0].split(">")[-1]
        for row in content.split('data-testid="map-service-row"')[1:]
    ]


def test_the_cutoff_is_twelve_months_back():
    assert check_cutoff(date(2027, 3, 15)) == date(2026, 3, 15)
    assert check_cutoff(date(2028, 2, 29)) == date(2027, 2, 28)
    assert check_cutoff(date(2027, 1, 31)) == date(2026, 1, 31)


@time_machine.travel(TODAY, tick=False)
def test_flagged_services_are_marked_with_the_last_check(cast):
    _services(cast)
    response = logged_in_client(cast.coordinator).get(reverse("socialmap:map_overview"))
    assert response.status_code == 200
    content = response.content.decode()
    rows = {
        name: chunk
        for chunk in content.split('data-testid="map-service-row"')[1:]
        for name in ("Budgetcoaching", "Opvoedsteun", "Centering Pregnancy", "Nu Niet Zwanger")
        if f">{name}</a>" in chunk
    }
    assert "unchecked-flag" not in rows["Budgetcoaching"]
    assert "1 september 2026 door Coordinator" in rows["Budgetcoaching"]
    assert "unchecked-flag" in rows["Opvoedsteun"]
    assert "14 maart 2026" in rows["Opvoedsteun"]
    assert "unchecked-flag" not in rows["Centering Pregnancy"]  # exactly 12 months ago
    assert "Nog nooit gecontroleerd" in rows["Nu Niet Zwanger"]
    assert "unchecked-flag" in rows["Nu Niet Zwanger"]


@time_machine.travel(TODAY, tick=False)
def test_the_filter_shows_only_services_not_checked_in_12_months(cast):
    _services(cast)
    response = logged_in_client(cast.coordinator).get(
        reverse("socialmap:map_overview"), {"niet_gecontroleerd": "on"}
    )
    assert _rows(response) == ["Nu Niet Zwanger", "Opvoedsteun"]


@time_machine.travel(TODAY, tick=False)
def test_sorting_by_last_checked_puts_the_never_checked_first(cast):
    _services(cast)
    client = logged_in_client(cast.coordinator)
    url = reverse("socialmap:map_overview")
    assert _rows(client.get(url, {"sorteer": "gecontroleerd"})) == [
        "Nu Niet Zwanger",
        "Opvoedsteun",
        "Centering Pregnancy",
        "Budgetcoaching",
    ]
    assert _rows(client.get(url, {"sorteer": "-gecontroleerd"})) == [
        "Budgetcoaching",
        "Centering Pregnancy",
        "Opvoedsteun",
        "Nu Niet Zwanger",
    ]
    assert _rows(client.get(url)) == [
        "Budgetcoaching",
        "Centering Pregnancy",
        "Nu Niet Zwanger",
        "Opvoedsteun",
    ]
    assert _rows(client.get(url, {"sorteer": "onzin"}))[0] == "Budgetcoaching"


@time_machine.travel(TODAY, tick=False)
def test_searching_by_name_of_service_or_provider(cast):
    _services(cast)
    make_service(make_provider(cast.coalition, name="GGD Fryslân"), name="VoorZorg")
    client = logged_in_client(cast.coordinator)
    url = reverse("socialmap:map_overview")
    assert _rows(client.get(url, {"q": "zwanger"})) == ["Nu Niet Zwanger"]
    assert _rows(client.get(url, {"q": "ggd"})) == ["VoorZorg"]
    empty = client.get(url, {"q": "bestaatniet"})
    assert "Geen aanbod gevonden" in empty.content.decode()


def test_the_overview_is_paginated(cast):
    provider = make_provider(cast.coalition)
    for number in range(30):
        make_service(provider, name=f"Aanbod {number:02d}")
    client = logged_in_client(cast.coordinator)
    first = client.get(reverse("socialmap:map_overview"))
    assert len(_rows(first)) == 25
    second = client.get(reverse("socialmap:map_overview"), {"pagina": "2"})
    assert len(_rows(second)) == 5


def test_the_providers_page_counts_services_flagged_and_editors(cast):
    provider = make_provider(cast.coalition)
    make_service(provider, name="Budgetcoaching")
    make_service(provider, name="Oud", assured_date=date(2000, 1, 1))
    response = logged_in_client(cast.coordinator).get(reverse("socialmap:map_providers"))
    organization = response.context["page_obj"][0]
    assert (organization.service_count, organization.unchecked_count) == (2, 1)
    assert organization.editor_count == 0
