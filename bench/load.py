"""A bounded load generator for the benchmark, run as its own process.

`python -m bench.load --port P --path /a/ [--path /b/ ...] --concurrency C --requests N
--time-limit S [--header "Name: value"]` sends at most N GET requests, from C threads, to
127.0.0.1:P, cycling through the paths, and stops after S seconds whatever is left. It
prints one JSON object: requests done, errors by status, requests per second, latency
percentiles and the `X-Query-Count` values seen. Only loopback addresses are accepted.
"""

import argparse
import ipaddress
import itertools
import json
import math
import resource
import socket
import sys
import threading
import time
from collections import Counter

QUERY_HEADER = "X-Query-Count"
QUERY_HEADER_BYTES = QUERY_HEADER.lower().encode()


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list (0.0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), math.ceil(fraction * len(sorted_values))))
    return sorted_values[rank - 1]


def _loopback(host: str) -> str:
    if host == "localhost":
        return "127.0.0.1"
    if not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"bench.load only sends traffic to loopback addresses, not {host}")
    return host


def _request_bytes(host: str, port: int, path: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines += ["Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1")


def _fetch(host: str, port: int, request: bytes, timeout: float) -> tuple[int, int | None]:
    """Send one request, read the response to the end (the server closes the connection),
    and return its status and `X-Query-Count`. A response that cannot be parsed raises
    `ValueError`."""
    with socket.create_connection((host, port), timeout=timeout) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    head = b"".join(chunks).split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    status_line = head[0].split(b" ", 2)
    if len(status_line) < 2 or not status_line[0].startswith(b"HTTP/"):
        raise ValueError("no HTTP status line")
    count = None
    for line in head[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == QUERY_HEADER_BYTES:
            count = int(value.strip())
    return int(status_line[1]), count


def run(
    *,
    host: str,
    port: int,
    paths: list[str],
    headers: dict[str, str],
    concurrency: int,
    requests: int,
    time_limit: float,
    timeout: float = 30.0,
) -> dict:
    host = _loopback(host)
    lock = threading.Lock()
    next_path = itertools.cycle(paths)
    issued = 0
    latencies: list[float] = []
    statuses: Counter = Counter()
    queries: Counter = Counter()
    failures: Counter = Counter()
    deadline = time.monotonic() + time_limit

    def take() -> str | None:
        nonlocal issued
        with lock:
            if issued >= requests or time.monotonic() >= deadline:
                return None
            issued += 1
            return next(next_path)

    # Each request as the bytes to send, made once: the client shares the machine's cores
    # with the server, so per request it only connects, sends, reads to the end and parses
    # the status line and one header.
    wire = {path: _request_bytes(host, port, path, headers) for path in paths}

    def worker() -> None:
        while (path := take()) is not None:
            # A new connection per request: gunicorn's sync workers close it after each
            # response anyway, and every client pays the same.
            started = time.perf_counter()
            try:
                status, count = _fetch(host, port, wire[path], timeout)
                elapsed = time.perf_counter() - started
            except (OSError, ValueError) as error:
                with lock:
                    failures[type(error).__name__] += 1
                continue
            with lock:
                statuses[status] += 1
                if status == 200:
                    latencies.append(elapsed)
                    if count is not None:
                        queries[count] += 1

    started = time.perf_counter()
    cpu_started = resource.getrusage(resource.RUSAGE_SELF)
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(time_limit + timeout + 5)
    elapsed = time.perf_counter() - started
    cpu_ended = resource.getrusage(resource.RUSAGE_SELF)
    # The load generator shares the machine with the server: its own CPU time is reported,
    # so a result can be checked for a client that took the server's cores.
    client_cpu = (cpu_ended.ru_utime - cpu_started.ru_utime) + (
        cpu_ended.ru_stime - cpu_started.ru_stime
    )

    latencies.sort()
    ok = len(latencies)
    return {
        "concurrency": concurrency,
        "requests": ok,
        "errors": sum(statuses.values()) - ok + sum(failures.values()),
        "statuses": {str(status): n for status, n in sorted(statuses.items())},
        "failures": dict(failures),
        "elapsed_s": round(elapsed, 3),
        "rps": round(ok / elapsed, 2) if elapsed > 0 else 0.0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "max_ms": round((latencies[-1] if latencies else 0.0) * 1000, 2),
        "queries": {str(n): c for n, c in sorted(queries.items())},
        "client_cpu_ms_per_request": round(client_cpu * 1000 / max(1, issued), 3),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", action="append", required=True, dest="paths")
    parser.add_argument("--header", action="append", default=[], dest="headers")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args(argv)
    if args.concurrency < 1 or args.requests < 1 or args.time_limit <= 0:
        parser.error("concurrency, requests and time limit must be positive")
    headers = dict(header.split(": ", 1) for header in args.headers)
    result = run(
        host=args.host,
        port=args.port,
        paths=args.paths,
        headers=headers,
        concurrency=args.concurrency,
        requests=args.requests,
        time_limit=args.time_limit,
    )
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
