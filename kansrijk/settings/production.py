"""Production: secrets from the environment, HTTPS only.

Required: KANSRIJK_SECRET_KEY, KANSRIJK_ALLOWED_HOSTS, KANSRIJK_MONITORING_SIGNING_KEY,
DATABASE_URL.
"""

from copy import deepcopy

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, SECRET_KEY, env, env_bool, env_int

if SECRET_KEY.startswith("insecure-") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "KANSRIJK_SECRET_KEY must be set to a random value of 50+ characters."
    )

if not env("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "KANSRIJK_ALLOWED_HOSTS must name the host names kansrijk is served on, e.g. "
        "kansrijk.example.nl."
    )

if not env("MONITORING_SIGNING_KEY"):
    raise ImproperlyConfigured(
        "KANSRIJK_MONITORING_SIGNING_KEY must be set (base64 of 32 random bytes): the key the "
        "regions trust this installation's monitoring documents by."
    )

DEBUG = False

# E-mail (the daily reminders) through an SMTP server, unless another backend is named.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
SITE_URL = env("SITE_URL", f"https://{ALLOWED_HOSTS[0]}")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Keep each worker's database connection open between requests. A new connection costs
# PostgreSQL a new backend process whose catalogue caches start cold: the first query on the
# partitioned access log alone then spends tens of milliseconds planning (benchmark, issue
# 5). The base settings check a kept connection before a request reuses it.
DATABASES = deepcopy(DATABASES)
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
