"""The load and concurrency test of issue 13: `python -m loadtest.run` (or `make loadtest`).

Nothing here is imported by the application or by the test suite's process: locust
patches the standard library with gevent, so it only ever runs as a subprocess.
"""
