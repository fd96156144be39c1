"""Suggestions for the professional picker (`forms_picker.py`) as the user types.

Who may ask: a logged-in professional of the active coalition (coordinators, analysts and
administrators without a professional membership get 403; without a session, the login
page). What they get: at most `PICKER_LIMIT` current professional memberships of that
coalition whose name matches `q` (at least `MIN_QUERY_LENGTH` characters, else nothing
and no query), as `{"results": [{"id": membership id, "label": "name — organisation
(discipline)"}]}`. `zelf=nee` leaves the asker out (a handover to oneself is refused
anyway). Names of colleagues are no family data: nothing is logged.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Membership, Role
from .selectors_picker import membership_label, professional_memberships, search_memberships

QUERY_MAX = 100


@never_cache
@require_GET
def professional_search(request):
    active = getattr(request, "active", None)
    if active is None or active.coalition is None or not active.has_role(Role.PROFESSIONAL):
        raise PermissionDenied
    memberships = professional_memberships(active.coalition.pk)
    if request.GET.get("zelf") == "nee":
        memberships = memberships.exclude(professional=request.user)
    return suggestions(request, memberships)


def suggestions(request, memberships: QuerySet[Membership]) -> JsonResponse:
    """The answer above for `memberships` and the request's `q`: one query (none for a short
    `q`). Also for endpoints of other apps that check the asker and the scope themselves
    (the MDO's participants: `mdo.views_agenda`)."""
    text = request.GET.get("q", "")[:QUERY_MAX]
    results = [
        {"id": membership.pk, "label": membership_label(membership)}
        for membership in search_memberships(memberships, text)
    ]
    return JsonResponse({"results": results})
