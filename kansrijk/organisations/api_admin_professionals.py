"""User accounts ("gebruikers") through the API, as on the administrator's pages
(`views.professional_list`, `professional_create`, `professional_detail`, `professional_status`,
`professional_password`, `professional_second_factor`):

- administrators of the coalition only (api_admin_common); they manage the accounts of
  everyone who has (or had) a membership in the coalition and of accounts not yet in any
  coalition (`selectors.manageable_professionals`); any other account is "not found";
- the input is checked by the page's form (`ProfessionalCreateForm`) and stored by the page's
  services, which write the audit trail; nobody deactivates their own account;
- a new account and a password reset answer the temporary password once: never stored, not
  even for an Idempotency-Key's replay, and not cached (`Cache-Control: no-store`).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_errors import drf_validation_error

from . import selectors, services
from .api_admin_common import (
    ADMINISTRATOR,
    ADMINISTRATORS_ONLY,
    COALITION,
    INVALID,
    NO_STORE,
    PK,
    TAG,
    ManageViewMixin,
    StatusSerializer,
    discipline_field,
    forget_idempotent_answer,
    form_errors,
    not_found,
    ordered,
    ordering_parameter,
    read_filters,
    roles_field,
    search,
)
from .forms import ProfessionalCreateForm, ProfessionalFilterForm
from .models import Membership, Professional

SORTS = {
    "name": ("last_name", "first_name", "username"),
    "username": ("username",),
    "last_login": ("last_login", "username"),
}
STATUS_VALUES = {"active": "actief", "inactive": "inactief"}


class CoalitionMembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    discipline = discipline_field()
    roles = roles_field()

    class Meta:
        model = Membership
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "discipline",
            "roles",
            "start_date",
            "end_date",
        ]


class ProfessionalSerializer(serializers.ModelSerializer):
    has_second_factor = serializers.BooleanField(
        help_text="Heeft een bevestigde authenticator-app."
    )
    memberships = CoalitionMembershipSerializer(
        source="coalition_memberships",
        many=True,
        help_text="Lidmaatschappen in deze coalitie, ook beëindigde.",
    )

    class Meta:
        model = Professional
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_active",
            "must_change_password",
            "has_second_factor",
            "last_login",
            "memberships",
        ]


class ProfessionalCreatedSerializer(ProfessionalSerializer):
    temporary_password = serializers.CharField(
        help_text="Eén keer getoond en nergens bewaard; bij de eerste keer inloggen kiest de "
        "professional een eigen wachtwoord en stelt een authenticator-app in."
    )

    class Meta(ProfessionalSerializer.Meta):
        fields = [*ProfessionalSerializer.Meta.fields, "temporary_password"]


class ProfessionalWriteSerializer(serializers.Serializer):
    """The shape of a new account; what is required and valid is the page form's."""

    first_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    username = serializers.CharField(required=False, allow_blank=True, max_length=150)


class TemporaryPasswordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    temporary_password = serializers.CharField(help_text="Eén keer getoond en nergens bewaard.")
    detail = serializers.CharField()


class SecondFactorResetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    removed_devices = serializers.IntegerField()
    detail = serializers.CharField()


EXAMPLE = {
    "id": 12,
    "username": "anna.devries",
    "first_name": "Anna",
    "last_name": "de Vries",
    "email": "anna@verloskundigen.example",
    "is_active": True,
    "must_change_password": False,
    "has_second_factor": True,
    "last_login": "2026-11-20T08:31:00+01:00",
    "memberships": [
        {
            "id": 31,
            "organisation": 4,
            "organisation_name": "Verloskundigen Eerstedorp",
            "discipline": "verloskundige",
            "roles": ["professional"],
            "start_date": "2026-09-01",
            "end_date": None,
        }
    ],
}
NEW_EXAMPLE = {
    "first_name": "Anna",
    "last_name": "de Vries",
    "email": "anna@verloskundigen.example",
    "username": "anna.devries",
}
PASSWORD_EXAMPLE = "abcd-EFGH-2345-jkmn"  # noqa: S105 (an example in the documentation)


def _professionals(view):
    coalition = view.coalition()
    # One extra query for all rows' memberships in this coalition (prefetch); the
    # second-factor status is an annotation of the main query.
    return selectors.manageable_professionals(coalition).prefetch_related(
        selectors.memberships_in_coalition(coalition)
    )


