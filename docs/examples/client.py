#!/usr/bin/env python3
"""A small client of the kansrijk API: open a family file, send a screening as FHIR and
read the family plan back.

    export KANSRIJK_URL=http://127.0.0.1:8000
    export KANSRIJK_TOKEN=$(.venv/bin/python manage.py api_token verloskundige --name voorbeeld)
    python3 docs/examples/client.py --postcode "1234 AB"

What it does, one API call per step:

1. `GET  /api/v1/me/`: who the token belongs to;
   `GET  /api/v1/municipalities/`: the municipalities of your coalitions, when no
   `--municipality` (a municipality's id) is given: the first one is used;
2. `POST /api/v1/families/`: a new family file in that municipality; you join its care team;
3. `GET  /api/v1/fhir/Questionnaire/professioneel-oordeel`: the instrument as FHIR
   Questionnaire, whose answer options give the codes to send;
4. `POST /api/v1/fhir/QuestionnaireResponse`: the filled questionnaire about the family
   (`subject` is `urn:kansrijk:family:<id>`), recorded as an assessment;
5. `PATCH /api/v1/families/<id>/plan/` with `version` 0: the plan's first text;
6. `GET  /api/v1/families/<id>/plan/`: the plan as it is stored.

It prints each step and ends with one JSON line: the family, the assessment and the plan's
version. Only Python's standard library is used (`urllib.request`), so it runs anywhere
Python 3.9 or later runs. Every call is made with your token and goes through the same access
policy and access log as the pages.
"""

from __future__ import annotations  # `int | None` on Python 3.9

import argparse
import json
import os
import sys
import urllib.error
import urllib.request

FHIR_JSON = "application/fhir+json"
INSTRUMENT = "professioneel-oordeel"


class ApiError(Exception):
    def __init__(self, method: str, path: str, status: int, body: str):
        super().__init__(f"{method} {path}: HTTP {status}\n{body}")


class Kansrijk:
    """The API at `base_url`, called with a personal token."""

    def __init__(self, base_url: str, token: str):
        self.base_url = base_url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body=None, content_type="application/json"):
        headers = {"Authorization": f"Token {self.token}", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = content_type
            if content_type == FHIR_JSON:
                headers["Accept"] = FHIR_JSON
        request = urllib.request.Request(  # noqa: S310 (base_url is the caller's https API)
            self.base_url + path, data=data, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (see above)
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise ApiError(method, path, error.code, error.read().decode("utf-8")) from None


def fill_questionnaire(questionnaire: dict, answers: dict, *, family_id: int) -> dict:
    """A QuestionnaireResponse to `questionnaire` with `answers` (linkId -> option code or
    text), using the codes the Questionnaire offers."""

    def answer(item: dict, value) -> dict:
        if item["type"] == "choice":
            for option in item["answerOption"]:
                coding = option["valueCoding"]
                if coding["code"] == value:
                    return {"valueCoding": {"system": coding["system"], "code": coding["code"]}}
            raise ValueError(f"{item['linkId']}: no answer option {value!r}")
        if item["type"] == "boolean":
            return {"valueBoolean": bool(value)}
        if item["type"] == "integer":
            return {"valueInteger": int(value)}
        return {"valueString": str(value)}

    def walk(items: list) -> list:
        filled = []
        for item in items:
            if item["type"] == "group":
                children = walk(item.get("item", []))
                if children:
                    filled.append({"linkId": item["linkId"], "item": children})
            elif item["linkId"] in answers:
                value = answers[item["linkId"]]
                filled.append({"linkId": item["linkId"], "answer": [answer(item, value)]})
        return filled

    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire['url']}|{questionnaire['version']}",
        "status": "completed",
        "subject": {"reference": f"urn:kansrijk:family:{family_id}"},
        "item": walk(questionnaire["item"]),
    }


def first_municipality(api: Kansrijk) -> int:
    """The id of the first municipality (by name) of the caller's coalitions."""
    page = api.call("GET", "/api/v1/municipalities/")
    if not page["results"]:
        raise ApiError("GET", "/api/v1/municipalities/", 200, "Geen gemeenten gevonden.")
    municipality = page["results"][0]
    print(f"Gemeente {municipality['name']} ({municipality['cbs_code']})")
    return municipality["id"]


def run(api: Kansrijk, *, municipality: int | None, postcode: str) -> dict:
    me = api.call("GET", "/api/v1/me/")
    print(f"Ingelogd als {me['username']}")
    if municipality is None:
        municipality = first_municipality(api)

    family = api.call(
        "POST",
        "/api/v1/families/",
        {"municipality": municipality, "postcode": postcode, "role_in_family": "verloskundige"},
    )
    family_id = family["id"]
    print(f"Gezin {family_id} aangemaakt")

    questionnaire = api.call("GET", f"/api/v1/fhir/Questionnaire/{INSTRUMENT}")
    response = fill_questionnaire(
        questionnaire,
        {"niveau": "potentially_vulnerable", "reden": "Weinig steun in de buurt."},
        family_id=family_id,
    )
    stored = api.call("POST", "/api/v1/fhir/QuestionnaireResponse", response, FHIR_JSON)
    print(f"Screening {stored['id']} vastgelegd")

    api.call(
        "PATCH",
        f"/api/v1/families/{family_id}/plan/",
        {"version": 0, "strengths": "Moeder heeft een steunend netwerk."},
    )
    plan = api.call("GET", f"/api/v1/families/{family_id}/plan/")
    print(f"Gezinsplan versie {plan['version']}: {plan['text']['strengths']}")

    return {"family": family_id, "assessment": stored["id"], "plan_version": plan["version"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("KANSRIJK_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("KANSRIJK_TOKEN"))
    parser.add_argument(
        "--municipality",
        type=int,
        help="id of the municipality (default: the first of GET /api/v1/municipalities/)",
    )
    parser.add_argument("--postcode", default="1234 AB")
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("give the API token with --token or KANSRIJK_TOKEN")
    try:
        result = run(
            Kansrijk(args.url, args.token), municipality=args.municipality, postcode=args.postcode
        )
    except ApiError as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
