"""Production: secrets from the environment, HTTPS only.

Required: KANSRIJK_SECRET_KEY, KANSRIJK_ALLOWED_HOSTS, DATABASE_URL.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, env_bool, env_int

if SECRET_KEY.startswith("insecure-") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "KANSRIJK_SECRET_KEY must be set to a random value of 50+ characters."
    )

if not env("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "KANSRIJK_ALLOWED_HOSTS must name the host names kansrijk is served on, e.g. "
        "kansrijk.example.nl."
    )

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
