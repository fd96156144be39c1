"""The care API: a family's care team, its casusregie and its warm handovers (issue 7).

The pages' rules, through the same access policy and services:

- every endpoint of one family reaches it through the policy: a read with
  `get_family_for_user`, which writes the NEN 7513 read event, and answers 404 "niet
  gevonden of geen toegang" for a family that does not exist and one the caller may not see
  alike; a write first with `family_for_write` (no event yet; a refusal is logged here,
  outside the service's transaction), then the service, which takes the family through the
  policy again with a row lock and logs the update. Coordinators, analysts and
  administrators have no ground and get the same 404 (policy rule 3 and 4);
- the receiver of a handover, usually not on the care team yet, reads that handover and
  accepts or declines it inside the receiver's scope (`kansrijk.care.grounds`), as on the
  handover's own page: that ground opens only this handover's family, only while the
  handover waits for an answer, and every use is logged. A receiver whose handover was
  answered meanwhile hears why (400 with the transition table's message), as the page tells
  them; everyone else gets the logged 404;
- every action on a handover carries the `version` the client read: a handover that moved
  on since answers 409 with its current version and status, an action the transition table
  or the service refuses answers 400 with the service's Dutch message;
- the incoming handovers of a professional show only the family's reference, never family
  data, and write no access event, as the page.

Who may call what is declared per HTTP method in `permissions_by_method`; whether a family
may be seen is decided only by the policy.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
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
from kansrijk.access.policy import get_family_for_user, professional_coalition_ids
from kansrijk.core.api_errors import VERSION_CONFLICT, problem_response
from kansrijk.families.api import (
    NOT_FOUND,
    IsProfessional,
    PermissionsByMethodMixin,
    _drf_validation_error,
)
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.families.pages import family_for_write
from kansrijk.families.selectors import visible_family
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.families.services import care_team_member_add, care_team_member_end
from kansrijk.organisations.models import Membership

from . import selectors_handovers as selectors
from . import services_handovers as services
from .grounds import handover_receiver_scope
from .models import (
    CaseDirector,
    Handover,
    HandoverAction,
    HandoverKind,
    HandoverStatus,
    handover_transition,
)
from .serializers import (
    CareTeamEntrySerializer,
    CareTeamMemberAddSerializer,
    CaseDirectorOverviewSerializer,
    CaseDirectorSetSerializer,
    HandoverAcceptSerializer,
    HandoverCancelSerializer,
    HandoverCompleteSerializer,
    HandoverConflictSerializer,
    HandoverDeclineSerializer,
    HandoverProposeSerializer,
    HandoverSerializer,
    IncomingHandoverSerializer,
)

Action = AccessEvent.Action
TEAM = "zorgteam"
HANDOVERS = "overdrachten"

INVALID_INPUT = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen.")
REFUSED = OpenApiResponse(
    description=(
        "Ongeldige invoer of een actie die niet kan (de overgangstabel, of je bent niet de "
        "ontvanger, voorsteller of accepteerder), met Nederlandse meldingen."
    )
)
CONFLICT = OpenApiResponse(
    HandoverConflictSerializer,
    description="De overdracht is intussen gewijzigd: haal hem opnieuw op.",
)
HANDOVER_NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Niet gevonden of geen toegang; of deze overdracht hoort niet bij dit gezin.",
)
FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
MEMBER_PARAMETER = OpenApiParameter(
    "member_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van het zorgteamlidmaatschap.",
)
HANDOVER_PARAMETER = OpenApiParameter(
    "handover_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van de overdracht.",
)


# --- Helpers --------------------------------------------------------------------------------


def _flag(request, name: str) -> bool:
    value = request.query_params.get(name, "")
    try:
        return serializers.BooleanField().to_internal_value(value) if value else False
    except serializers.ValidationError:
        raise serializers.ValidationError({name: [_("Geef 1 (ja) of 0 (nee).")]}) from None


def _case_director_id(family: Family) -> int | None:
    """Who holds the casusregie now, for `is_case_director` on the team's rows (one query)."""
    return (
        CaseDirector.objects.current()
        .filter(family=family)
        .values_list("professional_id", flat=True)
        .first()
    )


