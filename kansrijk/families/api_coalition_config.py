"""What the coalition-configuration APIs share (kansrijk/signaling/api_config.py,
kansrijk/care/api_config.py, kansrijk/worklist/api_config.py): only coordinators of a
coalition read and change its settings; a call is for the caller's one coordinated coalition
or the one named in `?coalition=`; a page form's messages become the API's 400.

Here, below the apps that use it, because each configures its own part of the coalition.
"""

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import permissions, serializers

from kansrijk.organisations.api_scope import chosen_coalition
from kansrijk.organisations.models import Coalition, Membership

from .api import PermissionsByMethodMixin
from .serializers import ErrorSerializer

TAG = "coalitie-instellingen"

# --- Who may -----------------------------------------------------------------------------------


class CoordinatesACoalition(permissions.BasePermission):
    """Coordinates a coalition now; keeps those coalitions on the view (`coordinated`, one
    query). The configuration pages are for coordinators only (`role_required`)."""

    message = gettext_lazy("Alleen coördinatoren van een coalitie beheren deze instellingen.")

    def has_permission(self, request, view) -> bool:
        view.coordinated = set(
            Membership.objects.current()
            .filter(professional=request.user, is_coordinator=True)
            .values_list("coalition_id", flat=True)
        )
        return bool(view.coordinated)


COORDINATOR = (permissions.IsAuthenticated, CoordinatesACoalition)


class ConfigViewMixin(PermissionsByMethodMixin):
    """The coordinated coalitions (set by the permission) and the one a call is for."""

    coordinated: set[int] = set()

    def coalition(self) -> Coalition:
        return Coalition.objects.get(pk=chosen_coalition(self.request, self.coordinated))


def form_errors(form) -> serializers.ValidationError:
    """A page form's Dutch messages per field as an API validation error (400)."""
    return serializers.ValidationError(
        {
            ("non_field_errors" if field == "__all__" else field): list(messages)
            for field, messages in form.errors.items()
        }
    )


# --- Documentation -----------------------------------------------------------------------------

COALITION = OpenApiParameter(
    "coalition",
    OpenApiTypes.INT,
    description="Id van de coalitie (nodig als je in meer dan één coalitie coördineert).",
)
INVALID = OpenApiResponse(
    ErrorSerializer, description="Ongeldige invoer, met Nederlandse meldingen per veld."
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen coördinatoren van een coalitie beheren dit."
)
COALITION_NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Deze coalitie bestaat niet of je coördineert haar niet."
)


def coalition_responses(answer) -> dict:
    """The answers of a coalition-wide read or write: `answer` (200), or the input refused,
    someone not coordinating, or a coalition that is not theirs."""
    return {200: answer, 400: INVALID, 403: FORBIDDEN, 404: COALITION_NOT_FOUND}
