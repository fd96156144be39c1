"""The case director invites the family's adults to "Mijn gezin" and ends their access,
through the API.

The page's rules (kansrijk/portal/views_invite.py), through the same policy and services:

- only the family's case director (`kansrijk.care.selectors.is_case_director`). Someone else
  with a ground on the family (the care team, break-the-glass) gets 403 and the refusal is
  logged; everyone without a ground gets 404 "niet gevonden of geen toegang" (the policy logs
  that refusal), coordinators, analysts and administrators included;
- reading the invitations is a logged read of the family; a write leaves the logging to the
  service (`family_account_invite`, `family_account_revoke`), which takes the family again
  with a row lock, logs the update (NEN 7513), writes the audit trail and sends the
  invitation e-mail after the commit. Bad input stores nothing and answers 400 with the
  page's Dutch messages;
- the answer shows what the page shows: per adult (client and partner) the state of their
  access, the e-mail address an invitation went to, when they last logged in, what their
  record still lacks for an invitation. Never a login code.
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
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user
from kansrijk.access.services import access_event_record
from kansrijk.care.selectors import is_case_director
from kansrijk.families.api import NOT_FOUND, PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.models import Family
from kansrijk.families.selectors import visible_family
from kansrijk.families.serializers import ErrorSerializer

from . import services_invite as services
from .selectors_invite import AccountState, MemberAccess, family_account_of, family_member_access

Action = AccessEvent.Action
TAG = "gezinsportaal"
READ_DETAIL = gettext_lazy("Uitnodigingen voor Mijn gezin ingezien via de API")

FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
ACCOUNT_PARAMETER = OpenApiParameter(
    "account",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van de toegang (`account`) van een gezinslid van dit gezin.",
)
INVALID_INPUT = OpenApiResponse(ErrorSerializer, description="Ongeldige invoer, in het Nederlands.")
NOT_DIRECTOR = OpenApiResponse(
    ErrorSerializer, description="Alleen de casusregisseur kan gezinsleden uitnodigen."
)
STATES = [
    (AccountState.NOT_INVITED, gettext_lazy("Niet uitgenodigd")),
    (AccountState.INVITED, gettext_lazy("Uitgenodigd, nog niet ingelogd")),
    (AccountState.ACTIVE, gettext_lazy("Gebruikt Mijn gezin")),
    (AccountState.REVOKED, gettext_lazy("Toegang ingetrokken")),
]


# --- Serializers ----------------------------------------------------------------------------


class MemberPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="__str__")
    first_name = serializers.CharField()
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")


class MemberAccessSerializer(serializers.Serializer):
    """One adult of the family with their newest access to "Mijn gezin" (if any)."""

    person = MemberPersonSerializer()
    state = serializers.ChoiceField(choices=STATES)
    account = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Nummer (id) van de toegang die nog loopt, om in te trekken; leeg als er geen is."
        )
    )
    email = serializers.SerializerMethodField(
        help_text=gettext_lazy("Waar de uitnodiging heen ging; leeg als er geen was.")
    )
    invited_at = serializers.SerializerMethodField()
    activated_at = serializers.SerializerMethodField()
    last_login_at = serializers.SerializerMethodField(
        help_text=gettext_lazy("Alleen bij wie Mijn gezin gebruikt.")
    )
    revoked_at = serializers.SerializerMethodField()
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Wat er in de gegevens nog ontbreekt voor een uitnodiging."),
    )
    may_invite = serializers.SerializerMethodField(
        help_text=gettext_lazy("Of je deze persoon nu (opnieuw) kunt uitnodigen.")
    )

    def _account(self, member: MemberAccess):
        return member.account if member.state != AccountState.NOT_INVITED else None

    def get_account(self, member: MemberAccess) -> int | None:
        account = member.account
        return account.pk if account is not None and account.revoked_at is None else None

    def get_email(self, member: MemberAccess) -> str | None:
        account = self._account(member)
        return account.email if account is not None else None

    def get_invited_at(self, member: MemberAccess) -> str | None:
        account = self._account(member)
        return _iso(account.invited_at) if account is not None else None

    def get_activated_at(self, member: MemberAccess) -> str | None:
        account = self._account(member)
        return _iso(account.activated_at) if account is not None else None

    def get_last_login_at(self, member: MemberAccess) -> str | None:
        if member.state != AccountState.ACTIVE:
            return None
        return _iso(member.account.last_login_at)

    def get_revoked_at(self, member: MemberAccess) -> str | None:
        account = self._account(member)
        return _iso(account.revoked_at) if account is not None else None

    def get_may_invite(self, member: MemberAccess) -> bool:
        return member.may_invite and self.context["family"].is_open


def _iso(moment) -> str | None:
    return serializers.DateTimeField().to_representation(moment) if moment else None


class InviteSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        help_text=gettext_lazy("Nummer (id) van de cliënt of de partner van dit gezin."),
        error_messages={
            "required": gettext_lazy("Kies wie je wilt uitnodigen."),
            "invalid": gettext_lazy("Kies wie je wilt uitnodigen."),
            "null": gettext_lazy("Kies wie je wilt uitnodigen."),
            "max_value": gettext_lazy(
                "Alleen de cliënt en de partner van dit gezin kun je uitnodigen."
            ),
            "min_value": gettext_lazy(
                "Alleen de cliënt en de partner van dit gezin kun je uitnodigen."
            ),
        },
        min_value=1,
        max_value=2**63 - 1,
    )


# --- Helpers --------------------------------------------------------------------------------


def director_family(request, pk, *, write: bool) -> Family:
    """The family for its case director, as the page's `director_family`: 404 without a
    ground (the policy logs it), 403 with one but not as case director (logged here). A read
    logs the read; a write leaves the logging to the service."""
    action = Action.UPDATE if write else Action.READ
    family = visible_family(request.user, pk, coalition=None)
    if family is None:
        # Logs the refused attempt and raises Http404.
        get_family_for_user(request.user, pk, action, request=request)
    if not is_case_director(request.user, family):
        access_event_record(
            user=request.user,
            action=action,
            family=family,
            authorisation=False,
            treatment_relationship=False,
            consent=False,
            emergency=False,
            detail=_("Geweigerd: alleen de casusregisseur beheert Mijn gezin"),
            request=request,
        )
        raise exceptions.PermissionDenied(_("Alleen de casusregisseur kan gezinsleden uitnodigen."))
    if write:
        return family
    return get_family_for_user(request.user, pk, Action.READ, request=request, detail=READ_DETAIL)


def _rows(family: Family) -> list[MemberAccess]:
    return family_member_access(family)


def _member(family: Family, person_pk: int) -> dict:
    row = next(m for m in _rows(family) if m.person.pk == person_pk)
    return MemberAccessSerializer(row, context={"family": family}).data


MEMBER_EXAMPLE = {
    "person": {
        "id": 51,
        "name": "Sanne de Vries",
        "first_name": "Sanne",
        "role": "client",
        "role_display": "Cliënt",
    },
    "state": "invited",
    "account": 9,
    "email": "sanne@example.org",
    "invited_at": "2026-03-02T10:15:00+01:00",
    "activated_at": None,
    "last_login_at": None,
    "revoked_at": None,
    "missing": [],
    "may_invite": True,
}


# --- Views ----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class PortalInvitationsView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The family's client and partner with their access to "Mijn gezin"; inviting one."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = MemberAccessSerializer
    pagination_class = None  # the client and the partner: at most a few

    @extend_schema(
        summary="Mijn gezin: toegang van het gezin",
        description=(
            "Voor de casusregisseur: de cliënt en de partner, elk met de stand van hun toegang "
            "tot Mijn gezin (niet uitgenodigd, uitgenodigd, in gebruik, ingetrokken) en wat er "
            "nog ontbreekt voor een uitnodiging."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={
            200: MemberAccessSerializer(many=True),
            403: NOT_DIRECTOR,
            404: NOT_FOUND,
        },
        examples=[OpenApiExample("Sanne uitgenodigd", value=[MEMBER_EXAMPLE], response_only=True)],
    )
    def get(self, request, pk):
        family = director_family(request, pk, write=False)
        return Response(
            MemberAccessSerializer(_rows(family), many=True, context={"family": family}).data
        )

    @extend_schema(
        summary="Gezinslid uitnodigen voor Mijn gezin",
        description=(
            "Stuurt de cliënt of de partner een e-mail met de link naar Mijn gezin (alleen de "
            "voornaam, geen gezinsgegevens). Wie al is uitgenodigd maar nog niet inlogde, "
            "krijgt de uitnodiging opnieuw. Stuur een `Idempotency-Key` mee om bij opnieuw "
            "versturen geen tweede e-mail te sturen."
        ),
        parameters=[FAMILY_PARAMETER],
        request=InviteSerializer,
        examples=[
            OpenApiExample("Sanne uitnodigen", value={"person": 51}, request_only=True),
            OpenApiExample("Uitgenodigd", value=MEMBER_EXAMPLE, response_only=True),
        ],
        responses={
            201: MemberAccessSerializer,
            400: INVALID_INPUT,
            403: NOT_DIRECTOR,
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family = director_family(request, pk, write=True)
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person_pk = serializer.validated_data["person"]
        try:
            services.family_account_invite(
                actor=request.user, family_pk=family.pk, person_pk=person_pk, request=request
            )
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_member(family, person_pk), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class PortalInvitationRevokeView(PermissionsByMethodMixin, generics.GenericAPIView):
    """End a family member's access to "Mijn gezin" at once."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = MemberAccessSerializer

    @extend_schema(
        summary="Toegang tot Mijn gezin intrekken",
        description=(
            "Het gezinslid kan meteen niet meer inloggen; een open sessie eindigt bij het "
            "volgende verzoek. Een toegang die al is ingetrokken geeft 400. Daarna kun je de "
            "persoon opnieuw uitnodigen (een nieuwe toegang)."
        ),
        parameters=[FAMILY_PARAMETER, ACCOUNT_PARAMETER],
        request=None,
        examples=[
            OpenApiExample(
                "Ingetrokken",
                value={
                    **MEMBER_EXAMPLE,
                    "state": "revoked",
                    "account": None,
                    "revoked_at": "2026-03-09T09:00:00+01:00",
                },
                response_only=True,
            )
        ],
        responses={
            200: MemberAccessSerializer,
            400: INVALID_INPUT,
            403: NOT_DIRECTOR,
            404: OpenApiResponse(
                ErrorSerializer,
                description="Gezin niet gevonden of geen toegang, of deze toegang bestaat niet.",
            ),
        },
    )
    def post(self, request, pk, account):
        family = director_family(request, pk, write=True)
        found = family_account_of(family, account)
        if found is None:
            raise Http404(NOT_FOUND_MESSAGE)
        try:
            services.family_account_revoke(
                actor=request.user, family_pk=family.pk, account_pk=found.pk, request=request
            )
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_member(family, found.person_id))


urlpatterns = [
    path(
        "families/<int:pk>/portal-invitations/",
        PortalInvitationsView.as_view(),
        name="portal_invitations",
    ),
    path(
        "families/<int:pk>/portal-invitations/<int:account>/revoke/",
        PortalInvitationRevokeView.as_view(),
        name="portal_invitation_revoke",
    ),
]