def _professional(view, pk: int) -> Professional:
    professional = _professionals(view).filter(pk=pk).first()
    if professional is None:
        raise exceptions.NotFound(_("Dit account bestaat niet in je coalitie."))
    return professional


@extend_schema(tags=[TAG])
class ProfessionalListView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": ADMINISTRATOR, "POST": ADMINISTRATOR}
    serializer_class = ProfessionalSerializer

    @extend_schema(
        operation_id="admin_professionals_list",
        summary="Accounts",
        description=(
            "De accounts die de beheerders van de coalitie beheren: van wie er werkt of "
            "werkte, en accounts die nog bij geen coalitie horen. Per pagina van 50."
        ),
        parameters=[
            COALITION,
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Zoek op naam, gebruikersnaam of e-mail."
            ),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(STATUS_VALUES)),
            ordering_parameter(SORTS),
        ],
        responses={
            200: ProfessionalSerializer(many=True),
            400: INVALID,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
        examples=[OpenApiExample("Account", value=EXAMPLE, response_only=True)],
    )
    def get(self, request):
        filters = read_filters(
            request,
            ProfessionalFilterForm,
            {"q": "q", "status": "status"},
            values=STATUS_VALUES,
        )
        professionals = _professionals(self)
        if filters["q"]:
            professionals = search(
                professionals, filters["q"], ("first_name", "last_name", "username", "email")
            )
        if filters["status"]:
            professionals = professionals.filter(is_active=filters["status"] == "actief")
        professionals = ordered(request, professionals, SORTS, "name")
        page = self.paginate_queryset(professionals)
        return self.get_paginated_response(ProfessionalSerializer(page, many=True).data)

    @extend_schema(
        operation_id="admin_professionals_create",
        summary="Account maken",
        description=(
            "Een account met een tijdelijk wachtwoord, dat alleen in dit antwoord staat. Het "
            "account hoort nog bij geen organisatie: een coördinator voegt het toe "
            "(`POST /api/v1/admin/memberships/`). Een antwoord met een tijdelijk wachtwoord "
            "wordt niet bewaard voor de Idempotency-Key; opnieuw versturen geeft 400 (de "
            "gebruikersnaam is al in gebruik)."
        ),
        parameters=[COALITION],
        request=ProfessionalWriteSerializer,
        examples=[
            OpenApiExample("Nieuw account", value=NEW_EXAMPLE, request_only=True),
            OpenApiExample(
                "Aangemaakt",
                value={**EXAMPLE, "memberships": [], "temporary_password": PASSWORD_EXAMPLE},
                response_only=True,
                status_codes=[201],
            ),
        ],
        responses={
            201: ProfessionalCreatedSerializer,
            400: INVALID,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
    )
    def post(self, request):
        coalition = self.coalition()
        sent = ProfessionalWriteSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        form = ProfessionalCreateForm(dict(sent.validated_data))
        if not form.is_valid():
            raise form_errors(form)
        try:
            professional, password = services.professional_create(
                actor=request.user,
                coalition=coalition,
                new=form.new_professional(),
                request=request,
            )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from None
        forget_idempotent_answer(request)
        body = {**ProfessionalSerializer(_professional(self, professional.pk)).data}
        body["temporary_password"] = password
        location = reverse("api:admin_professional_detail", args=[professional.pk])
        headers = {"Location": f"{location}?coalition={coalition.pk}", **NO_STORE}
        return Response(body, status=status.HTTP_201_CREATED, headers=headers)


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class ProfessionalDetailView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": ADMINISTRATOR}
    serializer_class = ProfessionalSerializer

    @extend_schema(
        operation_id="admin_professionals_retrieve",
        summary="Account",
        responses={
            200: ProfessionalSerializer,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Dit account"),
        },
        examples=[OpenApiExample("Account", value=EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int):
        return Response(ProfessionalSerializer(_professional(self, pk)).data)


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class ProfessionalStatusView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": ADMINISTRATOR}
    serializer_class = ProfessionalSerializer

    @extend_schema(
        operation_id="admin_professionals_status",
        summary="Account (de)activeren",
        description=(
            "Een gedeactiveerd account kan niet meer inloggen en zijn API-tokens werken niet "
            "meer; niets wordt verwijderd. Je eigen account deactiveer je niet."
        ),
        request=StatusSerializer,
        examples=[OpenApiExample("Deactiveren", value={"is_active": False}, request_only=True)],
        responses={
            200: ProfessionalSerializer,
            400: INVALID,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Dit account"),
        },
    )
    def post(self, request, pk: int):
        professional = _professional(self, pk)
        sent = StatusSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        try:
            services.professional_set_active(
                actor=request.user,
                coalition=self.coalition(),
                professional=professional,
                is_active=sent.validated_data["is_active"],
                request=request,
            )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from None
        return Response(ProfessionalSerializer(_professional(self, pk)).data)


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class ProfessionalPasswordResetView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": ADMINISTRATOR}
    serializer_class = TemporaryPasswordSerializer

    @extend_schema(
        operation_id="admin_professionals_password_reset",
        summary="Tijdelijk wachtwoord instellen",
        description=(
            "Geeft het account een nieuw tijdelijk wachtwoord, dat alleen in dit antwoord "
            "staat (niet bewaard, ook niet voor de Idempotency-Key). De open sessies van de "
            "professional eindigen; bij de volgende keer inloggen kiest die een eigen "
            "wachtwoord. Geen invoer nodig."
        ),
        request=None,
        examples=[
            OpenApiExample(
                "Nieuw wachtwoord",
                value={
                    "id": 12,
                    "username": "anna.devries",
                    "temporary_password": PASSWORD_EXAMPLE,
                    "detail": "Anna de Vries heeft een nieuw tijdelijk wachtwoord.",
                },
                response_only=True,
            )
        ],
        responses={
            200: TemporaryPasswordSerializer,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Dit account"),
        },
    )
    def post(self, request, pk: int):
        professional = _professional(self, pk)
        password = services.professional_reset_password(
            actor=request.user,
            coalition=self.coalition(),
            professional=professional,
            request=request,
        )
        forget_idempotent_answer(request)
        body = {
            "id": professional.pk,
            "username": professional.username,
            "temporary_password": password,
            "detail": _("%(name)s heeft een nieuw tijdelijk wachtwoord.") % {"name": professional},
        }
        return Response(body, headers=NO_STORE)


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class ProfessionalSecondFactorResetView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": ADMINISTRATOR}
    serializer_class = SecondFactorResetSerializer

    @extend_schema(
        operation_id="admin_professionals_second_factor_reset",
        summary="Tweede factor wissen",
        description=(
            "Verwijdert de authenticator-apps van het account; bij de volgende keer inloggen "
            "stelt de professional een nieuwe in. Geen invoer nodig."
        ),
        request=None,
        examples=[
            OpenApiExample(
                "Gewist",
                value={
                    "id": 12,
                    "username": "anna.devries",
                    "removed_devices": 1,
                    "detail": (
                        "De tweede factor van Anna de Vries is gewist. Bij de volgende keer "
                        "inloggen stelt Anna de Vries een nieuwe authenticator-app in."
                    ),
                },
                response_only=True,
            )
        ],
        responses={
            200: SecondFactorResetSerializer,
            403: ADMINISTRATORS_ONLY,
            404: OpenApiResponse(description="Dit account bestaat niet in je coalitie."),
        },
    )
    def post(self, request, pk: int):
        professional = _professional(self, pk)
        removed = services.professional_reset_second_factor(
            actor=request.user,
            coalition=self.coalition(),
            professional=professional,
            request=request,
        )
        detail = _(
            "De tweede factor van %(name)s is gewist. Bij de volgende keer inloggen stelt "
            "%(name)s een nieuwe authenticator-app in."
        ) % {"name": professional}
        return Response(
            {
                "id": professional.pk,
                "username": professional.username,
                "removed_devices": removed,
                "detail": detail,
            }
        )


urlpatterns = [
    path("admin/professionals/", ProfessionalListView.as_view(), name="admin_professional_list"),
    path(
        "admin/professionals/<int:pk>/",
        ProfessionalDetailView.as_view(),
        name="admin_professional_detail",
    ),
    path(
        "admin/professionals/<int:pk>/status/",
        ProfessionalStatusView.as_view(),
        name="admin_professional_status",
    ),
    path(
        "admin/professionals/<int:pk>/password-reset/",
        ProfessionalPasswordResetView.as_view(),
        name="admin_professional_password_reset",
    ),
    path(
        "admin/professionals/<int:pk>/second-factor-reset/",
        ProfessionalSecondFactorResetView.as_view(),
        name="admin_professional_second_factor_reset",
    ),
]