def _care_team_rows(family: Family, *, former: bool):
    """The family's care-team memberships, as the care-team page lists them: current ones
    (no end date, or one after today), with `former` also those that ended.

    `select_related("professional", "membership__organisation")`: every row names the
    professional, their organisation and discipline (one query for the whole team).
    """
    queryset = CareTeamMember.objects.filter(family=family)
    if not former:
        queryset = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gt=timezone.localdate()))
    return queryset.select_related("professional", "membership__organisation").order_by(
        "start_date", "id"
    )


def _casusregie_overview(family: Family) -> dict:
    """The case director now (or None), every period, and a transfer waiting for an answer:
    three queries with their people and organisations joined, as the page."""
    return {
        "current": selectors.current_case_director(family),
        "history": selectors.case_director_history(family),
        "running_transfer": Handover.objects.proposed()
        .filter(family=family, kind=HandoverKind.CASUSREGIE)
        .select_related("to_organisation", "to_professional")
        .order_by("-proposed_at", "-id")
        .first(),
    }


def _handover_rows(family: Family):
    """The family's handovers, newest first, with everyone involved joined
    (`selectors_handovers.HANDOVER_RELATED`): one query whatever their number."""
    return (
        Handover.objects.filter(family=family)
        .select_related(*selectors.HANDOVER_RELATED)
        .order_by("-proposed_at", "-id")
    )


def _one_handover(family: Family, handover_pk) -> Handover:
    handover = _handover_rows(family).filter(pk=handover_pk).first()
    if handover is None:
        raise Http404(_("Deze overdracht bestaat niet (meer)."))
    handover.family = family  # the granted family: no query for the reference
    return handover


def _handover_context(request, family: Family) -> dict:
    """What `allowed_actions` needs: the organisations the caller works for as professional
    in the family's coalition (one query, for all rows)."""
    organisation_ids = set(
        Membership.objects.current()
        .filter(professional=request.user, coalition_id=family.coalition_id, is_professional=True)
        .values_list("organisation_id", flat=True)
    )
    return {
        "request": request,
        "user_pk": request.user.pk,
        "organisation_ids": organisation_ids,
        "today": timezone.localdate(),
    }


def _conflict(handover: Handover, submitted_version: int) -> Response:
    body = {
        "detail": _(
            "Deze overdracht is intussen gewijzigd (nu versie %(version)s, %(status)s). Haal "
            "hem opnieuw op en kijk of je actie nog nodig is."
        )
        % {"version": handover.version, "status": handover.get_status_display().lower()},
        "submitted_version": submitted_version,
        "current_version": handover.version,
        "current_status": handover.status,
    }
    return problem_response(
        status=409, kind=VERSION_CONFLICT, **HandoverConflictSerializer(body).data
    )


# --- Care team ------------------------------------------------------------------------------


