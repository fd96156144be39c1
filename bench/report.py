"""The README's tables of latest figures, from a results file.

`python -m bench.report [--results bench/results.json] [--concurrency 10]` prints one
Markdown row per endpoint with, per run, the p95, the requests per second (and the ratio to
the baseline) and the SQL queries per request; then where the machine's CPU time went per
request (the app's workers, PostgreSQL, the load generator, everything else).
"""

import argparse
import json
import sys
from pathlib import Path


def _endpoint_names(runs: dict) -> list[str]:
    """Every endpoint of any run, in the order the runs list them: a run from before an
    endpoint was added to the benchmark shows "-" in its row."""
    names: dict[str, None] = {}
    for run in runs.values():
        names.update(dict.fromkeys(run["endpoints"]))
    return list(names)


def markdown(data: dict, *, concurrency: str = "10") -> str:
    runs = data.get("runs", {})
    keys = [key for key in ("small-sqlite", "small-postgres", "national-postgres") if key in runs]
    keys += [key for key in runs if key not in keys]
    lines = [
        "| endpoint | " + " | ".join(keys) + " |",
        "| --- | " + " | ".join("---" for _ in keys) + " |",
    ]
    for name in _endpoint_names(runs):
        cells = []
        for key in keys:
            entry = runs[key]["endpoints"].get(name)
            step = entry["concurrency"].get(concurrency) if entry else None
            if step is None:
                cells.append("-")
                continue
            cells.append(
                f"p95 {step['p95_ms']:.0f} ms, {step['rps']:.1f}/s "
                f"({step['baseline_ratio']:.2f}x baseline), {entry['queries']} q"
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    extra = []
    for key in keys:
        run = runs[key]
        access = run["access_log_write"]
        extra.append(
            f"- {key}: {run['families']:,} families, professional with "
            f"{run['professional']['caseload']} families; worker RSS at most "
            f"{max(e['worker_rss_mb'] for e in run['endpoints'].values()):.0f} MB; "
            f"access-log write p95 {access['p95_ms']:.1f} ms = "
            f"{access['share_of_family_file_p95']:.0%} of the family file's p95 at 1 client"
            + (
                f" ({access['without_page_request_p95_ms']:.1f} ms without a page request, "
                "as the API writes it)"
                if "without_page_request_p95_ms" in access
                else ""
            )
            + f"; measured {run['finished_at']}."
        )
    return "\n".join([*lines, "", *extra])


def cpu_markdown(data: dict, *, concurrency: str = "10") -> str:
    """CPU milliseconds per request at `concurrency`: app / database / load generator /
    other work on the machine, per endpoint and run."""
    runs = data.get("runs", {})
    keys = [key for key in ("small-sqlite", "small-postgres", "national-postgres") if key in runs]
    keys += [key for key in runs if key not in keys]
    lines = [
        "| CPU ms per request (app / db / client / other) | " + " | ".join(keys) + " |",
        "| --- | " + " | ".join("---" for _ in keys) + " |",
    ]
    for name in _endpoint_names(runs):
        cells = []
        for key in keys:
            entry = runs[key]["endpoints"].get(name) or {}
            step = entry.get("concurrency", {}).get(concurrency) or {}
            cpu = step.get("cpu_per_request")
            cells.append(
                f"{cpu['app_ms']:.1f} / {cpu['database_ms']:.1f} / {cpu['client_ms']:.1f} / "
                f"{cpu['other_ms']:.1f}"
                if cpu
                else "-"
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__)
    parser.add_argument("--results", type=Path, default=Path("bench/results.json"))
    parser.add_argument("--concurrency", default="10")
    args = parser.parse_args(argv)
    data = json.loads(args.results.read_text())
    print(markdown(data, concurrency=args.concurrency))
    print()
    print(cpu_markdown(data, concurrency=args.concurrency))
    return 0


if __name__ == "__main__":
    sys.exit(main())
