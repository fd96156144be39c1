"""A coalition's signaling configuration through the API, as on the coordinator's pages
(`views.route_steps`, `views.route_step_edit`, `views.instrument_settings`):

- only coordinators of a coalition read and change it (`CoordinatesACoalition`); every other
  professional, the analyst and the administrator get 403, without a session or token 401;
- the API has no session's active coalition: a call is for the caller's one coordinated
  coalition, or the one named in `?coalition=` when there are several; a coalition the
  caller does not coordinate, and a route step of such a coalition, is "not found" (404);
- a route step is validated by the page's form (`RouteStepForm`: the Dutch messages per
  field, only the coalition's active organisations) and saved by `services.route_step_save`
  (the defaults copied first, one transaction, the audit trail). A PATCH sends only what
  changes. The page cannot remove a step (it switches it off), so neither can the API;
- the instruments in use are switched through `services.instrument_set_enabled`, one call
  per instrument that changes, all in one transaction: when the service refuses one (at
  least one instrument stays in use), nothing is stored.

Configuration is coalition data without families: no access event is written, the audit
trail is the services'.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api import _drf_validation_error
from kansrijk.families.api_coalition_config import (
    COALITION,
    COALITION_NOT_FOUND,
    COORDINATOR,
    FORBIDDEN,
    INVALID,
    TAG,
    ConfigViewMixin,
    coalition_responses,
    form_errors,
)
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Coalition

from . import instruments as registry
from . import services
from .forms import RouteStepForm
from .levels import Route
from .models import RouteStep, StepOwner
from .serializers import _route_field
from .steps import DEFAULT_STEPS

STEP_NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Deze routestap bestaat niet (meer), of is van een andere coalitie.",
)
STEP_PARAMETER = OpenApiParameter(
    "step_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id van de routestap."
)

# --- Route steps -------------------------------------------------------------------------------


def _owner_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(StepOwner.choices, enum_name="RouteStepOwnerEnum", **kwargs)


class RouteStepSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="Leeg bij een standaardstap (nog geen eigen lijst)."
    )
    route = _route_field()
    code = serializers.CharField()
    title = serializers.CharField()
    owner_kind = _owner_field()
    organisation = serializers.IntegerField(
        allow_null=True, help_text="Id van de vaste organisatie (alleen bij 'organisation')."
    )
    due_days = serializers.IntegerField(help_text="Termijn in werkdagen na de routekeuze.")
    order = serializers.IntegerField()
    is_active = serializers.BooleanField()


class RouteStepListSerializer(serializers.Serializer):
    coalition = serializers.IntegerField()
    uses_defaults = serializers.BooleanField(
        help_text="De coalitie gebruikt nog de standaardstappen (geen eigen lijst)."
    )
    steps = RouteStepSerializer(many=True)


class RouteStepWriteSerializer(serializers.Serializer):
    """The shape of a write; the rules (what is required, the organisation, the terms) are
    the page form's."""

    route = _route_field(required=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    owner_kind = _owner_field(required=False)
    organisation = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1
    )
    due_days = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    is_active = serializers.BooleanField(required=False)


def _step_row(step: RouteStep) -> dict:
    return {
        "id": step.pk,
        "route": step.route,
        "code": step.code,
        "title": step.title,
        "owner_kind": step.owner_kind,
        "organisation": step.organisation_id,
        "due_days": step.due_days,
        "order": step.order,
        "is_active": step.is_active,
    }


def _default_rows() -> list[dict]:
    return [
        {
            "id": None,
            "route": step.route,
            "code": step.code,
            "title": str(step.title),
            "owner_kind": step.owner_kind,
            "organisation": None,
            "due_days": step.due_days,
            "order": (index + 1) * 10,
            "is_active": True,
        }
        for index, step in enumerate(DEFAULT_STEPS)
    ]


STEP_EXAMPLE = {
    "route": 3,
    "title": "Gezin bespreken met het wijkteam",
    "owner_kind": "organisation",
    "organisation": 4,
    "due_days": 5,
    "order": 30,
    "is_active": True,
}
STEP_ANSWER = {"id": 12, "code": "gezin-bespreken-met-het-wijkteam", **STEP_EXAMPLE}


