"""The suite in parallel worker processes (pytest-xdist): `make test` runs
`pytest -n auto --dist loadfile`.

Each worker has its own test database (pytest-django adds the worker's name, e.g. `_gw0`),
its own live server on a free port, its own browser and its own local-memory cache. Tests are
handed out a file at a time, so that a module's fixtures (the demo data) are built once; the
files that take minutes first.

Two CPU-hungry tests at once on two cores make their timeouts flaky: the browser tests
(Chromium and a live server) and the runs that start gunicorn with a load generator. So they
take turns: a worker that is to run one waits until no other worker runs one (a lock on a
file the run shares), while the other tests go on beside them.
"""

import fcntl
import os
import tempfile
from pathlib import Path

import pytest
from xdist.scheduler import LoadFileScheduling

# Tests that are not browser tests but start a web server and a load generator of their own.
ONE_AT_A_TIME_MODULES = {
    "kansrijk/tests/test_benchmark_runs.py",
    "kansrijk/tests/test_loadtest_runs.py",
}
# A test that uses one of these fixtures drives a browser or a live server.
ONE_AT_A_TIME_FIXTURES = {"page", "browser", "live_server"}
# Files that take minutes: handed out first (xdist starts with the files with the most tests),
# so that no worker is left alone with one at the end.
SLOW_MODULES = [
    "kansrijk/tests/test_contract_api.py",
    "kansrijk/tests/test_benchmark_runs.py",
    "kansrijk/tests/test_loadtest_runs.py",
    "kansrijk/tests/test_idor.py",
]
LOCK_FILE = pytest.StashKey[Path]()
WORKER_INPUT = "kansrijk_one_at_a_time_lock"


def one_at_a_time(item: pytest.Item) -> bool:
    return (
        item.get_closest_marker("browser") is not None
        or bool(ONE_AT_A_TIME_FIXTURES & set(getattr(item, "fixturenames", ())))
        or item.nodeid.split("::", 1)[0] in ONE_AT_A_TIME_MODULES
    )


class SlowFilesFirst(LoadFileScheduling):
    """--dist loadfile, with the files of SLOW_MODULES at the head of the queue."""

    def _assign_work_unit(self, node) -> None:
        # xdist's own queue (an OrderedDict: file -> its tests) is complete when the first file
        # is handed out. Should a later xdist keep it otherwise, the order is simply xdist's.
        queue = getattr(self, "workqueue", None)
        if not getattr(self, "_slow_first", False) and hasattr(queue, "move_to_end"):
            self._slow_first = True
            for scope in reversed(SLOW_MODULES):
                if scope in queue:
                    queue.move_to_end(scope, last=False)
        super()._assign_work_unit(node)


@pytest.hookimpl(optionalhook=True)  # optional: without xdist (`-p no:xdist`) it never runs
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getoption("dist") == "loadfile":
        return SlowFilesFirst(config, log)
    return None


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """On the controller, for each worker it starts: the lock file of this run."""
    config = node.config
    if LOCK_FILE not in config.stash:
        handle, name = tempfile.mkstemp(prefix="kansrijk-tests-", suffix=".lock")
        os.close(handle)
        config.stash[LOCK_FILE] = Path(name)
    node.workerinput[WORKER_INPUT] = str(config.stash[LOCK_FILE])


def pytest_unconfigure(config: pytest.Config) -> None:
    if LOCK_FILE in config.stash:
        config.stash[LOCK_FILE].unlink(missing_ok=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    """In a worker: a test that takes turns holds the lock from its setup to its teardown."""
    lock = getattr(item.config, "workerinput", {}).get(WORKER_INPUT)
    if lock is None or not one_at_a_time(item):
        return (yield)
    with open(lock, "a") as handle:  # closing it releases the lock
        fcntl.flock(handle, fcntl.LOCK_EX)
        return (yield)
