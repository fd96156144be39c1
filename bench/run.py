"""The benchmark driver: `python -m bench.run --scale small|national [--db sqlite|postgres]`.

One run, start to end:

1. a fresh database (a SQLite file in a temporary folder, or the PostgreSQL database
   `kansrijk_bench_<scale>`, dropped and created), migrated, filled by `generate_synthetic`
   (or, where that command does not exist yet, by `seed_demo`), and the static files
   collected; with `--reuse-db` a PostgreSQL database that an earlier run filled with the
   same number of families and the same seed is migrated and used as it is;
2. a professional with a realistic caseload (100-300 families) and their families; a session
   as after a two-factor login and a personal API token for them;
3. gunicorn serving `kansrijk.settings.bench` (DEBUG off, several sync workers) on a free
   loopback port;
4. for each concurrency level, for each endpoint, a separate load-generating process
   (`bench/load.py`): requests per second, p50/p95/p99 latency, SQL queries per request
   (from `X-Query-Count`), and afterwards the RSS of each gunicorn worker; the baseline
   again after every `BASELINE_EVERY` endpoints, each endpoint's ratio being to the two
   baseline steps around it;
5. the cost of writing one access event (`access_event_record`), timed in-process after the
   server stopped, relative to the family file's p95 at one client;
6. a table on the terminal, the run merged into the results file (`bench/results.json`) and
   the targets of issue 5 checked (`bench/targets.py`).

Every step is bounded by a request count and a time limit; traffic only goes to 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import targets

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_OUT = BASE_DIR / "bench" / "results.json"
# The database name is the URL's, else `kansrijk_bench_<scale>`: one database per scale, so
# that a small run does not drop the national data set another run may reuse.
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/"
SETTINGS = "kansrijk.settings.bench"
CASELOAD = (100, 300)
TARGET_CASELOAD = 200
# The family pages rotate over this many of the professional's families, so that one file's
# access log does not grow by every request of the run.
ROTATION = 20


@dataclass(frozen=True)
class Scale:
    families: int
    concurrency: tuple[int, ...]
    requests: int  # per step (one endpoint at one concurrency)
    time_limit: float  # seconds per step
    workers: int
    access_event_calls: int
    warmup_per_worker: int = 3


# One sync worker per core: the pages are CPU-bound and PostgreSQL shares the cores. On two
# cores, two workers served 12-15% more requests per second than four, at a lower p95,
# on every endpoint (fewer processes contending for the cores' caches; issue 5).
WORKERS = max(2, os.cpu_count() or 2)

SCALES = {
    # Only for the test suite: proves the harness runs, measures nothing meaningful.
    "tiny": Scale(30, (1,), 5, 5.0, 2, 20, warmup_per_worker=1),
    "small": Scale(1_000, (1, 10, 30), 300, 3.5, WORKERS, 1_000),
    "national": Scale(500_000, (1, 10, 30), 1_000, 15.0, WORKERS, 1_000),
}


@dataclass(frozen=True)
class Endpoint:
    name: str
    label: str
    path: str  # "{pk}" is replaced by each family of the rotation
    # "session" or "token" (the professional's), "coordinator" or "coordinator_token";
    # "family": a family member's portal session (a family of the "plan" rotation)
    auth: str
    # Which of the professional's families the "{pk}" rotates over: "" all of them; "plan"
    # those with a family plan, "handovers" those with a handover, so that the page shows
    # what it is for (all of them when the data set has none, as a tiny one may). "mdo":
    # not families but the MDO meetings the professional takes part in (`_mdo_meetings`);
    # "services": the coalition's social-map services; "assessments", "referrals" and
    # "kraamzorg": families with a screening, a referral or a kraamzorg calculation;
    # "business_cases": the coalition's business cases.
    rotation: str = ""


ENDPOINTS = [
    Endpoint("baseline", "baseline view", "/bench/baseline/", "session"),
    Endpoint("families_list", "families list", "/gezinnen/", "session"),
    Endpoint("family_file", "family file", "/gezinnen/{pk}/", "session"),
    Endpoint("access_report", "access report", "/gezinnen/{pk}/toegang/", "session"),
    Endpoint("api_list", "API list", "/api/v1/families/", "token"),
    Endpoint("api_detail", "API detail", "/api/v1/families/{pk}/", "token"),
    # Signaling (issue 6): a family's screenings with the form to start one, and the API.
    Endpoint("signaling", "signaling", "/gezinnen/{pk}/signalering/", "session"),
    Endpoint(
        "api_assessments",
        "API screenings",
        "/api/v1/families/{pk}/assessments/",
        "token",
        rotation="assessments",
    ),
    # Care team, plan and handovers (issue 7): the work queue of chain signals over the
    # professional's families, their open tasks, a family's handovers and its plan, and the
    # same two through the API.
    Endpoint("worklist", "work queue", "/werkvoorraad/", "session"),
    Endpoint("my_tasks", "my tasks", "/taken/", "session"),
    Endpoint(
        "handovers", "handovers", "/gezinnen/{pk}/overdrachten/", "session", rotation="handovers"
    ),
    Endpoint("plan", "family plan", "/gezinnen/{pk}/plan/", "session", rotation="plan"),
    Endpoint(
        "api_handovers",
        "API handovers",
        "/api/v1/families/{pk}/handovers/",
        "token",
        rotation="handovers",
    ),
    Endpoint("api_plan", "API plan", "/api/v1/families/{pk}/plan/", "token", rotation="plan"),
    # The MDO (issue 8): a meeting's agenda with its anonymous or named items, and the API.
    Endpoint("mdo_agenda", "MDO agenda", "/mdo/overleg/{pk}/", "session", rotation="mdo"),
    Endpoint(
        "api_mdo_meeting", "API MDO meeting", "/api/v1/mdo/meetings/{pk}/", "token", rotation="mdo"
    ),
    # The social map (issue 9): a search by text and need, a service's page, the HSDS-shaped
    # API's list, and a family's referrals through the API.
    Endpoint(
        "socialmap_search", "social map search", "/sociale-kaart/?q=hulp&need=finances", "session"
    ),
    Endpoint(
        "socialmap_service",
        "social map service",
        "/sociale-kaart/aanbod/{pk}/",
        "session",
        rotation="services",
    ),
    Endpoint("api_socialmap_services", "API social map", "/api/v1/socialmap/services/", "token"),
    Endpoint(
        "api_referrals",
        "API referrals",
        "/api/v1/families/{pk}/referrals/",
        "token",
        rotation="referrals",
    ),
    # Issue 10: a family's financing view and kraamzorg calculator, the coalition's rules,
    # the same through the API, and a coordinator's business cases.
    Endpoint(
        "family_financing",
        "family financing",
        "/gezinnen/{pk}/financiering/",
        "session",
        rotation="referrals",
    ),
    Endpoint(
        "kraamzorg",
        "kraamzorg calculator",
        "/gezinnen/{pk}/financiering/kraamzorg/",
        "session",
        rotation="kraamzorg",
    ),
    Endpoint(
        "api_family_financing",
        "API family financing",
        "/api/v1/families/{pk}/financing/",
        "token",
        rotation="referrals",
    ),
    Endpoint("financing_rules", "financing rules", "/financiering/regels/", "session"),
    Endpoint("api_financing_rules", "API financing rules", "/api/v1/financing/rules/", "token"),
    Endpoint("business_cases", "business cases", "/businesscase/", "coordinator"),
    Endpoint(
        "business_case",
        "business case",
        "/businesscase/{pk}/",
        "coordinator",
        rotation="business_cases",
    ),
    # Issue 11: the coalition's monitoring dashboard and its API, as a coordinator.
    Endpoint("monitoring_dashboard", "monitoring dashboard", "/monitoring/", "coordinator"),
    Endpoint(
        "api_monitoring",
        "API monitoring",
        "/api/v1/monitoring/indicators/",
        "coordinator_token",
    ),
    # Issue 14: the family's own plan in the family portal, as a family member.
    Endpoint("portal_home", "portal plan", "/mijn/", "family"),
]


# At each concurrency the baseline is measured again after every this many endpoints, and an
# endpoint's throughput is stated as a ratio to the mean of the two baseline steps it lies
# between. The machine's speed moves by a tenth or more over the minutes one concurrency level
# takes: a ratio to a single baseline step at the start of the level moved with it (the family
# file's ratio at one client went from 23% to 34% between two runs of the same code, with the
# baseline at 186 and 144 requests per second; issue 5).
BASELINE_EVERY = 5

# The family rotations (`_rotations`), and how many candidates `pick_actor` tries to find a
# professional with families of each.
FAMILY_ROTATIONS = ("plan", "handovers", "assessments", "referrals", "kraamzorg")
ACTOR_TRIES = 25

STARTED = time.monotonic()


def log(message: str) -> None:
    # Seconds since the start: Django's setup changes the process's time zone midway.
    print(f"[bench {time.monotonic() - STARTED:7.1f}s] {message}", flush=True)


# --- Database -------------------------------------------------------------------------------


def postgres_url(args) -> str:
    url = urlsplit(args.postgres_url)
    name = args.database_name or url.path.lstrip("/") or f"kansrijk_bench_{args.scale}"
    return urlunsplit(url._replace(path=f"/{name}"))


def postgres_exists(url: str) -> bool:
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        row = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [parts.path.lstrip("/")]
        ).fetchone()
    return row is not None


def recreate_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(parts.path.lstrip("/"))
            )
        )


def configure_environment(database_url: str, static_root: Path) -> dict[str, str]:
    """Point this process and its children at the bench settings and database.

    The `KANSRIJK_` names win over the plain ones in `settings.base.env`, so both are set.
    """
    values = {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "KANSRIJK_DATABASE_URL": database_url,
        "BENCH_STATIC_ROOT": str(static_root),
        "KANSRIJK_BENCH_STATIC_ROOT": str(static_root),
        "PYTHONUNBUFFERED": "1",
    }
    os.environ.update(values)
    return dict(os.environ)


def manage(*arguments: str, env: dict[str, str]) -> None:
    command = [sys.executable, str(BASE_DIR / "manage.py"), *arguments]
    log(" ".join(["manage.py", *arguments]))
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)  # noqa: S603 (fixed argv: this Python and manage.py)


# Written into the reused database by the run that generated it, so that a later
# `--reuse-db` run can tell which data set it holds.
GENERATED_MARKER = "bench_generated"


def mark_generated(description: str, *, families: int, seed: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {GENERATED_MARKER} "
            "(families integer, seed integer, generated_with text, generated_at timestamptz)"
        )
        cursor.execute(f"DELETE FROM {GENERATED_MARKER}")  # noqa: S608 (a constant table name)
        cursor.execute(
            f"INSERT INTO {GENERATED_MARKER} VALUES (%s, %s, %s, now())",  # noqa: S608 (constant table, values as parameters)
            [families, seed, description],
        )


def generated_data_set(*, families: int, seed: int) -> str | None:
    """What an earlier run generated in this database, when it matches `families` and
    `seed` (None otherwise: the data set must be generated afresh)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [GENERATED_MARKER])
        if not cursor.fetchone()[0]:
            return None
        cursor.execute(
            f"SELECT families, seed, generated_with, generated_at FROM {GENERATED_MARKER}"  # noqa: S608 (constant table)
        )
        row = cursor.fetchone()
    if row is None or row[0] != families or row[1] != seed:
        return None
    if row[2] != generation_description(families, seed=seed):
        # Generated before an app added its synthetic rows (the plans and handovers of
        # issue 7, say): the new pages would be measured on empty tables.
        return None
    return f"{row[2]} (generated {row[3]:%Y-%m-%d %H:%M} UTC by an earlier run, reused)"