@extend_schema(tags=[TEAM])
class CareTeamView(PermissionsByMethodMixin, generics.GenericAPIView):
    """A family's care team; adding a professional to it."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        # No `IsProfessional`: the policy decides, with the same 404 for everyone without a
        # ground (coordinators included), as PUT on a family.
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = CareTeamEntrySerializer
    pagination_class = None  # a care team is a handful of people; the page shows all

    @extend_schema(
        summary="Zorgteam van een gezin",
        description=(
            "De huidige zorgteamleden met organisatie, discipline, rol bij het gezin en direct "
            "telefoonnummer, en wie de casusregie heeft. Met `?former=1` ook wie gestopt is "
            "(met einddatum)."
        ),
        parameters=[
            FAMILY_PARAMETER,
            OpenApiParameter(
                "former",
                OpenApiTypes.BOOL,
                description="Ook de gestopte zorgteamleden (1 of 0).",
            ),
        ],
        responses={200: CareTeamEntrySerializer(many=True), 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        former = _flag(request, "former")
        family = get_family_for_user(
            request.user, pk, Action.READ, request=request, detail=_("Zorgteam ingezien via de API")
        )
        rows = _care_team_rows(family, former=former)
        context = {"case_director_id": _case_director_id(family)}
        return Response(CareTeamEntrySerializer(rows, many=True, context=context).data)

    @extend_schema(
        summary="Zorgteamlid toevoegen",
        description=(
            "Zet een professional die in de coalitie van het gezin werkt in het zorgteam; die "
            "kan het dossier dan inzien. Zonder telefoonnummer geldt dat van het lidmaatschap, "
            "zonder startdatum vandaag."
        ),
        parameters=[FAMILY_PARAMETER],
        request=CareTeamMemberAddSerializer,
        examples=[
            OpenApiExample(
                "Jeugdverpleegkundige",
                value={"professional": 12, "role_in_family": "jeugdverpleegkundige"},
                request_only=True,
            )
        ],
        responses={201: CareTeamEntrySerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family = family_for_write(request, pk, coalition=None)
        serializer = CareTeamMemberAddSerializer(data=request.data, context={"family": family})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            member = care_team_member_add(
                actor=request.user,
                family_pk=family.pk,
                professional=data["professional"],
                role_in_family=data["role_in_family"],
                phone=data["phone"],
                start_date=data["start_date"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        member = _care_team_rows(family, former=True).get(pk=member.pk)
        context = {"case_director_id": _case_director_id(family)}
        return Response(
            CareTeamEntrySerializer(member, context=context).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=[TEAM])
class CareTeamMemberEndView(PermissionsByMethodMixin, generics.GenericAPIView):
    """End a care-team membership today: from now on it gives no access."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = CareTeamEntrySerializer

    @extend_schema(
        summary="Zorgteamlid laten stoppen",
        description=(
            "Het lidmaatschap eindigt vandaag; vanaf nu geeft het geen toegang meer. Het "
            "laatste zorgteamlid kan niet stoppen: voeg eerst een ander toe."
        ),
        parameters=[FAMILY_PARAMETER, MEMBER_PARAMETER],
        request=None,
        responses={
            200: CareTeamEntrySerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="Al gestopt, of het laatste zorgteamlid."
            ),
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk, member_pk):
        family = family_for_write(request, pk, coalition=None)
        if not CareTeamMember.objects.filter(family=family, pk=member_pk).exists():
            raise Http404(_("Dit zorgteamlid hoort niet bij dit gezin."))
        try:
            care_team_member_end(actor=request.user, member_pk=member_pk, request=request)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        member = _care_team_rows(family, former=True).get(pk=member_pk)
        context = {"case_director_id": _case_director_id(family)}
        return Response(CareTeamEntrySerializer(member, context=context).data)


# --- Casusregie -----------------------------------------------------------------------------


