"""The scenario mix of `loadtest/run.py`: professionals reading family files, recording
screenings, accepting handovers and editing plans, on loopback only.

The runner passes everything through a JSON file named by `LOADTEST_CONFIG` (the host, the
professional's session cookie and API token, the families, the handovers to accept). Every
write carries a unique marker; each write's outcome is appended to `LOADTEST_LOG` (one JSON
line per write), which the runner compares with the database afterwards.
"""

import itertools
import json
import os
import random
import uuid

from locust import HttpUser, between, task

CONFIG = json.loads(open(os.environ["LOADTEST_CONFIG"]).read())  # noqa: SIM115
LOG = open(os.environ["LOADTEST_LOG"], "a", buffering=1)  # noqa: SIM115
# Each handover appears twice: two professionals race to accept it; one must win.
HANDOVERS = [tuple(item) for item in CONFIG["handovers"]] * 2
random.Random(13).shuffle(HANDOVERS)  # noqa: S311 (load mix, not security)
HANDOVER_QUEUE = iter(HANDOVERS)
SEQUENCE = itertools.count()


def record(kind: str, marker: str, status: int, **extra) -> None:
    LOG.write(json.dumps({"kind": kind, "marker": marker, "status": status, **extra}) + "\n")


class Professional(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.api = {
            "Authorization": f"Token {CONFIG['token']}",
            "Accept": "application/json",
        }
        self.page = {"Cookie": CONFIG["cookie"]}

    def _marker(self, kind: str) -> str:
        return f"load-{kind}-{next(SEQUENCE)}-{uuid.uuid4().hex[:12]}"

    def _send(self, method, path, *, name, headers, json_body=None, ok=(200, 201)):
        """A request whose expected refusals (409, or 400 for a decided handover) are not
        failures; 5xx and connection errors are."""
        with self.client.request(
            method, path, name=name, headers=headers, json=json_body, catch_response=True
        ) as response:
            if response.status_code in ok or response.status_code in (400, 409):
                response.success()
            elif response.status_code == 0:
                response.failure(f"no answer: {response.error!r}")
            else:
                response.failure(f"HTTP {response.status_code}")
            return response

    @task(6)
    def read_family_file(self):
        family = random.choice(CONFIG["families"])  # noqa: S311 (load mix, not security)
        self._send("GET", f"/gezinnen/{family}/", name="/gezinnen/[id]/", headers=self.page)

    @task(3)
    def record_assessment(self):
        family = random.choice(CONFIG["families"])  # noqa: S311
        marker = self._marker("assessment")
        body = {
            "instrument_key": "professioneel-oordeel",
            "answers": {"niveau": "vulnerable", "reden": marker},
        }
        response = self._send(
            "POST",
            f"/api/v1/families/{family}/assessments/",
            name="/api/v1/families/[id]/assessments/",
            headers=self.api,
            json_body=body,
        )
        record("assessment", marker, response.status_code, family=family)

    @task(3)
    def edit_plan(self):
        if not CONFIG["plans"]:
            return
        # A few plans only, so that professionals edit the same plan at the same time.
        family = random.choice(CONFIG["plans"])  # noqa: S311
        path = f"/api/v1/families/{family}/plan/"
        current = self._send("GET", path, name="/api/v1/families/[id]/plan/", headers=self.api)
        if current.status_code != 200:
            return
        marker = self._marker("plan")
        response = self._send(
            "PATCH",
            path,
            name="/api/v1/families/[id]/plan/",
            headers=self.api,
            json_body={"version": current.json()["version"], "strengths": marker},
        )
        record("plan", marker, response.status_code, family=family)

    @task(2)
    def accept_handover(self):
        try:
            family, handover, version, token = next(HANDOVER_QUEUE)
        except StopIteration:
            return
        response = self._send(
            "POST",
            f"/api/v1/families/{family}/handovers/{handover}/accept/",
            name="/api/v1/families/[id]/handovers/[id]/accept/",
            # The receiver accepts: the handover was proposed to them.
            headers={**self.api, "Authorization": f"Token {token}"},
            json_body={"version": version},
        )
        record("handover", str(handover), response.status_code, family=family)
