"""The organisations' single sign-on providers ("inlogdiensten") through the API, as on the
administrator's pages (`views_oidc.oidc_provider_list`, `_create`, `_edit`, `_delete`):

- administrators of the coalition only (kansrijk/organisations/api_admin_common.py); the
  providers of the coalition's active organisations; any other provider is "not found";
- the input is checked by the page's form (`OidcProviderForm`: its Dutch messages, and the
  issuer's discovery document read while checking) and stored by the page's services, which
  write the audit trail (never the secret);
- the client secret is write-only: it is never answered, only whether one is stored; on a
  change, leaving it out keeps the stored one;
- a change may send the `version` it read; when the provider changed since, the answer is 409
  with both versions and nothing is stored.
"""

from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_errors import VERSION_CONFLICT, problem_response
from kansrijk.organisations.api_admin_common import (
    ADMINISTRATOR,
    ADMINISTRATORS_ONLY,
    COALITION,
    INVALID,
    PK,
    TAG,
    ExplicitBooleanField,
    ManageViewMixin,
    form_errors,
    not_found,
)
from kansrijk.organisations.models import Organisation

from . import services_oidc
from .forms_oidc import OidcProviderForm
from .models import OidcProvider

VALUE_FIELDS = ("name", "issuer", "client_id", "accepted_acr_values", "is_active")


class OidcProviderSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")
    has_client_secret = serializers.SerializerMethodField(
        help_text="Of er een client-secret is opgeslagen; het secret zelf wordt nooit getoond."
    )

    class Meta:
        model = OidcProvider
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "name",
            "issuer",
            "client_id",
            "has_client_secret",
            "accepted_acr_values",
            "is_active",
            "authorization_endpoint",
            "token_endpoint",
            "jwks_uri",
            "version",
            "updated_at",
        ]

    def get_has_client_secret(self, provider) -> bool:
        return bool(provider.client_secret_encrypted)


class OidcProviderWriteSerializer(serializers.Serializer):
    """The shape of a write; what is required and valid is the page form's."""

    organisation = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    name = serializers.CharField(required=False, allow_blank=True, max_length=80)
    issuer = serializers.CharField(required=False, allow_blank=True, max_length=300)
    client_id = serializers.CharField(required=False, allow_blank=True, max_length=200)
    client_secret = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        trim_whitespace=False,
        write_only=True,
        help_text="Verplicht bij een nieuwe inlogdienst; bij wijzigen: weglaten houdt het "
        "opgeslagen secret. Wordt versleuteld opgeslagen en nooit teruggegeven.",
    )
    accepted_acr_values = serializers.CharField(required=False, allow_blank=True, max_length=300)
    is_active = ExplicitBooleanField(required=False)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="De versie die je las; bij een andere versie volgt 409 en wordt niets "
        "opgeslagen.",
    )


class OidcConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()


EXAMPLE = {
    "id": 2,
    "organisation": 4,
    "organisation_name": "Verloskundigen Eerstedorp",
    "name": "Verloskundigen Eerstedorp",
    "issuer": "https://login.verloskundigen.example",
    "client_id": "kansrijk",
    "has_client_secret": True,
    "accepted_acr_values": "urn:example:loa:high",
    "is_active": True,
    "authorization_endpoint": "https://login.verloskundigen.example/authorize",
    "token_endpoint": "https://login.verloskundigen.example/token",
    "jwks_uri": "https://login.verloskundigen.example/jwks",
    "version": 1,
    "updated_at": "2026-11-20T09:12:44+01:00",
}
WRITE_EXAMPLE = {
    "organisation": 4,
    "name": "Verloskundigen Eerstedorp",
    "issuer": "https://login.verloskundigen.example",
    "client_id": "kansrijk",
    "client_secret": "het-secret-van-de-inlogdienst",
    "accepted_acr_values": "urn:example:loa:high",
    "is_active": True,
}
CONFLICT = OpenApiResponse(
    OidcConflictSerializer,
    description="De inlogdienst is intussen gewijzigd; er is niets opgeslagen.",
)


def _organisations(view):
    return Organisation.objects.filter(coalitions=view.coalition(), is_active=True)


def _providers(view):
    # select_related: the organisation's name is on every row (one query for a page).
    return OidcProvider.objects.filter(organisation__in=_organisations(view)).select_related(
        "organisation"
    )


def _provider(view, pk: int) -> OidcProvider:
    provider = _providers(view).filter(pk=pk).first()
    if provider is None:
        raise exceptions.NotFound(_("Deze inlogdienst bestaat niet in je coalitie."))
    return provider


def _valid_form(view, sent: dict, provider: OidcProvider | None) -> OidcProviderForm:
    current = {"is_active": True}
    if provider is not None:
        current = {field: getattr(provider, field) for field in VALUE_FIELDS}
        current["organisation"] = provider.organisation_id
    data = current | {k: v for k, v in sent.items() if k != "version"}
    form = OidcProviderForm(data, organisations=_organisations(view), is_new=provider is None)
    if not form.is_valid():
        raise form_errors(form)
    return form