def generation_description(families: int, *, seed: int) -> str:
    """What `generate` writes into the marker: the command and the apps that add rows."""
    from kansrijk.families.synthetic import extensions

    codes = ", ".join(extension.code for extension in extensions())
    return f"generate_synthetic --families {families} --seed {seed} (rows of: {codes})"


def generate(families: int, *, seed: int, env: dict[str, str]) -> str:
    from django.core.management import get_commands

    if "generate_synthetic" in get_commands():
        manage("generate_synthetic", "--families", str(families), "--seed", str(seed), env=env)
        return generation_description(families, seed=seed)
    log("generate_synthetic does not exist yet: falling back to seed_demo (44 families)")
    manage("seed_demo", "--allow-production", env=env)
    return "seed_demo --allow-production (fallback: generate_synthetic not available)"


# --- The logged-in professional -------------------------------------------------------------


@dataclass
class Actor:
    username: str
    caseload: int
    caseload_in_range: bool
    family_pks: list[int]
    # `Endpoint.rotation` -> families (or meetings, services); missing: `family_pks`
    rotations: dict[str, list[int | str]]
    session_cookie: str
    token: str
    # A coordinator of the same coalition, for the coalition's own pages (business cases,
    # monitoring) and API.
    coordinator_cookie: str
    coordinator_token: str
    # A family member's portal session (`_family_session`).
    family_cookie: str
    professional_pk: int
    coalition_id: int


