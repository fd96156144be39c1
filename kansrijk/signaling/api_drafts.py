"""One screening of a family through the API: reading it, keeping a draft's answers (or
finishing it), and throwing a draft away.

The pages' rules (kansrijk/signaling/views.py `assessment`, `assessment_autosave`,
`assessment_discard`), through the same policy and services:

- reading is a logged read of the family (`get_family_for_user`); to everyone without a
  ground the family does not exist (404 "niet gevonden of geen toegang"), coordinators,
  analysts and administrators included (policy rules 3 and 4). A screening of another family
  is "niet gevonden" as well;
- a write first takes the family with `family_for_write` (a refusal is logged there, outside
  the service's transaction), then checks the input, then calls the service
  (`assessment_save_draft`, `assessment_finish`, `assessment_discard`), which takes the family
  again with a row lock, logs the update (NEN 7513) and checks the answers with the
  instrument, in Dutch. Bad input stores nothing;
- a draft carries a `version`: answers sent with a stale one (saved meanwhile in another tab
  or by a colleague) answer 409, as the questionnaire page does;
- a finished screening never changes and is never deleted (400); only whoever started a
  draft may throw it away (403), as on the page.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.core.api_errors import VERSION_CONFLICT, problem_response
from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.pages import family_for_write
from kansrijk.families.serializers import ErrorSerializer

from . import services
from .api import FAMILY_PARAMETER, INVALID_INPUT, _service_error, assessments_of
from .models import Assessment
from .serializers import AnswersField, AssessmentSerializer

Action = AccessEvent.Action
TAG = "signalering"
GONE = gettext_lazy("Deze signalering bestaat niet (meer).")

ASSESSMENT_PARAMETER = OpenApiParameter(
    "assessment_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van een signalering van dit gezin.",
)
ASSESSMENT_NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Gezin niet gevonden of geen toegang, of deze signalering bestaat niet (meer).",
)
VERSION_MESSAGES = {
    "required": gettext_lazy("Geef de versie mee waarop de wijziging is gebaseerd."),
    "invalid": gettext_lazy("Geef de versie mee waarop de wijziging is gebaseerd."),
    "null": gettext_lazy("Geef de versie mee waarop de wijziging is gebaseerd."),
}


# --- Serializers ----------------------------------------------------------------------------


class AssessmentDetailSerializer(AssessmentSerializer):
    """A screening with the `version` a change of its draft must be sent with."""

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "version"]


class DraftSaveSerializer(serializers.Serializer):
    """The answers so far of a draft, as the questionnaire page sends them."""

    answers = AnswersField(
        help_text=gettext_lazy("Alle antwoorden tot nu toe; een vraag die ontbreekt is leeg.")
    )
    partner_present = serializers.BooleanField(
        default=False, help_text=gettext_lazy("Doet de partner mee?")
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text=gettext_lazy("De versie van de signalering waarop de antwoorden gebaseerd zijn."),
        error_messages=VERSION_MESSAGES,
    )
    finish = serializers.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "true: afronden (elke verplichte vraag beantwoord, het niveau wordt berekend); "
            "false: als concept bewaren."
        ),
    )


class AssessmentConflictSerializer(serializers.Serializer):
    """409: the draft was saved elsewhere since it was read."""

    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()


# --- Helpers --------------------------------------------------------------------------------


def _assessment_of(family, assessment_pk: int) -> Assessment:
    """The screening of `family` with what the body shows; 404 for any other."""
    assessment = assessments_of(family).filter(pk=assessment_pk).first()
    if assessment is None:
        raise Http404(GONE)
    return assessment


def _draft_of(family, assessment_pk: int) -> Assessment:
    """A screening of `family` to be changed (no joins: the service reads it again)."""
    assessment = Assessment.objects.filter(pk=assessment_pk, family=family).first()
    if assessment is None:
        raise Http404(GONE)
    return assessment


def _conflict(conflict: services.AssessmentConflict, submitted_version: int) -> Response:
    body = {
        "detail": _(
            "Deze signalering is intussen ergens anders opgeslagen (in een ander tabblad of "
            "door een collega). Haal haar opnieuw op en stuur je antwoorden opnieuw."
        ),
        "submitted_version": submitted_version,
        "current_version": conflict.assessment.version,
    }
    return problem_response(
        status=409, kind=VERSION_CONFLICT, **AssessmentConflictSerializer(body).data
    )


DRAFT_EXAMPLE = {
    "id": 31,
    "instrument_key": "r4u-kansrijk",
    "instrument_version": 1,
    "status": "draft",
    "assessed_on": "2026-03-02",
    "gestational_age_days": 140,
    "pregnancy": 7,
    "answers": {"steun": "no"},
    "partner_present": False,
    "level": None,
    "total_score": None,
    "result": None,
    "recorded_by": {"id": 4, "name": "Sanne de Vries"},
    "finished_at": None,
    "route_decisions": [],
    "version": 3,
}


# --- The view -------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class AssessmentDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One screening; keeping or finishing a draft; throwing a draft away."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        # No `IsProfessional`: the policy decides, with the same 404 for everyone without a
        # ground (coordinators included), as the other signaling writes.
        "PATCH": (permissions.IsAuthenticated,),
        "DELETE": (permissions.IsAuthenticated,),
    }
    serializer_class = AssessmentDetailSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        summary="Signalering",
        description=(
            "Eén signalering van het gezin: een concept met de antwoorden tot nu toe en de "
            "`version` om verder te gaan, of een afgeronde met het niveau en de routekeuzes."
        ),
        parameters=[FAMILY_PARAMETER, ASSESSMENT_PARAMETER],
        responses={200: AssessmentDetailSerializer, 404: ASSESSMENT_NOT_FOUND},
        examples=[OpenApiExample("Concept", value=DRAFT_EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int, assessment_pk: int):
        family = get_family_for_user(
            request.user,
            pk,
            Action.READ,
            request=request,
            detail=_("Signalering ingezien via de API"),
        )
        return Response(AssessmentDetailSerializer(_assessment_of(family, assessment_pk)).data)

    @extend_schema(
        summary="Concept-signalering bewaren of afronden",
        description=(
            "Bewaart de antwoorden tot nu toe van een concept (onvolledig mag, ongeldig niet), "
            "of rondt het af met `finish: true`: dan moet elke verplichte vraag beantwoord "
            "zijn en wordt het niveau berekend; kies daarna de route met `.../route/`. "
            "Geef de `version` mee zoals je de signalering las: is ze intussen ergens anders "
            "opgeslagen, dan volgt 409. Meldingen over antwoorden staan onder `answers`."
        ),
        parameters=[FAMILY_PARAMETER, ASSESSMENT_PARAMETER],
        request=DraftSaveSerializer,
        examples=[
            OpenApiExample(
                "Concept bewaren",
                value={"answers": {"steun": "no"}, "partner_present": False, "version": 2},
                request_only=True,
            ),
            OpenApiExample("Bewaard", value=DRAFT_EXAMPLE, response_only=True),
        ],
        responses={
            200: AssessmentDetailSerializer,
            400: INVALID_INPUT,
            404: ASSESSMENT_NOT_FOUND,
            409: OpenApiResponse(
                AssessmentConflictSerializer,
                description="De signalering is intussen ergens anders opgeslagen.",
            ),
        },
    )
    def patch(self, request, pk: int, assessment_pk: int):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family = family_for_write(request, pk, coalition=None)
        draft = _draft_of(family, assessment_pk)
        serializer = DraftSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        service = services.assessment_finish if data["finish"] else services.assessment_save_draft
        try:
            service(
                actor=request.user,
                assessment_pk=draft.pk,
                answers=data["answers"],
                partner_present=data["partner_present"],
                expected_version=data["version"],
                request=request,
            )
        except services.AssessmentConflict as conflict:
            return _conflict(conflict, data["version"])
        except DjangoValidationError as error:
            raise _service_error(error) from None
        return Response(AssessmentDetailSerializer(_assessment_of(family, draft.pk)).data)

    @extend_schema(
        summary="Concept-signalering verwijderen",
        description=(
            "Gooit een concept weg; alleen wie het begon kan dat (anders 403). Een afgeronde "
            "signalering blijft altijd bewaard (400)."
        ),
        parameters=[FAMILY_PARAMETER, ASSESSMENT_PARAMETER],
        request=None,
        responses={
            204: OpenApiResponse(description="Het concept is verwijderd."),
            400: OpenApiResponse(
                ErrorSerializer, description="Een afgeronde signalering blijft altijd bewaard."
            ),
            403: OpenApiResponse(
                ErrorSerializer, description="Alleen wie het concept begon, kan het verwijderen."
            ),
            404: ASSESSMENT_NOT_FOUND,
        },
    )
    def delete(self, request, pk: int, assessment_pk: int):
        family = family_for_write(request, pk, coalition=None)
        draft = _draft_of(family, assessment_pk)
        if not draft.is_draft:
            raise serializers.ValidationError(
                [_("Een afgeronde signalering blijft altijd bewaard.")]
            )
        try:
            services.assessment_discard(actor=request.user, assessment_pk=draft.pk, request=request)
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except DjangoValidationError as error:
            raise _service_error(error) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path(
        "families/<int:pk>/assessments/<int:assessment_pk>/",
        AssessmentDetailView.as_view(),
        name="assessment_detail",
    ),
]
