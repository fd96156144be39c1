"""The caller's own API tokens through the API, as on the account page (`views.account`,
`views.api_token_revoke`): listing them and revoking one.

- everyone logged in reads and revokes their own tokens only; someone else's token, and one
  already revoked, is "not found" for revoking (as the page);
- revoking goes through `services.api_token_revoke`, which writes the audit trail; a token may
  revoke itself (the next call with it is 401);
- making a token is not possible through the API, on purpose: a token must not mint tokens.
  A new token is made on the account page, behind the login with the second factor, and its
  key is shown there once.
"""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.response import Response

from kansrijk.organisations.api_admin_common import PK, ManageViewMixin

from . import services
from .models import ApiToken

TAG = "account"
SIGNED_IN = (permissions.IsAuthenticated,)


class ApiTokenSerializer(serializers.ModelSerializer):
    key_start = serializers.CharField(
        help_text="De eerste tekens van de sleutel, om hem te herkennen; de sleutel zelf wordt "
        "nergens bewaard."
    )
    is_active = serializers.BooleanField()

    class Meta:
        model = ApiToken
        fields = ["id", "name", "key_start", "created_at", "last_used_at", "revoked_at"]
        fields += ["is_active"]


EXAMPLE = {
    "id": 7,
    "name": "Koppeling verloskundigensysteem",
    "key_start": "kr_3f9a1",
    "created_at": "2026-10-01T10:00:00+02:00",
    "last_used_at": "2026-11-20T08:31:00+01:00",
    "revoked_at": None,
    "is_active": True,
}


@extend_schema(tags=[TAG])
class ApiTokenListView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": SIGNED_IN}
    serializer_class = ApiTokenSerializer

    @extend_schema(
        operation_id="me_tokens_list",
        summary="Je API-tokens",
        description=(
            "Je eigen API-tokens, nieuwste eerst, ook ingetrokken, per pagina van 50. Een "
            "nieuwe token maak je niet via de API (een token maakt geen tokens): dat doe je op "
            "je accountpagina, na inloggen met je tweede factor; daar zie je de sleutel één keer."
        ),
        responses={200: ApiTokenSerializer(many=True)},
        examples=[OpenApiExample("Token", value=EXAMPLE, response_only=True)],
    )
    def get(self, request):
        page = self.paginate_queryset(ApiToken.objects.filter(professional=request.user))
        return self.get_paginated_response(ApiTokenSerializer(page, many=True).data)


@extend_schema(tags=[TAG], parameters=[PK])
class ApiTokenRevokeView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": SIGNED_IN}
    serializer_class = ApiTokenSerializer

    @extend_schema(
        operation_id="me_tokens_revoke",
        summary="API-token intrekken",
        description=(
            "Trekt een van je eigen tokens in; daarna werkt hij niet meer (401). Geen invoer "
            "nodig. Een token die al is ingetrokken of niet van jou is: 404."
        ),
        request=None,
        responses={
            200: ApiTokenSerializer,
            404: OpenApiResponse(
                description="Deze token bestaat niet, is al ingetrokken of is niet van jou."
            ),
        },
        examples=[
            OpenApiExample(
                "Ingetrokken",
                value={**EXAMPLE, "revoked_at": "2026-11-27T09:00:00+01:00", "is_active": False},
                response_only=True,
            )
        ],
    )
    def post(self, request, pk: int):
        token = ApiToken.objects.filter(
            pk=pk, professional=request.user, revoked_at__isnull=True
        ).first()
        if token is None:
            raise exceptions.NotFound(_("Deze token bestaat niet of is al ingetrokken."))
        services.api_token_revoke(professional=request.user, token=token, request=request)
        token.refresh_from_db()
        return Response(ApiTokenSerializer(token).data)


urlpatterns = [
    path("me/tokens/", ApiTokenListView.as_view(), name="me_token_list"),
    path("me/tokens/<int:pk>/revoke/", ApiTokenRevokeView.as_view(), name="me_token_revoke"),
]
