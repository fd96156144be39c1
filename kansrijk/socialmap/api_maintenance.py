"""Maintaining the social map through the API: providers, their services, "gecontroleerd"
and the delegated editors, as on the maintenance pages (kansrijk/socialmap/views_map.py).

The pages' policy (`selectors_map`), for every coalition the caller works in at once (the
API has no session's active coalition):

- a coordinator of a coalition maintains every provider and service of its map, adds
  providers and manages the delegated editors; a delegated editor maintains their own
  providers (details, services, "gecontroleerd"), not the chain-partner link, not the
  editors, no new providers; everyone else of the coalition (other professionals, analysts)
  gets 403, an administrator without another role too, and without a session or token 401;
- a provider or service of a coalition the caller does not work in does not exist (404);
- the lists and a new provider are for the caller's one coalition where they maintain (or
  coordinate), or the one named in `?coalition=`.

Input is checked by the page's forms (`ProviderForm`, `ServiceForm`, `EditorAddForm`: the
same Dutch messages) and saved by the page's services (`services_map`: one transaction, the
audit trail and the HSDS metadata per changed field). A service change carries the `version`
the client read: a stale one answers 409 with both versions, field by field. Marking a
service checked keeps its version, as on the page. The map holds no family data: no access
event is written, the audit trail is the services'.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.families.api import (
    PermissionsByMethodMixin,
    _conflict_response,
    _drf_validation_error,
)
from kansrijk.families.api_coalition_config import COALITION, form_errors
from kansrijk.families.serializers import ErrorSerializer, VersionConflictSerializer
from kansrijk.organisations.api_scope import chosen_coalition

from . import selectors_api, selectors_map, services_map
from .api_hsds import TAG, MapPagination
from .forms_map import (
    SERVICE_MODEL_FIELDS,
    EditorAddForm,
    ProviderForm,
    ServiceForm,
    service_initial,
)
from .models import MapEditor, Organization, Service, ServiceStatus
from .selectors_map import MapRights
from .serializers_maintenance import (
    TERMS,
    EditorSerializer,
    EditorWriteSerializer,
    ProviderSerializer,
    ProviderWriteSerializer,
    ServiceRowSerializer,
    ServiceSerializer,
    ServiceUpdateSerializer,
    ServiceWriteSerializer,
)
from .services_map import COMMON_LANGUAGES, ORGANIZATION_FIELDS, ServiceVersionConflict

# --- Who may -----------------------------------------------------------------------------------


class WorksOnTheMap(permissions.BasePermission):
    """Works in a coalition as professional, coordinator or analyst; the rights on each of
    those coalitions' maps are kept on the view (`map_rights`, two queries)."""

    message = gettext_lazy(
        "Alleen professionals, coördinatoren en analisten van een coalitie zien de sociale kaart."
    )

    def has_permission(self, request, view) -> bool:
        view.map_rights = selectors_api.map_rights_by_coalition(request.user)
        return bool(view.map_rights)


MAP = (permissions.IsAuthenticated, WorksOnTheMap)
MAINTAINERS_ONLY = gettext_lazy(
    "Alleen coördinatoren en redacteuren van deze aanbieder houden dit aanbod bij."
)
COORDINATORS_ONLY = gettext_lazy(
    "Alleen coördinatoren van de coalitie voegen aanbieders toe en beheren de redacteuren."
)
PARTNER_COORDINATORS_ONLY = gettext_lazy(
    "Alleen coördinatoren kiezen de ketenpartner van een aanbieder."
)


