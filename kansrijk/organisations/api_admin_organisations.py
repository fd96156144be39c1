"""A coalition's organisations through the API, as on the coordinator's pages
(`views.organisation_list`, `organisation_create`, `organisation_edit`, `organisation_status`):

- coordinators of the coalition only (api_admin_common); an organisation of another
  coalition is "not found";
- the input is checked by the page's form (`OrganisationForm`: its Dutch messages per field)
  and stored by the page's services, which write the audit trail; a PATCH sends only what
  changes;
- an organisation is never deleted: it is deactivated (`POST .../status/`), as on the page.
"""

from copy import copy

from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_fields import NamedChoiceField

from . import selectors, services
from .api_admin_common import (
    COALITION,
    COORDINATOR,
    COORDINATORS_ONLY,
    INVALID,
    PK,
    TAG,
    ManageViewMixin,
    StatusSerializer,
    form_errors,
    not_found,
    ordered,
    ordering_parameter,
    read_filters,
    search,
)
from .forms import OrganisationFilterForm, OrganisationForm
from .models import Organisation, OrganisationKind

SORTS = {"name": ("name",), "kind": ("kind", "name")}
STATUS_VALUES = {"active": "actief", "inactive": "inactief"}


def _kind_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(OrganisationKind.choices, enum_name="OrganisationKindEnum", **kwargs)


class OrganisationSerializer(serializers.ModelSerializer):
    kind = _kind_field()
    kind_display = serializers.CharField(source="get_kind_display")
    member_count = serializers.IntegerField(
        help_text="Aantal lopende lidmaatschappen in deze coalitie."
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "kind_display", "phone", "email", "is_active"]
        fields += ["member_count"]


class OrganisationWriteSerializer(serializers.Serializer):
    """The shape of a write; what is required and valid is the page form's."""

    name = serializers.CharField(required=False, allow_blank=True, max_length=160)
    kind = _kind_field(required=False)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)


EXAMPLE = {
    "id": 4,
    "name": "Verloskundigen Eerstedorp",
    "kind": "verloskundigenpraktijk",
    "kind_display": "Verloskundigenpraktijk",
    "phone": "010 1234567",
    "email": "info@verloskundigen.example",
    "is_active": True,
    "member_count": 6,
}
WRITE_EXAMPLE = {k: EXAMPLE[k] for k in ("name", "kind", "phone", "email")}


def _organisations(view) -> object:
    # The member count is annotated in the same query (selectors.manageable_organisations).
    return selectors.manageable_organisations(view.coalition())


def _organisation(view, pk: int) -> Organisation:
    organisation = _organisations(view).filter(pk=pk).first()
    if organisation is None:
        raise exceptions.NotFound(_("Deze organisatie bestaat niet in je coalitie."))
    return organisation


def _answer(view, pk: int, code=status.HTTP_200_OK) -> Response:
    return Response(OrganisationSerializer(_organisation(view, pk)).data, status=code)


def _valid_form(sent: dict, organisation: Organisation | None) -> OrganisationForm:
    current = (
        {}
        if organisation is None
        else {field: getattr(organisation, field) for field in services.ORGANISATION_FIELDS}
    )
    # A copy: validating a ModelForm writes the input onto its instance (as the page does).
    instance = copy(organisation) if organisation is not None else None
    form = OrganisationForm(current | sent, instance=instance)
    if not form.is_valid():
        raise form_errors(form)
    return form


