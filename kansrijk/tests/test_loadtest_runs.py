"""The load test (`loadtest/`, issue 13) runs end to end and checks every write.

A tiny run, like the benchmark's suite test: 30 families, 3 locust users for 10 seconds
against gunicorn, one of whose workers is killed halfway, in a PostgreSQL database of its
own that the runner drops afterwards.
Locust runs in the runner's subprocess, never in this process. Timings are never
asserted; the results file's shape, zero errors and the exactly-once check are.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _postgres_url() -> str | None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    user = quote(database.get("USER") or "postgres")
    password = f":{quote(database['PASSWORD'])}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/postgres"


@pytest.fixture
def server_url():
    url = _postgres_url()
    # The load test needs PostgreSQL (concurrent writers); on SQLite the suite runs it
    # against the local server the benchmark uses.
    return url or "postgres://postgres@127.0.0.1:5432/postgres"


def test_a_tiny_load_test_with_a_killed_worker_stores_every_write_exactly_once(
    tmp_path, server_url
):
    out = tmp_path / "load.json"
    runner = subprocess.Popen(
        [
            sys.executable,
            *("-m", "loadtest.run", "--users", "3", "--seconds", "10"),
            *("--families", "30", "--workers", "2", "--out", str(out), "--kill-worker"),
            *("--postgres-url", server_url),
            *("--database-name", f"kansrijk_loadtest_test_{os.getpid()}"),
        ],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = runner.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        # SIGTERM, not SIGKILL: the runner then stops gunicorn and drops its database.
        runner.terminate()
        stdout, stderr = runner.communicate(timeout=60)
    assert runner.returncode == 0, stdout[-3000:] + stderr[-3000:]

    result = json.loads(out.read_text())
    assert result["users"] == 3
    assert result["kill_worker"]["killed"] > 0
    assert result["kill_worker"]["workers_before"] == 2
    assert result["errors"] == 0, result["failures"]
    assert result["passed"] is True
    check = result["check"]
    assert check["exactly_once"] is True, check["problems"]
    assert check["problems"] == []
    assert check["writes"] > 0
    assert result["endpoints"]["total"]["requests"] > 0
    assert "exactly once: yes" in stdout