def pick_actor() -> Actor:
    """A professional with a realistic caseload, a 2FA session and an API token for them."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db.models import Count
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kansrijk.access.middleware import LAST_ACTIVITY_KEY
    from kansrijk.access.services import api_token_create
    from kansrijk.families.models import CareTeamMember
    from kansrijk.organisations.context import SESSION_KEY as COALITION_SESSION_KEY
    from kansrijk.organisations.models import Membership, Professional

    professionals = set(
        Membership.objects.current()
        .filter(is_professional=True, professional__is_active=True)
        .values_list("professional_id", flat=True)
    )
    caseloads = [
        (row["professional"], row["families"])
        for row in CareTeamMember.objects.current()
        .values("professional")
        .annotate(families=Count("family", distinct=True))
        if row["professional"] in professionals
    ]
    if not caseloads:
        raise SystemExit("no professional is on any care team: the data set is empty")
    low, high = CASELOAD
    in_range = [item for item in caseloads if low <= item[1] <= high]
    synthetic = set(
        Professional.objects.filter(
            pk__in=[pk for pk, _ in in_range], username__startswith="syn-"
        ).values_list("pk", flat=True)
    )
    candidates = [item for item in in_range if item[0] in synthetic] or in_range or caseloads
    # Closest to a typical caseload; the largest when none is in range (small data sets).
    if in_range:
        candidates.sort(key=lambda item: (abs(item[1] - TARGET_CASELOAD), item[0]))
    else:
        candidates.sort(key=lambda item: (-item[1], item[0]))
    # Of the closest few, the first whose families include some with a plan, a handover, a
    # screening and a referral: a page measured on families without them does less work
    # (and fewer queries) than it does in use.
    professional_pk, caseload = candidates[0]
    for pk, load in candidates[:ACTOR_TRIES]:
        coalition_id, _pks = _first_families(pk)
        if set(_rotations(pk, coalition_id)) >= set(FAMILY_ROTATIONS):
            professional_pk, caseload = pk, load
            break
    professional = Professional.objects.get(pk=professional_pk)
    if professional.must_change_password:
        # A temporary password sends every page to the password form.
        Professional.objects.filter(pk=professional.pk).update(must_change_password=False)
    coalition_id, family_pks = _first_families(professional.pk)
    rotations = _rotations(professional.pk, coalition_id)
    rotations["mdo"] = _mdo_meetings(professional, coalition_id)
    rotations["services"] = _map_services(coalition_id)

    rotations["business_cases"] = _business_cases(coalition_id)

    def session(user) -> str:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = user._meta.pk.value_to_string(user)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store[LAST_ACTIVITY_KEY] = int(time.time())
        store[COALITION_SESSION_KEY] = coalition_id
        store.create()
        return browser_cookies(store.session_key)

    coordinator = (
        Membership.objects.current()
        .filter(coalition_id=coalition_id, is_coordinator=True)
        .order_by("pk")
        .first()
    )
    if coordinator is None:
        raise SystemExit(f"coalition {coalition_id} has no coordinator to measure")
    Professional.objects.filter(pk=coordinator.professional_id).update(must_change_password=False)
    _token, key = api_token_create(professional=professional, name="Benchmark")
    _token, coordinator_key = api_token_create(
        professional=coordinator.professional, name="Benchmark"
    )
    return Actor(
        username=professional.username,
        caseload=caseload,
        caseload_in_range=low <= caseload <= high,
        family_pks=family_pks,
        rotations=rotations,
        session_cookie=session(professional),
        token=key,
        coordinator_cookie=session(coordinator.professional),
        coordinator_token=coordinator_key,
        family_cookie=_family_session(
            professional, (rotations.get("plan") or family_pks)[0], seconds=time.time()
        ),
        professional_pk=professional.pk,
        coalition_id=coalition_id,
    )


def _family_session(professional, family_pk: int, *, seconds: float) -> str:
    """A portal session of the family's client (or first member), as after the portal's
    login (`kansrijk.portal.session.login_account`), with a family account the professional
    invited (made here when the data set has none: the generator invites nobody)."""
    from importlib import import_module

    from django.conf import settings

    from kansrijk.families.models import Person, PersonRole
    from kansrijk.portal import session as portal_session
    from kansrijk.portal.models import FamilyAccount

    account = FamilyAccount.objects.active().filter(family_id=family_pk).order_by("pk").first()
    if account is None:
        people = Person.objects.filter(family_id=family_pk).select_related("family")
        person = people.filter(role=PersonRole.CLIENT).order_by("pk").first()
        person = person or people.order_by("pk").first()
        if person is None:
            raise SystemExit(f"family {family_pk} has nobody to log in to the family portal")
        account = FamilyAccount.objects.create(
            person=person,
            family_id=family_pk,
            coalition_id=person.family.coalition_id,
            email=f"bench-family-{family_pk}@example.invalid",
            invited_by=professional,
        )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[portal_session.ACCOUNT_KEY] = account.pk
    store[portal_session.STARTED_KEY] = int(seconds)
    store[portal_session.ACTIVITY_KEY] = int(seconds)
    store.set_expiry(settings.PORTAL_SESSION_MAX_MINUTES * 60)
    store.create()
    return browser_cookies(store.session_key)


def browser_cookies(session_key: str) -> str:
    """The `Cookie` header of a browser that is logged in: the session, and the CSRF cookie
    that the login form's page set. Without it, every page with a form would make a new CSRF
    secret (about 35 µs), which no browser's second request causes."""
    from django.conf import settings
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    csrf_secret = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return (
        f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={csrf_secret}"
    )


