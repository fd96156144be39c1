from django.utils.functional import SimpleLazyObject

from .context import resolve_active_coalition


class ActiveCoalitionMiddleware:
    """Puts `request.active` (the coalition worked in, with the memberships there) on the request.

    Lazy, so requests that never look at it (static files, health checks) cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.active = SimpleLazyObject(lambda: resolve_active_coalition(request))
        return self.get_response(request)
