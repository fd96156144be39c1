"""The load and concurrency test of issue 13: `python -m loadtest.run [--users 50] [--seconds 300]`.

One run, start to end (the benchmark's machinery, imported from `bench.run`):

1. the PostgreSQL database `kansrijk_loadtest`, dropped and created, migrated and filled by
   `generate_synthetic`; a professional with a realistic caseload, a session as after a
   two-factor login and an API token (`bench.run.pick_actor`); handovers proposed by that
   professional to colleagues, with the colleagues' API tokens;
2. gunicorn serving `kansrijk.settings.bench` on a free loopback port;
3. locust, headless, as a subprocess (`loadtest/locustfile.py`): N users for T seconds
   reading family files, recording screenings, accepting handovers (each one raced by two
   users) and editing a few plans at once with the version check;
   with `--restart-db`, PostgreSQL is restarted halfway (`pg_ctlcluster`); with
   `--kill-worker`, one gunicorn worker is killed (SIGKILL) halfway, in the middle of its
   requests, and gunicorn starts a new one;
4. the check: every write that got a 2xx is in the database exactly once (screenings by the
   marker in their answers, plan edits by the marker in the plan's version history,
   handovers accepted once by their receiver), every refused write (409, or 400 for a
   handover already decided) left nothing, and no request got a 5xx or no answer (503s
   are counted apart when the database was restarted on purpose, requests cut off when a
   worker was killed on purpose; a cut-off write is in the database whole or not at all);
5. a table on the terminal and the results as JSON (`--out`). Exit status 1 when a check
   fails. The database is dropped afterwards unless `--keep`.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.run import (
    DEFAULT_POSTGRES_URL,
    configure_environment,
    drop_postgres,
    free_port,
    generate,
    log,
    pick_actor,
    recreate_postgres,
    start_gunicorn,
    stop,
    wait_healthy,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_OUT = BASE_DIR / "loadtest" / "results.json"
DEFAULT_DATABASE = "kansrijk_loadtest"
# Plans edited at the same time: few, so that concurrent edits of one plan really happen.
PLANS = 3
HANDOVERS = 40


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m loadtest.run", description="kansrijk load and concurrency test."
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--families", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("LOADTEST_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="the PostgreSQL server (the database name is --database-name)",
    )
    parser.add_argument("--database-name", default=DEFAULT_DATABASE)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--restart-db",
        action="store_true",
        help=(
            "restart PostgreSQL halfway through the load (pg_ctlcluster); this breaks every "
            "other user of the server for a few seconds"
        ),
    )
    parser.add_argument("--pg-version", default="", help="cluster version for --restart-db")
    parser.add_argument(
        "--kill-worker",
        action="store_true",
        help="kill one gunicorn worker (SIGKILL) halfway through the load",
    )
    return parser.parse_args(argv)


def _database_url(args) -> str:
    parts = urlsplit(args.postgres_url)
    return urlunsplit(parts._replace(path=f"/{args.database_name}"))


def _handovers(actor) -> tuple[list[list[int]], dict[int, str]]:
    """Handovers the professional proposes to colleagues of the coalition who are not on
    the family's care team: (family, handover, version) and each receiver's API token."""
    from django.core.exceptions import ValidationError

    from kansrijk.access.services import api_token_create
    from kansrijk.care.services_handovers import handover_propose
    from kansrijk.families.models import CareTeamMember
    from kansrijk.organisations.models import Membership, Professional

    professional = Professional.objects.get(pk=actor.professional_pk)
    colleagues = list(
        Membership.objects.current()
        .filter(coalition_id=actor.coalition_id, is_professional=True)
        .exclude(professional_id=actor.professional_pk)
        .values_list("professional_id", flat=True)
        .distinct()[:50]
    )
    items, tokens = [], {}
    for family_pk in actor.family_pks:
        on_team = set(
            CareTeamMember.objects.current()
            .filter(family_id=family_pk)
            .values_list("professional_id", flat=True)
        )
        for colleague_pk in colleagues:
            if colleague_pk in on_team:
                continue
            receiver = Professional.objects.get(pk=colleague_pk)
            try:
                handover = handover_propose(
                    actor=professional,
                    family_pk=family_pk,
                    summary="Overdracht voor de belastingtest.",
                    to_professional=receiver,
                )
            except ValidationError:
                continue
            if colleague_pk not in tokens:
                Professional.objects.filter(pk=colleague_pk).update(must_change_password=False)
                tokens[colleague_pk] = api_token_create(professional=receiver, name="Load")[1]
            items.append([family_pk, handover.pk, handover.version, colleague_pk])
            break
        if len(items) >= HANDOVERS:
            break
    return items, tokens


def restart_postgres(version: str) -> dict:
    """Restart the local cluster; how long it took and whether it worked."""
    if not version:
        clusters = subprocess.run(
            ["pg_lsclusters", "--no-header"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        version = clusters[0]
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],  # noqa: S607
        capture_output=True,
        text=True,
    )
    return {
        "version": version,
        "seconds": round(time.monotonic() - started, 1),
        "returncode": done.returncode,
        "output": (done.stdout + done.stderr)[-500:],
    }


def gunicorn_workers(master_pid: int) -> list[int]:
    """The process ids of the gunicorn master's workers (Linux /proc)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def kill_worker(master_pid: int) -> dict:
    """SIGKILL one worker, as the kernel's OOM killer or a crash would."""
    workers = gunicorn_workers(master_pid)
    if not workers:
        return {"killed": None}
    os.kill(workers[0], signal.SIGKILL)
    return {"killed": workers[0], "workers_before": len(workers)}