def _first_families(professional_pk: int) -> tuple[int, list[int]]:
    """The coalition of the professional's first family and their first `ROTATION` families
    in it."""
    from kansrijk.families.models import CareTeamMember

    teams = (
        CareTeamMember.objects.current()
        .filter(professional_id=professional_pk)
        .order_by("family_id")
        .values_list("family_id", "family__coalition_id")
        .distinct()
    )
    teams = list(teams[:ROTATION])
    coalition_id = teams[0][1]
    return coalition_id, [pk for pk, coalition in teams if coalition == coalition_id]


def _rotations(professional_pk: int, coalition_id: int) -> dict[str, list[int]]:
    """The first `ROTATION` of the professional's families in the coalition that have a
    family plan, a handover, a screening, a referral or a kraamzorg calculation
    (`Endpoint.rotation`); empty ones are left out. The API's screenings of a family without
    any are one query shorter (nothing to prefetch), so measuring them on families that have
    some keeps the count scale-free."""
    from django.db.models import Exists, OuterRef

    from kansrijk.care.models import CarePlan, Handover
    from kansrijk.families.models import CareTeamMember

    mine = (
        CareTeamMember.objects.current()
        .filter(professional_id=professional_pk, family__coalition_id=coalition_id)
        .order_by("family_id")
    )
    rotations = {}
    from kansrijk.financing.models import KraamzorgCalculation
    from kansrijk.signaling.models import Assessment
    from kansrijk.socialmap.models import Referral

    having_rows = dict(
        zip(
            FAMILY_ROTATIONS,
            (CarePlan, Handover, Assessment, Referral, KraamzorgCalculation),
            strict=True,
        )
    )
    for name, model in having_rows.items():
        having = model.objects.filter(family=OuterRef("family_id"))
        pks = list(
            dict.fromkeys(mine.filter(Exists(having)).values_list("family_id", flat=True)[:100])
        )[:ROTATION]
        if pks:
            rotations[name] = pks
    return rotations


def _business_cases(coalition_id: int) -> list[int]:
    """The coalition's business cases (the generator gives each coalition its example)."""
    from kansrijk.financing.models import BusinessCase

    cases = BusinessCase.objects.filter(coalition_id=coalition_id).order_by("pk")
    return list(cases.values_list("pk", flat=True)[:ROTATION])


def _map_services(coalition_id: int) -> list[str]:
    """The first `ROTATION` active services of the coalition's social map, by name."""
    from kansrijk.socialmap.models import Service, ServiceStatus

    services = Service.objects.filter(coalition_id=coalition_id, status=ServiceStatus.ACTIVE)
    return [str(pk) for pk in services.order_by("name").values_list("pk", flat=True)[:ROTATION]]


