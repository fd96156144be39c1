"""A year's figures, the insurers' exceptions and the municipalities' compensation routes
through the API: the readers of the rules read them, administrators write the figures and
the exceptions, administrators and coordinators the routes, through the pages' forms and the
services (Dutch messages, the version check, the audit trail); the lists are paginated and
cost the same with few and with many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.core.models import AuditEvent
from kansrijk.financing.models import CompensationRoute, FinancingYear, InsurerException
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_compensation, make_exception, make_year

pytestmark = pytest.mark.django_db
YEARS = "/api/v1/financing/year-figures/"
EXCEPTIONS = "/api/v1/financing/insurer-exceptions/"
ROUTES = "/api/v1/financing/compensation-routes/"

FIGURES = {
    "year": 2026,
    "eigen_risico": "385.00",
    "eigen_risico_source": "Zorgverzekeringswet",
    "kraamzorg_standard_hours_low": 45,
    "kraamzorg_standard_hours_high": 49,
    "kraamzorg_max_hours": 80,
    "kraamzorg_source": "Landelijk Indicatieprotocol Kraamzorg",
}
EXCEPTION = {
    "year": 2026,
    "insurer": "Zorgverzekeraar Voorbeeld",
    "insurance_kind": "basis_aanvullend",
    "care_kind": "kraamzorg",
    "effect": "contribution",
    "max_amount": "250.00",
    "source": "Polisvoorwaarden 2026",
}


def _route(cast) -> dict:
    return {
        "municipality": Municipality.objects.get(coalition=cast.coalition).pk,
        "kind": "bijzondere_bijstand",
        "name": "Bijzondere bijstand Eerstedorp",
        "care_kinds": ["kraamzorg"],
        "minima_only": True,
        "source": "Beleidsregels 2026",
        "is_active": True,
    }


def _send(client, method: str, url: str, data=None, **headers):
    return getattr(client, method)(url, data, content_type="application/json", headers=headers)


# --- A year's figures --------------------------------------------------------------------------


def test_an_administrator_adds_and_changes_a_years_figures_with_the_version_check(cast):
    client = logged_in_client(cast.administrator)
    created = _send(client, "post", YEARS, FIGURES)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["year"], body["eigen_risico"], body["version"]) == (2026, "385.00", 1)
    assert body["coalition"] == cast.coalition.pk
    url = f"{YEARS}{body['id']}/"
    changed = _send(client, "put", url, {**FIGURES, "eigen_risico": "400.00", "version": 1})
    assert changed.status_code == 200
    assert (changed.json()["eigen_risico"], changed.json()["version"]) == ("400.00", 2)
    stale = _send(client, "put", url, {**FIGURES, "eigen_risico": "410.00", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert stale["Content-Type"] == "application/problem+json"
    assert FinancingYear.objects.get().eigen_risico == 400
    actions = set(
        AuditEvent.objects.filter(object_type="financing.FinancingYear").values_list(
            "action", flat=True
        )
    )
    assert actions == {"create", "update"}


def test_the_figures_get_the_pages_dutch_messages(cast):
    client = logged_in_client(cast.administrator)
    response = _send(client, "post", YEARS, {**FIGURES, "eigen_risico_source": ""})
    assert response.status_code == 400
    assert response.json()["errors"]["eigen_risico_source"] == [
        "Geef de bron van het eigen risico."
    ]
    response = _send(client, "post", YEARS, {**FIGURES, "year": 1999})
    assert response.json()["errors"]["year"] == ["Kies een jaar van 2000 tot en met 2100."]
    assert _send(client, "post", YEARS, FIGURES).status_code == 201
    twice = _send(client, "post", YEARS, FIGURES)
    assert twice.json()["errors"]["year"] == ["Voor dit jaar zijn al cijfers; pas die aan."]
    missing = _send(client, "put", f"{YEARS}{FinancingYear.objects.get().pk}/", FIGURES)
    assert missing.json()["errors"]["version"] == ["Stuur de versie mee die je hebt opgehaald."]


def test_only_administrators_write_figures_readers_read_them(cast, client):
    figures = make_year(cast.coalition, year=2026)
    url = f"{YEARS}{figures.pk}/"
    for actor in (cast.coordinator, cast.case_director):
        reader = logged_in_client(actor)
        assert reader.get(YEARS).json()["count"] == 1
        assert reader.get(url).status_code == 200
        assert _send(reader, "post", YEARS, {**FIGURES, "year": 2027}).status_code == 403
        assert _send(reader, "put", url, {**FIGURES, "version": 1}).status_code == 403
    assert logged_in_client(cast.analyst).get(YEARS).status_code == 403
    assert logged_in_client(cast.other_coalition_professional).get(url).status_code == 404
    assert client.get(YEARS).status_code == 401
    assert FinancingYear.objects.count() == 1


# --- Insurers' exceptions ----------------------------------------------------------------------


def test_an_administrator_adds_changes_and_removes_an_exception(cast):
    client = logged_in_client(cast.administrator)
    created = _send(client, "post", EXCEPTIONS, EXCEPTION)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["insurance_kind"], body["effect_label"]) == (
        "basis_aanvullend",
        "Vergoedt de eigen bijdrage",
    )
    url = f"{EXCEPTIONS}{body['id']}/"
    patched = _send(client, "patch", url, {"max_amount": "300.00", "version": 1})
    assert patched.status_code == 200
    assert (patched.json()["max_amount"], patched.json()["insurer"]) == (
        "300.00",
        "Zorgverzekeraar Voorbeeld",
    )
    stale = _send(client, "patch", url, {"max_amount": "1.00", "version": 1})
    assert stale.status_code == 409
    assert _send(client, "delete", url).status_code == 204
    assert not InsurerException.objects.exists()
    assert client.get(url).status_code == 404
    actions = list(
        AuditEvent.objects.filter(object_type="financing.InsurerException")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_an_exception_needs_its_source_and_a_known_kind_of_policy(cast):
    client = logged_in_client(cast.administrator)
    response = _send(client, "post", EXCEPTIONS, {**EXCEPTION, "source": ""})
    assert response.status_code == 400
    assert response.json()["errors"]["source"] == [
        "Geef de bron, bijvoorbeeld de polisvoorwaarden van dit jaar."
    ]
    response = _send(client, "post", EXCEPTIONS, {**EXCEPTION, "insurance_kind": "goud"})
    assert "insurance_kind" in response.json()["errors"]
    assert not InsurerException.objects.exists()


def test_the_exceptions_list_is_filtered_by_year_and_refused_to_coordinators_writing(cast):
    make_exception(cast.coalition, year=2025)
    exception = make_exception(cast.coalition, year=2026)
    make_exception(cast.other_coalition, year=2026)
    coordinator = logged_in_client(cast.coordinator)
    listed = coordinator.get(EXCEPTIONS, {"year": 2026}).json()
    assert [row["id"] for row in listed["results"]] == [exception.pk]
    assert _send(coordinator, "post", EXCEPTIONS, EXCEPTION).status_code == 403
    url = f"{EXCEPTIONS}{exception.pk}/"
    assert _send(coordinator, "delete", url).status_code == 403
    assert coordinator.get(EXCEPTIONS, {"year": "twintig"}).status_code == 400


def test_an_exception_sent_twice_with_an_idempotency_key_is_made_once(cast):
    client = logged_in_client(cast.administrator)
    first = _send(client, "post", EXCEPTIONS, EXCEPTION, **{"Idempotency-Key": "uitz-2026"})
    second = _send(client, "post", EXCEPTIONS, EXCEPTION, **{"Idempotency-Key": "uitz-2026"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second["Idempotent-Replayed"] == "true"
    assert second.json()["id"] == first.json()["id"]
    assert InsurerException.objects.count() == 1


# --- Compensation routes -----------------------------------------------------------------------


def test_a_coordinator_adds_changes_and_removes_a_compensation_route(cast):
    client = logged_in_client(cast.coordinator)
    created = _send(client, "post", ROUTES, _route(cast))
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["name"], body["care_kinds"], body["version"]) == (
        "Bijzondere bijstand Eerstedorp",
        ["kraamzorg"],
        1,
    )
    url = f"{ROUTES}{body['id']}/"
    patched = _send(client, "patch", url, {"is_active": False, "version": 1})
    assert patched.status_code == 200
    assert (patched.json()["is_active"], patched.json()["care_kinds"]) == (False, ["kraamzorg"])
    assert _send(client, "put", url, {**_route(cast), "version": 1}).status_code == 409
    assert _send(client, "delete", url).status_code == 204
    assert not CompensationRoute.objects.exists()
    assert AuditEvent.objects.filter(object_type="financing.CompensationRoute").count() == 3


def test_a_route_of_another_coalitions_municipality_is_refused_in_dutch(cast):
    client = logged_in_client(cast.administrator)
    other = Municipality.objects.filter(coalition=cast.other_coalition).first()
    response = _send(client, "post", ROUTES, {**_route(cast), "municipality": other.pk})
    assert response.status_code == 400
    assert response.json()["errors"]["municipality"] == ["Kies een gemeente van deze coalitie."]
    response = _send(client, "post", ROUTES, {**_route(cast), "name": ""})
    assert response.json()["errors"]["name"] == ["Geef de regeling een naam."]
    assert not CompensationRoute.objects.exists()


def test_professionals_read_routes_but_do_not_write_them(cast, client):
    route = make_compensation(cast.coalition, Municipality.objects.get(coalition=cast.coalition))
    professional = logged_in_client(cast.case_director)
    assert professional.get(ROUTES).json()["results"][0]["id"] == route.pk
    assert _send(professional, "post", ROUTES, _route(cast)).status_code == 403
    response = _send(professional, "delete", f"{ROUTES}{route.pk}/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert logged_in_client(cast.analyst).get(ROUTES).status_code == 403
    assert client.get(f"{ROUTES}{route.pk}/").status_code == 401


# --- The lists cost the same with few and with many rows ---------------------------------------


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_lists_cost_the_same_with_1_and_15_rows(cast):
    client = logged_in_client(cast.case_director)
    municipality = Municipality.objects.get(coalition=cast.coalition)
    make_year(cast.coalition, year=2000)
    make_exception(cast.coalition)
    make_compensation(cast.coalition, municipality)
    one = [_queries(client, url) for url in (YEARS, EXCEPTIONS, ROUTES)]
    for number in range(14):
        make_year(cast.coalition, year=2001 + number)
        make_exception(cast.coalition, insurer=f"Verzekeraar {number}")
        make_compensation(cast.coalition, municipality, name=f"Fonds {number}")
    many = [_queries(client, url) for url in (YEARS, EXCEPTIONS, ROUTES)]
    assert many == one
