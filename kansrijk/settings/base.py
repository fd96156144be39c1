"""Base settings for kansrijk, driven by environment variables.

Every setting an operator may change is read here from the environment; the overlays
(`dev`, `test`, `production`) only change what differs per environment. The README lists
every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"KANSRIJK_{name}", os.environ.get(name, default))


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return default if value in (None, "") else int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


def caches_from_url(url: str) -> dict:
    """The CACHES setting for `CACHE_URL`: empty keeps a cache per process (Django's local
    memory cache); `redis://…` (or `rediss://…`) a Redis cache that every web process shares,
    so that rate limits and cached dashboards hold across workers. A Redis outage makes the
    cache miss instead of failing the request."""
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not url.startswith(("redis://", "rediss://")):
        raise ValueError(f"CACHE_URL must start with redis:// or rediss://, not {url!r}")
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "kansrijk",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me-for-any-real-use")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "kansrijk.core.apps.KansrijkStaticFilesConfig",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    # Swagger UI's own files, served from our static files (the CSP allows no CDN).
    "drf_spectacular_sidecar",
    "health_check",
    "kansrijk.core",
    "kansrijk.organisations",
    "kansrijk.access",
    "kansrijk.families",
    "kansrijk.care",
    "kansrijk.signaling",
    "kansrijk.socialmap",
    "kansrijk.mdo",
    "kansrijk.financing",
    "kansrijk.worklist",
    "kansrijk.monitoring",
    "kansrijk.landscape",
    "kansrijk.interop",
    "kansrijk.portal",
    # Background work (reminders): the backport of Django 6's tasks framework and its
    # database backend; `manage.py db_worker` runs what was enqueued.
    "django_tasks",
    "django_tasks_db",
]
# Background tasks (django-tasks): stored in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# E-mail (the daily reminders): printed to the console unless a backend is configured.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "kansrijk <noreply@localhost>")
# Seconds before a mail server that does not answer counts as failed (the mail stays in the
# outbox for a later try, kansrijk/core/mail_outbox.py).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# The address of the site, for links in e-mails (sent outside a request).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Monitoring's federation: the key this installation signs its aggregate documents with
# (base64 of 32 random bytes; without it a key derived from SECRET_KEY, which changes when
# that changes), and the prefix of its publisher id (default: the site's host).
MONITORING_SIGNING_KEY = env("MONITORING_SIGNING_KEY", "")
MONITORING_PUBLISHER_PREFIX = env("MONITORING_PUBLISHER_PREFIX", "")
# Hosts a region may import documents from by address although they are on an internal
# network (loopback, private ranges); other internal addresses are refused, so that an
# import cannot make the server call its own services. Comma-separated host names.
MONITORING_IMPORT_INTERNAL_HOSTS = [
    host.strip() for host in env("MONITORING_IMPORT_INTERNAL_HOSTS", "").split(",") if host.strip()
]
# Break-the-glass: how long emergency access to one family lasts.
BREAK_THE_GLASS_HOURS = env_int("BREAK_THE_GLASS_HOURS", 3)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy: no camera, microphone, location and the like for any page.
    "kansrijk.core.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kansrijk.core.middleware.ChosenLanguageMiddleware",
    # The API: the language asked for in Accept-Language, errors as problem details.
    "kansrijk.core.api_errors.ApiProblemMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kansrijk.access.middleware.IdleSessionTimeoutMiddleware",
    "kansrijk.access.middleware.TwoFactorRequiredMiddleware",
    "kansrijk.organisations.middleware.ActiveCoalitionMiddleware",
    # Searches are limited per professional (or client) and window: RATE_LIMITS below.
    "kansrijk.core.ratelimit.SearchRateLimitMiddleware",
    # API creates sent with an Idempotency-Key header are answered once (replayed after).
    "kansrijk.core.idempotency.IdempotencyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes last: it turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kansrijk.urls"
WSGI_APPLICATION = "kansrijk.wsgi.application"

TEMPLATES = [
    {
        # Django's backend, but for one system-check warning (see the module).
        "BACKEND": "kansrijk.core.template_engine.KansrijkTemplates",
        "NAME": "django",
        "DIRS": [BASE_DIR / "kansrijk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kansrijk.organisations.context_processors.active_coalition",
                "kansrijk.core.navigation.navigation",
                "kansrijk.access.context_processors.break_the_glass_banner",
                "kansrijk.access.context_processors.unread_notifications",
            ],
            # `{% url %}`, the `date` filter, `{% translate "..." %}` and `{% static %}` that
            # remember their answers (see the modules); everything else in them is Django's.
            "builtins": [
                "kansrijk.core.templatetags.cached_url",
                "kansrijk.core.templatetags.cached_dates",
            ],
            "libraries": {
                "i18n": "kansrijk.core.templatetags.cached_i18n",
                "static": "kansrijk.core.templatetags.cached_static",
            },
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # 0 (a connection per request) for development and tests; production and the
        # benchmark keep connections open (see there).
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # Before a kept connection is reused by the next request, check that the server
        # did not drop it in the meantime (a restart, a failover, an idle timeout).
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
# The cache (rate limits, the monitoring dashboard): see `caches_from_url`.
CACHES = caches_from_url(env("CACHE_URL", "") or "")

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # kansrijk runs short queries; PostgreSQL's JIT compiler, triggered by the planner's cost
    # estimate on large coalitions, cost more than the queries themselves (benchmark, issue 5).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # Parameters sent apart from the SQL, so that a query the connection ran before is
        # prepared once and then only executed: PostgreSQL neither parses nor plans it
        # again. A page runs the same few dozen queries on every request (the family file's
        # database CPU: 7.8 to 2.8 ms per request; benchmark, issue 5). Off behind a pooler
        # in transaction mode (PgBouncer before 1.21): a prepared statement stays on one
        # server connection.
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A write transaction takes SQLite's write lock when it begins, so two concurrent ones
    # wait for each other (up to `timeout` seconds) as row locks make them on PostgreSQL,
    # instead of the second failing with "database is locked" when it starts writing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.Professional"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out user before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "access:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "access:login"

# Sessions: an idle professional is logged out after SESSION_IDLE_TIMEOUT_MINUTES.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
# The family portal ("Mijn gezin"): shorter sessions, and how long a login code holds.
PORTAL_SESSION_IDLE_MINUTES = env_int("PORTAL_SESSION_IDLE_MINUTES", 15)
PORTAL_SESSION_MAX_MINUTES = env_int("PORTAL_SESSION_MAX_MINUTES", 60)
PORTAL_LOGIN_CODE_MINUTES = env_int("PORTAL_LOGIN_CODE_MINUTES", 10)
SESSION_COOKIE_AGE = env_int("SESSION_MAX_AGE_HOURS", 12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Pages and htmx send the token from the page (base.html), so no script needs the cookie.
CSRF_COOKIE_HTTPONLY = True

# Lockout after repeated failed logins (django-axes), per username and per IP address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0)
# The client's address, behind PROXY_COUNT proxies from X-Forwarded-For (django-ipware, which
# axes would otherwise use for that, is not installed); the rate limits use the same.
AXES_CLIENT_IP_CALLABLE = "kansrijk.core.ratelimit.client_address"
AXES_VERBOSE = False

# Two-factor authentication (django-otp, TOTP).
OTP_TOTP_ISSUER = env("TOTP_ISSUER", "kansrijk")
OTP_TOTP_THROTTLE_FACTOR = 1
# Single sign-on per organisation (OpenID Connect, kansrijk/access/oidc.py): the key the
# providers' client secrets are encrypted with (default: derived from SECRET_KEY), and hosts
# whose provider may be reached over plain http (only for a provider on the loopback).
OIDC_SECRET_KEY = env("OIDC_SECRET_KEY", "")
OIDC_HTTP_HOSTS = env_list("OIDC_HTTP_HOSTS")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kansrijk" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("vendor/utrecht/components", BASE_DIR / "node_modules/@utrecht/component-library-css/dist"),
    ("vendor/utrecht/tokens", BASE_DIR / "node_modules/@utrecht/design-tokens/dist"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kansrijk.access.api_auth.ApiTokenAuthentication",
        "kansrijk.access.api_auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Errors as RFC 9457 problem details (application/problem+json).
    "EXCEPTION_HANDLER": "kansrijk.core.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kansrijk API",
    "DESCRIPTION": "API van kansrijk: samenwerking Kansrijke Start in de eerste 1000 dagen.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # One name for a choice set that several fields use (who pays, and who pays a tolk).
    "ENUM_NAME_OVERRIDES": {"PayerEnum": "kansrijk.socialmap.vocabulary.Payer"},
    "OAS_VERSION": "3.1.0",
    # The groups of the documentation, in the order of the work (Swagger UI follows it).
    "TAGS": [
        {"name": "account", "description": "Wie je bent en in welke coalities je werkt."},
        {"name": "gezinnen", "description": "Gezinsdossiers openen, lezen en wijzigen."},
        {
            "name": "personen en zwangerschappen",
            "description": "Het huishouden en de zwangerschappen.",
        },
        {"name": "signalering", "description": "Instrumenten, signaleringen en de routekeuze."},
        {"name": "zorgteam", "description": "Het zorgteam en de casusregisseur."},
        {"name": "overdrachten", "description": "Warme overdrachten tussen ketenpartners."},
        {"name": "plan", "description": "Het gezinsplan: zorgpunten, doelen en scores."},
        {"name": "taken", "description": "Taken van een gezin en je eigen taken."},
        {"name": "ketensignalen", "description": "De werkvoorraad van ketensignalen."},
        {"name": "verwijzingen", "description": "Verwijzingen naar aanbod van de sociale kaart."},
        {"name": "mdo", "description": "Multidisciplinair overleg: reeksen, overleggen, agenda."},
        {"name": "financiering", "description": "Wie betaalt wat, en de kraamzorgberekening."},
        {"name": "businesscase", "description": "Businesscases van de coalitie."},
        {"name": "monitoring", "description": "Indicatoren, met kleine aantallen afgeschermd."},
        {"name": "klantroute", "description": "De klantroute per doelgroep."},
        {"name": "verbeterafspraken", "description": "Verbeterafspraken bij de klantroute."},
        {"name": "landschap", "description": "Samenwerkingsverbanden en meldpunten in de regio."},
        {"name": "sociale kaart", "description": "Het aanbod van de sociale kaart (HSDS)."},
        {"name": "fhir", "description": "Uitwisseling in FHIR R4."},
        {"name": "webhooks", "description": "Berichten aan systemen van ketenpartners."},
        {"name": "coalitie-instellingen", "description": "Instellingen van de coalitie."},
        {"name": "organisaties", "description": "Gemeenten van je coalities."},
        {"name": "meldingen", "description": "Je eigen meldingen."},
        {
            "name": "gezinsportaal",
            "description": "Mijn gezin: uitnodigingen van gezinsleden en hun vragen over toegang.",
        },
        {"name": "zorgpaden", "description": "Zorgpaden van de coalitie, met hun stappen."},
        {
            "name": "privacy",
            "description": "Toegangslog, noodtoegang, inzage en wissen op verzoek.",
        },
        {
            "name": "beheer",
            "description": "Organisaties, medewerkers, accounts, audittrail en inlogdiensten.",
        },
    ],
    # Swagger UI from the drf-spectacular-sidecar package's static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every error as a Problem, the Idempotency-Key header on every POST.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kansrijk.core.api_docs.postprocess_problems_and_idempotency",
    ],
}

# Content Security Policy: only our own scripts and styles, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page of kansrijk uses, switched off (kansrijk/core/security_headers.py).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}

# Rate limits (kansrijk/core/ratelimit.py), counted in the default cache: at most `requests`
# per `seconds` per professional (or API token, or client address). "search": the searches
# named in `views`; "api_token_failure": wrong API tokens from one client address. Use a
# cache that all workers share (CACHES) so that the limit holds across them.
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)
RATE_LIMITS = {
    "search": {
        "requests": env_int("RATE_LIMIT_SEARCH_REQUESTS", 120),
        "seconds": env_int("RATE_LIMIT_SEARCH_SECONDS", 60),
        "views": [
            "families:list",
            "socialmap:search",
            "api:family_list",
            "api:socialmap_service_list",
        ],
    },
    "api_token_failure": {
        "requests": env_int("RATE_LIMIT_API_TOKEN_FAILURES", 10),
        "seconds": env_int("RATE_LIMIT_API_TOKEN_FAILURE_SECONDS", 900),
    },
    # The family portal's login (kansrijk/portal/services_login.py): asking for a code and
    # entering it, per e-mail address and (wider: a household or office shares one) per
    # client address.
    "portal_login_email": {"requests": 5, "seconds": 900},
    "portal_login_address": {"requests": 30, "seconds": 900},
    "portal_code_email": {"requests": 10, "seconds": 900},
    "portal_code_address": {"requests": 30, "seconds": 900},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Django admin is a tool for technical administrators; off unless switched on, and it never
# registers family data.
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", False)
FORM_RENDERER = "kansrijk.core.forms.KansrijkFormRenderer"