def _mdo_meetings(professional, coalition_id: int) -> list[int]:
    """The coalition's MDO meetings the professional takes part in, newest first (at most
    `ROTATION`). They join the latest published one as a member when they are not on it:
    the generated standing members are drawn without knowing whom the benchmark picks."""
    from kansrijk.mdo.models import MdoMeeting, MeetingParticipant, MeetingStatus
    from kansrijk.organisations.models import Membership

    meetings = MdoMeeting.objects.filter(series__coalition_id=coalition_id).order_by(
        "-starts_at", "-pk"
    )
    latest = meetings.filter(status=MeetingStatus.PUBLISHED).first()
    membership = (
        Membership.objects.current()
        .filter(professional=professional, coalition_id=coalition_id, is_professional=True)
        .order_by("pk")
        .first()
    )
    if latest is None or membership is None:
        raise SystemExit(f"coalition {coalition_id} has no published MDO meeting to measure")
    MeetingParticipant.objects.get_or_create(
        meeting=latest, professional=professional, defaults={"membership": membership}
    )
    mine = meetings.filter(participants__professional=professional)
    return list(mine.values_list("pk", flat=True)[:ROTATION])


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(*, port: int, workers: int, env: dict[str, str], logfile: Path):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "kansrijk.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    log(f"gunicorn with {workers} sync workers on 127.0.0.1:{port}")
    handle = logfile.open("wb")
    return subprocess.Popen(  # noqa: S603 (fixed argv: gunicorn of this venv)
        command, cwd=BASE_DIR, env=env, stdout=handle, stderr=subprocess.STDOUT
    ), handle


