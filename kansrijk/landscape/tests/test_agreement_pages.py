"""The agreement pages: a coordinator records an agreement from a klantroute gap (the form
prefilled from the query), changes it with the version check, deletes it after confirming;
every write leaves an audit event; bad input gets a Dutch error next to the field; the list
filters, sorts, marks overdue agreements, paginates and says when there is nothing."""

from datetime import date, timedelta

import pytest
from django.urls import NoReverseMatch, reverse

from kansrijk.core.models import AuditEvent
from kansrijk.landscape.models import Agreement
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape import agreement_form_data, make_agreement

pytestmark = pytest.mark.django_db
CREATE = "landscape:agreement_create"


def _municipality(cast):
    return Municipality.objects.get(coalition=cast.coalition)


def _klantroute(target_group: str) -> str:
    try:
        return f"{reverse('landscape:klantroute')}?doelgroep={target_group}"
    except NoReverseMatch:  # the klantroute part is built beside this one
        return reverse("landscape:agreement_list")


def test_the_form_is_prefilled_from_the_klantroute_gap(cast):
    municipality = _municipality(cast)
    client = logged_in_client(cast.coordinator)
    query = f"?doelgroep=zwangeren_kwetsbaar&fase=gap&behoefte=parenting&gemeente={municipality.pk}"
    response = client.get(reverse(CREATE) + query)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["target_group"] == "zwangeren_kwetsbaar"
    assert form.initial["phase"] == "gap"
    assert form.initial["need"] == "parenting"
    assert form.initial["municipality"] == municipality.pk
    labels = [str(field.label) for field in form if not field.is_hidden]
    assert labels == [
        "Doelgroep",
        "Fase",
        "Behoefte",
        "Gemeente",
        "Wat spreken we af",
        "Wie",
        "Wanneer klaar",
        "Status",
    ]
    html = response.content.decode()
    assert all(label in html for label in labels)
    assert "Afspraak opslaan" in html


def test_a_municipality_of_another_coalition_is_not_prefilled(cast):
    other = Municipality.objects.get(coalition=cast.other_coalition)
    client = logged_in_client(cast.coordinator)
    response = client.get(reverse(CREATE) + f"?gemeente={other.pk}&fase=nonsense")
    assert "municipality" not in response.context["form"].initial
    assert "phase" not in response.context["form"].initial


def test_saving_goes_back_to_the_klantroute_and_leaves_an_audit_event(cast):
    municipality = _municipality(cast)
    client = logged_in_client(cast.coordinator)
    response = client.post(reverse(CREATE), agreement_form_data(municipality))
    assert response.status_code == 302
    assert response.url == _klantroute("zwangeren_kwetsbaar")
    agreement = Agreement.objects.get()
    assert agreement.coalition == cast.coalition
    assert agreement.municipality == municipality
    assert agreement.created_by == cast.coordinator
    event = AuditEvent.objects.get(object_type="landscape.Agreement", action="create")
    assert event.object_id == str(agreement.pk)
    assert event.coalition == cast.coalition


