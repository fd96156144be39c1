"""The benchmark harness (`bench/`) runs end to end and writes a valid results file.

A tiny run: 30 families, one client, a few requests per endpoint, on the database type the
suite runs on (on PostgreSQL in a database of its own, dropped afterwards). It starts
gunicorn and the load generator as `make bench` does. Timings are never asserted: they are
the benchmark's business, not the suite's; only the shape and the numbers' presence are.
"""

import json
import math
import os
import subprocess
import sys
from numbers import Real
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from bench.run import BASELINE_EVERY, ENDPOINTS

BASE_DIR = Path(settings.BASE_DIR)
STEP_FIELDS = ["rps", "p50_ms", "p95_ms", "p99_ms", "baseline_ratio", "requests", "errors"]


def _database_arguments() -> list[str]:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return ["--db", "sqlite"]
    user = quote(database.get("USER") or "postgres")
    password = f":{quote(database['PASSWORD'])}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return [
        "--db",
        "postgres",
        "--postgres-url",
        f"postgres://{user}{password}@{host}:{port}/postgres",
        "--database-name",
        f"kansrijk_bench_test_{os.getpid()}",
        "--drop",
    ]


def test_a_tiny_benchmark_writes_every_endpoint_with_numbers(tmp_path):
    out = tmp_path / "results.json"
    driver = subprocess.Popen(
        [
            sys.executable,
            *("-m", "bench.run", "--scale", "tiny", "--out", str(out)),
            *_database_arguments(),
        ],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Against a hang only: in a parallel run (make test) the other worker's tests share the
        # CPU, and a tiny run on PostgreSQL has taken 160 seconds there.
        stdout, stderr = driver.communicate(timeout=400)
    except subprocess.TimeoutExpired:
        # SIGTERM, not SIGKILL: the driver then stops its gunicorn and drops its database.
        driver.terminate()
        stdout, stderr = driver.communicate(timeout=60)
    assert driver.returncode == 0, stdout[-3000:] + stderr[-3000:]

    data = json.loads(out.read_text())
    (run,) = data["runs"].values()
    assert run["scale"] == "tiny"
    for key in ["cores", "memory_gib", "python", "database"]:
        assert data["machine"][key]
    assert set(run["endpoints"]) == {endpoint.name for endpoint in ENDPOINTS}
    for name, entry in run["endpoints"].items():
        assert isinstance(entry["queries"], int), name
        assert isinstance(entry["worker_rss_mb"], Real), name
        step = entry["concurrency"]["1"]
        for field in STEP_FIELDS:
            assert isinstance(step[field], Real), (name, field)
        assert step["requests"] > 0, name
        assert step["errors"] == 0, (name, step["statuses"], step["failures"])
    assert isinstance(run["access_log_write"]["p95_ms"], Real)
    assert "Targets of issue 5" in stdout

    # Each endpoint's ratio is to the baseline steps just before and after it.
    baseline_steps = run["endpoints"]["baseline"]["concurrency"]["1"]["baseline_rps_steps"]
    others = [endpoint.name for endpoint in ENDPOINTS[1:]]
    assert len(baseline_steps) == 1 + math.ceil(len(others) / BASELINE_EVERY)
    assert run["endpoints"]["baseline"]["concurrency"]["1"]["baseline_ratio"] == 1.0
    for index, name in enumerate(others):
        step = run["endpoints"][name]["concurrency"]["1"]
        assert step["baseline_bracket"] == index // BASELINE_EVERY, name
        around = baseline_steps[step["baseline_bracket"] : step["baseline_bracket"] + 2]
        assert step["baseline_rps"] == round((around[0] + around[1]) / 2, 1), name
        assert step["baseline_ratio"] == round(step["rps"] / step["baseline_rps"], 3), name


def test_the_benchmarks_browser_sends_a_csrf_cookie_that_the_pages_keep(client, db):
    # As a browser after its first page: a page with a form keeps the CSRF secret the browser
    # got instead of making a new one on every request.
    from django.urls import reverse

    from bench.run import browser_cookies

    header = browser_cookies("a-session-key")
    cookies = dict(part.split("=", 1) for part in header.split("; "))
    assert set(cookies) == {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    assert cookies[settings.SESSION_COOKIE_NAME] == "a-session-key"

    client.cookies[settings.CSRF_COOKIE_NAME] = cookies[settings.CSRF_COOKIE_NAME]
    with_cookie = client.get(reverse("access:login"))
    assert with_cookie.status_code == 200
    assert b'name="csrfmiddlewaretoken"' in with_cookie.content
    sent = cookies[settings.CSRF_COOKIE_NAME]
    assert with_cookie.cookies[settings.CSRF_COOKIE_NAME].value == sent

    del client.cookies[settings.CSRF_COOKIE_NAME]
    without = client.get(reverse("access:login"))
    assert without.cookies[settings.CSRF_COOKIE_NAME].value not in ("", sent)