def wait_healthy(port: int, server, *, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped before it answered /healthz/")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/healthz/", headers={"Accept": "application/json"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.25)
    raise RuntimeError("gunicorn did not answer /healthz/ in time")


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The second field (the command) is in parentheses and may hold spaces.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def workers_rss(master: int) -> list[float]:
    values = []
    for pid in worker_pids(master):
        try:
            values.append(rss_mb(pid))
        except OSError:
            continue
    return values


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process so far (0.0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _database_pids(database_url: str | None) -> list[int]:
    """The PostgreSQL processes that work for the benchmark: the backends connected to its
    database and the server's own processes (WAL writer, checkpointer, ...), not the
    backends of other databases on a shared server. [] for SQLite."""
    if not database_url or not database_url.startswith("postgres"):
        return []
    import psycopg

    parts = urlsplit(database_url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
            "AND (datname = %s OR backend_type <> 'client backend')",
            [parts.path.lstrip("/")],
        ).fetchall()
    return [pid for (pid,) in rows]


def _machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


class CpuMeter:
    """Where the machine's CPU time went during one step: the gunicorn workers, the
    PostgreSQL processes of the benchmark's database, the load generator (which reports its
    own) and everything else (the driver, and other work on a shared machine)."""

    def __init__(self, master: int, database_url: str | None):
        self.master = master
        self.database_url = database_url

    @staticmethod
    def _sample(pids) -> dict[int, float]:
        return {pid: _cpu_seconds(pid) for pid in pids}

    @staticmethod
    def _spent(before: dict[int, float], after: dict[int, float]) -> float:
        # A process that appeared during the step (a new connection's backend) counts from
        # zero; one that ended is left out (its last figures are gone with it).
        return sum(value - before.get(pid, 0.0) for pid, value in after.items() if value)

    def __enter__(self):
        self.app_before = self._sample(worker_pids(self.master))
        self.database_before = self._sample(_database_pids(self.database_url))
        self.busy, self.total = _machine_cpu()
        return self

    def __exit__(self, *exc):
        busy, total = _machine_cpu()
        self.app = self._spent(self.app_before, self._sample(worker_pids(self.master)))
        self.database = self._spent(
            self.database_before, self._sample(_database_pids(self.database_url))
        )
        self.busy, self.total = busy - self.busy, total - self.total
        return False

    def per_request(self, step: dict) -> dict:
        done = max(1, step["requests"] + step["errors"])
        client = step.get("client_cpu_ms_per_request", 0.0)
        app = self.app * 1000 / done
        database = self.database * 1000 / done
        busy = self.busy * 1000 / done
        return {
            "app_ms": round(app, 2),
            "database_ms": round(database, 2),
            "client_ms": client,
            "other_ms": round(max(0.0, busy - app - database - client), 2),
            "machine_busy_share": round(self.busy / self.total, 3) if self.total else None,
        }


def stop(server) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


# --- Load -----------------------------------------------------------------------------------


def endpoint_paths(endpoint: Endpoint, actor: Actor) -> list[str]:
    if "{pk}" not in endpoint.path:
        return [endpoint.path]
    family_pks = actor.rotations.get(endpoint.rotation) or actor.family_pks
    return [endpoint.path.format(pk=pk) for pk in family_pks]


def auth_header(endpoint: Endpoint, actor: Actor) -> str:
    if endpoint.auth == "token":
        return f"Authorization: Token {actor.token}"
    if endpoint.auth == "coordinator":
        return f"Cookie: {actor.coordinator_cookie}"
    if endpoint.auth == "coordinator_token":
        return f"Authorization: Token {actor.coordinator_token}"
    if endpoint.auth == "family":
        return f"Cookie: {actor.family_cookie}"
    return f"Cookie: {actor.session_cookie}"


def load(
    *,
    port: int,
    paths: list[str],
    header: str,
    concurrency: int,
    requests: int,
    time_limit: float,
) -> dict:
    """One step, in its own process: the load generator must not share the driver's CPU time
    slices or GIL with anything that measures."""
    command = [sys.executable, "-m", "bench.load", "--port", str(port)]
    for path in paths:
        command += ["--path", path]
    command += [
        "--header",
        header,
        "--concurrency",
        str(concurrency),
        "--requests",
        str(requests),
        "--time-limit",
        str(time_limit),
    ]
    completed = subprocess.run(  # noqa: S603 (fixed argv: the bench load generator)
        command,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=time_limit + 120,
    )
    return json.loads(completed.stdout)


def typical_queries(counts: dict[str, int]) -> int | None:
    """The query count most requests made (the session write every 30 s adds one now and
    then); None when no request succeeded."""
    if not counts:
        return None
    return int(max(counts.items(), key=lambda item: (item[1], -int(item[0])))[0])


def measure(
    *, port: int, server, actor: Actor, scale: Scale, database_url: str | None = None
) -> dict:
    results: dict[str, dict] = {
        endpoint.name: {"label": endpoint.label, "path": endpoint.path, "concurrency": {}}
        for endpoint in ENDPOINTS
    }
    rss: dict[str, list[float]] = {endpoint.name: [] for endpoint in ENDPOINTS}

    log("warming up every worker on every endpoint")
    for endpoint in ENDPOINTS:
        warm = load(
            port=port,
            paths=endpoint_paths(endpoint, actor),
            header=auth_header(endpoint, actor),
            concurrency=scale.workers,
            requests=scale.workers * scale.warmup_per_worker,
            time_limit=30.0,
        )
        if warm["errors"]:
            raise RuntimeError(
                f"{endpoint.path} does not answer 200 to the benchmark's professional: "
                f"{warm['statuses']} {warm['failures']}"
            )

    def step_of(endpoint: Endpoint, concurrency: int, *, again: bool = False) -> dict:
        with CpuMeter(server.pid, database_url) as cpu:
            step = load(
                port=port,
                paths=endpoint_paths(endpoint, actor),
                header=auth_header(endpoint, actor),
                concurrency=concurrency,
                requests=scale.requests,
                time_limit=scale.time_limit,
            )
        step["cpu_per_request"] = cpu.per_request(step)
        rss[endpoint.name].append(max(workers_rss(server.pid), default=0.0))
        spent = step["cpu_per_request"]
        label = f"{endpoint.label} (again)" if again else endpoint.label
        log(
            f"{label:<15} c={concurrency:<3} {step['rps']:>8.1f} req/s  "
            f"p95 {step['p95_ms']:>8.1f} ms  errors {step['errors']}  CPU ms/request: "
            f"app {spent['app_ms']:.1f}, db {spent['database_ms']:.1f}, "
            f"client {spent['client_ms']:.1f}, other {spent['other_ms']:.1f}"
        )
        return step

    baseline, *others = ENDPOINTS
    for concurrency in scale.concurrency:
        level = str(concurrency)
        first = step_of(baseline, concurrency)
        results[baseline.name]["concurrency"][level] = first
        # The baseline's requests per second in each of its steps at this level, and for
        # each endpoint the two steps it lies between (`baseline_ratio` below).
        brackets = [first["rps"]]
        for index, endpoint in enumerate(others, start=1):
            step = step_of(endpoint, concurrency)
            step["baseline_bracket"] = len(brackets) - 1
            results[endpoint.name]["concurrency"][level] = step
            if index % BASELINE_EVERY == 0 or index == len(others):
                brackets.append(step_of(baseline, concurrency, again=True)["rps"])
        first["baseline_rps_steps"] = brackets

    for endpoint in ENDPOINTS:
        entry = results[endpoint.name]
        counts: dict[str, int] = {}
        for step in entry["concurrency"].values():
            for value, number in step["queries"].items():
                counts[value] = counts.get(value, 0) + number
        entry["queries"] = typical_queries(counts)
        entry["queries_seen"] = counts
        entry["worker_rss_mb"] = max(rss[endpoint.name], default=0.0)
        for level, step in entry["concurrency"].items():
            if endpoint is baseline:
                step["baseline_ratio"] = 1.0 if step["rps"] else None
                continue
            steps = results[baseline.name]["concurrency"][level]["baseline_rps_steps"]
            around = steps[step["baseline_bracket"] : step["baseline_bracket"] + 2]
            step["baseline_rps"] = round(statistics.mean(around), 1)
            step["baseline_ratio"] = (
                round(step["rps"] / step["baseline_rps"], 3) if step["baseline_rps"] else None
            )
    return results


def time_access_event(actor: Actor, calls: int) -> dict:
    """The cost of writing one access event, as the family file writes it, in-process.

    Measured here because switching the write off in the served app would need a setting in
    `kansrijk.access`; the call is the one `get_family_for_user` makes per page, with a
    request like the family file's: the professional's session, and the memberships in the
    coalition worked in already loaded (`request.active`, which the page reads before the
    access check for its coalition filter, and shows in its header). Each call commits on
    its own (autocommit, as in a request). The same call without a page request (as the API
    makes it: the membership is then looked up) is timed too, for comparison.
    """
    from importlib import import_module

    from django.conf import settings
    from django.db import connections
    from django.test import RequestFactory

    from kansrijk.access.models import AccessEvent
    from kansrijk.access.services import access_event_record
    from kansrijk.families.models import Family
    from kansrijk.organisations.context import resolve_active_coalition
    from kansrijk.organisations.models import Professional

    connections.close_all()
    user = Professional.objects.get(pk=actor.professional_pk)
    family = Family.objects.get(pk=actor.family_pks[0])
    request = RequestFactory().get(
        f"/gezinnen/{family.pk}/", REMOTE_ADDR="127.0.0.1", HTTP_USER_AGENT="bench.load"
    )
    request.user = user
    session_key = actor.session_cookie.split("=", 1)[1]
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    request.active = resolve_active_coalition(request)

    def timed(page_request) -> list[float]:
        durations = []
        for _ in range(calls):
            started = time.perf_counter()
            access_event_record(
                user=user,
                action=AccessEvent.Action.READ,
                family=family,
                ground="care_team",
                authorisation=True,
                treatment_relationship=True,
                consent=False,
                emergency=False,
                detail="Benchmark: kosten van één toegangsregel",
                request=page_request,
            )
            durations.append(time.perf_counter() - started)
        return sorted(durations)

    def p95(durations: list[float]) -> float:
        return round(durations[min(len(durations) - 1, int(len(durations) * 0.95))] * 1000, 3)

    durations = timed(request)
    without_page = timed(None)
    return {
        "method": (
            f"in-process: {calls} calls of kansrijk.access.services.access_event_record "
            "with a request like the family file's (autocommit, as in a request), "
            "compared with the family file's p95 at 1 client"
        ),
        "calls": calls,
        "mean_ms": round(statistics.fmean(durations) * 1000, 3),
        "p50_ms": round(durations[len(durations) // 2] * 1000, 3),
        "p95_ms": p95(durations),
        "without_page_request_p95_ms": p95(without_page),
    }


# --- Machine and output ---------------------------------------------------------------------


def machine_info(database: str) -> dict:
    from django.db import connection

    memory_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kb = int(line.split()[1])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        version = f"SQLite {sqlite3.sqlite_version}"
    import django
    import gunicorn

    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "database": database,
        "database_version": version,
    }


def print_table(run: dict) -> None:
    levels = [
        str(level) for level in SCALES[run["scale"]].concurrency if str(level) in run["levels"]
    ]
    print()
    print(
        f"kansrijk benchmark — {run['key']}: {run['families']} families requested, "
        f"{run['machine']['database_version']}, {run['workers']} gunicorn workers, "
        f"{run['machine']['cores']} cores"
    )
    print(
        f"professional {run['professional']['username']} with "
        f"{run['professional']['caseload']} families"
    )
    header = f"{'endpoint':<15} {'c':>3} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} "
    header += f"{'p99 ms':>8} {'queries':>7} {'RSS MB':>7} {'errors':>6}"
    print(header)
    print("-" * len(header))
    for name, entry in run["endpoints"].items():
        for level in levels:
            step = entry["concurrency"][level]
            ratio = step.get("baseline_ratio")
            print(
                f"{name:<15} {level:>3} {step['rps']:>8.1f} "
                f"{(f'{ratio:.2f}' if ratio is not None else '-'):>6} "
                f"{step['p50_ms']:>8.1f} {step['p95_ms']:>8.1f} {step['p99_ms']:>8.1f} "
                f"{entry['queries'] if entry['queries'] is not None else '-':>7} "
                f"{entry['worker_rss_mb']:>7.1f} {step['errors']:>6}"
            )
    access = run["access_log_write"]
    print(
        f"access-log write: {access['p95_ms']:.2f} ms p95 per event "
        f"({access['share_of_family_file_p95'] * 100:.1f}% of the family file's p95 at 1 client;"
        f" {access['without_page_request_p95_ms']:.2f} ms without a page request, as the API)"
    )
    print()


def merge_results(out: Path, run: dict) -> dict:
    data = {"runs": {}}
    if out.exists():
        try:
            data = json.loads(out.read_text())
        except json.JSONDecodeError:
            log(f"{out} was not valid JSON; starting it afresh")
        if not isinstance(data.get("runs"), dict):
            data = {"runs": {}}
    data["runs"][run["key"]] = run
    data["machine"] = run["machine"]
    data["targets"] = targets.describe()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n")
    return data


# --- Main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="The kansrijk performance benchmark."
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--families", type=int, help="override the scale's number of families")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workers", type=int, help="override the number of gunicorn workers")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="server and database for --db postgres; the database is dropped and created",
    )
    parser.add_argument("--database-name", help="another PostgreSQL database name")
    parser.add_argument(
        "--drop", action="store_true", help="drop the PostgreSQL database afterwards"
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help=(
            "PostgreSQL only: keep the database when an earlier run generated the same number "
            "of families with the same seed (it is still migrated); otherwise generate it. "
            "The access log of the rotated families keeps what earlier runs wrote."
        ),
    )
    return parser.parse_args(argv)


def _stop_on_sigterm(signum, frame) -> None:
    # Unwind through the `finally` blocks, which stop gunicorn and drop the database.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    base = SCALES[args.scale]
    scale = Scale(
        families=args.families or base.families,
        concurrency=base.concurrency,
        requests=base.requests,
        time_limit=base.time_limit,
        workers=args.workers or base.workers,
        access_event_calls=base.access_event_calls,
        warmup_per_worker=base.warmup_per_worker,
    )
    key = f"{args.scale}-{args.db}"
    started_at = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="kansrijk-bench-") as folder:
        folder = Path(folder)
        if args.db == "postgres":
            database_url = postgres_url(args)
            name = urlsplit(database_url).path.lstrip("/")
            if args.reuse_db and postgres_exists(database_url):
                log(f"reusing PostgreSQL database {name} if it holds this data set")
            else:
                log(f"recreating PostgreSQL database {name}")
                recreate_postgres(database_url)
        else:
            database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
        env = configure_environment(database_url, folder / "static")
        try:
            return _run(args, scale, key, started_at, folder, env)
        finally:
            if args.db == "postgres" and args.drop:
                from django.db import connections

                connections.close_all()
                drop_postgres(database_url)


def _run(args, scale: Scale, key: str, started_at, folder: Path, env) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    log(f"{key}: migrating")
    call_command("migrate", "--noinput", verbosity=0)
    reused = None
    if args.reuse_db and args.db == "postgres":
        reused = generated_data_set(families=scale.families, seed=args.seed)
        if reused is None:
            log("the database does not hold this data set: recreating it")
            connections.close_all()
            recreate_postgres(env["DATABASE_URL"])
            call_command("migrate", "--noinput", verbosity=0)
    if reused is None:
        generation_started = time.monotonic()
        generated_with = generate(scale.families, seed=args.seed, env=env)
        generation_s = round(time.monotonic() - generation_started, 1)
        if args.db == "postgres":
            mark_generated(generated_with, families=scale.families, seed=args.seed)
    else:
        log(f"data set: {reused}")
        generated_with, generation_s = reused, None
    call_command("collectstatic", "--noinput", verbosity=0)
    actor = pick_actor()
    log(
        f"professional {actor.username}: {actor.caseload} families"
        f"{'' if actor.caseload_in_range else ' (outside 100-300: small data set)'}"
    )
    # The monitoring figures the coordinator's dashboard needs, computed and kept as the
    # hourly sweep (`recompute_indicators`) does in production before anyone asks.
    warming_started = time.monotonic()
    call_command("recompute_indicators", "--now", "--coalition", str(actor.coalition_id))
    monitoring_warm_s = round(time.monotonic() - warming_started, 1)
    log(f"monitoring figures of the coalition computed in {monitoring_warm_s} s")
    from kansrijk.access.models import AccessEvent

    # Grows with every run over a reused database: the family pages log each read.
    events_at_start = AccessEvent.objects.filter(family_id__in=actor.family_pks).count()
    machine = machine_info(args.db)
    from django.conf import settings

    # DATABASE_CONN_MAX_AGE from the environment, with production's default (60 s: each
    # worker keeps its connection).
    conn_max_age = settings.DATABASES["default"]["CONN_MAX_AGE"]
    connections.close_all()

    port = free_port()
    server, handle = start_gunicorn(
        port=port, workers=scale.workers, env=env, logfile=folder / "gunicorn.log"
    )
    try:
        wait_healthy(port, server)
        endpoints = measure(
            port=port,
            server=server,
            actor=actor,
            scale=scale,
            database_url=env["DATABASE_URL"] if args.db == "postgres" else None,
        )
        final_rss = workers_rss(server.pid)
    except Exception:
        handle.flush()
        sys.stderr.write((folder / "gunicorn.log").read_text()[-5000:])
        raise
    finally:
        stop(server)
        handle.close()

    access = time_access_event(actor, scale.access_event_calls)
    family_file_p95 = endpoints["family_file"]["concurrency"]["1"]["p95_ms"]
    access["family_file_p95_ms_at_1"] = family_file_p95
    access["share_of_family_file_p95"] = (
        round(access["p95_ms"] / family_file_p95, 4) if family_file_p95 else None
    )
    run = {
        "key": key,
        "scale": args.scale,
        "database": args.db,
        "families": scale.families,
        "generated_with": generated_with,
        "generation_s": generation_s,
        "monitoring_warm_s": monitoring_warm_s,
        "reused_database": reused is not None,
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "workers": scale.workers,
        "worker_class": "sync",
        "conn_max_age": conn_max_age,
        "requests_per_step": scale.requests,
        "time_limit_per_step_s": scale.time_limit,
        "levels": [str(level) for level in scale.concurrency],
        "professional": {
            "username": actor.username,
            "caseload": actor.caseload,
            "caseload_in_range": actor.caseload_in_range,
            "families_rotated": len(actor.family_pks),
            "families_rotated_by_kind": {name: len(pks) for name, pks in actor.rotations.items()},
            "access_events_of_rotated_families_at_start": events_at_start,
        },
        "machine": machine,
        "worker_rss_mb": {"max": max(final_rss, default=0.0), "workers": final_rss},
        "endpoints": endpoints,
        "access_log_write": access,
    }
    data = merge_results(args.out, run)
    print_table(run)
    log(f"results written to {args.out}")
    checks = targets.evaluate(data, scale=args.scale)
    targets.print_checks(checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