def _save(view, form: OidcProviderForm, provider: OidcProvider | None) -> OidcProvider:
    return services_oidc.oidc_provider_save(
        actor=view.request.user,
        provider=provider,
        organisation=form.cleaned_data["organisation"],
        values=form.values(),
        client_secret=form.cleaned_data["client_secret"],
        endpoints=form.endpoints,
        request=view.request,
    )


@extend_schema(tags=[TAG])
class OidcProviderListView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": ADMINISTRATOR, "POST": ADMINISTRATOR}
    serializer_class = OidcProviderSerializer

    @extend_schema(
        operation_id="admin_oidc_providers_list",
        summary="Inlogdiensten",
        description=(
            "De inlogdiensten (OpenID Connect) van de actieve organisaties van de coalitie, "
            "per pagina van 50. Voor beheerders. Het client-secret wordt nooit getoond."
        ),
        parameters=[COALITION],
        responses={
            200: OidcProviderSerializer(many=True),
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
        examples=[OpenApiExample("Inlogdienst", value=EXAMPLE, response_only=True)],
    )
    def get(self, request):
        providers = _providers(self).order_by("organisation__name", "name", "pk")
        page = self.paginate_queryset(providers)
        return self.get_paginated_response(OidcProviderSerializer(page, many=True).data)

    @extend_schema(
        operation_id="admin_oidc_providers_create",
        summary="Inlogdienst toevoegen",
        description=(
            "Kansrijk leest de adressen van de inlogdienst zelf uit het discovery-document van "
            "het issuer-adres; een issuer dat dat niet heeft of een ander issuer noemt, wordt "
            "geweigerd (400). Het client-secret is verplicht en wordt nooit teruggegeven."
        ),
        parameters=[COALITION],
        request=OidcProviderWriteSerializer,
        examples=[
            OpenApiExample("Nieuwe inlogdienst", value=WRITE_EXAMPLE, request_only=True),
            OpenApiExample("Opgeslagen", value=EXAMPLE, response_only=True, status_codes=[201]),
        ],
        responses={
            201: OidcProviderSerializer,
            400: INVALID,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
    )
    def post(self, request):
        sent = OidcProviderWriteSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        form = _valid_form(self, dict(sent.validated_data), None)
        provider = _save(self, form, None)
        location = reverse("api:admin_oidc_provider_detail", args=[provider.pk])
        return Response(
            OidcProviderSerializer(_provider(self, provider.pk)).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": f"{location}?coalition={self.coalition().pk}"},
        )


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class OidcProviderDetailView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {
        "GET": ADMINISTRATOR,
        "PATCH": ADMINISTRATOR,
        "DELETE": ADMINISTRATOR,
    }
    serializer_class = OidcProviderSerializer

    @extend_schema(
        operation_id="admin_oidc_providers_retrieve",
        summary="Inlogdienst",
        responses={
            200: OidcProviderSerializer,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze inlogdienst"),
        },
        examples=[OpenApiExample("Inlogdienst", value=EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int):
        return Response(OidcProviderSerializer(_provider(self, pk)).data)

    @extend_schema(
        operation_id="admin_oidc_providers_partial_update",
        summary="Inlogdienst wijzigen",
        description=(
            "Stuur alleen wat verandert, en liefst de `version` die je las. Het issuer-adres "
            "wordt opnieuw gecontroleerd. Zonder `client_secret` blijft het opgeslagen secret."
        ),
        request=OidcProviderWriteSerializer,
        examples=[
            OpenApiExample("Uitzetten", value={"is_active": False, "version": 1}, request_only=True)
        ],
        responses={
            200: OidcProviderSerializer,
            400: INVALID,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze inlogdienst"),
            409: CONFLICT,
        },
    )
    def patch(self, request, pk: int):
        provider = _provider(self, pk)
        sent = OidcProviderWriteSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        # The discovery document is read while the form checks the issuer: a network call,
        # outside the transaction that holds the row.
        form = _valid_form(self, dict(sent.validated_data), provider)
        expected = sent.validated_data.get("version")
        with transaction.atomic():
            current = OidcProvider.objects.select_for_update().get(pk=provider.pk)
            if expected is not None and expected != current.version:
                return problem_response(
                    status=409,
                    kind=VERSION_CONFLICT,
                    detail=_(
                        "Deze inlogdienst is intussen gewijzigd. Lees haar opnieuw en stuur je "
                        "wijziging nog eens."
                    ),
                    submitted_version=expected,
                    current_version=current.version,
                )
            _save(self, form, current)
        return Response(OidcProviderSerializer(_provider(self, pk)).data)

    @extend_schema(
        operation_id="admin_oidc_providers_destroy",
        summary="Inlogdienst verwijderen",
        description=(
            "De knop verdwijnt van de inlogpagina; wie via deze dienst inlogde, logt voortaan "
            "in met gebruikersnaam, wachtwoord en de code van de app."
        ),
        responses={
            204: None,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze inlogdienst"),
        },
    )
    def delete(self, request, pk: int):
        provider = _provider(self, pk)
        services_oidc.oidc_provider_delete(actor=request.user, provider=provider, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("admin/oidc-providers/", OidcProviderListView.as_view(), name="admin_oidc_provider_list"),
    path(
        "admin/oidc-providers/<int:pk>/",
        OidcProviderDetailView.as_view(),
        name="admin_oidc_provider_detail",
    ),
]
