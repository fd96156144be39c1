"""The plan API (1Gezin1Plan): a family's plan and its history, concerns, goals, Positive
Health scores and tasks.

The rules are those of the plan pages and the families API:

- everything here is reached through a family, and only through the access policy: a read
  uses `get_family_for_user`, which writes the NEN 7513 read event, and a family the caller
  may not see answers 404 "niet gevonden of geen toegang", whether it exists or not;
- a write first asks the policy without a read event (`family_for_write`), so that a
  refusal is logged outside the service's transaction, then calls the service in
  `services_plan` / `services`, which locks the family, logs the update event, validates
  with the pages' Dutch messages and writes the timeline. Only professionals have a ground,
  so coordinators, analysts and administrators get the same 404 as anyone else without one
  (policy rule 4);
- the plan's text and a goal carry a version: a write based on an older one answers 409
  with both versions and writes nothing.

The safety plan (veiligheidsplan) is not in this API: it is narrower than the family file
(`selectors.may_see_safety_plan`) and stays on its pages. "My tasks" lives in the work
queue's API (`kansrijk.worklist.api`), beside its page: `worklist` reads `care`, not the
other way round.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.urls import path
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
from kansrijk.access.policy import get_family_for_user
from kansrijk.core.api_errors import VERSION_CONFLICT, problem_response
from kansrijk.families.api import NOT_FOUND, PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.models import Family
from kansrijk.families.pages import family_for_write
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Professional

from . import selectors, services, services_plan
from .models import (
    PLAN_TEXT_FIELDS,
    CarePlan,
    Concern,
    Goal,
    GoalStatus,
    HealthDimension,
    HealthScore,
    Task,
    TaskStatus,
)
from .serializers_plan import (
    CarePlanUpdateSerializer,
    ConcernCreateSerializer,
    ConcernMoveSerializer,
    ConcernSerializer,
    GoalCloseSerializer,
    GoalCreateSerializer,
    GoalSerializer,
    GoalUpdateSerializer,
    HealthScoreCreateSerializer,
    HealthScoreSerializer,
    PlanDiscussedSerializer,
    PlanDiscussionSerializer,
    PlanSerializer,
    PlanVersionConflictSerializer,
    PlanVersionSerializer,
    TaskCreateSerializer,
    TaskSerializer,
)

Action = AccessEvent.Action

INVALID_INPUT = OpenApiResponse(
    description="Ongeldige invoer of een gesloten dossier, met Nederlandse meldingen."
)
FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
GOAL_PARAMETER = OpenApiParameter(
    "goal_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het doel."
)
CONCERN_PARAMETER = OpenApiParameter(
    "concern_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van het zorgpunt.",
)
TASK_PARAMETER = OpenApiParameter(
    "task_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van de taak."
)
PLAN_CONFLICT = OpenApiResponse(
    PlanVersionConflictSerializer,
    description="Het plan is intussen door iemand anders gewijzigd; beide versies staan erin.",
)
GOAL_CONFLICT = OpenApiResponse(
    PlanVersionConflictSerializer,
    description="Het doel is intussen door iemand anders gewijzigd; beide versies staan erin.",
)

# Every family endpoint: logged in; whether the family may be seen is the policy's (404).
FAMILY_PERMISSIONS = {
    "GET": (permissions.IsAuthenticated,),
    "POST": (permissions.IsAuthenticated,),
    "PUT": (permissions.IsAuthenticated,),
    "PATCH": (permissions.IsAuthenticated,),
}


# --- Helpers --------------------------------------------------------------------------------


def _family_read(request, pk, detail: str) -> Family:
    """The family for a read, with the NEN 7513 read event; 404 without a ground."""
    return get_family_for_user(request.user, pk, Action.READ, request=request, detail=detail)


def _conflict_response(conflict: VersionConflict, *, sent: set[str] | None = None) -> Response:
    """HTTP 409 with both versions; `sent` narrows "submitted" to what the client sent."""
    submitted = conflict.submitted
    if sent is not None:
        submitted = {name: value for name, value in submitted.items() if name in sent}
    body = {
        "detail": str(conflict),
        "submitted_version": conflict.expected_version,
        "current_version": conflict.current_version,
        "current": conflict.current,
        "submitted": submitted,
    }
    return problem_response(status=409, kind=VERSION_CONFLICT, **body)


def _plan_response(family: Family, *, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(PlanSerializer(selectors.care_plan_overview(family)).data, status=status_code)


def _goal_of(family: Family, goal_pk: int) -> Goal:
    goal = Goal.objects.filter(pk=goal_pk, family=family).first()
    if goal is None:
        raise Http404(_("Dit doel bestaat niet (meer)."))
    return goal


def _tasks_of(family: Family):
    """The family's tasks: open first by due date (without a date last), then the rest,
    most recently completed first.

    `select_related("owner", "owner_organisation")`: every row names its owner (a join
    instead of two queries per row).
    """
    return (
        Task.objects.filter(family=family)
        .select_related("owner", "owner_organisation")
        .annotate(
            open_first=Case(
                When(status=TaskStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "due_date", "-completed_at", "id")
    )


# --- The plan -------------------------------------------------------------------------------

EXAMPLE_PLAN_UPDATE = OpenApiExample(
    "Tekst van het plan wijzigen",
    value={
        "version": 3,
        "strengths": "Moeder heeft een steunend netwerk; oma past twee dagen op.",
        "own_contribution": "Vader regelt de aanvraag bij de gemeente.",
        "support_needed": "Hulp bij het ordenen van de schulden.",
    },
    request_only=True,
)


@extend_schema(tags=["plan"])
class PlanView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The family's plan; changing its text with the version check."""

    permissions_by_method = FAMILY_PERMISSIONS
    serializer_class = PlanSerializer

    @extend_schema(
        summary="Gezinsplan",
        description=(
            "Het ene plan van het gezin (1Gezin1Plan): wat goed gaat, wat het gezin zelf doet, "
            "welke ondersteuning nodig is, de zorgpunten op volgorde van belang, de doelen op "
            "Positieve Gezondheid, de eerste en laatste scores en de afgesproken acties. "
            "Zolang er nog geen plan is, is `version` 0. Het veiligheidsplan staat er niet in."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={200: PlanSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        # Seven queries whatever the size of the plan (`selectors.care_plan_overview`).
        family = _family_read(request, pk, _("Gezinsplan ingezien via de API"))
        return _plan_response(family)

    @extend_schema(
        summary="Gezinsplan wijzigen",
        description=(
            "Vervangt de drie teksten van het plan. `version` is de versie waarop de wijziging "
            "is gebaseerd (0: er is nog geen plan, dit maakt het). Elke versie blijft bewaard."
        ),
        parameters=[FAMILY_PARAMETER],
        request=CarePlanUpdateSerializer,
        examples=[EXAMPLE_PLAN_UPDATE],
        responses={200: PlanSerializer, 400: INVALID_INPUT, 404: NOT_FOUND, 409: PLAN_CONFLICT},
    )
    def put(self, request, pk):
        return self._update(request, pk, partial=False)

    @extend_schema(
        summary="Gezinsplan deels wijzigen",
        description=(
            "Alleen de teksten die meekomen veranderen; `version` is verplicht. Bij een oude "
            "versie volgt 409 met de opgeslagen en de ingestuurde tekst, en verandert er niets."
        ),
        parameters=[FAMILY_PARAMETER],
        request=CarePlanUpdateSerializer(partial=True),
        responses={200: PlanSerializer, 400: INVALID_INPUT, 404: NOT_FOUND, 409: PLAN_CONFLICT},
    )
    def patch(self, request, pk):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk, *, partial: bool) -> Response:
        # Access first (a refusal is logged outside the service's transaction), then input.
        family = family_for_write(request, pk, coalition=None)
        if partial and "version" not in request.data:
            raise serializers.ValidationError(
                {"version": [_("Geef de versie mee waarop de wijziging is gebaseerd.")]}
            )
        serializer = CarePlanUpdateSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected_version = data.pop("version")
        sent = set(data)
        if partial:
            # The service writes all three texts: what was not sent stays as stored. Read
            # outside the service's lock; had the plan changed since, its version check
            # answers 409.
            plan = CarePlan.objects.filter(family=family).first()
            stored = plan.snapshot() if plan is not None else dict.fromkeys(PLAN_TEXT_FIELDS, "")
            data = {**stored, **data}
        try:
            services_plan.care_plan_update(
                actor=request.user,
                family_pk=family.pk,
                expected_version=expected_version,
                data=data,
                request=request,
            )
        except VersionConflict as conflict:
            # The refused write rolled back with its access event, but the 409 body shows the
            # stored plan: that is a read, and it is logged as one.
            _family_read(request, pk, _("Versieconflict: opgeslagen gezinsplan getoond via de API"))
            return _conflict_response(conflict, sent=sent)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _plan_response(family)


@extend_schema(tags=["plan"])
class PlanHistoryView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Every kept version of the plan's text."""

    permissions_by_method = FAMILY_PERMISSIONS
    serializer_class = PlanVersionSerializer
    pagination_class = None  # the page shows them all too; one row per saved edit

    @extend_schema(
        summary="Geschiedenis van het gezinsplan",
        description="Elke bewaarde versie van de tekst, nieuwste eerst, met wat er veranderde.",
        parameters=[FAMILY_PARAMETER],
        responses={200: PlanVersionSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = _family_read(request, pk, _("Geschiedenis van het gezinsplan bekeken via de API"))
        plan = CarePlan.objects.filter(family=family).first()
        # `plan_versions` joins who changed each version: one query for all of them.
        versions = selectors.plan_versions(plan) if plan is not None else []
        return Response(PlanVersionSerializer(versions, many=True).data)


@extend_schema(tags=["plan"])
class PlanDiscussedView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Recording that the plan was discussed with the family (it is written with them)."""

    permissions_by_method = FAMILY_PERMISSIONS
    serializer_class = PlanDiscussionSerializer

    @extend_schema(
        summary="Bespreking met het gezin vastleggen",
        description="Het plan is op een datum (niet in de toekomst) met het gezin besproken.",
        parameters=[FAMILY_PARAMETER],
        request=PlanDiscussedSerializer,
        examples=[
            OpenApiExample(
                "Besproken met moeder en partner",
                value={
                    "discussed_on": "2027-03-03",
                    "with_whom": "moeder en partner",
                    "note": "Ze herkennen zich in de doelen.",
                },
                request_only=True,
            )
        ],
        responses={201: PlanDiscussionSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = PlanDiscussedSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            discussion = services_plan.care_plan_discussed_record(
                actor=request.user,
                family_pk=family.pk,
                **serializer.validated_data,
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(PlanDiscussionSerializer(discussion).data, status=status.HTTP_201_CREATED)


# --- Concerns -------------------------------------------------------------------------------


@extend_schema(tags=["plan"])
class ConcernListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The open concerns in order of priority; adding one."""

    permissions_by_method = FAMILY_PERMISSIONS
    serializer_class = ConcernSerializer
    pagination_class = None  # a handful of open concerns, numbered 1..n

    @extend_schema(
        summary="Zorgpunten",
        description="De open zorgpunten van het plan, belangrijkste (positie 1) eerst.",
        parameters=[FAMILY_PARAMETER],
        responses={200: ConcernSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = _family_read(request, pk, _("Zorgpunten ingezien via de API"))
        concerns = Concern.objects.open().filter(family=family).order_by("position", "id")
        return Response(ConcernSerializer(concerns, many=True).data)

    @extend_schema(
        summary="Zorgpunt toevoegen",
        description="Een nieuw zorgpunt komt onderaan (minst belangrijk); verplaats het daarna.",
        parameters=[FAMILY_PARAMETER],
        request=ConcernCreateSerializer,
        responses={201: ConcernSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = ConcernCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            concern = services_plan.concern_add(
                actor=request.user,
                family_pk=family.pk,
                text=serializer.validated_data["text"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(ConcernSerializer(concern).data, status=status.HTTP_201_CREATED)


def _concern_of(family: Family, concern_pk: int) -> Concern:
    """A concern of this family (open or not); another family's or none: 404."""
    concern = Concern.objects.filter(pk=concern_pk, family=family).first()
    if concern is None:
        raise Http404(_("Dit zorgpunt bestaat niet."))
    return concern


@extend_schema(tags=["plan"])
class ConcernMoveView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = ConcernSerializer

    @extend_schema(
        summary="Zorgpunt verplaatsen",
        description=(
            "Wisselt het zorgpunt met het zorgpunt erboven (`up`) of eronder (`down`); "
            "bovenaan of onderaan verandert er niets."
        ),
        parameters=[FAMILY_PARAMETER, CONCERN_PARAMETER],
        request=ConcernMoveSerializer,
        responses={200: ConcernSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk, concern_pk):
        family = family_for_write(request, pk, coalition=None)
        _concern_of(family, concern_pk)
        serializer = ConcernMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            concern = services_plan.concern_move(
                actor=request.user,
                family_pk=family.pk,
                concern_pk=concern_pk,
                up=serializer.validated_data["direction"] == "up",
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(ConcernSerializer(concern).data)


@extend_schema(tags=["plan"])
class ConcernResolveView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = ConcernSerializer

    @extend_schema(
        summary="Zorgpunt opgelost",
        description="Het zorgpunt gaat van de lijst (en blijft in de geschiedenis).",
        parameters=[FAMILY_PARAMETER, CONCERN_PARAMETER],
        request=None,
        responses={200: ConcernSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk, concern_pk):
        family = family_for_write(request, pk, coalition=None)
        _concern_of(family, concern_pk)
        try:
            concern = services_plan.concern_resolve(
                actor=request.user, family_pk=family.pk, concern_pk=concern_pk, request=request
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(ConcernSerializer(concern).data)


# --- Goals ----------------------------------------------------------------------------------


@extend_schema(tags=["plan"])
class GoalListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The plan's goals; adding one."""

    permissions_by_method = FAMILY_PERMISSIONS
    serializer_class = GoalSerializer
    pagination_class = None  # a plan has a handful of goals

    @extend_schema(
        summary="Doelen",
        description="De doelen op Positieve Gezondheid: lopende eerst, dan op streefdatum.",
        parameters=[FAMILY_PARAMETER],
        responses={200: GoalSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = _family_read(request, pk, _("Doelen ingezien via de API"))
        goals = Goal.objects.filter(family=family).order_by(
            Case(When(status=GoalStatus.OPEN, then=Value(0)), default=Value(1)),
            "target_date",
            "id",
        )
        return Response(GoalSerializer(goals, many=True).data)

    @extend_schema(
        summary="Doel toevoegen",
        description="Een doel in de woorden van het gezin, op één dimensie van Positieve "
        "Gezondheid.",
        parameters=[FAMILY_PARAMETER],
        request=GoalCreateSerializer,
        examples=[
            OpenApiExample(
                "Doel op mentaal welbevinden",
                value={
                    "text": "Weer rust in mijn hoofd",
                    "dimension": "mental_wellbeing",
                    "target_date": "2027-06-01",
                },
                request_only=True,
            )
        ],
        responses={201: GoalSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = GoalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            goal = services_plan.goal_add(
                actor=request.user,
                family_pk=family.pk,
                text=data["text"],
                dimension=data["dimension"],
                target_date=data.get("target_date"),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(GoalSerializer(goal).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["plan"])
class GoalDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One goal; changing it with the version check."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "PATCH": (permissions.IsAuthenticated,),
    }
    serializer_class = GoalSerializer

    @extend_schema(
        summary="Doel",
        parameters=[FAMILY_PARAMETER, GOAL_PARAMETER],
        responses={200: GoalSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk, goal_pk):
        family = _family_read(request, pk, _("Doel ingezien via de API"))
        return Response(GoalSerializer(_goal_of(family, goal_pk)).data)

    @extend_schema(
        summary="Doel wijzigen",
        description=(
            "Alleen wat meekomt verandert; `version` is verplicht. Een afgesloten doel "
            "verandert niet meer. Bij een oude versie volgt 409 met beide versies."
        ),
        parameters=[FAMILY_PARAMETER, GOAL_PARAMETER],
        request=GoalUpdateSerializer,
        responses={200: GoalSerializer, 400: INVALID_INPUT, 404: NOT_FOUND, 409: GOAL_CONFLICT},
    )
    def patch(self, request, pk, goal_pk):
        family = family_for_write(request, pk, coalition=None)
        _goal_of(family, goal_pk)
        serializer = GoalUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected_version = data.pop("version")
        try:
            goal = services_plan.goal_update(
                actor=request.user,
                family_pk=family.pk,
                goal_pk=goal_pk,
                expected_version=expected_version,
                data=data,
                request=request,
            )
        except VersionConflict as conflict:
            _family_read(request, pk, _("Versieconflict: opgeslagen doel getoond via de API"))
            return _conflict_response(conflict)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(GoalSerializer(goal).data)


@extend_schema(tags=["plan"])
class GoalCloseView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = GoalSerializer

    @extend_schema(
        summary="Doel afsluiten",
        description="Een lopend doel afsluiten als behaald (`achieved`) of gestopt (`stopped`).",
        parameters=[FAMILY_PARAMETER, GOAL_PARAMETER],
        request=GoalCloseSerializer,
        responses={200: GoalSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk, goal_pk):
        family = family_for_write(request, pk, coalition=None)
        _goal_of(family, goal_pk)
        serializer = GoalCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            goal = services_plan.goal_close(
                actor=request.user,
                family_pk=family.pk,
                goal_pk=goal_pk,
                status=serializer.validated_data["status"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(GoalSerializer(goal).data)


# --- Positive Health scores -----------------------------------------------------------------


def _score_errors(error: DjangoValidationError) -> serializers.ValidationError:
    """The service's errors under the request's fields: a dimension's under "scores"."""
    detail = _drf_validation_error(error).detail
    scores = {key: detail.pop(key) for key in list(detail) if key in HealthDimension.values}
    if scores:
        detail["scores"] = scores
    return serializers.ValidationError(detail)


@extend_schema(tags=["plan"])
class HealthScoreListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The family's own Positive Health scores over time; recording a moment."""

    permissions_by_method = FAMILY_PERMISSIONS
    serializer_class = HealthScoreSerializer
    pagination_class = None  # a few moments over 1000 days

    @extend_schema(
        summary="Scores Positieve Gezondheid",
        description="Elk moment waarop het gezin zichzelf 0 tot en met 10 gaf op de zes "
        "dimensies, oudste eerst.",
        parameters=[FAMILY_PARAMETER],
        responses={200: HealthScoreSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = _family_read(request, pk, _("Scores Positieve Gezondheid ingezien via de API"))
        scores = HealthScore.objects.filter(family=family).order_by("measured_on", "id")
        return Response(HealthScoreSerializer(scores, many=True).data)

    @extend_schema(
        summary="Scores Positieve Gezondheid vastleggen",
        description=(
            "De scores zijn van het gezin zelf: `respondent` zegt wie ze gaf. Een score is een "
            "heel getal van 0 tot en met 10; meldingen per dimensie staan onder `scores`."
        ),
        parameters=[FAMILY_PARAMETER],
        request=HealthScoreCreateSerializer,
        examples=[
            OpenApiExample(
                "Scores van moeder",
                value={
                    "measured_on": "2027-03-03",
                    "respondent": "moeder",
                    "scores": {
                        "bodily_functions": 6,
                        "mental_wellbeing": 4,
                        "meaningfulness": 7,
                        "quality_of_life": 5,
                        "participation": 3,
                        "daily_functioning": 6,
                    },
                },
                request_only=True,
            )
        ],
        responses={201: HealthScoreSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = HealthScoreCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            score = services_plan.health_score_record(
                actor=request.user,
                family_pk=family.pk,
                measured_on=data["measured_on"],
                respondent=data["respondent"],
                scores=dict(data["scores"]),
                request=request,
            )
        except DjangoValidationError as error:
            raise _score_errors(error) from None
        return Response(HealthScoreSerializer(score).data, status=status.HTTP_201_CREATED)


# --- Tasks ----------------------------------------------------------------------------------


@extend_schema(tags=["taken"])
class FamilyTaskListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The family's tasks, open and done; agreeing an action."""

    permissions_by_method = FAMILY_PERMISSIONS
    serializer_class = TaskSerializer

    @extend_schema(
        summary="Taken van een gezin",
        description=(
            "Open taken eerst (op uiterste datum; `overdue` als die voorbij is), dan afgeronde "
            "en vervallen taken. Per pagina."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={200: TaskSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = _family_read(request, pk, _("Taken ingezien via de API"))
        page = self.paginate_queryset(_tasks_of(family))
        return self.get_paginated_response(TaskSerializer(page, many=True).data)

    @extend_schema(
        summary="Actie afspreken",
        description=(
            "Een afgesproken actie van het gezinsplan: een taak voor iemand die nu in het "
            "zorgteam zit, met een uiterste datum (niet in het verleden), eventueel bij een "
            "lopend doel."
        ),
        parameters=[FAMILY_PARAMETER],
        request=TaskCreateSerializer,
        examples=[
            OpenApiExample(
                "Actie bij een doel",
                value={
                    "title": "Samen de schuldhulp bellen",
                    "owner": 12,
                    "due_date": "2027-03-17",
                    "goal": 4,
                },
                request_only=True,
            )
        ],
        responses={201: TaskSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        serializer = TaskCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        owner = Professional.objects.filter(pk=data["owner"]).first()
        if owner is None:
            raise serializers.ValidationError(
                {"owner": [_("Kies iemand die nu in het zorgteam zit.")]}
            )
        try:
            task = services_plan.plan_action_add(
                actor=request.user,
                family_pk=family.pk,
                title=data["title"],
                owner=owner,
                due_date=data["due_date"],
                goal_pk=data.get("goal"),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        task = _tasks_of(family).get(pk=task.pk)
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["taken"])
class TaskCompleteView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = TaskSerializer

    @extend_schema(
        summary="Taak afronden",
        description="Iedereen in het zorgteam kan een open taak van het gezin afronden.",
        parameters=[FAMILY_PARAMETER, TASK_PARAMETER],
        request=None,
        responses={200: TaskSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk, task_pk):
        family = family_for_write(request, pk, coalition=None)
        if not Task.objects.filter(pk=task_pk, family=family).exists():
            raise Http404(_("Deze taak bestaat niet."))
        try:
            services.task_complete(
                actor=request.user, family_pk=family.pk, task_pk=task_pk, request=request
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(TaskSerializer(_tasks_of(family).get(pk=task_pk)).data)


urlpatterns = [
    path("families/<int:pk>/plan/", PlanView.as_view(), name="plan"),
    path("families/<int:pk>/plan/history/", PlanHistoryView.as_view(), name="plan_history"),
    path("families/<int:pk>/plan/discussed/", PlanDiscussedView.as_view(), name="plan_discussed"),
    path("families/<int:pk>/plan/concerns/", ConcernListView.as_view(), name="concern_list"),
    path(
        "families/<int:pk>/plan/concerns/<int:concern_pk>/move/",
        ConcernMoveView.as_view(),
        name="concern_move",
    ),
    path(
        "families/<int:pk>/plan/concerns/<int:concern_pk>/resolve/",
        ConcernResolveView.as_view(),
        name="concern_resolve",
    ),
    path("families/<int:pk>/plan/goals/", GoalListView.as_view(), name="goal_list"),
    path(
        "families/<int:pk>/plan/goals/<int:goal_pk>/",
        GoalDetailView.as_view(),
        name="goal_detail",
    ),
    path(
        "families/<int:pk>/plan/goals/<int:goal_pk>/close/",
        GoalCloseView.as_view(),
        name="goal_close",
    ),
    path(
        "families/<int:pk>/plan/health-scores/",
        HealthScoreListView.as_view(),
        name="health_score_list",
    ),
    path("families/<int:pk>/tasks/", FamilyTaskListView.as_view(), name="task_list"),
    path(
        "families/<int:pk>/tasks/<int:task_pk>/complete/",
        TaskCompleteView.as_view(),
        name="task_complete",
    ),
]