def _save_step(request, *, coalition: Coalition, step: RouteStep | None, sent: dict):
    """Validate with the page's form (what is stored, with what was sent over it) and save
    through the page's service."""
    fields = RouteStepForm.Meta.fields
    instance = step or RouteStep(coalition=coalition, route=Route.POTENTIALLY_VULNERABLE)
    # What the page's form starts with (a new step: the model's defaults), then what was sent.
    current = _step_row(instance)
    data = {name: current[name] for name in fields if name not in ("route", "title")} | sent
    if step is not None:
        data = {"route": step.route, "title": step.title} | data
    if data.get("organisation") is None:
        data.pop("organisation", None)
    form = RouteStepForm(data, instance=instance, coalition=coalition)
    if not form.is_valid():
        raise form_errors(form)
    try:
        saved = services.route_step_save(
            actor=request.user,
            coalition=coalition,
            step_pk=None if step is None else step.pk,
            data={name: form.cleaned_data[name] for name in fields},
            request=request,
        )
    except DjangoValidationError as error:
        raise _drf_validation_error(error) from None
    return RouteStep.objects.get(pk=saved.pk)


@extend_schema(tags=[TAG])
class RouteStepListView(ConfigViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "POST": COORDINATOR}
    serializer_class = RouteStepListSerializer

    @extend_schema(
        operation_id="route_steps_list",
        summary="Routestappen van de coalitie",
        description=(
            "De stappen die kansrijk als taken bij het gezin aanmaakt als een professional een "
            "route kiest. Zonder eigen lijst: de standaardstappen (`uses_defaults`, zonder id)."
        ),
        parameters=[COALITION],
        responses=coalition_responses(RouteStepListSerializer),
    )
    def get(self, request):
        coalition = self.coalition()
        own = [
            _step_row(step)
            for step in RouteStep.objects.filter(coalition=coalition).order_by(
                "route", "order", "id"
            )
        ]
        return Response(
            {"coalition": coalition.pk, "uses_defaults": not own, "steps": own or _default_rows()}
        )

    @extend_schema(
        summary="Routestap toevoegen",
        description=(
            "Een nieuwe stap voor een route. De eerste wijziging kopieert de standaardstappen "
            "naar de eigen lijst van de coalitie. Bij eigenaar `organisation` hoort een "
            "organisatie van de coalitie."
        ),
        parameters=[COALITION],
        request=RouteStepWriteSerializer,
        examples=[OpenApiExample("Stap bij route 3", value=STEP_EXAMPLE, request_only=True)],
        responses={
            201: OpenApiResponse(
                RouteStepSerializer,
                examples=[OpenApiExample("Opgeslagen", value=STEP_ANSWER, response_only=True)],
            ),
            400: INVALID,
            403: FORBIDDEN,
            404: COALITION_NOT_FOUND,
        },
    )
    def post(self, request):
        coalition = self.coalition()
        serializer = RouteStepWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        step = _save_step(
            request, coalition=coalition, step=None, sent=dict(serializer.validated_data)
        )
        return Response(
            _step_row(step),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:route_step_detail", args=[step.pk])},
        )


@extend_schema(tags=[TAG])
class RouteStepDetailView(ConfigViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "PATCH": COORDINATOR}
    serializer_class = RouteStepSerializer

    def _step(self, step_pk: int) -> RouteStep:
        step = RouteStep.objects.filter(pk=step_pk, coalition_id__in=self.coordinated).first()
        if step is None:
            raise Http404(_("Deze routestap bestaat niet (meer)."))
        return step

    @extend_schema(
        summary="Routestap",
        parameters=[STEP_PARAMETER],
        responses={200: RouteStepSerializer, 403: FORBIDDEN, 404: STEP_NOT_FOUND},
    )
    def get(self, request, step_pk: int):
        return Response(_step_row(self._step(step_pk)))

    @extend_schema(
        summary="Routestap wijzigen",
        description=(
            "Wijzigt de velden die je meestuurt. Een stap verwijderen kan niet: zet hem uit "
            "met `is_active: false`."
        ),
        parameters=[STEP_PARAMETER],
        request=RouteStepWriteSerializer,
        examples=[
            OpenApiExample(
                "Termijn aanpassen", value={"due_days": 3, "is_active": True}, request_only=True
            )
        ],
        responses={200: RouteStepSerializer, 400: INVALID, 403: FORBIDDEN, 404: STEP_NOT_FOUND},
    )
    def patch(self, request, step_pk: int):
        step = self._step(step_pk)
        serializer = RouteStepWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        saved = _save_step(
            request,
            coalition=step.coalition,
            step=step,
            sent=dict(serializer.validated_data),
        )
        return Response(_step_row(saved))


