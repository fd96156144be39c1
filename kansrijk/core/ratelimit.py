"""Rate limits: how often one professional, API token or client address may do something
within a window, counted in Django's cache.

A limit is named in `settings.RATE_LIMITS` ({"requests": N, "seconds": S}): at most N
occurrences per fixed window of S seconds. `hit` counts one occurrence and says how long to
wait when it went over the limit; `retry_after` only looks. Above the limit a page answers
429 with a Dutch page, the API with a problem detail; both carry Retry-After.

The searches (`SearchRateLimitMiddleware`, the views in RATE_LIMITS["search"]["views"]) are
limited per professional, so that a stolen session or token cannot page through every
family by name or birth date; wrong API tokens are limited per client address (see
`kansrijk.access.api_auth`). RATE_LIMITS_ENABLED switches all limits off (a benchmark).
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Limit:
    name: str
    requests: int
    seconds: int


def limit_named(name: str) -> Limit | None:
    """The limit called `name`, or None when limits are off or it is not configured."""
    config = settings.RATE_LIMITS.get(name) if settings.RATE_LIMITS_ENABLED else None
    if not config:
        return None
    return Limit(name=name, requests=int(config["requests"]), seconds=int(config["seconds"]))


def _window(limit: Limit, identity: str) -> tuple[str, int]:
    """The cache key of `identity`'s current window and the seconds until it ends."""
    now = time.time()
    window = int(now // limit.seconds)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    remaining = max(1, int((window + 1) * limit.seconds - now))
    return f"ratelimit:{limit.name}:{digest}:{window}", remaining


def hit(name: str, identity: str) -> int | None:
    """Count one occurrence; the seconds to wait if it is over the limit, else None."""
    limit = limit_named(name)
    if limit is None:
        return None
    key, remaining = _window(limit, identity)
    cache.add(key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.set(key, 1, timeout=limit.seconds + 1)
        count = 1
    return remaining if count > limit.requests else None


def retry_after(name: str, identity: str) -> int | None:
    """The seconds to wait if `identity` already reached the limit, else None (no count)."""
    limit = limit_named(name)
    if limit is None:
        return None
    key, remaining = _window(limit, identity)
    return remaining if (cache.get(key) or 0) >= limit.requests else None


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT proxies (each appending the
    address it saw to X-Forwarded-For) the one the outermost of them saw. The login lockout
    uses it too (AXES_CLIENT_IP_CALLABLE)."""
    count = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if count and len(addresses) >= count:
        return addresses[-count]
    return request.META.get("REMOTE_ADDR") or None


def address_identity(request) -> str:
    """Per client address (behind a proxy the forwarded one: else every client behind the
    proxy would share one limit)."""
    return f"ip:{client_address(request) or '-'}"


def client_identity(request) -> str:
    """Who a request counts for: the logged-in professional, else the API token it carries
    (hashed into the cache key, never stored), else the client address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    if authorization := request.headers.get("Authorization"):
        return f"authorization:{authorization}"
    return address_identity(request)


def too_many_requests(request, *, wait: int):
    """The 429 answer: a problem detail under the API, a Dutch page elsewhere."""
    # Imported here: api_errors imports DRF, whose settings import the API authentication,
    # which imports this module.
    from .api_errors import API_PREFIX, THROTTLED, problem_http_response

    detail = ngettext(
        "Te veel verzoeken achter elkaar. Probeer het over %(seconds)d seconde opnieuw.",
        "Te veel verzoeken achter elkaar. Probeer het over %(seconds)d seconden opnieuw.",
        wait,
    ) % {"seconds": wait}
    if request.path.startswith(API_PREFIX):
        response = problem_http_response(request, status=429, detail=detail, kind=THROTTLED)
    else:
        response = render(request, "core/too_many_requests.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


class SearchRateLimitMiddleware:
    """Limits the GET requests to the search views (RATE_LIMITS["search"]["views"])."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        config = settings.RATE_LIMITS.get("search") or {}
        if (
            request.method != "GET"
            or match is None
            or match.view_name not in config.get("views", ())
        ):
            return None
        wait = hit("search", client_identity(request))
        return None if wait is None else too_many_requests(request, wait=wait)
