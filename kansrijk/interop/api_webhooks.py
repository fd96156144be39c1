"""The webhooks API, with the pages' rules (views_webhooks):

- coordinators manage the webhooks of the coalitions where they coordinate now: list,
  register, read, change, remove, make a new secret, read the delivery log and try a failed
  delivery again; everyone else gets 403 (the addresses and secrets of partners' systems are
  the coalition's settings); without a session or token the answer is 401. An endpoint or
  delivery of a coalition where the caller does not coordinate is "not found" (404);
- the API has no session's active coalition: a list covers every coalition the caller
  coordinates (narrow it with `?coalition=`), and a new endpoint goes to the coalition the
  caller coordinates, or the one named in `coalition` when they coordinate more than one;
- the signing secret is in the answer of the create and of "nieuw geheim" only, never in a
  read afterwards (as on the pages, which show it once). A create repeated with the same
  `Idempotency-Key` replays that first answer to the same caller (kansrijk/core/idempotency.py),
  so a client that lost the answer still gets its secret; any other caller never sees it;
- the input is checked by the pages' form (`WebhookForm`) and then by the service, with the
  same Dutch messages (400); PUT and PATCH carry the `version` the client read: an endpoint
  that changed since answers 409;
- every write goes through `webhooks.services` (the role checked again, one transaction,
  the audit trail without the secret).

Webhooks are coalition settings without family data, so no access event is written.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kansrijk.core.api_errors import problem_response, version_conflict_response
from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.selectors import WindowCountPaginator
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Membership, Organisation

from .api_webhooks_serializers import (
    WebhookConflictSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointSecretSerializer,
    WebhookEndpointSerializer,
    WebhookEndpointWriteSerializer,
)
from .forms_webhooks import WebhookForm
from .models import DeliveryState, WebhookDelivery, WebhookEndpoint, WebhookEvent
from .webhooks import services

TAG = "webhooks"
FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen coördinatoren van een coalitie beheren de webhooks."
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Deze webhook bestaat niet in een coalitie die je coördineert."
)
INVALID = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen per veld.")
CONFLICT = OpenApiResponse(
    WebhookConflictSerializer,
    description="De webhook is intussen gewijzigd: haal hem opnieuw op.",
)
ENDPOINT_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van de webhook."
)
EXAMPLE = {
    "organisation": 12,
    "url": "https://zorgsysteem.example.nl/kansrijk",
    "events": [WebhookEvent.HANDOVER_PROPOSED, WebhookEvent.REFERRAL_SENT],
    "description": "Dossiersysteem van de JGZ",
    "active": True,
}
ANSWER_EXAMPLE = {
    "id": 7,
    "coalition": 1,
    "organisation": 12,
    "organisation_name": "JGZ Voorbeeldstad",
    **{key: value for key, value in EXAMPLE.items() if key != "organisation"},
    "last_delivery_state": "delivered",
    "last_delivery_at": "2026-03-02T10:15:00+01:00",
    "version": 1,
    "created_at": "2026-03-01T09:00:00+01:00",
    "updated_at": "2026-03-01T09:00:00+01:00",
}
SECRET_EXAMPLE = {
    **ANSWER_EXAMPLE,
    "last_delivery_state": None,
    "last_delivery_at": None,
    "secret": "hN3v0Qm6b2dXyq8s1R4tK9wZfLc7pJ5eA0gUuY2iOo8",
}


# --- Who may -----------------------------------------------------------------------------------


class CoordinatesACoalition(permissions.BasePermission):
    """Coordinates a coalition now; keeps those coalitions on the view (one query)."""

    message = gettext_lazy("Alleen coördinatoren van een coalitie beheren de webhooks.")

    def has_permission(self, request, view) -> bool:
        view.coordinated = set(
            Membership.objects.current()
            .filter(professional=request.user, is_coordinator=True)
            .values_list("coalition_id", flat=True)
        )
        return bool(view.coordinated)


COORDINATOR = (permissions.IsAuthenticated, CoordinatesACoalition)


class WebhookPagination(PageNumberPagination):
    django_paginator_class = WindowCountPaginator


def endpoints_with_last_delivery(coalition_ids) -> QuerySet[WebhookEndpoint]:
    """The endpoints of `coalition_ids` with their organisation and the state and time of
    their latest delivery, in one query; the secret is not read."""
    latest = WebhookDelivery.objects.filter(endpoint=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        WebhookEndpoint.objects.filter(coalition_id__in=coalition_ids)
        .select_related("organisation")
        .defer("secret")
        .annotate(
            last_state=Subquery(latest.values("state")[:1]),
            last_at=Subquery(latest.values("created_at")[:1]),
        )
    )


class _WebhookView(PermissionsByMethodMixin, generics.GenericAPIView):
    coordinated: set[int] = set()

    def _endpoint(self, pk: int) -> WebhookEndpoint:
        endpoint = endpoints_with_last_delivery(self.coordinated).filter(pk=pk).first()
        if endpoint is None:
            raise Http404(_("Deze webhook bestaat niet (meer) in een coalitie die je coördineert."))
        return endpoint

    def _answer(self, pk: int, code=status.HTTP_200_OK) -> Response:
        return Response(WebhookEndpointSerializer(self._endpoint(pk)).data, status=code)


def _secret_answer(endpoint: WebhookEndpoint, code=status.HTTP_200_OK) -> Response:
    """The one answer with the secret: the endpoint as the service returned it."""
    endpoint.last_state = None
    endpoint.last_at = None
    return Response(WebhookEndpointSecretSerializer(endpoint).data, status=code)


def _checked_by_form(coalition_id: int, values: dict, version: int) -> dict:
    """The values as the page's form checks and cleans them (`data_dict()`), or a 400."""
    form = WebhookForm(
        {**values, "version": version},
        organisations=Organisation.objects.filter(coalitions=coalition_id).order_by("name", "pk"),
    )
    if not form.is_valid():
        raise _drf_validation_error(DjangoValidationError(form.errors.as_data()))
    return form.data_dict()


