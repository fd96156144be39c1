from django.urls import reverse

from kansrijk.families.models import TimelineEvent, register_timeline_kind
from kansrijk.families.services import (
    consent_record,
    consent_withdraw,
    family_close,
    family_reopen,
    family_update,
    person_add,
    timeline_record,
)
from kansrijk.testing.actors import logged_in_client


def test_the_services_write_every_kind_with_who_and_when(cast, cast_family):
    director = cast.case_director
    family_update(
        actor=director, family_pk=cast_family.pk, expected_version=1, data={"postcode": "4321 BA"}
    )
    family_close(actor=director, family_pk=cast_family.pk, expected_version=2, reason="Verhuisd")
    family_reopen(actor=director, family_pk=cast_family.pk, expected_version=3)
    consent_record(
        actor=director, family_pk=cast_family.pk, purpose="monitoring", given=True, method="verbal"
    )
    consent_withdraw(actor=director, family_pk=cast_family.pk, purpose="monitoring")
    person_add(actor=director, family_pk=cast_family.pk, data={"role": "client", "first_name": "A"})

    kinds = list(
        TimelineEvent.objects.filter(family=cast_family)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "family_created",
        "care_team_added",
        "family_changed",
        "family_closed",
        "family_reopened",
        "consent_given",
        "consent_withdrawn",
        "person_added",
    ]
    changed = TimelineEvent.objects.get(kind="family_changed")
    assert changed.changes == {"postcode": ["1234 AB", "4321 BA"]}
    assert changed.summary == "Gewijzigd: postcode"
    assert changed.actor == director
    assert TimelineEvent.objects.get(kind="family_closed").summary == "Reden: Verhuisd"


def test_the_page_shows_events_newest_first_and_filters_by_kind(cast, cast_family):
    consent_record(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        purpose="monitoring",
        given=True,
        method="verbal",
    )
    client = logged_in_client(cast.care_team_member)
    url = reverse("families:timeline", args=[cast_family.pk])

    everything = client.get(url)
    assert [e.kind for e in everything.context["page_obj"]] == [
        "consent_given",
        "care_team_added",
        "family_created",
    ]
    html = everything.content.decode()
    assert "Toestemming gegeven" in html
    assert "Regisseur" in html

    filtered = client.get(url, {"soort": "consent_given"})
    assert [e.kind for e in filtered.context["page_obj"]] == ["consent_given"]


def test_kinds_added_later_by_other_apps_are_shown_and_filterable(cast, cast_family):
    register_timeline_kind("route_chosen", "Route gekozen")
    timeline_record(
        family=cast_family, kind="route_chosen", actor=cast.case_director, summary="Route 3"
    )

    response = logged_in_client(cast.case_director).get(
        reverse("families:timeline", args=[cast_family.pk]), {"soort": "route_chosen"}
    )

    assert [e.summary for e in response.context["page_obj"]] == ["Route 3"]
    assert "Route gekozen" in response.content.decode()


def test_the_timeline_is_paginated_by_fifty(cast, cast_family):
    for number in range(60):
        timeline_record(
            family=cast_family, kind="family_changed", actor=None, summary=f"wijziging {number}"
        )
    client = logged_in_client(cast.case_director)
    url = reverse("families:timeline", args=[cast_family.pk])

    first = client.get(url)
    second = client.get(url, {"pagina": 2})

    assert len(first.context["page_obj"]) == 50
    assert len(second.context["page_obj"]) == 12