def run_locust(
    args, *, port: int, config: Path, writes: Path, folder: Path, server_pid: int
) -> dict:
    env = dict(os.environ, LOADTEST_CONFIG=str(config), LOADTEST_LOG=str(writes))
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(BASE_DIR / "loadtest" / "locustfile.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(max(1, args.users // 5)),
        "--run-time",
        f"{args.seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(folder / "locust"),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    log(f"locust: {args.users} users for {args.seconds} s")
    locust = subprocess.Popen(  # noqa: S603 (fixed argv: locust of this venv)
        command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    timer_result: dict = {}

    def disrupt_halfway():
        if args.restart_db:
            timer_result["restart"] = restart_postgres(args.pg_version)
        if args.kill_worker:
            timer_result["kill"] = kill_worker(server_pid)

    timer = threading.Timer(args.seconds / 2, disrupt_halfway)
    if args.restart_db or args.kill_worker:
        timer.start()
    try:
        output, _ = locust.communicate(timeout=args.seconds + 120)
    except subprocess.TimeoutExpired:
        locust.terminate()
        output, _ = locust.communicate(timeout=30)
    if args.restart_db or args.kill_worker:
        timer.join()
    (folder / "locust.log").write_text(output)
    return {
        "returncode": locust.returncode,
        "restart": timer_result.get("restart"),
        "kill": timer_result.get("kill"),
        "output": output[-3000:],
    }


def read_stats(folder: Path) -> dict:
    """Per request name: requests, failures and latency from locust's CSV."""
    rows = {}
    with (folder / "locust_stats.csv").open() as handle:
        for row in csv.DictReader(handle):
            name = "total" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
            rows[name] = {
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
                "rps": round(float(row["Requests/s"] or 0), 1),
            }
    failures = []
    failure_file = folder / "locust_failures.csv"
    if failure_file.exists():
        with failure_file.open() as handle:
            failures = [
                {
                    "method": r["Method"],
                    "name": r["Name"],
                    "error": r["Error"],
                    "count": int(r["Occurrences"]),
                }
                for r in csv.DictReader(handle)
            ]
    return {"endpoints": rows, "failures": failures}


def check_writes(writes: Path, *, restarted: bool, killed: bool = False) -> dict:
    """Compare every write the load made with the database."""
    from kansrijk.care.models import Handover, HandoverStatus, PlanVersion
    from kansrijk.signaling.models import Assessment

    entries = [json.loads(line) for line in writes.read_text().splitlines() if line.strip()]
    statuses = {kind: Counter() for kind in ("assessment", "plan", "handover")}
    problems: list[str] = []
    for entry in entries:
        statuses[entry["kind"]][str(entry["status"])] += 1

    def ok(status):
        return 200 <= status < 300

    # Screenings: each marker of a 2xx exactly once; of a refusal, never.
    assessment_markers = [e for e in entries if e["kind"] == "assessment"]
    counts = Counter(
        Assessment.objects.filter(answers__reden__startswith="load-assessment-").values_list(
            "answers__reden", flat=True
        )
    )
    for entry in assessment_markers:
        found = counts.get(entry["marker"], 0)
        if ok(entry["status"]) and found != 1:
            problems.append(f"screening {entry['marker']}: 2xx but {found} rows")
        if 400 <= entry["status"] < 500 and found:
            problems.append(f"screening {entry['marker']}: refused but {found} rows")
        if found > 1:
            problems.append(f"screening {entry['marker']}: {found} rows")
    unknown = set(counts) - {e["marker"] for e in assessment_markers}
    # A write cut off by the restart or the kill may have committed without its answer
    # reaching locust: then it is there whole (the checks below), or not at all.
    unanswered = {e["marker"] for e in assessment_markers if e["status"] == 0 or e["status"] >= 500}
    if unknown - unanswered:
        problems.append(f"{len(unknown - unanswered)} screenings in the database nobody sent")

    # Plan edits: each 2xx marker exactly once in the version history; a 409, never.
    plan_entries = [e for e in entries if e["kind"] == "plan"]
    plan_counts = Counter(
        PlanVersion.objects.filter(snapshot__strengths__startswith="load-plan-").values_list(
            "snapshot__strengths", flat=True
        )
    )
    for entry in plan_entries:
        found = plan_counts.get(entry["marker"], 0)
        if ok(entry["status"]) and found != 1:
            problems.append(f"plan edit {entry['marker']}: 2xx but {found} versions")
        if entry["status"] == 409 and found:
            problems.append(f"plan edit {entry['marker']}: 409 but {found} versions")
        if found > 1:
            problems.append(f"plan edit {entry['marker']}: {found} versions")
    # The versions of each plan are consecutive: no edit overwrote another unseen.
    per_plan = defaultdict(list)
    for plan_id, version in PlanVersion.objects.values_list("plan_id", "version"):
        per_plan[plan_id].append(version)
    for plan_id, versions in per_plan.items():
        if sorted(versions) != list(range(min(versions), min(versions) + len(versions))):
            problems.append(f"plan {plan_id}: versions not consecutive")

    # Handovers: raced by two users each; exactly one 2xx per accepted handover.
    accepted = defaultdict(int)
    for entry in entries:
        if entry["kind"] == "handover" and ok(entry["status"]):
            accepted[int(entry["marker"])] += 1
    tried = {int(e["marker"]) for e in entries if e["kind"] == "handover"}
    stored = dict(Handover.objects.filter(pk__in=tried).values_list("pk", "status"))
    for pk in tried:
        if accepted[pk] > 1:
            problems.append(f"handover {pk}: accepted {accepted[pk]} times")
        if accepted[pk] == 1 and stored.get(pk) != HandoverStatus.ACCEPTED:
            problems.append(f"handover {pk}: 2xx but status {stored.get(pk)}")
    errors = sum(
        1
        for e in entries
        if (e["status"] == 0 and not killed) or (e["status"] >= 500 and not restarted)
    )
    return {
        "writes": len(entries),
        "statuses": {kind: dict(counter) for kind, counter in statuses.items()},
        "screenings_stored": sum(counts.values()),
        "plan_versions_from_load": sum(plan_counts.values()),
        "plan_conflicts_409": statuses["plan"].get("409", 0),
        "handovers_tried": len(tried),
        "handovers_accepted_once": sum(1 for pk in tried if accepted[pk] == 1),
        "unanswered_writes": len(unanswered),
        "write_errors": errors,
        "problems": problems[:50],
        "exactly_once": not problems,
    }


def _cut_off(error: str) -> bool:
    """Whether locust's error text is a connection the server dropped without an answer."""
    return "no answer: " in error


def print_table(result: dict) -> None:
    print()
    print(
        f"kansrijk load test: {result['users']} users for {result['seconds']} s, "
        f"{result['families']} families, {result['workers']} gunicorn workers"
    )
    print(f"{'request':<48} {'reqs':>7} {'fail':>5} {'rps':>6} {'p50':>6} {'p95':>6} {'p99':>6}")
    for name, row in result["endpoints"].items():
        print(
            f"{name[:48]:<48} {row['requests']:>7} {row['failures']:>5} "
            f"{row['rps']:>6} {row['p50_ms']:>6.0f} {row['p95_ms']:>6.0f} {row['p99_ms']:>6.0f}"
        )
    check = result["check"]
    print()
    print(f"writes: {check['writes']}  statuses: {check['statuses']}")
    print(
        f"plan conflicts (409): {check['plan_conflicts_409']}  "
        f"handovers accepted exactly once: {check['handovers_accepted_once']}"
        f"/{check['handovers_tried']}"
    )
    print(f"errors (5xx or no answer): {result['errors']}  503s: {result['status_503']}")
    if result["kill_worker"]:
        print(f"worker killed: {result['kill_worker']}  requests cut off: {result['cut_off']}")
    print(f"exactly once: {'yes' if check['exactly_once'] else 'NO'}")
    for problem in check["problems"]:
        print(f"  - {problem}")


def _stop_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    database_url = _database_url(args)
    started_at = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="kansrijk-load-") as folder:
        folder = Path(folder)
        log(f"recreating PostgreSQL database {args.database_name}")
        recreate_postgres(database_url)
        env = configure_environment(database_url, folder / "static")
        try:
            return _run(args, env, folder, started_at)
        finally:
            if not args.keep:
                from django.db import connections

                connections.close_all()
                drop_postgres(database_url)


def _run(args, env, folder: Path, started_at) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", "--noinput", verbosity=0)
    generate(args.families, seed=args.seed, env=env)
    call_command("collectstatic", "--noinput", verbosity=0)
    actor = pick_actor()
    handovers, tokens = _handovers(actor)
    log(f"professional {actor.username}: {actor.caseload} families, {len(handovers)} handovers")
    plans = (actor.rotations.get("plan") or [])[:PLANS]
    config = folder / "config.json"
    config.write_text(
        json.dumps(
            {
                "token": actor.token,
                "cookie": actor.session_cookie,
                "families": actor.family_pks,
                "plans": plans,
                # The receiver's token goes with each handover.
                "handovers": [[f, h, v, tokens[c]] for f, h, v, c in handovers],
            }
        )
    )
    connections.close_all()
    writes = folder / "writes.jsonl"
    writes.touch()
    port = free_port()
    server, handle = start_gunicorn(
        port=port, workers=args.workers, env=env, logfile=folder / "gunicorn.log"
    )
    try:
        wait_healthy(port, server)
        locust = run_locust(
            args, port=port, config=config, writes=writes, folder=folder, server_pid=server.pid
        )
    finally:
        stop(server)
        handle.close()
    stats = read_stats(folder)
    check = check_writes(writes, restarted=args.restart_db, killed=args.kill_worker)
    entries = [json.loads(line) for line in writes.read_text().splitlines() if line.strip()]
    status_503 = sum(1 for e in entries if e["status"] == 503) + sum(
        f["count"] for f in stats["failures"] if "503" in f["error"]
    )

    # Every failure locust counted (5xx, no answer, an unexpected status), except the 503s
    # of a deliberate restart and the requests cut off by a deliberate kill.
    def excused(failure) -> bool:
        if args.restart_db and "503" in failure["error"]:
            return True
        return args.kill_worker and _cut_off(failure["error"])

    cut_off = sum(f["count"] for f in stats["failures"] if _cut_off(f["error"]))
    failures = sum(f["count"] for f in stats["failures"] if not excused(f))
    result = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "users": args.users,
        "seconds": args.seconds,
        "families": args.families,
        "workers": args.workers,
        "settings": "kansrijk.settings.bench",
        "professional_caseload": actor.caseload,
        "plans_edited_concurrently": len(plans),
        "restart_db": locust["restart"],
        "kill_worker": locust["kill"],
        "cut_off": cut_off,
        "locust_returncode": locust["returncode"],
        "endpoints": stats["endpoints"],
        "failures": stats["failures"],
        "errors": failures + check["write_errors"],
        "status_503": status_503,
        "check": check,
        "passed": check["exactly_once"] and failures + check["write_errors"] == 0,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print_table(result)
    log(f"results written to {args.out}")
    if locust["returncode"] != 0 and not stats["endpoints"]:
        print(locust["output"], file=sys.stderr)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
