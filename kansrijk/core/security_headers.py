"""Security headers Django and django-csp do not set: the Permissions-Policy.

Django's SecurityMiddleware sets HSTS, nosniff, the Referrer-Policy and the
Cross-Origin-Opener-Policy; XFrameOptionsMiddleware sets X-Frame-Options and django-csp the
Content-Security-Policy. The Permissions-Policy (PERMISSIONS_POLICY: feature → allowed
origins, an empty list switching the feature off) tells the browser which of its features a
page may use; kansrijk uses none of camera, microphone, location and the like.
"""

from django.conf import settings


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`camera=(), geolocation=(self)`: the header value of a feature → origins mapping."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
