"""The family's consents and closing and reopening its file, through the API.

The pages' rules (kansrijk/families/views_people.py `consent`, `consent_withdraw`;
kansrijk/families/views.py `family_close`, `family_reopen`), through the same policy and
services:

- reading the consents is a logged read of the family (`get_family_for_user`); to everyone
  without a ground the family does not exist (404 "niet gevonden of geen toegang"), also to
  coordinators, analysts and administrators (policy rules 3 and 4);
- a write first takes the family with `family_for_write` (no event yet; a refusal is logged
  there, outside the service's transaction), then checks the input, then calls the service
  (`consent_record`, `consent_withdraw`, `family_close`, `family_reopen`), which takes the
  family through the policy again with a row lock, logs the update (NEN 7513) and puts the
  change on the family's timeline. Bad input, and what the service refuses, answer 400 with
  the pages' Dutch messages and store nothing;
- a new decision for a purpose replaces the one in force, as on the page (the old one stays
  in the history, withdrawn at that moment). Withdrawing is an action on the decision in
  force, not a deletion: `POST .../consents/{purpose}/withdraw/`, like the other actions of
  the API (`.../end/`, `.../accept/`);
- closing and reopening carry the `version` of the family the client read: a family that
  changed meanwhile answers 409 with both versions, as a change of the family does. A file
  that is already closed (or already open) answers 400 with the reason, as the page tells it.

Recording consent as a professional notifies nobody, as on the page (the family portal
notifies the case director when the family itself decides, kansrijk/portal).
"""

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
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user

from .api import (
    NOT_FOUND,
    PermissionsByMethodMixin,
    _conflict_response,
    _drf_validation_error,
    prefetch_family_file,
)
from .models import Consent, ConsentMethod, ConsentPurpose, Family
from .pages import family_for_write
from .serializers import ErrorSerializer, FamilyDetailSerializer, VersionConflictSerializer
from .services import (
    VersionConflict,
    consent_record,
    consent_withdraw,
    family_close,
    family_reopen,
)

Action = AccessEvent.Action
TAG = "gezinnen"

INVALID_INPUT = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen.")
CONFLICT = OpenApiResponse(
    VersionConflictSerializer,
    description="Het gezin is intussen door iemand anders gewijzigd: haal het opnieuw op.",
)
FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
PURPOSE_PARAMETER = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=ConsentPurpose.values,
    description="Waarvoor de toestemming geldt: "
    + "; ".join(f"`{value}`: {label}" for value, label in ConsentPurpose.choices),
)
PURPOSE_NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Niet gevonden of geen toegang; of dit doel van toestemming bestaat niet.",
)

# The decision of the family for a purpose: its decision in force, or none yet.
GIVEN, REFUSED, NONE = "given", "refused", "none"
CONSENT_DECISIONS = [
    (GIVEN, gettext_lazy("Toestemming gegeven")),
    (REFUSED, gettext_lazy("Geen toestemming")),
    (NONE, gettext_lazy("Nog niet vastgelegd")),
]
CONSENT_RELATED = ("recorded_by", "recorded_by_person", "withdrawn_by")


# --- Serializers ----------------------------------------------------------------------------


class ConsentSerializer(serializers.ModelSerializer):
    """One decision of the family. Needs `CONSENT_RELATED` joined."""

    purpose_display = serializers.CharField(source="get_purpose_display")
    method_display = serializers.CharField(source="get_method_display")
    recorded_by = serializers.SerializerMethodField(
        help_text=gettext_lazy("Wie het besluit vastlegde: een professional of het gezinslid.")
    )
    recorded_by_family = serializers.SerializerMethodField(
        help_text=gettext_lazy("Vastgelegd door het gezin zelf, via het gezinsportaal.")
    )
    withdrawn_by = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "id",
            "purpose",
            "purpose_display",
            "given",
            "method",
            "method_display",
            "recorded_at",
            "recorded_by",
            "recorded_by_family",
            "withdrawn_at",
            "withdrawn_by",
        ]
        read_only_fields = fields

    def get_recorded_by(self, consent: Consent) -> str:
        if consent.recorded_by_id:
            return consent.recorded_by.get_full_name()
        return str(consent.recorded_by_person) if consent.recorded_by_person_id else ""

    def get_recorded_by_family(self, consent: Consent) -> bool:
        return consent.recorded_by_person_id is not None

    def get_withdrawn_by(self, consent: Consent) -> str | None:
        return consent.withdrawn_by.get_full_name() if consent.withdrawn_by_id else None


