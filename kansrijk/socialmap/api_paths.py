"""The coalition's care paths (zorgpaden) through the API, as on the pages
(kansrijk/socialmap/views_paths.py), with the same policy, forms and services:

- professionals and coordinators of a coalition read its care paths; coordinators create and
  change them, their steps and the steps' services (403 for everyone else of the coalition);
  analysts and administrators get nothing (403), without a session or token 401;
- a path of a coalition the caller does not work in does not exist (404); so does a step of
  another path, or a step's service of another step;
- the list and a new path are for the caller's one coalition (as reader, or as coordinator)
  or the one named in `?coalition=`;
- input is checked by the pages' forms (`CarePathForm`, `StepForm`, `StepServiceForm`,
  the same Dutch messages) and saved by `services_paths` (the path row locked, the steps kept
  numbered 1..n, the audit trail). A change of the path's own fields carries the `version`
  the client read: a stale one answers 409 with both versions. As on the pages, a path is
  not deleted but taken out of use (`is_active: false`); a step and a step's service are.

Care paths hold no family data: no access event is written, the audit trail is the services'.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.care.needs import Need
from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api import (
    PermissionsByMethodMixin,
    _conflict_response,
    _drf_validation_error,
)
from kansrijk.families.api_coalition_config import COALITION, form_errors
from kansrijk.families.api_lifecycle import VERSION_MESSAGES
from kansrijk.families.serializers import ErrorSerializer, VersionConflictSerializer
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.api_scope import chosen_coalition

from . import selectors_api
from . import selectors_paths as selectors
from . import services_paths as services
from .api_hsds import MapPagination
from .forms_paths import CarePathForm, StepForm, StepServiceForm
from .models import CarePath, CarePathRoute, CarePathStep

# The care paths' group in the documentation; "zorgpaden" once that tag is declared in
# SPECTACULAR_SETTINGS["TAGS"] (kansrijk/settings/base.py).
TAG = "zorgpaden"

# --- Who may -----------------------------------------------------------------------------------


class ReadsCarePaths(permissions.BasePermission):
    """Works in a coalition as professional or coordinator; the coalitions where the caller
    reads and where they change care paths are kept on the view (one query)."""

    message = gettext_lazy("Alleen professionals en coördinatoren van een coalitie zien zorgpaden.")

    def has_permission(self, request, view) -> bool:
        view.readers, view.coordinators = selectors_api.path_roles_by_coalition(request.user)
        return bool(view.readers)


READERS = (permissions.IsAuthenticated, ReadsCarePaths)
COORDINATORS_ONLY = gettext_lazy("Alleen coördinatoren van de coalitie wijzigen zorgpaden.")


class _PathView(PermissionsByMethodMixin, generics.GenericAPIView):
    readers: set[int] = set()
    coordinators: set[int] = set()
    pagination_class = None

    def care_path(self, pk: int, *, edit: bool = False) -> CarePath:
        path = selectors_api.path_in(self.readers, pk)
        if path is None:
            raise exceptions.NotFound(_("Dit zorgpad bestaat niet (meer)."))
        if edit and path.coalition_id not in self.coordinators:
            raise exceptions.PermissionDenied(COORDINATORS_ONLY)
        return path

    def step(self, path: CarePath, step_pk: int) -> CarePathStep:
        step = path.steps.filter(pk=step_pk).first()
        if step is None:
            raise exceptions.NotFound(_("Deze stap bestaat niet (meer)."))
        return step


# --- Serializers -------------------------------------------------------------------------------


def _need_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(
        Need.choices,
        enum_name="SocialMapNeedEnum",
        error_messages={
            "invalid_choice": gettext_lazy("Kies een behoefte uit de lijst."),
            "null": gettext_lazy("Kies voor welke behoefte dit zorgpad is."),
        },
        **kwargs,
    )


def _route_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(
        CarePathRoute.choices,
        enum_name="CarePathRouteEnum",
        error_messages={
            "invalid_choice": gettext_lazy("Kies een route uit de lijst."),
            "null": gettext_lazy("Kies een route."),
        },
        **kwargs,
    )


class StepServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    service = serializers.UUIDField()
    service_name = serializers.CharField()
    provider_name = serializers.CharField()
    municipality = serializers.IntegerField(
        allow_null=True, help_text=gettext_lazy("Leeg: voor alle gemeenten.")
    )
    municipality_name = serializers.CharField(allow_null=True)


class StepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    services = StepServiceSerializer(many=True)


class CarePathSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    coalition = serializers.IntegerField()
    name = serializers.CharField()
    need = _need_field()
    route = _route_field()
    description = serializers.CharField()
    is_active = serializers.BooleanField()
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


class CarePathListItemSerializer(CarePathSerializer):
    step_count = serializers.IntegerField()


class CarePathDetailSerializer(CarePathSerializer):
    updated_by = serializers.CharField(allow_null=True)
    steps = StepSerializer(many=True)


class CarePathWriteSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True)
    need = _need_field(required=False)
    route = _route_field(required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


class CarePathUpdateSerializer(CarePathWriteSerializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text=gettext_lazy("De versie van het zorgpad waarop de wijziging is gebaseerd."),
        error_messages=VERSION_MESSAGES,
    )


class StepWriteSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


MOVE_MESSAGE = gettext_lazy("Kies of de stap omhoog of omlaag moet.")


class StepMoveSerializer(serializers.Serializer):
    direction = NamedChoiceField(
        [("up", gettext_lazy("omhoog")), ("down", gettext_lazy("omlaag"))],
        enum_name="CarePathMoveEnum",
        error_messages={
            "required": MOVE_MESSAGE,
            "invalid_choice": MOVE_MESSAGE,
            "null": MOVE_MESSAGE,
        },
    )


class StepServiceWriteSerializer(serializers.Serializer):
    service = serializers.CharField(
        help_text=gettext_lazy("Het id (UUID) van een actief aanbod van de coalitie."),
        error_messages={
            "required": gettext_lazy("Kies een aanbod."),
            "null": gettext_lazy("Kies een aanbod."),
        },
    )
    municipality = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=gettext_lazy(
            "Leeg: het aanbod geldt in alle gemeenten. Een gemeente van de coalitie: het "
            "alternatief voor die gemeente."
        ),
        error_messages={
            "invalid": gettext_lazy("Kies een gemeente van deze coalitie uit de lijst.")
        },
    )


# --- Bodies ------------------------------------------------------------------------------------


def _path_fields(path: CarePath) -> dict:
    return {
        "id": path.pk,
        "coalition": path.coalition_id,
        "name": path.name,
        "need": path.need,
        "route": path.route,
        "description": path.description,
        "is_active": path.is_active,
        "version": path.version,
        "updated_at": path.updated_at,
    }


def _link_row(link) -> dict:
    return {
        "id": link.pk,
        "service": link.service_id,
        "service_name": link.service.name,
        "provider_name": link.service.organization.name,
        "municipality": link.municipality_id,
        "municipality_name": link.municipality.name if link.municipality_id else None,
    }


def _step_row(step: CarePathStep) -> dict:
    return {
        "id": step.pk,
        "position": step.position,
        "title": step.title,
        "description": step.description,
        "services": [_link_row(link) for link in step.services.all()],
    }


def _path_body(path: CarePath) -> dict:
    """The path with its steps and their services (two queries, `path_with_steps`)."""
    path = selectors.path_with_steps(path)
    return {
        **_path_fields(path),
        "updated_by": path.updated_by.get_full_name() if path.updated_by_id else None,
        "steps": [_step_row(step) for step in path.steps.all()],
    }


def _fresh(pk: int, readers) -> CarePath:
    return selectors_api.path_in(readers, pk)


# --- Documentation -----------------------------------------------------------------------------

PATH_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id van het zorgpad."
)
STEP_ID = OpenApiParameter(
    "step_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id van de stap."
)
LINK_ID = OpenApiParameter(
    "link_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Id van het aanbod bij de stap (`services[].id`).",
)
INVALID = OpenApiResponse(
    ErrorSerializer, description="Ongeldige invoer, met Nederlandse meldingen."
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="Lezen: professionals en coördinatoren; wijzigen: alleen coördinatoren.",
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Bestaat niet (meer), of hoort bij een andere coalitie."
)
CONFLICT = OpenApiResponse(
    VersionConflictSerializer,
    description="Het zorgpad is intussen door iemand anders gewijzigd: beide versies.",
)
WRITE_ERRORS = {400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND}
PATH_EXAMPLE = {
    "name": "Geldzorgen in de zwangerschap",
    "need": "finances",
    "route": 2,
    "description": "Voor zwangeren met schulden of een laag inkomen.",
    "is_active": True,
}


# --- Paths -------------------------------------------------------------------------------------


def _path_form(values: dict, version: int) -> CarePathForm:
    form = CarePathForm({**values, "version": version})
    if not form.is_valid():
        raise form_errors(form)
    return form


@extend_schema(tags=[TAG])
class CarePathListView(_PathView):
    permissions_by_method = {"GET": READERS, "POST": READERS}
    serializer_class = CarePathListItemSerializer
    pagination_class = MapPagination

    @extend_schema(
        operation_id="care_paths_list",
        summary="Zorgpaden van de coalitie",
        description="Op behoefte, route en naam, met het aantal stappen.",
        parameters=[COALITION],
        responses={200: CarePathListItemSerializer(many=True), 400: INVALID, 403: FORBIDDEN},
    )
    def get(self, request):
        coalition_id = chosen_coalition(request, self.readers)
        page = self.paginate_queryset(selectors.coalition_paths(coalition_id))
        rows = [{**_path_fields(path), "step_count": path.step_count} for path in page]
        return self.get_paginated_response(rows)

    @extend_schema(
        summary="Zorgpad aanmaken",
        description="Een nieuw zorgpad voor een behoefte en route (alleen coördinatoren).",
        parameters=[COALITION],
        request=CarePathWriteSerializer,
        examples=[OpenApiExample("Nieuw zorgpad", value=PATH_EXAMPLE, request_only=True)],
        responses={201: CarePathDetailSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def post(self, request):
        if not self.coordinators:
            raise exceptions.PermissionDenied(COORDINATORS_ONLY)
        coalition = selectors_api.coalition(chosen_coalition(request, self.coordinators))
        serializer = CarePathWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = {"route": CarePathRoute.ANY, "is_active": True, **serializer.validated_data}
        form = _path_form(values, 0)
        try:
            path = services.care_path_save(
                actor=request.user, coalition=coalition, data=form.path_data(), request=request
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(
            _path_body(_fresh(path.pk, self.readers)),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:care_path_detail", args=[path.pk])},
        )


@extend_schema(tags=[TAG])
class CarePathDetailView(_PathView):
    permissions_by_method = {"GET": READERS, "PATCH": READERS}
    serializer_class = CarePathDetailSerializer

    @extend_schema(
        operation_id="care_path",
        summary="Eén zorgpad",
        description="Het zorgpad met zijn stappen op volgorde en het aanbod per stap.",
        parameters=[PATH_ID],
        responses={200: CarePathDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return Response(_path_body(self.care_path(pk)))

    @extend_schema(
        summary="Zorgpad wijzigen",
        description=(
            "Wijzigt de velden die je meestuurt, met de `version` die je las (409 als iemand "
            "anders het zorgpad intussen wijzigde). Een zorgpad verwijderen kan niet: zet het "
            "uit met `is_active: false`."
        ),
        parameters=[PATH_ID],
        request=CarePathUpdateSerializer,
        examples=[
            OpenApiExample(
                "Uit gebruik", value={"is_active": False, "version": 2}, request_only=True
            )
        ],
        responses={200: CarePathDetailSerializer, 409: CONFLICT, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        path = self.care_path(pk, edit=True)
        serializer = CarePathUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent = dict(serializer.validated_data)
        version = sent.pop("version")
        form = _path_form({**services.snapshot(path), **sent}, version)
        try:
            services.care_path_save(
                actor=request.user,
                coalition=path.coalition,
                data=form.path_data(),
                path_pk=path.pk,
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except VersionConflict as conflict:
            return _conflict_response(conflict)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_path_body(_fresh(path.pk, self.readers)))


# --- Steps -------------------------------------------------------------------------------------


def _step_form(values: dict) -> StepForm:
    form = StepForm(values)
    if not form.is_valid():
        raise form_errors(form)
    return form


def _step_body(step_pk: int, path: CarePath) -> dict:
    path = selectors.path_with_steps(path)
    return _step_row(next(step for step in path.steps.all() if step.pk == step_pk))


@extend_schema(tags=[TAG])
class StepListView(_PathView):
    permissions_by_method = {"POST": READERS}
    serializer_class = StepSerializer

    @extend_schema(
        summary="Stap toevoegen",
        description="Een nieuwe stap aan het eind van het zorgpad (alleen coördinatoren).",
        parameters=[PATH_ID],
        request=StepWriteSerializer,
        examples=[
            OpenApiExample(
                "Stap",
                value={"title": "Kennismaken met de schuldhulpverlener", "description": ""},
                request_only=True,
            )
        ],
        responses={201: StepSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        path = self.care_path(pk, edit=True)
        serializer = StepWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        form = _step_form(serializer.validated_data)
        try:
            step = services.care_path_step_save(
                actor=request.user, path=path, data=form.cleaned_data, request=request
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_step_body(step.pk, path), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class StepDetailView(_PathView):
    permissions_by_method = {"PATCH": READERS, "DELETE": READERS}
    serializer_class = StepSerializer

    @extend_schema(
        summary="Stap wijzigen",
        parameters=[PATH_ID, STEP_ID],
        request=StepWriteSerializer,
        examples=[OpenApiExample("Titel", value={"title": "Aanmelden"}, request_only=True)],
        responses={200: StepSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int, step_pk: int):
        path = self.care_path(pk, edit=True)
        step = self.step(path, step_pk)
        serializer = StepWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stored = {"title": step.title, "description": step.description}
        form = _step_form({**stored, **serializer.validated_data})
        try:
            services.care_path_step_save(
                actor=request.user,
                path=path,
                data=form.cleaned_data,
                step_pk=step.pk,
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_step_body(step.pk, path))

    @extend_schema(
        summary="Stap verwijderen",
        description="Verwijdert de stap met het aanbod erbij; de stappen erna schuiven op.",
        parameters=[PATH_ID, STEP_ID],
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int, step_pk: int):
        path = self.care_path(pk, edit=True)
        step = self.step(path, step_pk)
        try:
            services.care_path_step_remove(
                actor=request.user, path=path, step_pk=step.pk, request=request
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=[TAG])
class StepMoveView(_PathView):
    permissions_by_method = {"POST": READERS}
    serializer_class = CarePathDetailSerializer

    @extend_schema(
        summary="Stap verplaatsen",
        description=(
            "Een plaats omhoog (`up`) of omlaag (`down`); aan het begin of eind blijft alles "
            "zoals het is. Het antwoord is het zorgpad met de stappen op hun nieuwe plaats."
        ),
        parameters=[PATH_ID, STEP_ID],
        request=StepMoveSerializer,
        examples=[OpenApiExample("Omhoog", value={"direction": "up"}, request_only=True)],
        responses={200: CarePathDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int, step_pk: int):
        path = self.care_path(pk, edit=True)
        step = self.step(path, step_pk)
        serializer = StepMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.care_path_step_move(
                actor=request.user,
                path=path,
                step_pk=step.pk,
                up=serializer.validated_data["direction"] == "up",
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_path_body(_fresh(path.pk, self.readers)))


# --- Services of a step ------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class StepServicesView(_PathView):
    permissions_by_method = {"POST": READERS}
    serializer_class = StepServiceSerializer

    @extend_schema(
        summary="Aanbod bij een stap zetten",
        description=(
            "Een actief aanbod van de coalitie bij de stap: voor alle gemeenten, of met "
            "`municipality` als het alternatief voor die gemeente (alleen coördinatoren)."
        ),
        parameters=[PATH_ID, STEP_ID],
        request=StepServiceWriteSerializer,
        examples=[
            OpenApiExample(
                "Voor alle gemeenten",
                value={"service": "0b0e6c1c-5d3e-4a8e-9a51-2f3c4d5e6f70", "municipality": None},
                request_only=True,
            )
        ],
        responses={201: StepServiceSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int, step_pk: int):
        path = self.care_path(pk, edit=True)
        step = self.step(path, step_pk)
        serializer = StepServiceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        municipality = serializer.validated_data.get("municipality")
        form = StepServiceForm(
            {
                "service": serializer.validated_data["service"],
                "municipality": "" if municipality is None else str(municipality),
            },
            services=list(selectors.active_services(path.coalition_id)),
            municipalities=selectors_api.coalition_municipalities(path.coalition_id),
        )
        if not form.is_valid():
            raise form_errors(form)
        try:
            link = services.care_path_step_service_add(
                actor=request.user,
                path=path,
                step_pk=step.pk,
                service=form.chosen_service(),
                municipality=form.chosen_municipality(),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_link_row(link), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class StepServiceView(_PathView):
    permissions_by_method = {"DELETE": READERS}
    serializer_class = StepServiceSerializer

    @extend_schema(
        summary="Aanbod bij een stap weghalen",
        description="Het aanbod zelf blijft op de sociale kaart.",
        parameters=[PATH_ID, STEP_ID, LINK_ID],
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int, step_pk: int, link_pk: int):
        path = self.care_path(pk, edit=True)
        link = selectors_api.step_link(path, step_pk, link_pk)
        if link is None:
            raise exceptions.NotFound(_("Dit aanbod staat niet (meer) bij deze stap."))
        try:
            services.care_path_step_service_remove(
                actor=request.user, path=path, link_pk=link.pk, request=request
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