@extend_schema(tags=[TAG])
class OrganisationListView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "POST": COORDINATOR}
    serializer_class = OrganisationSerializer

    @extend_schema(
        operation_id="admin_organisations_list",
        summary="Organisaties van de coalitie",
        description=(
            "De organisaties (ketenpartners) van de coalitie met hun aantal lopende "
            "lidmaatschappen, per pagina van 50. Zoeken en filteren als op de beheerpagina. "
            "Voor coördinatoren."
        ),
        parameters=[
            COALITION,
            OpenApiParameter("q", OpenApiTypes.STR, description="Zoek op naam."),
            OpenApiParameter(
                "kind", OpenApiTypes.STR, enum=list(OrganisationKind.values), description="Soort."
            ),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(STATUS_VALUES)),
            ordering_parameter(SORTS),
        ],
        responses={
            200: OrganisationSerializer(many=True),
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
        examples=[OpenApiExample("Organisatie", value=EXAMPLE, response_only=True)],
    )
    def get(self, request):
        filters = read_filters(
            request,
            OrganisationFilterForm,
            {"q": "q", "kind": "soort", "status": "status"},
            values=STATUS_VALUES,
        )
        organisations = _organisations(self)
        if filters["q"]:
            organisations = search(organisations, filters["q"], ("name",))
        if filters["kind"]:
            organisations = organisations.filter(kind=filters["kind"])
        if filters["status"]:
            organisations = organisations.filter(is_active=filters["status"] == "actief")
        organisations = ordered(request, organisations, SORTS, "name")
        page = self.paginate_queryset(organisations)
        return self.get_paginated_response(OrganisationSerializer(page, many=True).data)

    @extend_schema(
        operation_id="admin_organisations_create",
        summary="Organisatie toevoegen",
        description=(
            "Een nieuwe organisatie in de coalitie. Naam en soort zijn verplicht. Stuur een "
            "`Idempotency-Key` mee om bij opnieuw versturen geen tweede organisatie te maken."
        ),
        parameters=[COALITION],
        request=OrganisationWriteSerializer,
        examples=[
            OpenApiExample("Nieuwe organisatie", value=WRITE_EXAMPLE, request_only=True),
            OpenApiExample("Aangemaakt", value=EXAMPLE, response_only=True, status_codes=[201]),
        ],
        responses={
            201: OrganisationSerializer,
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
    )
    def post(self, request):
        coalition = self.coalition()
        sent = OrganisationWriteSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        form = _valid_form(dict(sent.validated_data), None)
        organisation = services.organisation_create(
            actor=request.user,
            coalition=coalition,
            request=request,
            **{field: form.cleaned_data[field] for field in services.ORGANISATION_FIELDS},
        )
        location = reverse("api:admin_organisation_detail", args=[organisation.pk])
        response = _answer(self, organisation.pk, status.HTTP_201_CREATED)
        response["Location"] = f"{location}?coalition={coalition.pk}"
        return response


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class OrganisationDetailView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "PATCH": COORDINATOR}
    serializer_class = OrganisationSerializer

    @extend_schema(
        operation_id="admin_organisations_retrieve",
        summary="Organisatie",
        responses={
            200: OrganisationSerializer,
            403: COORDINATORS_ONLY,
            404: not_found("Deze organisatie"),
        },
        examples=[OpenApiExample("Organisatie", value=EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int):
        return _answer(self, pk)

    @extend_schema(
        operation_id="admin_organisations_partial_update",
        summary="Organisatie wijzigen",
        description="Stuur alleen wat verandert. De oude en nieuwe waarden komen in de audittrail.",
        request=OrganisationWriteSerializer,
        examples=[OpenApiExample("Nieuw telefoonnummer", value={"phone": "010 7654321"})],
        responses={
            200: OrganisationSerializer,
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Deze organisatie"),
        },
    )
    def patch(self, request, pk: int):
        organisation = _organisation(self, pk)
        sent = OrganisationWriteSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        form = _valid_form(dict(sent.validated_data), organisation)
        services.organisation_update(
            actor=request.user,
            coalition=self.coalition(),
            organisation=organisation,
            data=form.cleaned_data,
            request=request,
        )
        return _answer(self, pk)


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class OrganisationStatusView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": COORDINATOR}
    serializer_class = OrganisationSerializer

    @extend_schema(
        operation_id="admin_organisations_status",
        summary="Organisatie (de)activeren",
        description=(
            "Een organisatie wordt nooit verwijderd: gedeactiveerd telt geen van haar "
            "lidmaatschappen meer mee. Nogmaals dezelfde status sturen verandert niets."
        ),
        request=StatusSerializer,
        examples=[OpenApiExample("Deactiveren", value={"is_active": False}, request_only=True)],
        responses={
            200: OrganisationSerializer,
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Deze organisatie"),
        },
    )
    def post(self, request, pk: int):
        organisation = _organisation(self, pk)
        sent = StatusSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        services.organisation_set_active(
            actor=request.user,
            coalition=self.coalition(),
            organisation=organisation,
            is_active=sent.validated_data["is_active"],
            request=request,
        )
        return _answer(self, pk)


urlpatterns = [
    path("admin/organisations/", OrganisationListView.as_view(), name="admin_organisation_list"),
    path(
        "admin/organisations/<int:pk>/",
        OrganisationDetailView.as_view(),
        name="admin_organisation_detail",
    ),
    path(
        "admin/organisations/<int:pk>/status/",
        OrganisationStatusView.as_view(),
        name="admin_organisation_status",
    ),
]
