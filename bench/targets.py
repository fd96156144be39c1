"""The hard targets of issue 5, checked against a results file.

`python -m bench.targets [--results bench/results.json] [--scale small|national]` prints
PASS, FAIL or SKIP per target and exits 1 when any target failed. The issue states the
targets for national scale on PostgreSQL; they are checked for every run in the file (a
small data set that misses them will not meet them at national scale either), and the two
that compare scales when both scales of one database are in the file.

The limits are the issue's; they are never relaxed here. A missed target is a finding to
fix in the application, not in this file.
"""

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

KEY_ENDPOINTS = [
    "families_list",
    "family_file",
    "access_report",
    "api_list",
    "api_detail",
    "signaling",
    "api_assessments",
    # Issue 7: the work queue, my tasks, a family's handovers and plan, and their API.
    "worklist",
    "my_tasks",
    "handovers",
    "plan",
    "api_handovers",
    "api_plan",
    # Issue 8: an MDO meeting's agenda and the same through the API.
    "mdo_agenda",
    "api_mdo_meeting",
    # Issue 9: the social map's search and service page, its API, and a family's referrals.
    "socialmap_search",
    "socialmap_service",
    "api_socialmap_services",
    "api_referrals",
    # Issue 10: a family's financing view and kraamzorg calculator, the rules, their API,
    # and the business cases.
    "family_financing",
    "kraamzorg",
    "api_family_financing",
    "financing_rules",
    "api_financing_rules",
    "business_cases",
    "business_case",
    # Issue 11: the monitoring dashboard and its API.
    "monitoring_dashboard",
    "api_monitoring",
    # Issue 14: the family's own plan in the family portal.
    "portal_home",
]
P95_CONCURRENCY = "10"
P95_LIMIT_MS = 150.0
FAMILY_FILE_MIN_BASELINE_RATIO = 0.30
WORKER_RSS_LIMIT_MB = 300.0
ACCESS_LOG_MAX_SHARE = 0.10
NATIONAL_P95_MAX_FACTOR = 1.5


def describe() -> dict:
    return {
        "p95_ms_at_10_clients_max": P95_LIMIT_MS,
        "family_file_min_baseline_ratio": FAMILY_FILE_MIN_BASELINE_RATIO,
        "worker_rss_mb_max": WORKER_RSS_LIMIT_MB,
        "access_log_write_max_share_of_family_file_p95": ACCESS_LOG_MAX_SHARE,
        "national_p95_max_factor_of_small": NATIONAL_P95_MAX_FACTOR,
        "queries": "the same per endpoint at small and national scale",
        "endpoints": KEY_ENDPOINTS,
    }


@dataclass
class Check:
    run: str
    target: str
    status: str  # PASS, FAIL or SKIP
    measured: str