# --- Instruments in use ------------------------------------------------------------------------


class InstrumentSettingSerializer(serializers.Serializer):
    key = serializers.CharField()
    version = serializers.IntegerField(help_text="De nieuwste versie.")
    title = serializers.CharField()
    validated = serializers.BooleanField()
    in_use = serializers.BooleanField()


class InstrumentSettingsSerializer(serializers.Serializer):
    coalition = serializers.IntegerField()
    instruments = InstrumentSettingSerializer(many=True)


class InstrumentSettingsWriteSerializer(serializers.Serializer):
    in_use = serializers.ListField(
        child=serializers.CharField(max_length=60),
        allow_empty=True,
        max_length=100,
        help_text="De sleutels van alle instrumenten die de coalitie gebruikt; de rest staat uit.",
    )


def _instrument_settings(coalition: Coalition) -> dict:
    in_use = {instrument.key for instrument in services.instruments_in_use(coalition)}
    return {
        "coalition": coalition.pk,
        "instruments": [
            {
                "key": instrument.key,
                "version": instrument.version,
                "title": registry.t(instrument.title),
                "validated": instrument.validated,
                "in_use": instrument.key in in_use,
            }
            for instrument in registry.latest_instruments()
        ],
    }


@extend_schema(tags=[TAG])
class InstrumentSettingsView(ConfigViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "PUT": COORDINATOR}
    serializer_class = InstrumentSettingsSerializer

    @extend_schema(
        summary="Instrumenten van de coalitie",
        description="Elk signaleringsinstrument (nieuwste versie) en of de coalitie het gebruikt.",
        parameters=[COALITION],
        responses=coalition_responses(InstrumentSettingsSerializer),
    )
    def get(self, request):
        return Response(_instrument_settings(self.coalition()))

    @extend_schema(
        summary="Instrumenten in gebruik vastleggen",
        description=(
            "Welke instrumenten de coalitie gebruikt; de andere gaan uit. Er blijft minstens "
            "één instrument in gebruik. Elke wijziging komt in het auditspoor."
        ),
        parameters=[COALITION],
        request=InstrumentSettingsWriteSerializer,
        examples=[
            OpenApiExample(
                "Alleen het professionele oordeel",
                value={"in_use": ["professioneel-oordeel"]},
                request_only=True,
            )
        ],
        responses=coalition_responses(InstrumentSettingsSerializer),
    )
    def put(self, request):
        coalition = self.coalition()
        serializer = InstrumentSettingsWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        wanted = set(serializer.validated_data["in_use"])
        now_in_use = {instrument.key for instrument in services.instruments_in_use(coalition)}
        # Switching on before switching off, so the service's "at least one stays in use"
        # only refuses an empty choice; one transaction, so a refusal stores nothing.
        switches = [(key, True) for key in sorted(wanted - now_in_use)]
        switches += [(key, False) for key in sorted(now_in_use - wanted)]
        try:
            with transaction.atomic():
                for key, enabled in switches:
                    services.instrument_set_enabled(
                        actor=request.user,
                        coalition=coalition,
                        instrument_key=key,
                        enabled=enabled,
                        request=request,
                    )
        except LookupError:  # an unknown key: the page's message
            raise serializers.ValidationError(
                {"in_use": [_("Dit instrument bestaat niet.")]}
            ) from None
        except DjangoValidationError as error:
            raise serializers.ValidationError({"in_use": error.messages}) from None
        return Response(_instrument_settings(coalition))


urlpatterns = [
    path("route-steps/", RouteStepListView.as_view(), name="route_step_list"),
    path("route-steps/<int:step_pk>/", RouteStepDetailView.as_view(), name="route_step_detail"),
    path("instrument-settings/", InstrumentSettingsView.as_view(), name="instrument_settings"),
]