class ConsentPurposeSerializer(serializers.Serializer):
    """One purpose with the family's decision in force for it (or none yet)."""

    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    label = serializers.CharField()
    decision = serializers.ChoiceField(choices=CONSENT_DECISIONS)
    consent = ConsentSerializer(allow_null=True)


class ConsentRecordSerializer(serializers.Serializer):
    """The family's decision for one purpose, as the consent page asks it."""

    purpose = serializers.ChoiceField(
        choices=ConsentPurpose.choices,
        error_messages={
            "required": gettext_lazy("Kies waarvoor de toestemming geldt."),
            "invalid_choice": gettext_lazy("Kies waarvoor de toestemming geldt."),
            "null": gettext_lazy("Kies waarvoor de toestemming geldt."),
        },
    )
    given = serializers.BooleanField(
        help_text=gettext_lazy("Het besluit van het gezin: true (ja) of false (nee)."),
        error_messages={
            "required": gettext_lazy("Kies of het gezin toestemming geeft."),
            "invalid": gettext_lazy("Kies of het gezin toestemming geeft."),
            "null": gettext_lazy("Kies of het gezin toestemming geeft."),
        },
    )
    method = serializers.ChoiceField(
        choices=ConsentMethod.choices,
        error_messages={
            "required": gettext_lazy("Kies of de toestemming mondeling of schriftelijk is."),
            "invalid_choice": gettext_lazy("Kies of de toestemming mondeling of schriftelijk is."),
            "null": gettext_lazy("Kies of de toestemming mondeling of schriftelijk is."),
        },
    )


VERSION_MESSAGES = {
    "required": gettext_lazy("Geef de versie mee waarop de wijziging is gebaseerd."),
    "invalid": gettext_lazy("Geef de versie mee waarop de wijziging is gebaseerd."),
    "null": gettext_lazy("Geef de versie mee waarop de wijziging is gebaseerd."),
}


class FamilyReopenSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text=gettext_lazy("De versie van het gezin waarop de wijziging is gebaseerd."),
        error_messages=VERSION_MESSAGES,
    )


class FamilyCloseSerializer(FamilyReopenSerializer):
    """Why the file is closed, as the close page asks it, and the version read."""

    reason = serializers.CharField(
        max_length=1000,
        help_text=gettext_lazy("Waarom het dossier wordt gesloten (blijft in de geschiedenis)."),
        error_messages={
            "required": gettext_lazy("Vul in waarom het dossier wordt gesloten."),
            "blank": gettext_lazy("Vul in waarom het dossier wordt gesloten."),
            "null": gettext_lazy("Vul in waarom het dossier wordt gesloten."),
        },
    )


# --- Helpers --------------------------------------------------------------------------------


def _consents(family: Family):
    """The family's decisions, with who recorded and withdrew them (one query)."""
    return Consent.objects.filter(family=family).select_related(*CONSENT_RELATED)


def _purpose_rows(family: Family) -> list[dict]:
    """Every purpose with the decision in force for it: one query, whatever the history."""
    in_force = {consent.purpose: consent for consent in _consents(family).in_force()}
    rows = []
    for purpose, label in ConsentPurpose.choices:
        consent = in_force.get(purpose)
        state = NONE if consent is None else GIVEN if consent.given else REFUSED
        rows.append({"purpose": purpose, "label": label, "decision": state, "consent": consent})
    return rows