def _status(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _run_checks(key: str, run: dict) -> list[Check]:
    checks = []
    endpoints = run["endpoints"]
    errors = sum(
        step["errors"] for entry in endpoints.values() for step in entry["concurrency"].values()
    )
    checks.append(
        Check(key, "every request answered 200", _status(errors == 0), f"{errors} errors")
    )
    for name in KEY_ENDPOINTS:
        target = f"{name}: p95 at {P95_CONCURRENCY} clients <= {P95_LIMIT_MS:g} ms"
        if name not in endpoints:
            # A run from before the endpoint was added to the benchmark.
            checks.append(Check(key, target, "SKIP", "not measured in this run"))
            continue
        step = endpoints[name]["concurrency"].get(P95_CONCURRENCY)
        if step is None:
            checks.append(Check(key, target, "SKIP", "10 clients not measured"))
        else:
            ok = step["p95_ms"] <= P95_LIMIT_MS
            checks.append(Check(key, target, _status(ok), f"{step['p95_ms']:.1f} ms"))
    ratios = {
        level: step.get("baseline_ratio")
        for level, step in endpoints["family_file"]["concurrency"].items()
    }
    worst = min((r for r in ratios.values() if r is not None), default=None)
    checks.append(
        Check(
            key,
            f"family_file: throughput >= {FAMILY_FILE_MIN_BASELINE_RATIO:.0%} of baseline "
            "at every concurrency",
            "SKIP" if worst is None else _status(worst >= FAMILY_FILE_MIN_BASELINE_RATIO),
            ", ".join(f"{ratio:.0%} at {level}" for level, ratio in ratios.items() if ratio),
        )
    )
    rss = max(entry["worker_rss_mb"] for entry in endpoints.values())
    checks.append(
        Check(
            key,
            f"worker RSS <= {WORKER_RSS_LIMIT_MB:g} MB",
            _status(rss <= WORKER_RSS_LIMIT_MB),
            f"{rss:.1f} MB",
        )
    )
    share = run["access_log_write"].get("share_of_family_file_p95")
    checks.append(
        Check(
            key,
            f"access-log write adds <= {ACCESS_LOG_MAX_SHARE:.0%} to the family file's p95",
            "SKIP" if share is None else _status(share <= ACCESS_LOG_MAX_SHARE),
            "-" if share is None else f"{share:.1%} (in-process, vs p95 at 1 client)",
        )
    )
    return checks


def _scale_checks(database: str, small: dict, national: dict) -> list[Check]:
    key = f"national vs small ({database})"
    checks = []
    measured = [
        name
        for name in KEY_ENDPOINTS
        if name in small["endpoints"] and name in national["endpoints"]
    ]
    for name in KEY_ENDPOINTS:
        if name not in measured:
            checks.append(
                Check(key, f"{name}: compared between scales", "SKIP", "not in both runs")
            )
    for name in ["baseline", *measured]:
        before = small["endpoints"][name]["queries"]
        after = national["endpoints"][name]["queries"]
        checks.append(
            Check(
                key,
                f"{name}: SQL queries independent of scale",
                _status(before == after and before is not None),
                f"{before} small, {after} national",
            )
        )
    for name in measured:
        before = small["endpoints"][name]["concurrency"].get(P95_CONCURRENCY)
        after = national["endpoints"][name]["concurrency"].get(P95_CONCURRENCY)
        target = f"{name}: national p95 <= {NATIONAL_P95_MAX_FACTOR:g}x small p95 (10 clients)"
        if not before or not after or not before["p95_ms"]:
            checks.append(Check(key, target, "SKIP", "not measured at 10 clients"))
            continue
        factor = after["p95_ms"] / before["p95_ms"]
        checks.append(
            Check(
                key,
                target,
                _status(factor <= NATIONAL_P95_MAX_FACTOR),
                f"{factor:.2f}x ({before['p95_ms']:.1f} -> {after['p95_ms']:.1f} ms)",
            )
        )
    return checks


def evaluate(data: dict, *, scale: str | None = None) -> list[Check]:
    """Checks of every run of `scale` (all when None), then the cross-scale ones.

    The cross-scale checks belong to the national scale: they run when `scale` is None or
    "national" and both scales of one database are in the file.
    """
    runs = data.get("runs", {})
    checks = []
    for key, run in runs.items():
        if scale is None or run["scale"] == scale:
            checks += _run_checks(key, run)
    if scale in (None, "national"):
        for database in ("postgres", "sqlite"):
            small, national = runs.get(f"small-{database}"), runs.get(f"national-{database}")
            if small and national:
                checks += _scale_checks(database, small, national)
            elif national:
                checks.append(
                    Check(
                        f"national vs small ({database})",
                        "queries and p95 compared between scales",
                        "SKIP",
                        f"no small-{database} run in the file",
                    )
                )
    return checks


def print_checks(checks: list[Check]) -> None:
    print("Targets of issue 5:")
    for check in checks:
        print(f"  {check.status:<4}  {check.run:<28} {check.target:<72} {check.measured}")
    failed = sum(check.status == "FAIL" for check in checks)
    print(f"{len(checks) - failed} of {len(checks)} targets not failed, {failed} failed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.targets", description=__doc__)
    parser.add_argument("--results", type=Path, default=Path("bench/results.json"))
    parser.add_argument("--scale", choices=["tiny", "small", "national"])
    args = parser.parse_args(argv)
    if not args.results.exists():
        print(f"{args.results} does not exist: run the benchmark first", file=sys.stderr)
        return 2
    checks = evaluate(json.loads(args.results.read_text()), scale=args.scale)
    print_checks(checks)
    return 1 if any(check.status == "FAIL" for check in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
