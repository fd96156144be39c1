"""The README's Python client example (docs/examples/client.py) works: run as a separate
process against a live server with a case director's API token, it leaves a family with the
director on its care team, the screening it sent as FHIR and the plan it wrote.

Marked `browser` as the other tests that need pytest-django's live server (the server runs
in a thread of this process; the script talks to it over HTTP like any client)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.care.models import CarePlan
from kansrijk.families.models import Family
from kansrijk.organisations.models import Municipality
from kansrijk.signaling.models import Assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPT = Path(settings.BASE_DIR) / "docs" / "examples" / "client.py"


def run_script(live_server, token: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--url", live_server.url, "--token", token, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_client_example_creates_a_family_a_screening_and_a_plan(live_server, cast):
    _token, key = api_token_create(professional=cast.case_director, name="voorbeeldscript")
    municipality = Municipality.objects.get(cbs_code="GM9501")

    finished = run_script(
        live_server, key, "--municipality", str(municipality.pk), "--postcode", "9501 AB"
    )

    assert finished.returncode == 0, finished.stderr
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    family = Family.objects.get(pk=result["family"])
    assert family.municipality == municipality
    assert family.postcode == "9501 AB"
    assert family.care_team_members.filter(professional=cast.case_director).exists()
    assessment = Assessment.objects.get(pk=int(result["assessment"]))
    assert assessment.family == family
    assert assessment.instrument_key == "professioneel-oordeel"
    assert assessment.level == "potentially_vulnerable"
    plan = CarePlan.objects.get(family=family)
    assert plan.strengths == "Moeder heeft een steunend netwerk."
    assert result["plan_version"] == plan.version
    assert "Screening" in finished.stdout
    assert "Gezinsplan versie" in finished.stdout
    # The script worked through the access policy: its reads of the plan are in the log.
    assert AccessEvent.objects.filter(
        family=family, user=cast.case_director, action=AccessEvent.Action.READ
    ).exists()


def test_without_a_municipality_the_client_takes_the_first_of_its_coalitions(live_server, cast):
    _token, key = api_token_create(professional=cast.case_director, name="voorbeeldscript")

    finished = run_script(live_server, key)

    assert finished.returncode == 0, finished.stderr
    assert "Gemeente Eerstedorp (GM9501)" in finished.stdout
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    family = Family.objects.get(pk=result["family"])
    assert family.municipality == Municipality.objects.get(cbs_code="GM9501")
    assert family.postcode == "1234 AB"


def test_the_client_example_reports_a_refusal_and_fails(live_server, cast):
    _token, key = api_token_create(professional=cast.case_director, name="voorbeeldscript")
    elsewhere = Municipality.objects.get(cbs_code="GM9502")

    finished = run_script(live_server, key, "--municipality", str(elsewhere.pk))

    assert finished.returncode == 1
    assert "POST /api/v1/families/: HTTP 400" in finished.stderr
    assert "Kies een gemeente van een coalitie waarin je werkt." in finished.stderr
    assert not Family.objects.exists()