def _conflict(conflict: VersionConflict) -> Response:
    detail = _(
        "Deze webhook is intussen gewijzigd (nu versie %(version)s). Haal hem opnieuw op "
        "en breng je wijziging daarin aan."
    ) % {"version": conflict.current_version}
    return version_conflict_response(conflict, detail, WebhookConflictSerializer)


def _refused() -> Response:
    return problem_response(status=403, detail=CoordinatesACoalition.message)


# --- The list ----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class WebhookListView(_WebhookView):
    """The webhooks of the coalitions the caller coordinates; registering one."""

    permissions_by_method = {"GET": COORDINATOR, "POST": COORDINATOR}
    serializer_class = WebhookEndpointSerializer
    pagination_class = WebhookPagination

    def get_queryset(self) -> QuerySet[WebhookEndpoint]:
        coalitions = set(self.coordinated)
        params = self.request.query_params if self.request else {}
        wanted = params.get("coalition", "")
        if wanted:
            if not (wanted.isascii() and wanted.isdigit()):
                raise serializers.ValidationError(
                    {"coalition": [_("Geef het id van de coalitie.")]}
                )
            coalitions &= {int(wanted)}
        queryset = endpoints_with_last_delivery(coalitions)
        active = params.get("active", "")
        if active:
            if active not in ("true", "false"):
                raise serializers.ValidationError({"active": [_("Kies true of false.")]})
            queryset = queryset.filter(active=active == "true")
        return queryset.order_by("organisation__name", "url", "pk")

    @extend_schema(
        summary="Webhooks",
        description=(
            "De webhooks van de coalities waar je coördinator bent, op organisatie en adres, "
            "met de toestand van het laatste bericht. Het geheim staat er niet in."
        ),
        parameters=[
            OpenApiParameter("coalition", OpenApiTypes.INT, description="Alleen deze coalitie."),
            OpenApiParameter(
                "active",
                OpenApiTypes.STR,
                enum=["true", "false"],
                description="Alleen actieve (true) of uitgezette (false) webhooks.",
            ),
        ],
        responses={
            200: WebhookEndpointSerializer(many=True),
            400: OpenApiResponse(ErrorSerializer, description="Ongeldig filter."),
            403: FORBIDDEN,
        },
        examples=[OpenApiExample("Een webhook", value=ANSWER_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(WebhookEndpointSerializer(page, many=True).data)

    @extend_schema(
        summary="Webhook toevoegen",
        description=(
            "Registreert het adres van het systeem van een organisatie van de coalitie. Het "
            "antwoord bevat eenmalig het geheim waarmee elk bericht wordt ondertekend; daarna "
            "is het nergens meer te lezen (maak zo nodig een nieuw geheim). Met dezelfde "
            "`Idempotency-Key` krijg je hetzelfde antwoord nog eens."
        ),
        request=WebhookEndpointWriteSerializer,
        examples=[
            OpenApiExample("JGZ", value=EXAMPLE, request_only=True),
            OpenApiExample("Aangemaakt", value=SECRET_EXAMPLE, response_only=True),
        ],
        responses={201: WebhookEndpointSecretSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def post(self, request):
        serializer = WebhookEndpointWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        coalition_id = values.pop("coalition", None)
        values.pop("version", None)
        if coalition_id is None:
            if len(self.coordinated) != 1:
                raise serializers.ValidationError(
                    {"coalition": [_("Kies de coalitie: je bent coördinator in meer dan één.")]}
                )
            (coalition_id,) = self.coordinated
        elif coalition_id not in self.coordinated:
            raise serializers.ValidationError(
                {"coalition": [_("Je bent geen coördinator van deze coalitie.")]}
            )
        data = _checked_by_form(coalition_id, values, 0)
        try:
            endpoint = services.webhook_endpoint_save(
                actor=request.user,
                coalition=Coalition.objects.get(pk=coalition_id),
                data=data,
                request=request,
            )
        except DjangoPermissionDenied:
            return _refused()
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _secret_answer(endpoint, status.HTTP_201_CREATED)


# --- One webhook -------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class WebhookDetailView(_WebhookView):
    permissions_by_method = {
        "GET": COORDINATOR,
        "PUT": COORDINATOR,
        "PATCH": COORDINATOR,
        "DELETE": COORDINATOR,
    }
    serializer_class = WebhookEndpointSerializer

    @extend_schema(
        summary="Webhook",
        description="Eén webhook, zonder het geheim.",
        parameters=[ENDPOINT_PARAMETER],
        responses={200: WebhookEndpointSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
        examples=[OpenApiExample("Een webhook", value=ANSWER_EXAMPLE, response_only=True)],
    )
    def get(self, request, pk):
        return self._answer(pk)

    def _write(self, request, pk, *, partial: bool):
        endpoint = self._endpoint(pk)
        serializer = WebhookEndpointWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        sent = dict(serializer.validated_data)
        sent.pop("coalition", None)
        version = sent.pop("version", None)
        if version is None:
            raise serializers.ValidationError(
                {"version": [_("Stuur de versie mee die je hebt opgehaald.")]}
            )
        values = {
            "organisation": endpoint.organisation_id,
            "url": endpoint.url,
            "events": endpoint.events,
            "description": endpoint.description if partial else "",
            "active": endpoint.active,
            **sent,
        }
        data = _checked_by_form(endpoint.coalition_id, values, version)
        try:
            services.webhook_endpoint_save(
                actor=request.user,
                coalition=endpoint.coalition,
                data=data,
                endpoint_pk=endpoint.pk,
                expected_version=version,
                request=request,
            )
        except VersionConflict as conflict:
            return _conflict(conflict)
        except DjangoPermissionDenied:
            return _refused()
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return self._answer(endpoint.pk)

    @extend_schema(
        summary="Webhook vervangen",
        description=(
            "Vervangt organisatie, adres, gebeurtenissen, omschrijving (zonder: leeg) en "
            "actief. Stuur de `version` mee die je las; het geheim blijft hetzelfde."
        ),
        parameters=[ENDPOINT_PARAMETER],
        request=WebhookEndpointWriteSerializer,
        examples=[OpenApiExample("JGZ", value={**EXAMPLE, "version": 1}, request_only=True)],
        responses={
            200: WebhookEndpointSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def put(self, request, pk):
        return self._write(request, pk, partial=False)

    @extend_schema(
        summary="Webhook deels wijzigen",
        description="Wijzigt de velden die je meestuurt. Stuur de `version` mee die je las.",
        parameters=[ENDPOINT_PARAMETER],
        request=WebhookEndpointWriteSerializer,
        examples=[
            OpenApiExample("Uitzetten", value={"active": False, "version": 1}, request_only=True)
        ],
        responses={
            200: WebhookEndpointSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def patch(self, request, pk):
        return self._write(request, pk, partial=True)

    @extend_schema(
        summary="Webhook verwijderen",
        description=(
            "Verwijdert de webhook met zijn berichtenlog. Wil je tijdelijk geen berichten "
            "sturen, zet dan `active` uit."
        ),
        parameters=[ENDPOINT_PARAMETER],
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk):
        endpoint = self._endpoint(pk)
        try:
            services.webhook_endpoint_delete(
                actor=request.user,
                coalition=endpoint.coalition,
                endpoint_pk=endpoint.pk,
                request=request,
            )
        except DjangoPermissionDenied:
            return _refused()
        except DjangoValidationError as error:
            raise Http404(" ".join(error.messages)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=[TAG])
class WebhookSecretView(_WebhookView):
    permissions_by_method = {"POST": COORDINATOR}
    serializer_class = WebhookEndpointSecretSerializer

    @extend_schema(
        summary="Nieuw geheim",
        description=(
            "Maakt een nieuw geheim; berichten worden vanaf nu daarmee ondertekend en het oude "
            "werkt niet meer. Het antwoord bevat eenmalig het nieuwe geheim."
        ),
        parameters=[ENDPOINT_PARAMETER],
        request=None,
        examples=[OpenApiExample("Nieuw geheim", value=SECRET_EXAMPLE, response_only=True)],
        responses={200: WebhookEndpointSecretSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        endpoint = self._endpoint(pk)
        try:
            endpoint = services.webhook_secret_rotate(
                actor=request.user,
                coalition=endpoint.coalition,
                endpoint_pk=endpoint.pk,
                request=request,
            )
        except DjangoPermissionDenied:
            return _refused()
        except DjangoValidationError as error:
            raise Http404(" ".join(error.messages)) from None
        return _secret_answer(endpoint)


# --- The delivery log --------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class WebhookDeliveryListView(_WebhookView):
    permissions_by_method = {"GET": COORDINATOR}
    serializer_class = WebhookDeliverySerializer
    pagination_class = WebhookPagination

    @extend_schema(
        summary="Berichtenlog van een webhook",
        description=(
            "De berichten aan deze webhook, nieuwste eerst: gebeurtenis, toestand, pogingen, "
            "de volgende poging en het laatste antwoord of de fout. De inhoud van een bericht "
            "staat er niet in (alleen verwijzingen, zoals het systeem ze kreeg)."
        ),
        parameters=[
            ENDPOINT_PARAMETER,
            OpenApiParameter(
                "state",
                OpenApiTypes.STR,
                enum=list(DeliveryState.values),
                description="Alleen berichten in deze toestand.",
            ),
        ],
        responses={
            200: WebhookDeliverySerializer(many=True),
            400: OpenApiResponse(ErrorSerializer, description="Onbekende toestand."),
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk):
        if not WebhookEndpoint.objects.filter(pk=pk, coalition_id__in=self.coordinated).exists():
            raise Http404(_("Deze webhook bestaat niet (meer) in een coalitie die je coördineert."))
        deliveries = WebhookDelivery.objects.filter(endpoint_id=pk).defer("payload")
        state = request.query_params.get("state", "")
        if state:
            if state not in DeliveryState.values:
                raise serializers.ValidationError({"state": [_("Onbekende toestand.")]})
            deliveries = deliveries.filter(state=state)
        page = self.paginate_queryset(deliveries.order_by("-created_at", "-pk"))
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)


@extend_schema(tags=[TAG])
class WebhookDeliveryRetryView(_WebhookView):
    permissions_by_method = {"POST": COORDINATOR}
    serializer_class = WebhookDeliverySerializer

    @extend_schema(
        summary="Bericht opnieuw proberen",
        description=(
            "Zet een mislukt bericht opnieuw klaar: het wordt meteen opnieuw verstuurd, met "
            "een nieuwe reeks pogingen. Alleen een mislukt bericht (anders 400)."
        ),
        parameters=[
            ENDPOINT_PARAMETER,
            OpenApiParameter(
                "delivery_id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="Nummer (id) van het bericht.",
            ),
        ],
        request=None,
        responses={
            200: WebhookDeliverySerializer,
            400: OpenApiResponse(ErrorSerializer, description="Het bericht is niet mislukt."),
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk, delivery_id):
        endpoint = self._endpoint(pk)
        if not WebhookDelivery.objects.filter(pk=delivery_id, endpoint=endpoint).exists():
            raise Http404(_("Dit bericht bestaat niet (meer)."))
        try:
            delivery = services.webhook_delivery_retry(
                actor=request.user,
                coalition=endpoint.coalition,
                endpoint_pk=endpoint.pk,
                delivery_pk=delivery_id,
                request=request,
            )
        except DjangoPermissionDenied:
            return _refused()
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(WebhookDeliverySerializer(delivery).data)
