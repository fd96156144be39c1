"""What every portal page does: render with the family member in the context, keep the page
out of shared caches, and log the family member's own access."""

from django.shortcuts import render

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import access_event_record_self


def render_portal(request, template: str, context: dict | None = None, *, status: int = 200):
    response = render(
        request,
        template,
        {"family_account": getattr(request, "family_account", None), **(context or {})},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def log_own_access(request, detail: str, *, action: str = AccessEvent.Action.READ):
    """Record in the access log that the logged-in family member looked at (or changed) their
    own family's file: `detail` says what, in words the access report can show."""
    return access_event_record_self(
        person=request.family_account.person, action=action, detail=detail, request=request
    )
