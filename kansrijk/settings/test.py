"""Test suite: fast hashing, no manifest needed, predictable language."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, os

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
