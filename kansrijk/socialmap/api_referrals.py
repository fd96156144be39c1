"""The referrals API (issue 9), with the pages' rules, through the same access policy and
services (as `kansrijk.care.api` does for handovers):

- a family's referrals are read through the policy (`get_family_for_user`, logged; 404 "niet
  gevonden of geen toegang" for a family that does not exist and one the caller may not see
  alike); sending first checks with `family_for_write` (a refusal logged outside the
  service's transaction), then the service logs the update;
- the receiving organisation's professionals, usually off the care team, read a referral
  and act on it inside the receiver's scope (`selectors_referrals`): only what the referral
  shares, logged; everyone else who cannot see the family gets the logged 404;
- every action carries the `version` the client read: a referral that moved on answers 409
  with its current version and status; an action the transition table or the service
  refuses answers 400 with the service's Dutch message;
- the incoming referrals of a professional show no family data beyond the reference and
  write no access event, as the inbox page.

Who may call what is declared per HTTP method in `permissions_by_method`; whether a family
may be seen is decided only by the policy.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, permissions, status
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user, professional_coalition_ids
from kansrijk.core.api_errors import VERSION_CONFLICT, problem_response
from kansrijk.families.api import (
    NOT_FOUND,
    IsProfessional,
    PermissionsByMethodMixin,
    _drf_validation_error,
)
from kansrijk.families.models import Family
from kansrijk.families.pages import family_for_write
from kansrijk.families.selectors import visible_family
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Membership

from . import selectors_referrals as selectors
from . import services_referrals as services
from .models import Referral, ReferralAction
from .serializers_referrals import (
    IncomingReferralSerializer,
    ReferralActionSerializer,
    ReferralConflictSerializer,
    ReferralCreateSerializer,
    ReferralDetailSerializer,
    ReferralSerializer,
)

Action = AccessEvent.Action
REFERRALS = "verwijzingen"

INVALID_INPUT = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen.")
REFUSED = OpenApiResponse(
    description=(
        "Ongeldige invoer of een actie die niet kan (de overgangstabel, of je werkt niet bij "
        "de ontvangende organisatie of zit niet in het zorgteam), met Nederlandse meldingen."
    )
)
CONFLICT = OpenApiResponse(
    ReferralConflictSerializer,
    description="De verwijzing is intussen gewijzigd: haal hem opnieuw op.",
)
REFERRAL_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Niet gevonden of geen toegang.")
FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
REFERRAL_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van de verwijzing."
)
ACTION_PARAMETER = OpenApiParameter(
    "action",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=list(ReferralAction.values),
    description=(
        "receive, accept, decline, start, complete, no_show: door een professional van de "
        "ontvangende organisatie; withdraw: door het zorgteam."
    ),
)
STATUS_PARAMETER = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    enum=list(selectors.INBOX_FILTERS),
    description="open (standaard), wacht (op antwoord), een status, of alle.",
)


def _rows():
    return Referral.objects.select_related(*selectors.REFERRAL_RELATED)


def _context(request, family: Family) -> dict:
    """What `allowed_actions` needs: the organisations the caller works for as professional
    in the family's coalition, and whether they are on its care team (two queries, for all
    rows)."""
    return {
        "request": request,
        "receiver_organisation_ids": selectors.receiving_organisation_ids(
            request.user, family.coalition_id
        ),
        "sender": selectors.on_care_team(request.user, family.pk),
    }


def _conflict(referral: Referral, submitted_version: int) -> Response:
    body = {
        "detail": _(
            "Deze verwijzing is intussen gewijzigd (nu versie %(version)s, %(status)s). Haal "
            "hem opnieuw op en kijk of je actie nog nodig is."
        )
        % {"version": referral.version, "status": referral.get_status_display().lower()},
        "submitted_version": submitted_version,
        "current_version": referral.version,
        "current_status": referral.status,
    }
    return problem_response(
        status=409, kind=VERSION_CONFLICT, **ReferralConflictSerializer(body).data
    )


def _detail_response(request, referral_pk, *, code=status.HTTP_200_OK) -> Response:
    """The referral with its course, read through the policy inside the receiver's scope
    (so the read is logged, on the care team's ground or the receiver's)."""
    referral = _rows().filter(pk=referral_pk).first()
    if referral is None:
        raise Http404
    with selectors.referral_receiver_scope(request.user, referral.pk):
        family = get_family_for_user(
            request.user,
            referral.family_id,
            Action.READ,
            request=request,
            detail=_("Verwijzing ingezien via de API"),
        )
    referral.family = family
    referral.event_list = selectors.referral_events(referral)
    return Response(
        ReferralDetailSerializer(referral, context=_context(request, family)).data, status=code
    )


# --- A family's referrals --------------------------------------------------------------------


@extend_schema(tags=[REFERRALS])
class FamilyReferralsView(PermissionsByMethodMixin, generics.GenericAPIView):
    """A family's referrals with their status; sending a new one."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = ReferralSerializer
    pagination_class = None  # a family has a handful of referrals; the file shows all

    @extend_schema(
        summary="Verwijzingen van een gezin",
        description=(
            "Alle verwijzingen, nieuwste eerst, met status, aanbod, ontvangende organisatie, "
            "data, versie en wat jij ermee kunt doen (`allowed_actions`)."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={200: ReferralSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = get_family_for_user(
            request.user,
            pk,
            Action.READ,
            request=request,
            detail=_("Verwijzingen ingezien via de API"),
        )
        rows = selectors.family_referrals(family)
        for referral in rows:
            referral.family = family  # the granted family: no query per row
        return Response(ReferralSerializer(rows, many=True, context=_context(request, family)).data)

    @extend_schema(
        summary="Verwijzen",
        description=(
            "Verwijs een gezinslid naar een actief aanbod van de sociale kaart waarvan de "
            "aanbieder als ketenpartner in kansrijk werkt. Toestemming van het gezin om de "
            "gedeelde gegevens te delen is verplicht. De antwoorddatum volgt uit de urgentie "
            "(werkdagen)."
        ),
        parameters=[FAMILY_PARAMETER],
        request=ReferralCreateSerializer,
        examples=[
            OpenApiExample(
                "Naar schuldhulp",
                value={
                    "person": 31,
                    "service": "6f0c1c9e-2f44-4c1b-9f7e-0d1f7b8a6a11",
                    "reason": "Schulden lopen op; moeder wil hulp.",
                    "urgency": "soon",
                    "shared_data": "Betalingsachterstand bij de huur sinds juni.",
                    "consent_to_share": True,
                },
                request_only=True,
            )
        ],
        responses={201: ReferralDetailSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = ReferralCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            referral = services.referral_send(
                actor=request.user,
                family_pk=family.pk,
                person_pk=data["person"],
                service_id=data["service"],
                reason=data["reason"],
                urgency=data["urgency"],
                shared_data=data["shared_data"],
                consent_to_share=data["consent_to_share"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        referral = _rows().get(pk=referral.pk)
        referral.event_list = selectors.referral_events(referral)
        return Response(
            ReferralDetailSerializer(referral, context=_context(request, family)).data,
            status=status.HTTP_201_CREATED,
        )


# --- One referral ------------------------------------------------------------------------------


def _gate(request, referral_pk, *, for_change: bool, as_receiver: bool = True) -> Referral:
    """The referral if the caller is a professional of its receiving organisation (unless
    `as_receiver` is false: the care team's withdraw) or may see its family; otherwise the
    logged 404."""
    referral = _rows().filter(pk=referral_pk).first()
    if referral is None:
        raise Http404
    if as_receiver and services.works_for(
        request.user, referral.receiving_organisation_id, referral.coalition_id
    ):
        return referral
    if visible_family(request.user, referral.family_id, for_change=for_change) is not None:
        return referral
    # Not visible: this logs the refused attempt and raises Http404.
    if for_change:
        family_for_write(request, referral.family_id, coalition=None)
    get_family_for_user(request.user, referral.family_id, Action.READ, request=request)
    raise Http404  # pragma: no cover - the policy raised above


@extend_schema(tags=[REFERRALS])
class ReferralDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One referral: for whoever may see the family, and for the receiving organisation's
    professionals (only what it shares, logged)."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = ReferralDetailSerializer

    @extend_schema(
        summary="Verwijzing",
        description=(
            "Eén verwijzing met zijn hele verloop. Ook voor de professionals van de "
            "ontvangende organisatie die (nog) niet in het zorgteam zitten: dan alleen wat de "
            "verwijzing deelt, niets anders van het gezin."
        ),
        parameters=[REFERRAL_PARAMETER],
        responses={200: ReferralDetailSerializer, 404: REFERRAL_NOT_FOUND},
    )
    def get(self, request, pk):
        referral = _gate(request, pk, for_change=False)
        return _detail_response(request, referral.pk)


@extend_schema(tags=[REFERRALS])
class ReferralActionView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One action of the transition table: access, input, the version, then the service."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = ReferralDetailSerializer

    @extend_schema(
        summary="Actie op een verwijzing",
        description=(
            "Een stap volgens de overgangstabel. Door een professional van de ontvangende "
            "organisatie: receive (ontvangen), accept (accepteren: je komt in het zorgteam en "
            "ziet dan het dossier), decline (afwijzen, `note` met de reden is verplicht), "
            "start, complete (afronden, `note` als terugkoppeling), no_show. Door het zorgteam: "
            "withdraw (intrekken). Stuur de `version` mee die je las."
        ),
        parameters=[REFERRAL_PARAMETER, ACTION_PARAMETER],
        request=ReferralActionSerializer,
        examples=[
            OpenApiExample("Accepteren", value={"version": 2}, request_only=True),
            OpenApiExample(
                "Afwijzen",
                value={"version": 1, "note": "Geen plek tot maart."},
                request_only=True,
            ),
        ],
        responses={
            200: ReferralDetailSerializer,
            400: REFUSED,
            404: REFERRAL_NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request, pk, action):
        if action not in ReferralAction.values:
            raise Http404
        referral = _gate(
            request, pk, for_change=True, as_receiver=action != ReferralAction.WITHDRAW
        )
        serializer = ReferralActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        if referral.version != version:
            return _conflict(referral, version)
        try:
            services.referral_act(
                actor=request.user,
                referral_pk=referral.pk,
                action=action,
                note=data["note"],
                role_in_family=data["role_in_family"],
                phone=data["phone"],
                expected_version=version,
                request=request,
            )
        except services.ReferralChanged:
            return _conflict(Referral.objects.get(pk=referral.pk), version)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _detail_response(request, referral.pk)


# --- The caller's incoming referrals -----------------------------------------------------------


@extend_schema(tags=[REFERRALS])
class IncomingReferralsView(PermissionsByMethodMixin, generics.ListAPIView):
    """Referrals to the organisations the caller works for as professional, in their
    coalitions."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, IsProfessional)}
    serializer_class = IncomingReferralSerializer

    def get_queryset(self):
        """As the inbox page, over all the caller's coalitions: oldest answer date first,
        with what the rows show joined (one query for the page, one to count)."""
        if getattr(self, "swagger_fake_view", False):
            return Referral.objects.none()
        organisations = (
            Membership.objects.current()
            .filter(professional=self.request.user, is_professional=True)
            .values("organisation_id")
        )
        wanted = self.request.query_params.get("status", "open")
        statuses = selectors.INBOX_FILTERS.get(wanted, selectors.INBOX_FILTERS["open"])
        return (
            selectors.receivable_referrals(self.request.user)
            .filter(
                coalition_id__in=professional_coalition_ids(self.request.user),
                receiving_organisation_id__in=organisations,
                status__in=statuses,
            )
            .select_related("family", "service__organization", "receiving_organisation", "sent_by")
            .order_by("respond_by", "sent_at", "id")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.update(
            receiver_organisation_ids=set(
                Membership.objects.current()
                .filter(professional=self.request.user, is_professional=True)
                .values_list("organisation_id", flat=True)
            ),
            sender=False,
        )
        return context

    @extend_schema(
        summary="Verwijzingen naar mijn organisatie",
        description=(
            "Verwijzingen naar een organisatie waar je als professional werkt, oudste "
            "antwoorddatum eerst. Wat de verwijzing deelt; het dossier zie je pas als je "
            "accepteert."
        ),
        parameters=[STATUS_PARAMETER],
        responses={
            200: IncomingReferralSerializer(many=True),
            403: OpenApiResponse(ErrorSerializer, description="Geen professional."),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