class _MaintenanceView(PermissionsByMethodMixin, generics.GenericAPIView):
    map_rights: dict[int, MapRights] = {}
    pagination_class = MapPagination

    def maintained_coalition(self, *, coordinator: bool = False) -> MapRights:
        """The rights in the coalition the call is for: one where the caller maintains (or,
        with `coordinator`, coordinates)."""
        allowed = {
            pk
            for pk, rights in self.map_rights.items()
            if (rights.coordinator if coordinator else rights.may_maintain)
        }
        if not allowed:
            raise exceptions.PermissionDenied(
                COORDINATORS_ONLY if coordinator else MAINTAINERS_ONLY
            )
        return self.map_rights[chosen_coalition(self.request, allowed)]

    def organization(self, pk, *, coordinator: bool = False) -> tuple[MapRights, Organization]:
        organization = selectors_api.organization_in(self.map_rights, pk)
        if organization is None:
            raise exceptions.NotFound(
                _("Deze aanbieder staat niet op de sociale kaart van je coalitie.")
            )
        rights = self.map_rights[organization.coalition_id]
        if not rights.may_edit_organization(organization):
            raise exceptions.PermissionDenied(MAINTAINERS_ONLY)
        if coordinator and not rights.coordinator:
            raise exceptions.PermissionDenied(COORDINATORS_ONLY)
        return rights, organization

    def service(self, pk) -> Service:
        service = selectors_api.service_in(self.map_rights, pk)
        if service is None:
            raise exceptions.NotFound(_("Dit staat niet op de sociale kaart van je coalitie."))
        if not self.map_rights[service.coalition_id].may_edit_service(service):
            raise exceptions.PermissionDenied(MAINTAINERS_ONLY)
        return service


# --- Documentation -----------------------------------------------------------------------------

ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="Het HSDS-id.")
EDITOR = OpenApiParameter(
    "editor_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id van de redacteur."
)
INVALID = OpenApiResponse(
    ErrorSerializer, description="Ongeldige invoer, met Nederlandse meldingen."
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="Alleen coördinatoren, en redacteuren voor hun eigen aanbieders, houden dit bij.",
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Bestaat niet, of hoort bij een andere coalitie."
)
CONFLICT = OpenApiResponse(
    VersionConflictSerializer,
    description="Het aanbod is intussen door iemand anders gewijzigd: beide versies per veld.",
)
OBJECT_ERRORS = {400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND}

PROVIDER_EXAMPLE = {
    "name": "Buurtteam Eerstedorp",
    "description": "Hulp bij opvoeden, geld en wonen.",
    "email": "info@buurtteam.example.org",
    "website": "https://buurtteam.example.org",
    "organisation": 4,
}
SERVICE_EXAMPLE = {
    "name": "Budgetcoaching",
    "status": "active",
    "description": "Samen orde in de geldzaken.",
    "phone": "058 1234567",
    "minimum_age": 16,
    "languages": ["nl", "ar"],
    "needs": ["finances"],
    "phases": ["pregnancy", "infancy"],
    "evidence": "not_assessed",
    "access": [{"municipality": 3, "route": "buurtteam", "conditions": "", "waiting_weeks": 2}],
}


# --- Providers ---------------------------------------------------------------------------------


def _provider_row(organization) -> dict:
    """A provider with the counts `maintained_organizations` annotates."""
    return {
        "id": organization.pk,
        "coalition": organization.coalition_id,
        "name": organization.name,
        "alternate_name": organization.alternate_name,
        "description": organization.description,
        "email": organization.email,
        "website": organization.website,
        "organisation": organization.organisation_id,
        "organisation_name": organization.organisation.name if organization.organisation else None,
        "service_count": organization.service_count,
        "unchecked_count": organization.unchecked_count,
        "editor_count": organization.editor_count,
    }


def _provider_body(rights: MapRights, pk) -> dict:
    organizations = selectors_map.maintained_organizations(
        rights, rights.coalition_id, selectors_map.check_cutoff()
    )
    return _provider_row(organizations.get(pk=pk))


def _provider_form(values: dict, organisations) -> ProviderForm:
    data = {name: values.get(name) or "" for name in ORGANIZATION_FIELDS}
    organisation = values.get("organisation")
    data["organisation"] = "" if organisation is None else str(organisation)
    form = ProviderForm(data, organisations=organisations)
    if not form.is_valid():
        raise form_errors(form)
    return form