def test_the_due_date_is_required(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(reverse(CREATE), agreement_form_data(due_date=""))
    assert response.status_code == 400
    assert response.context["form"].errors["due_date"] == [
        "Vul in wanneer de afspraak klaar moet zijn."
    ]
    assert "Kraamzorg en JGZ spreken een warme overdracht af." in response.content.decode()
    assert not Agreement.objects.exists()


def test_what_is_at_most_1000_characters(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(reverse(CREATE), agreement_form_data(what="x" * 1001))
    assert response.status_code == 400
    assert response.context["form"].errors["what"] == ["Houd de afspraak korter dan 1000 tekens."]


def test_the_municipality_must_be_one_of_the_coalition(cast):
    other = Municipality.objects.get(coalition=cast.other_coalition)
    client = logged_in_client(cast.coordinator)
    response = client.post(reverse(CREATE), agreement_form_data(other))
    assert response.status_code == 400
    assert response.context["form"].errors["municipality"] == [
        "Kies een gemeente van deze coalitie."
    ]


def test_an_open_agreement_cannot_be_due_in_the_past(cast):
    client = logged_in_client(cast.coordinator)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = client.post(reverse(CREATE), agreement_form_data(due_date=yesterday))
    assert response.status_code == 400
    assert "kan niet in het verleden klaar zijn" in response.context["form"].errors["due_date"][0]


def test_a_done_agreement_may_be_due_in_the_past(cast):
    client = logged_in_client(cast.coordinator)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = client.post(reverse(CREATE), agreement_form_data(due_date=yesterday, status="done"))
    assert response.status_code == 302
    assert Agreement.objects.get().status == "done"


def test_an_overdue_open_agreement_keeps_its_date_when_its_status_changes(cast):
    overdue = date.today() - timedelta(days=10)
    agreement = make_agreement(cast.coalition, due_date=overdue)
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("landscape:agreement_edit", args=[agreement.pk]),
        agreement_form_data(
            due_date=overdue.isoformat(),
            status="in_progress",
            version="1",
            what=agreement.what,
            who=agreement.who,
        ),
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "in_progress"
    assert agreement.version == 2
    event = AuditEvent.objects.get(object_type="landscape.Agreement", action="update")
    assert event.changes["status"] == ["open", "in_progress"]


def test_a_stale_edit_gets_the_conflict_page_with_both_versions(cast):
    agreement = make_agreement(cast.coalition, who="JGZ")
    agreement.who = "Kraamzorg"
    agreement.version = 2
    agreement.save()
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("landscape:agreement_edit", args=[agreement.pk]),
        agreement_form_data(version="1", who="Buurtteam", what=agreement.what),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft deze afspraak intussen gewijzigd" in html
    rows = {row["label"]: row for row in response.context["rows"]}
    assert rows["Wie"]["stored"] == "Kraamzorg"
    assert rows["Wie"]["submitted"] == "Buurtteam"
    assert rows["Wie"]["differs"]
    # The form again carries the current version, so saving once more overwrites knowingly.
    assert response.context["form"]["version"].value() == "2"
    agreement.refresh_from_db()
    assert agreement.who == "Kraamzorg"


def test_delete_asks_first_then_deletes_with_an_audit_event(cast):
    agreement = make_agreement(cast.coalition)
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:agreement_delete", args=[agreement.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Weet je zeker dat je de afspraak" in response.content.decode()
    assert Agreement.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Agreement.objects.exists()
    event = AuditEvent.objects.get(object_type="landscape.Agreement", action="delete")
    assert event.changes["who"] == ["JGZ Eerstedorp", ""]


def test_an_agreement_of_another_coalition_is_not_found(cast):
    agreement = make_agreement(cast.other_coalition)
    client = logged_in_client(cast.coordinator)
    assert client.get(reverse("landscape:agreement_edit", args=[agreement.pk])).status_code == 404
    assert (
        client.post(reverse("landscape:agreement_delete", args=[agreement.pk])).status_code == 404
    )
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_the_list_says_when_there_are_no_agreements(cast):
    response = logged_in_client(cast.analyst).get(reverse("landscape:agreement_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "De coalitie heeft nog geen verbeterafspraken." in html
    assert "Nieuwe afspraak" not in html  # analysts read only


def test_the_list_filters_sorts_and_marks_overdue_agreements(cast):
    municipality = _municipality(cast)
    late = make_agreement(cast.coalition, what="Te laat", due_date=date.today() - timedelta(days=3))
    make_agreement(
        cast.coalition,
        what="Later",
        due_date=date.today() + timedelta(days=40),
        target_group="schulden",
        municipality=municipality,
    )
    make_agreement(
        cast.coalition, what="Klaar", due_date=date.today() - timedelta(days=5), status="done"
    )
    make_agreement(cast.other_coalition, what="Andere coalitie")
    client = logged_in_client(cast.coordinator)
    url = reverse("landscape:agreement_list")

    response = client.get(url)
    whats = [a.what for a in response.context["agreements"]]
    assert whats == ["Klaar", "Te laat", "Later"]
    overdue = {a.what: a.overdue for a in response.context["agreements"]}
    assert overdue == {"Klaar": False, "Te laat": True, "Later": False}
    assert response.content.decode().count('data-testid="agreement-overdue"') == 1

    response = client.get(url, {"sortering": "-datum"})
    assert [a.what for a in response.context["agreements"]] == ["Later", "Te laat", "Klaar"]
    response = client.get(url, {"doelgroep": "schulden"})
    assert [a.what for a in response.context["agreements"]] == ["Later"]
    response = client.get(url, {"status": "open"})
    assert {a.what for a in response.context["agreements"]} == {"Te laat", "Later"}
    response = client.get(url, {"gemeente": municipality.pk})
    assert [a.what for a in response.context["agreements"]] == ["Later"]
    response = client.get(url, {"status": "done", "doelgroep": "schulden"})
    assert "Geen afspraken met dit filter." in response.content.decode()
    assert late.pk


def test_a_bad_filter_is_refused_with_a_dutch_error(cast):
    other = Municipality.objects.get(coalition=cast.other_coalition)
    response = logged_in_client(cast.coordinator).get(
        reverse("landscape:agreement_list"), {"gemeente": other.pk}
    )
    assert response.status_code == 400
    assert "Kies een gemeente van deze coalitie." in response.content.decode()


def test_the_list_is_paginated(cast):
    for number in range(27):
        make_agreement(cast.coalition, what=f"Afspraak {number:02d}")
    client = logged_in_client(cast.coordinator)
    response = client.get(reverse("landscape:agreement_list"))
    assert len(response.context["agreements"]) == 25
    assert "Pagina 1 van 2" in response.content.decode()
    response = client.get(reverse("landscape:agreement_list"), {"pagina": 2})
    assert len(response.context["agreements"]) == 2