def _known_purpose(purpose: str) -> str:
    if purpose not in ConsentPurpose.values:
        raise Http404(_("Dit doel van toestemming bestaat niet."))
    return purpose


def _family_file(request, family: Family) -> Response:
    """The file as stored after the write, as the family endpoints answer it."""
    family = prefetch_family_file(family)
    return Response(FamilyDetailSerializer(family, context={"request": request}).data)


def _conflict(request, pk, conflict: VersionConflict) -> Response:
    # The refused write rolled back with its access event, but the 409 body shows the stored
    # family: that is a read, and it is logged as one (as a change of the family).
    get_family_for_user(
        request.user,
        pk,
        Action.READ,
        request=request,
        detail=_("Versieconflict: opgeslagen versie getoond via de API"),
    )
    return _conflict_response(conflict)


CONSENT_EXAMPLE = {
    "id": 41,
    "purpose": "care_team",
    "purpose_display": "Gegevens delen binnen het zorgteam",
    "given": True,
    "method": "written",
    "method_display": "Schriftelijk",
    "recorded_at": "2026-03-02T10:15:00+01:00",
    "recorded_by": "Sanne de Vries",
    "recorded_by_family": False,
    "withdrawn_at": None,
    "withdrawn_by": None,
}


# --- Views ----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class FamilyConsentsView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The family's decisions in force, per purpose; recording a decision."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        # No `IsProfessional`: the policy decides, with the same 404 for everyone without a
        # ground (coordinators included), as the page and the care team.
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = ConsentPurposeSerializer
    pagination_class = None  # one row per purpose: three

    @extend_schema(
        summary="Toestemmingen van een gezin",
        description=(
            "Per doel het besluit van het gezin dat nu geldt: gegeven, geweigerd of nog niet "
            "vastgelegd, met wie het vastlegde, wanneer en hoe (mondeling of schriftelijk)."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={200: ConsentPurposeSerializer(many=True), 404: NOT_FOUND},
        examples=[
            OpenApiExample(
                "Zorgteam ja, de rest nog niet",
                value=[
                    {
                        "purpose": "care_team",
                        "label": "Gegevens delen binnen het zorgteam",
                        "decision": "given",
                        "consent": CONSENT_EXAMPLE,
                    },
                    {
                        "purpose": "mdo_named",
                        "label": "Bespreking in een MDO met naam (anders anoniem)",
                        "decision": "none",
                        "consent": None,
                    },
                ],
                response_only=True,
            )
        ],
    )
    def get(self, request, pk):
        family = get_family_for_user(
            request.user,
            pk,
            Action.READ,
            request=request,
            detail=_("Toestemmingen ingezien via de API"),
        )
        return Response(ConsentPurposeSerializer(_purpose_rows(family), many=True).data)

    @extend_schema(
        summary="Toestemming vastleggen",
        description=(
            "Legt het besluit van het gezin voor één doel vast (ja of nee, mondeling of "
            "schriftelijk). Een nieuw besluit vervangt het besluit dat gold: dat blijft in de "
            "geschiedenis, ingetrokken op dit moment. Komt op de tijdlijn van het gezin."
        ),
        parameters=[FAMILY_PARAMETER],
        request=ConsentRecordSerializer,
        examples=[
            OpenApiExample(
                "Schriftelijke toestemming voor het zorgteam",
                value={"purpose": "care_team", "given": True, "method": "written"},
                request_only=True,
            ),
            OpenApiExample("Vastgelegd", value=CONSENT_EXAMPLE, response_only=True),
        ],
        responses={201: ConsentSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family = family_for_write(request, pk, coalition=None)
        serializer = ConsentRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            consent = consent_record(
                actor=request.user,
                family_pk=family.pk,
                purpose=data["purpose"],
                given=data["given"],
                method=data["method"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        consent = _consents(family).get(pk=consent.pk)
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class FamilyConsentWithdrawView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Withdraw the consent in force for one purpose; it takes effect at once."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = ConsentSerializer

    @extend_schema(
        summary="Toestemming intrekken",
        description=(
            "Trekt de gegeven toestemming voor dit doel in; dat geldt vanaf nu. Het besluit "
            "blijft in de geschiedenis, met wie het introk en wanneer. Zonder gegeven "
            "toestemming voor dit doel is er niets in te trekken (400)."
        ),
        parameters=[FAMILY_PARAMETER, PURPOSE_PARAMETER],
        request=None,
        responses={
            200: ConsentSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="Er is geen gegeven toestemming om in te trekken."
            ),
            404: PURPOSE_NOT_FOUND,
        },
    )
    def post(self, request, pk, purpose):
        _known_purpose(purpose)
        family = family_for_write(request, pk, coalition=None)
        try:
            consent = consent_withdraw(
                actor=request.user, family_pk=family.pk, purpose=purpose, request=request
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        consent = _consents(family).get(pk=consent.pk)
        return Response(ConsentSerializer(consent).data)


@extend_schema(tags=[TAG])
class FamilyCloseView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Close the family's file, with a reason; it stays readable for the care team."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = FamilyDetailSerializer

    @extend_schema(
        summary="Gezinsdossier sluiten",
        description=(
            "Sluit het dossier met een reden; het blijft leesbaar voor het zorgteam maar kan "
            "niet meer worden gewijzigd tot het is heropend. Geef de `version` mee van het "
            "gezin zoals je het las: is het intussen gewijzigd, dan volgt 409."
        ),
        parameters=[FAMILY_PARAMETER],
        request=FamilyCloseSerializer,
        examples=[
            OpenApiExample(
                "Verhuisd",
                value={"reason": "Gezin verhuisd naar een andere regio.", "version": 3},
                request_only=True,
            )
        ],
        responses={
            200: FamilyDetailSerializer,
            400: OpenApiResponse(
                description="Ongeldige invoer (geen reden, geen versie) of het dossier is al "
                "gesloten, met Nederlandse meldingen."
            ),
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = FamilyCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            family = family_close(
                actor=request.user,
                family_pk=family.pk,
                expected_version=data["version"],
                reason=data["reason"],
                request=request,
            )
        except VersionConflict as conflict:
            return _conflict(request, pk, conflict)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _family_file(request, family)


@extend_schema(tags=[TAG])
class FamilyReopenView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Reopen a closed file; the reason it was closed stays in the history."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = FamilyDetailSerializer

    @extend_schema(
        summary="Gezinsdossier heropenen",
        description=(
            "Heropent een gesloten dossier; de reden van sluiten blijft in de geschiedenis. "
            "Geef de `version` mee van het gezin zoals je het las: is het intussen gewijzigd, "
            "dan volgt 409."
        ),
        parameters=[FAMILY_PARAMETER],
        request=FamilyReopenSerializer,
        examples=[OpenApiExample("Heropenen", value={"version": 4}, request_only=True)],
        responses={
            200: FamilyDetailSerializer,
            400: OpenApiResponse(
                description="Geen versie, of het dossier is al open, met Nederlandse meldingen."
            ),
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = FamilyReopenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            family = family_reopen(
                actor=request.user,
                family_pk=family.pk,
                expected_version=serializer.validated_data["version"],
                request=request,
            )
        except VersionConflict as conflict:
            return _conflict(request, pk, conflict)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _family_file(request, family)


urlpatterns = [
    path("families/<int:pk>/consents/", FamilyConsentsView.as_view(), name="family_consents"),
    path(
        "families/<int:pk>/consents/<str:purpose>/withdraw/",
        FamilyConsentWithdrawView.as_view(),
        name="family_consent_withdraw",
    ),
    path("families/<int:pk>/close/", FamilyCloseView.as_view(), name="family_close"),
    path("families/<int:pk>/reopen/", FamilyReopenView.as_view(), name="family_reopen"),
]