@extend_schema(tags=[TAG])
class ProviderListView(_MaintenanceView):
    """The providers the caller maintains, and a new provider (coordinators)."""

    permissions_by_method = {"GET": MAP, "POST": MAP}
    serializer_class = ProviderSerializer

    @extend_schema(
        operation_id="socialmap_maintained_providers",
        summary="Aanbieders die je bijhoudt",
        description=(
            "De aanbieders van de coalitie die je bijhoudt (coördinator: alle), op naam, met "
            "het aantal aanbod, niet-gecontroleerd aanbod en redacteuren."
        ),
        parameters=[COALITION],
        responses={200: ProviderSerializer(many=True), 400: INVALID, 403: FORBIDDEN},
    )
    def get(self, request):
        rights = self.maintained_coalition()
        organizations = selectors_map.maintained_organizations(
            rights, rights.coalition_id, selectors_map.check_cutoff()
        )
        page = self.paginate_queryset(organizations)
        return self.get_paginated_response([_provider_row(item) for item in page])

    @extend_schema(
        summary="Aanbieder toevoegen",
        description=(
            "Een nieuwe aanbieder op de sociale kaart (alleen coördinatoren). `organisation` "
            "is de ketenpartner die de verwijzingen naar het aanbod ontvangt."
        ),
        parameters=[COALITION],
        request=ProviderWriteSerializer,
        examples=[OpenApiExample("Nieuwe aanbieder", value=PROVIDER_EXAMPLE, request_only=True)],
        responses={201: ProviderSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def post(self, request):
        rights = self.maintained_coalition(coordinator=True)
        serializer = ProviderWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        coalition = selectors_api.coalition(rights.coalition_id)
        form = _provider_form(serializer.validated_data, selectors_api.chain_partners(coalition))
        try:
            organization = services_map.organization_create(
                actor=request.user,
                coalition=coalition,
                data=form.cleaned_data,
                organisation=form.cleaned_data["organisation"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(
            _provider_body(rights, organization.pk),
            status=status.HTTP_201_CREATED,
            headers={
                "Location": reverse("api:socialmap_maintained_provider", args=[organization.pk])
            },
        )


@extend_schema(tags=[TAG])
class ProviderDetailView(_MaintenanceView):
    permissions_by_method = {"GET": MAP, "PATCH": MAP}
    serializer_class = ProviderSerializer

    @extend_schema(
        operation_id="socialmap_maintained_provider",
        summary="Aanbieder die je bijhoudt",
        parameters=[ID],
        responses={200: ProviderSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        rights, organization = self.organization(pk)
        return Response(_provider_body(rights, organization.pk))

    @extend_schema(
        summary="Aanbieder wijzigen",
        description=(
            "Wijzigt de velden die je meestuurt. De ketenpartner (`organisation`) kiest alleen "
            "een coördinator: die bepaalt wie de verwijzingen ontvangt."
        ),
        parameters=[ID],
        request=ProviderWriteSerializer,
        examples=[
            OpenApiExample(
                "Nieuw e-mailadres", value={"email": "info@welzijn.example.org"}, request_only=True
            )
        ],
        responses={200: ProviderSerializer, **OBJECT_ERRORS},
    )
    def patch(self, request, pk):
        rights, organization = self.organization(pk)
        serializer = ProviderWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        sent = serializer.validated_data
        if "organisation" in sent and not rights.coordinator:
            raise exceptions.PermissionDenied(PARTNER_COORDINATORS_ONLY)
        stored = {name: getattr(organization, name) for name in ORGANIZATION_FIELDS}
        stored["organisation"] = organization.organisation_id
        partners = selectors_api.chain_partners(organization.coalition)
        form = _provider_form({**stored, **sent}, partners if rights.coordinator else None)
        extra = {"organisation": form.cleaned_data["organisation"]} if rights.coordinator else {}
        try:
            services_map.organization_update(
                actor=request.user,
                organization_pk=organization.pk,
                data=form.cleaned_data,
                request=request,
                **extra,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_provider_body(rights, organization.pk))


# --- Services ----------------------------------------------------------------------------------


def _service_body(service: Service) -> dict:
    terms, languages, phone, access = selectors_api.service_details(service)
    body = {
        "id": service.pk,
        "organization": {"id": service.organization_id, "name": service.organization.name},
        "version": service.version,
        "assured_date": service.assured_date,
        "assurer_email": service.assurer_email,
        "flagged": _flagged(service),
        **{name: getattr(service, name) for name in SERVICE_MODEL_FIELDS},
        "phone": phone,
        "languages": languages,
    }
    for name, (_choices, _enum, single) in TERMS.items():
        codes = terms.get(name, [])
        body[name] = (codes[0] if codes else None) if single else codes
    body["access"] = [
        {
            "municipality": row.municipality_id,
            "municipality_name": row.municipality.name,
            "route": row.route,
            "conditions": row.conditions,
            "waiting_weeks": row.waiting_weeks,
        }
        for row in access
    ]
    return body


def _flagged(service: Service) -> bool:
    return service.assured_date is None or service.assured_date < selectors_map.check_cutoff()


def _stored_form_data(service: Service) -> dict:
    """The edit form's values of the stored service (what a PATCH changes)."""
    terms, languages, phone, access = selectors_api.service_details(service)
    return service_initial(service, terms, languages, phone, access)


def _form_data(sent: dict) -> dict:
    """What was sent, under the names of the edit form's fields."""
    data = {name: sent[name] for name in (*SERVICE_MODEL_FIELDS, "phone") if name in sent}
    data = {name: "" if value is None else value for name, value in data.items()}
    if "languages" in sent:
        codes = list(dict.fromkeys(code.strip().lower() for code in sent["languages"]))
        data["languages"] = [code for code in codes if code in COMMON_LANGUAGES]
        data["other_languages"] = ", ".join(code for code in codes if code not in COMMON_LANGUAGES)
    for name, (_choices, _enum, single) in TERMS.items():
        if name in sent:
            data[name] = (sent[name] or "") if single else list(sent[name])
    for row in sent.get("access", []):
        pk = row["municipality"]
        weeks = row.get("waiting_weeks")
        data[f"toegang_{pk}"] = row.get("route") or ""
        data[f"voorwaarden_{pk}"] = row.get("conditions") or ""
        data[f"wachttijd_{pk}"] = "" if weeks is None else weeks
    return data


def _api_field(name: str) -> str:
    """The API's name for a field of the edit form."""
    if name.startswith(("toegang_", "voorwaarden_", "wachttijd_")):
        return "access"
    if name == "other_languages":
        return "languages"
    return "non_field_errors" if name == "__all__" else name


def _service_form(data: dict, municipalities, *, versioned: bool = False) -> ServiceForm:
    form = ServiceForm(data, municipalities=municipalities, versioned=versioned)
    if not form.is_valid():
        errors: dict[str, list] = {}
        for name, messages in form.errors.items():
            errors.setdefault(_api_field(name), []).extend(messages)
        raise serializers.ValidationError(errors)
    return form


def _check_access(sent: dict, municipalities) -> None:
    known = {municipality.pk for municipality in municipalities}
    if any(row["municipality"] not in known for row in sent.get("access", [])):
        raise serializers.ValidationError(
            {"access": [_("Toegang kan alleen voor gemeenten van deze coalitie.")]}
        )


@extend_schema(tags=[TAG])
class ServiceListView(_MaintenanceView):
    """The services the caller maintains, as on the maintenance overview."""

    permissions_by_method = {"GET": MAP}
    serializer_class = ServiceRowSerializer

    @extend_schema(
        operation_id="socialmap_maintained_services",
        summary="Aanbod dat je bijhoudt",
        description=(
            "Het aanbod van de coalitie dat je bijhoudt (coördinator: alles), op naam of op "
            "datum van de laatste controle. `flagged`: nooit of 12 maanden of langer geleden "
            "gecontroleerd."
        ),
        parameters=[
            COALITION,
            OpenApiParameter("q", OpenApiTypes.STR, description="Zoek op naam of aanbieder."),
            OpenApiParameter(
                "unchecked",
                OpenApiTypes.BOOL,
                description="Alleen aanbod dat 12 maanden niet is gecontroleerd.",
            ),
            OpenApiParameter(
                "sort",
                OpenApiTypes.STR,
                enum=["name", "checked"],
                description="`name` (standaard) of `checked`: het langst niet gecontroleerde "
                "eerst.",
            ),
        ],
        responses={200: ServiceRowSerializer(many=True), 400: INVALID, 403: FORBIDDEN},
    )
    def get(self, request):
        rights = self.maintained_coalition()
        cutoff = selectors_map.check_cutoff()
        services = selectors_map.maintained_services(rights, rights.coalition_id)
        params = request.query_params
        if text := params.get("q", "").strip():
            services = selectors_api.search_services(services, text)
        if params.get("unchecked", "").lower() in ("true", "1"):
            services = selectors_api.only_unchecked(services, cutoff)
        sort = "gecontroleerd" if params.get("sort") == "checked" else "naam"
        page = self.paginate_queryset(services.order_by(*selectors_map.SERVICE_SORTS[sort]))
        return self.get_paginated_response([_service_row(item, cutoff) for item in page])


def _service_row(service: Service, cutoff) -> dict:
    return {
        "id": service.pk,
        "name": service.name,
        "organization": {"id": service.organization_id, "name": service.organization.name},
        "status": service.status,
        "version": service.version,
        "assured_date": service.assured_date,
        "assured_by": service.assured_by.get_full_name() if service.assured_by else None,
        "flagged": service.assured_date is None or service.assured_date < cutoff,
    }


@extend_schema(tags=[TAG])
class ProviderServicesView(_MaintenanceView):
    permissions_by_method = {"POST": MAP}
    serializer_class = ServiceSerializer

    @extend_schema(
        summary="Aanbod toevoegen aan een aanbieder",
        description=(
            "Nieuw aanbod van de aanbieder, met de kenmerken en de toegang per gemeente van "
            "de coalitie. Controleer het daarna en markeer het als gecontroleerd (`verify/`)."
        ),
        parameters=[ID],
        request=ServiceWriteSerializer,
        examples=[OpenApiExample("Nieuw aanbod", value=SERVICE_EXAMPLE, request_only=True)],
        responses={201: ServiceSerializer, **OBJECT_ERRORS},
    )
    def post(self, request, pk):
        _rights, organization = self.organization(pk)
        serializer = ServiceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent = serializer.validated_data
        municipalities = selectors_api.coalition_municipalities(organization.coalition_id)
        _check_access(sent, municipalities)
        form = _service_form({"status": ServiceStatus.ACTIVE, **_form_data(sent)}, municipalities)
        try:
            service = services_map.service_create(
                actor=request.user,
                organization_pk=organization.pk,
                data=form.service_input(),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(
            _service_body(service),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:socialmap_maintained_service", args=[service.pk])},
        )


@extend_schema(tags=[TAG])
class ServiceDetailView(_MaintenanceView):
    permissions_by_method = {"GET": MAP, "PATCH": MAP}
    serializer_class = ServiceSerializer

    @extend_schema(
        operation_id="socialmap_maintained_service",
        summary="Aanbod dat je bijhoudt",
        description="Alles wat het bewerkformulier toont, met de versie voor een wijziging.",
        parameters=[ID],
        responses={200: ServiceSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return Response(_service_body(self.service(pk)))

    @extend_schema(
        summary="Aanbod wijzigen",
        description=(
            "Wijzigt de velden die je meestuurt, met de `version` die je las. Heeft iemand "
            "anders het aanbod intussen opgeslagen, dan volgt 409 met beide versies per veld; "
            "stuur je wijziging dan opnieuw met de nieuwe versie als die nog klopt."
        ),
        parameters=[ID],
        request=ServiceUpdateSerializer,
        examples=[
            OpenApiExample(
                "Wachttijd aanpassen",
                value={"wait_time": "4 weken", "version": 3},
                request_only=True,
            )
        ],
        responses={200: ServiceSerializer, 409: CONFLICT, **OBJECT_ERRORS},
    )
    def patch(self, request, pk):
        service = self.service(pk)
        serializer = ServiceUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent = serializer.validated_data
        municipalities = selectors_api.coalition_municipalities(service.coalition_id)
        _check_access(sent, municipalities)
        data = {**_stored_form_data(service), **_form_data(sent), "version": sent["version"]}
        form = _service_form(data, municipalities, versioned=True)
        try:
            service = services_map.service_update(
                actor=request.user,
                service_pk=service.pk,
                expected_version=form.cleaned_data["version"],
                data=form.service_input(),
                request=request,
            )
        except ServiceVersionConflict as conflict:
            return _conflict_response(conflict)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_service_body(service))


@extend_schema(tags=[TAG])
class ServiceVerifyView(_MaintenanceView):
    permissions_by_method = {"POST": MAP}
    serializer_class = ServiceSerializer

    @extend_schema(
        summary="Aanbod markeren als gecontroleerd",
        description=(
            "Legt vast dat je het aanbod vandaag hebt gecontroleerd (HSDS `assured_date` en "
            "`assurer_email`). De versie blijft gelijk."
        ),
        parameters=[ID],
        request=None,
        responses={200: ServiceSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        service = self.service(pk)
        service = services_map.service_mark_checked(
            actor=request.user, service_pk=service.pk, request=request
        )
        return Response(_service_body(service))


# --- Delegated editors -------------------------------------------------------------------------


def _editor_row(editor: MapEditor) -> dict:
    return {
        "id": editor.pk,
        "professional": editor.professional_id,
        "professional_name": editor.professional.get_full_name(),
        "granted_by": editor.granted_by.get_full_name(),
        "granted_at": editor.granted_at,
    }


@extend_schema(tags=[TAG])
class EditorListView(_MaintenanceView):
    """A provider's delegated editors, and adding one (coordinators)."""

    permissions_by_method = {"GET": MAP, "POST": MAP}
    serializer_class = EditorSerializer
    pagination_class = None

    @extend_schema(
        operation_id="socialmap_provider_editors",
        summary="Redacteuren van een aanbieder",
        description="Wie het aanbod van deze aanbieder mag bijhouden (alleen coördinatoren).",
        parameters=[ID],
        responses={200: EditorSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        _rights, organization = self.organization(pk, coordinator=True)
        editors = selectors_map.organization_editors(organization)
        return Response([_editor_row(editor) for editor in editors])

    @extend_schema(
        summary="Redacteur toevoegen",
        description=(
            "Laat een professional met een lidmaatschap in de coalitie het aanbod van deze "
            "aanbieder bijhouden (alleen coördinatoren)."
        ),
        parameters=[ID],
        request=EditorWriteSerializer,
        examples=[OpenApiExample("Redacteur", value={"professional": 12}, request_only=True)],
        responses={201: EditorSerializer, **OBJECT_ERRORS},
    )
    def post(self, request, pk):
        _rights, organization = self.organization(pk, coordinator=True)
        serializer = EditorWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        candidates = selectors_map.delegable_professionals(organization.coalition).exclude(
            map_editor_of__organization=organization
        )
        form = EditorAddForm(
            {"professional": str(serializer.validated_data["professional"])},
            professionals=candidates,
        )
        if not form.is_valid():
            raise form_errors(form)
        try:
            editor = services_map.map_editor_add(
                actor=request.user,
                organization_pk=organization.pk,
                professional=form.cleaned_data["professional"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        editor = selectors_map.organization_editors(organization).get(pk=editor.pk)
        return Response(_editor_row(editor), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class EditorDetailView(_MaintenanceView):
    permissions_by_method = {"DELETE": MAP}
    serializer_class = EditorSerializer

    @extend_schema(
        summary="Redacteur weghalen",
        description="De professional houdt het aanbod van deze aanbieder niet meer bij.",
        parameters=[ID, EDITOR],
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk, editor_pk: int):
        _rights, organization = self.organization(pk, coordinator=True)
        editor = selectors_api.editor_of(organization, editor_pk)
        if editor is None:
            raise exceptions.NotFound(_("Deze redacteur bestaat niet (meer)."))
        services_map.map_editor_remove(actor=request.user, editor_pk=editor.pk, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