@extend_schema(tags=[TEAM])
class CaseDirectorView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Who holds the casusregie (or visibly nobody), its history, and naming the first
    director. A change of director is a casusregie handover, never an overwrite."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = CaseDirectorOverviewSerializer

    @extend_schema(
        summary="Casusregie van een gezin",
        description=(
            "De casusregisseur nu (`current`; null: niemand), alle perioden (`history`) en een "
            "overdracht van de casusregie die op antwoord wacht (`running_transfer`)."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={200: CaseDirectorOverviewSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = get_family_for_user(
            request.user,
            pk,
            Action.READ,
            request=request,
            detail=_("Casusregie ingezien via de API"),
        )
        return Response(CaseDirectorOverviewSerializer(_casusregie_overview(family)).data)

    @extend_schema(
        summary="Casusregisseur vastleggen",
        description=(
            "Legt de casusregisseur vast zolang het gezin er geen heeft (de eerste, of na een "
            "periode zonder); die komt uit het huidige zorgteam. Heeft het gezin er al een, "
            "draag de casusregie dan over met een overdracht (`POST "
            "/api/v1/families/{id}/handovers/` met `kind` `casusregie` of het ketenmoment "
            "`casusregie`): die gaat in als de nieuwe casusregisseur accepteert."
        ),
        parameters=[FAMILY_PARAMETER],
        request=CaseDirectorSetSerializer,
        responses={201: CaseDirectorOverviewSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        care_team = selectors.current_care_team_members(family)
        serializer = CaseDirectorSetSerializer(data=request.data, context={"care_team": care_team})
        serializer.is_valid(raise_exception=True)
        try:
            services.case_director_set(
                actor=request.user,
                family_pk=family.pk,
                professional=serializer.validated_data["professional"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(
            CaseDirectorOverviewSerializer(_casusregie_overview(family)).data,
            status=status.HTTP_201_CREATED,
        )


# --- A family's handovers -------------------------------------------------------------------


@extend_schema(tags=[HANDOVERS])
class FamilyHandoversView(PermissionsByMethodMixin, generics.GenericAPIView):
    """A family's handovers with their status; proposing a new one."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = HandoverSerializer
    pagination_class = None  # a family has a handful of handovers; the page shows all

    @extend_schema(
        summary="Overdrachten van een gezin",
        description=(
            "Alle overdrachten, nieuwste eerst, met status, ketenmoment, van wie aan wie, de "
            "samenvatting, de datum waarvoor te accepteren, de versie en wat jij ermee kunt "
            "doen (`allowed_actions`)."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={200: HandoverSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = get_family_for_user(
            request.user,
            pk,
            Action.READ,
            request=request,
            detail=_("Overdrachten ingezien via de API"),
        )
        rows = list(_handover_rows(family))
        for handover in rows:
            handover.family = family  # the granted family: no query per row for the reference
        context = _handover_context(request, family)
        return Response(HandoverSerializer(rows, many=True, context=context).data)

    @extend_schema(
        summary="Overdracht voorstellen",
        description=(
            "Aan een organisatie (iedere professional ervan in de coalitie kan accepteren) "
            "en/of aan een genoemde professional (alleen die kan accepteren). Met een "
            "ketenmoment (`moment`) volgt de datum uit de termijn van dat moment; een moment "
            "dat de casusregie overdraagt, of `kind` `casusregie`, maakt de ontvanger bij "
            "accepteren casusregisseur."
        ),
        parameters=[FAMILY_PARAMETER],
        request=HandoverProposeSerializer,
        examples=[
            OpenApiExample(
                "Naar de kraamzorg",
                value={
                    "moment": "verloskundige-kraamzorg",
                    "to_organisation": 7,
                    "summary": "Moeder (19) is alleen, weinig netwerk. Graag een intake.",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Casusregie overdragen",
                value={
                    "moment": "casusregie",
                    "to_professional": 12,
                    "summary": "Na de kraamperiode neemt de JGZ de casusregie over.",
                },
                request_only=True,
            ),
        ],
        responses={201: HandoverSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = HandoverProposeSerializer(data=request.data, context={"family": family})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        to_organisation, to_professional = data["to_organisation"], data["to_professional"]
        if to_professional is not None and to_organisation is None:
            # As the page: a named professional brings the organisation they work for here.
            membership = (
                Membership.objects.current()
                .filter(
                    professional=to_professional,
                    coalition_id=family.coalition_id,
                    is_professional=True,
                )
                .select_related("organisation")
                .order_by("pk")
                .first()
            )
            to_organisation = membership.organisation if membership else None
        try:
            handover = services.handover_propose(
                actor=request.user,
                family_pk=family.pk,
                summary=data["summary"],
                to_organisation=to_organisation,
                to_professional=to_professional,
                due_date=data["due_date"],
                moment_code=data["moment"],
                kind=data["kind"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        handover = _one_handover(family, handover.pk)
        return Response(
            HandoverSerializer(handover, context=_handover_context(request, family)).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=[HANDOVERS])
class HandoverDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One handover: for whoever may see the family, and for its receiver while it waits for
    their answer (inside the receiver's scope, logged)."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = HandoverSerializer

    @extend_schema(
        summary="Overdracht",
        description=(
            "Eén overdracht met zijn hele verloop. Ook voor de ontvanger die nog niet in het "
            "zorgteam zit, zolang de overdracht op antwoord wacht: dan alleen deze overdracht "
            "(de samenvatting en het dossiernummer), niets anders van het gezin."
        ),
        parameters=[FAMILY_PARAMETER, HANDOVER_PARAMETER],
        responses={200: HandoverSerializer, 404: HANDOVER_NOT_FOUND},
    )
    def get(self, request, pk, handover_pk):
        with handover_receiver_scope(request.user, handover_pk):
            family = get_family_for_user(
                request.user,
                pk,
                Action.READ,
                request=request,
                detail=_("Overdracht ingezien via de API"),
            )
        handover = _one_handover(family, handover_pk)
        return Response(
            HandoverSerializer(handover, context=_handover_context(request, family)).data
        )


class _HandoverActionView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One action on a handover: access, input, the version, then the service.

    `answer`: accept and decline, by the receiver, who reaches the family only inside the
    receiver's scope (the services open it themselves).
    """

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = HandoverSerializer
    action: str = ""
    answer = False
    request_serializer: type[serializers.Serializer]

    def perform(self, request, family: Family, handover: Handover, version: int, data: dict):
        raise NotImplementedError

    def _gate(self, request, pk, handover_pk) -> tuple[Handover, bool]:
        """The handover if the caller may act on it, and whether they lost their ground
        because it was answered meanwhile (the receiver, off the care team)."""
        if self.answer:
            with handover_receiver_scope(request.user, handover_pk):
                family = visible_family(request.user, pk, for_change=True)
        else:
            family = visible_family(request.user, pk, for_change=True)
        if family is not None:
            return _one_handover(family, handover_pk), False
        if self.answer:
            handover = (
                Handover.objects.filter(pk=handover_pk, family_id=pk)
                .select_related(*selectors.HANDOVER_RELATED)
                .first()
            )
            if (
                handover is not None
                and handover.status != HandoverStatus.PROPOSED
                and selectors.may_receive(request.user, handover)
                and professional_coalition_ids(request.user)
                .filter(coalition_id=handover.coalition_id)
                .exists()
            ):
                return handover, True
        # Not visible: this logs the refused attempt and raises Http404.
        family_for_write(request, pk, coalition=None)
        raise Http404  # pragma: no cover - the line above raises

    def post(self, request, pk, handover_pk):
        handover, answered_meanwhile = self._gate(request, pk, handover_pk)
        serializer = self.request_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        if handover.version != version:
            return _conflict(handover, version)
        if answered_meanwhile:
            # The receiver's ground ended with the answer; tell them why, as the page does.
            try:
                handover_transition(handover.status, self.action)
            except DjangoValidationError as error:
                raise _drf_validation_error(error) from None
        family = handover.family
        try:
            self.perform(request, family, handover, version, data)
        except services.HandoverChanged:
            return _conflict(Handover.objects.get(pk=handover.pk), version)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        handover = _one_handover(family, handover.pk)
        return Response(
            HandoverSerializer(handover, context=_handover_context(request, family)).data
        )


def _action_schema(*, summary: str, description: str, request, examples=()) -> dict:
    return {
        "summary": summary,
        "description": description,
        "parameters": [FAMILY_PARAMETER, HANDOVER_PARAMETER],
        "request": request,
        "examples": list(examples),
        "responses": {
            200: HandoverSerializer,
            400: REFUSED,
            404: HANDOVER_NOT_FOUND,
            409: CONFLICT,
        },
    }


@extend_schema(tags=[HANDOVERS])
class HandoverAcceptView(_HandoverActionView):
    action = HandoverAction.ACCEPT
    answer = True
    request_serializer = HandoverAcceptSerializer

    @extend_schema(
        **_action_schema(
            summary="Overdracht accepteren",
            description=(
                "Door de ontvanger: de genoemde professional, of bij een overdracht aan een "
                "organisatie een professional ervan in de coalitie. Je komt in het zorgteam "
                "(als je er nog niet in zat); bij een overdracht van de casusregie ben je "
                "vanaf nu casusregisseur."
            ),
            request=HandoverAcceptSerializer,
            examples=[
                OpenApiExample(
                    "Accepteren",
                    value={"version": 1, "role_in_family": "jeugdverpleegkundige"},
                    request_only=True,
                )
            ],
        )
    )
    def post(self, request, pk, handover_pk):
        return super().post(request, pk, handover_pk)

    def perform(self, request, family, handover, version, data):
        return services.handover_accept(
            actor=request.user,
            handover_pk=handover.pk,
            role_in_family=data["role_in_family"],
            phone=data["phone"],
            expected_version=version,
            request=request,
        )


@extend_schema(tags=[HANDOVERS])
class HandoverDeclineView(_HandoverActionView):
    action = HandoverAction.DECLINE
    answer = True
    request_serializer = HandoverDeclineSerializer

    @extend_schema(
        **_action_schema(
            summary="Overdracht afwijzen",
            description=(
                "Door de ontvanger, met een reden: de voorsteller ziet die en kan een nieuwe "
                "overdracht voorstellen."
            ),
            request=HandoverDeclineSerializer,
            examples=[
                OpenApiExample(
                    "Afwijzen",
                    value={"version": 1, "reason": "Geen plek voor deze wijk tot maart."},
                    request_only=True,
                )
            ],
        )
    )
    def post(self, request, pk, handover_pk):
        return super().post(request, pk, handover_pk)

    def perform(self, request, family, handover, version, data):
        return services.handover_decline(
            actor=request.user,
            handover_pk=handover.pk,
            reason=data["reason"],
            expected_version=version,
            request=request,
        )


@extend_schema(tags=[HANDOVERS])
class HandoverCompleteView(_HandoverActionView):
    action = HandoverAction.COMPLETE
    request_serializer = HandoverCompleteSerializer

    @extend_schema(
        **_action_schema(
            summary="Warm contact vastleggen",
            description=(
                "Door wie de overdracht voorstelde of accepteerde: het gezamenlijke bezoek of "
                "gesprek met het gezin. Daarmee is de overdracht afgerond."
            ),
            request=HandoverCompleteSerializer,
            examples=[
                OpenApiExample(
                    "Gezamenlijk huisbezoek",
                    value={
                        "version": 2,
                        "contact_kind": "joint_visit",
                        "contact_on": "2027-03-03",
                        "note": "Samen kennisgemaakt.",
                    },
                    request_only=True,
                )
            ],
        )
    )
    def post(self, request, pk, handover_pk):
        return super().post(request, pk, handover_pk)

    def perform(self, request, family, handover, version, data):
        return services.handover_complete(
            actor=request.user,
            family_pk=family.pk,
            handover_pk=handover.pk,
            contact_kind=data["contact_kind"],
            contact_on=data["contact_on"],
            note=data["note"],
            expected_version=version,
            request=request,
        )


@extend_schema(tags=[HANDOVERS])
class HandoverCancelView(_HandoverActionView):
    action = HandoverAction.CANCEL
    request_serializer = HandoverCancelSerializer

    @extend_schema(
        **_action_schema(
            summary="Overdracht intrekken",
            description="Door wie hem voorstelde, zolang niemand heeft geantwoord.",
            request=HandoverCancelSerializer,
        )
    )
    def post(self, request, pk, handover_pk):
        return super().post(request, pk, handover_pk)

    def perform(self, request, family, handover, version, data):
        return services.handover_cancel(
            actor=request.user,
            family_pk=family.pk,
            handover_pk=handover.pk,
            reason=data["reason"],
            expected_version=version,
            request=request,
        )


# --- The caller's incoming handovers --------------------------------------------------------


@extend_schema(tags=[HANDOVERS])
class IncomingHandoversView(PermissionsByMethodMixin, generics.ListAPIView):
    """Handovers waiting for the caller's answer: to them by name, or to an organisation they
    work for as professional (when nobody is named), in their coalitions."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, IsProfessional)}
    serializer_class = IncomingHandoverSerializer

    def get_queryset(self):
        """As the page (`selectors_handovers.incoming_handovers`), over all the caller's
        coalitions: by due date, with the family's reference, the sender with organisation
        and the receivers joined (one query for the page, one to count)."""
        if getattr(self, "swagger_fake_view", False):
            return Handover.objects.none()
        return (
            selectors.receivable_handovers(self.request.user)
            .proposed()
            .filter(coalition_id__in=professional_coalition_ids(self.request.user))
            .select_related(
                "family",
                "from_professional",
                "from_membership__organisation",
                "to_organisation",
                "to_professional",
            )
            .order_by("due_date", "id")
        )

    def get_serializer_context(self):
        """What `allowed_actions` needs: the organisations the caller works for as
        professional, in any of their coalitions (one query for the page)."""
        context = super().get_serializer_context()
        context.update(
            user_pk=self.request.user.pk,
            organisation_ids=set(
                Membership.objects.current()
                .filter(professional=self.request.user, is_professional=True)
                .values_list("organisation_id", flat=True)
            ),
        )
        return context

    @extend_schema(
        summary="Overdrachten voor mij",
        description=(
            "Overdrachten die op jouw antwoord wachten (aan jou, of aan een organisatie waar "
            "je werkt), op datum. Alleen het dossiernummer van het gezin: de samenvatting lees "
            "je in de overdracht zelf (`GET /api/v1/families/{id}/handovers/{handover_pk}/`)."
        ),
        responses={
            200: IncomingHandoverSerializer(many=True),
            403: OpenApiResponse(ErrorSerializer, description="Geen professional."),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("families/<int:pk>/care-team/", CareTeamView.as_view(), name="care_team"),
    path(
        "families/<int:pk>/care-team/<int:member_pk>/end/",
        CareTeamMemberEndView.as_view(),
        name="care_team_member_end",
    ),
    path("families/<int:pk>/case-director/", CaseDirectorView.as_view(), name="case_director"),
    path("families/<int:pk>/handovers/", FamilyHandoversView.as_view(), name="handover_list"),
    path(
        "families/<int:pk>/handovers/<int:handover_pk>/",
        HandoverDetailView.as_view(),
        name="handover_detail",
    ),
    path(
        "families/<int:pk>/handovers/<int:handover_pk>/accept/",
        HandoverAcceptView.as_view(),
        name="handover_accept",
    ),
    path(
        "families/<int:pk>/handovers/<int:handover_pk>/decline/",
        HandoverDeclineView.as_view(),
        name="handover_decline",
    ),
    path(
        "families/<int:pk>/handovers/<int:handover_pk>/complete/",
        HandoverCompleteView.as_view(),
        name="handover_complete",
    ),
    path(
        "families/<int:pk>/handovers/<int:handover_pk>/cancel/",
        HandoverCancelView.as_view(),
        name="handover_cancel",
    ),
    path("handovers/incoming/", IncomingHandoversView.as_view(), name="handovers_incoming"),
]
