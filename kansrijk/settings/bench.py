"""Benchmark: production-like, served by gunicorn over plain HTTP on loopback.

Used only by `bench/run.py` (see the README's "Benchmarks"). Like production, DEBUG is off
and static files come from a collected manifest; unlike production there is no HTTPS (the
load generator talks plain HTTP to 127.0.0.1), the secret is a fixed test value, and every
response carries `X-Query-Count`, the number of SQL queries the request made. The URL
configuration is the project's plus the baseline view (`bench/urls.py`), so the baseline
never appears in `kansrijk/urls.py` or in the authorization matrix.
"""

from copy import deepcopy

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, MIDDLEWARE, TEMPLATES, env, env_int

DEBUG = False
SECRET_KEY = "bench-only-secret-key-never-used-anywhere-else-0123456789abcdef"  # noqa: S105 (benchmark only)
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.urls"

# Database connections kept open between requests, with the default of production
# (`settings.production`, which this module cannot import: it demands the real secrets).
DATABASES = deepcopy(DATABASES)
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)

SECURE_SSL_REDIRECT = False
# One session and one token send every request of a step: rate limits would answer 429.
RATE_LIMITS_ENABLED = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Outermost, so that the count includes the session, authentication and access-log queries
# of every other middleware.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]

TEMPLATES = deepcopy(TEMPLATES)
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

# The driver collects the static files (with their manifest) into its own temporary folder.
STATIC_ROOT = env("BENCH_STATIC_ROOT", str(BASE_DIR / "staticfiles"))
