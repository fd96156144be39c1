"""Test suite: fast hashing, no manifest needed, predictable language."""

import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, STORAGES, os

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
ADMIN_ENABLED = True
# The federation tests serve documents from a web server on the loopback.
MONITORING_IMPORT_INTERNAL_HOSTS = ["127.0.0.1"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A test database in a file, not in shared-cache memory: there concurrent transactions
    # meet table locks that do not wait, so tests of two requests at once could not run.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"kansrijk-test-{os.getpid()}.sqlite3")
    }

# In parallel runs (pytest-xdist, `make test`) pytest-django gives each worker its own test
# database; a Redis cache (CACHE_URL) gets a Redis database per worker here, the numbers after
# CACHE_URL's: every test empties the cache (conftest.py), which empties the whole database.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    _parts = urlsplit(CACHES["default"]["LOCATION"])
    _database = int(_parts.path.strip("/") or 0) + int(_worker[2:])
    CACHES["default"]["LOCATION"] = urlunsplit(_parts._replace(path=f"/{_database}"))
