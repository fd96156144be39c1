"""The MDO API: series, meetings with their agenda, submitting a family, the meeting's
status, and the decisions about an item (issue 8).

The pages' rules, through the same services, selectors and access policy:

- only professionals and coordinators take part in an MDO: analysts and administrators get
  403 on every endpoint (`WorksOnTheMdo`);
- a series is seen by the coordinators of its coalition and its standing participants; a
  meeting by the coordinators of the series' coalition and the meeting's participants (the
  chair and secretary manage it with the coordinators: `services.is_manager`). Anyone else
  gets 403, a series or meeting that does not exist 404;
- an agenda item shows the family's id and reference only when it is *identified*: the
  family's consent for named discussion is in force and the caller may see the family now
  (care team, the MDO participant ground during the window, break-the-glass), decided by
  `selectors.agenda_rows` with the access policy. Every other item carries the anonymous
  summary (age band, phase, level, route) and nothing that identifies the family. As on the
  agenda page, the agenda itself writes no access event: it shows no more than a reference;
- reading the decisions about an identified item reads family data: it goes through
  `get_family_for_user`, which writes the NEN 7513 read event with the caller's ground;
- submitting a family goes through the access policy first (`family_for_write`: without a
  ground the refused attempt is logged and the answer is 404), then
  `services.agenda_item_submit`, which checks the care team (403 otherwise);
- changing a meeting (PATCH, as the page meeting_edit: its managers, until it is held) goes
  through the page's form and `services.meeting_update`, with the `version` (409 if older);
- a status change carries the `version` the client read: an older one answers 409 with the
  current version and status; a change the transition table or the service refuses answers
  400 with the service's Dutch message;
- a decision is recorded by `services_decisions.decision_record` (managers only, 403
  otherwise), with its Dutch messages per field (400).

Who may call what is declared per HTTP method in `permissions_by_method`.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import path
from django.utils import timezone
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
from kansrijk.access.policy import get_family_for_user
from kansrijk.core.api_errors import VERSION_CONFLICT, problem_response
from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.pages import family_for_write
from kansrijk.families.selectors import visible_family
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Membership, Organisation, Professional

from . import selectors, services, services_decisions
from .forms_agenda import DATETIME_FORMAT, MeetingEditForm
from .models import (
    OPEN_ITEM_STATUSES,
    AgendaItem,
    Decision,
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingStatus,
    SeriesParticipant,
)
from .serializers import (
    AgendaItemSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    ItemSubmitSerializer,
    MeetingConflictSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MeetingTransitionSerializer,
    SeriesDetailSerializer,
    SeriesSerializer,
)

Action = AccessEvent.Action
TAG = "mdo"
INVALID_INPUT = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen.")
NOT_ALLOWED = OpenApiResponse(
    ErrorSerializer, description="Geen professional of coördinator, of niet van dit MDO."
)
SERIES_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Dit MDO bestaat niet (meer).")
MEETING_NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Dit overleg of agendapunt bestaat niet (meer)."
)
SERIES_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het MDO."
)
MEETING_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het overleg."
)
ITEM_PARAMETER = OpenApiParameter(
    "item_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van het agendapunt.",
)


# --- Permissions ----------------------------------------------------------------------------


class WorksOnTheMdo(permissions.BasePermission):
    """Works in a coalition now as professional or coordinator: they take part in an MDO.

    The coalitions the caller coordinates are kept for the view (one query)."""

    message = _("Alleen professionals en coördinatoren nemen deel aan een MDO.")

    def has_permission(self, request, view) -> bool:
        rows = list(
            Membership.objects.current()
            .filter(professional=request.user)
            .filter(Q(is_professional=True) | Q(is_coordinator=True))
            .values_list("coalition_id", "is_coordinator")
        )
        view.coordinated = {coalition_id for coalition_id, coordinator in rows if coordinator}
        return bool(rows)


MDO_PERMISSIONS = (permissions.IsAuthenticated, WorksOnTheMdo)


# --- Helpers --------------------------------------------------------------------------------


def _not_allowed_series() -> exceptions.PermissionDenied:
    return exceptions.PermissionDenied(
        _("Alleen de coördinatoren en de vaste deelnemers van dit MDO kunnen het inzien.")
    )


def _not_allowed_meeting() -> exceptions.PermissionDenied:
    return exceptions.PermissionDenied(
        _("Alleen de deelnemers en de coördinatoren van dit MDO kunnen dit overleg inzien.")
    )


def series_of(user: Professional, coordinated: set[int]) -> QuerySet[MdoSeries]:
    """The series `user` coordinates (of a coalition in `coordinated`) or takes part in as
    standing participant, with the caller's standing role (`my_role`, a subquery: no query
    per row), the coalition joined and the served coalitions to prefetch."""
    mine = SeriesParticipant.objects.filter(professional=user)
    return (
        MdoSeries.objects.filter(
            Q(coalition_id__in=coordinated) | Q(pk__in=mine.values("series_id"))
        )
        .annotate(my_role=Subquery(mine.filter(series=OuterRef("pk")).values("role")[:1]))
        .select_related("coalition")
        .prefetch_related("served_coalitions")
        .order_by("name", "pk")
    )


def _with_manages(series: MdoSeries, coordinated: set[int]) -> MdoSeries:
    series.manages = series.coalition_id in coordinated or series.my_role in (
        selectors.MANAGING_ROLES
    )
    return series


MEETING_CONFLICT = OpenApiResponse(
    MeetingConflictSerializer, description="Het overleg is intussen gewijzigd."
)


class _MeetingAccess:
    """The meeting of the URL, if the caller is one of its managers or participants."""

    def meeting_for(self, request, pk) -> tuple[MdoMeeting, bool, list]:
        """(meeting, manages, participants): the meeting with its series (1 query) and its
        participants with organisation (1). Whether the caller manages it follows from those
        and the coordinated coalitions the permission read (as `services.is_manager`)."""
        meeting = MdoMeeting.objects.select_related("series__coalition").filter(pk=pk).first()
        if meeting is None:
            raise exceptions.NotFound(_("Dit overleg bestaat niet (meer)."))
        participants = list(selectors.meeting_participants(meeting))
        manages = meeting.series.coalition_id in self.coordinated or any(
            p.professional_id == request.user.pk and p.role in selectors.MANAGING_ROLES
            for p in participants
        )
        if not (manages or any(p.professional_id == request.user.pk for p in participants)):
            raise _not_allowed_meeting()
        return meeting, manages, participants

    def managed_meeting(self, request, pk) -> MdoMeeting:
        """The meeting of the URL if the caller manages it (chair, secretary, coordinator);
        a participant who does not is refused with 403."""
        meeting, manages, _participants = self.meeting_for(request, pk)
        if not manages:
            raise exceptions.PermissionDenied(
                _("Alleen de voorzitter, de notulist of een coördinator kan dit overleg beheren.")
            )
        return meeting

    def item_for(self, meeting: MdoMeeting, item_pk, *, manages: bool) -> AgendaItem:
        """An item of the meeting: a participant sees those on the agenda or discussed, a
        manager also candidates and withdrawn items."""
        items = meeting.items.all()
        if not manages:
            items = items.filter(status__in=OPEN_ITEM_STATUSES)
        item = items.filter(pk=item_pk).first()
        if item is None:
            raise exceptions.NotFound(_("Dit agendapunt bestaat niet (meer)."))
        return item


# --- Series ---------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class SeriesListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The MDO series the caller coordinates or takes part in."""

    permissions_by_method = {"GET": MDO_PERMISSIONS}
    serializer_class = SeriesSerializer
    pagination_class = None  # a caller has a handful of series

    @extend_schema(
        summary="Mijn MDO's",
        description=(
            "De MDO-reeksen die je als coördinator van de coalitie beheert of waarvan je vaste "
            "deelnemer bent (voorzitter, notulist, deelnemer of gast)."
        ),
        responses={200: SeriesSerializer(many=True), 403: NOT_ALLOWED},
    )
    def get(self, request):
        rows = [
            _with_manages(s, self.coordinated) for s in series_of(request.user, self.coordinated)
        ]
        return Response(SeriesSerializer(rows, many=True).data)


class _SeriesView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": MDO_PERMISSIONS}

    def series_for(self, request, pk) -> MdoSeries:
        series = series_of(request.user, self.coordinated).filter(pk=pk).first()
        if series is None:
            if not MdoSeries.objects.filter(pk=pk).exists():
                raise exceptions.NotFound(_("Dit MDO bestaat niet (meer)."))
            raise _not_allowed_series()
        return _with_manages(series, self.coordinated)


@extend_schema(tags=[TAG])
class SeriesDetailView(_SeriesView):
    """One series with its standing participants."""

    serializer_class = SeriesDetailSerializer

    @extend_schema(
        summary="MDO-reeks",
        description="Een MDO met zijn vaste deelnemers, hun organisatie, discipline en rol.",
        parameters=[SERIES_PARAMETER],
        responses={200: SeriesDetailSerializer, 403: NOT_ALLOWED, 404: SERIES_NOT_FOUND},
    )
    def get(self, request, pk):
        series = self.series_for(request, pk)
        participants = list(selectors.series_participants(series))
        return Response(SeriesDetailSerializer(series, context={"participants": participants}).data)


@extend_schema(tags=[TAG])
class SeriesMeetingsView(_SeriesView):
    """The meetings of a series, newest first (paginated)."""

    serializer_class = MeetingSerializer

    @extend_schema(
        summary="Overleggen van een MDO",
        description=(
            "Alle overleggen van het MDO, nieuwste eerst, met het aantal gezinnen op de agenda."
        ),
        parameters=[SERIES_PARAMETER],
        responses={200: MeetingSerializer(many=True), 403: NOT_ALLOWED, 404: SERIES_NOT_FOUND},
    )
    def get(self, request, pk):
        series = self.series_for(request, pk)
        page = self.paginate_queryset(selectors.series_meetings(series))
        return self.get_paginated_response(MeetingSerializer(page, many=True).data)


# --- Meetings -------------------------------------------------------------------------------


class MeetingEditSerializer(serializers.Serializer):
    """Changing a meeting (PATCH): only the fields sent change; `version` is required."""

    starts_at = serializers.DateTimeField(
        required=False,
        help_text="Datum en tijd van het overleg (ISO 8601).",
        error_messages={
            "invalid": gettext_lazy(
                "Vul een datum en tijd in, bijvoorbeeld 2027-03-12T14:00:00+01:00."
            )
        },
    )
    place = serializers.CharField(
        required=False, allow_blank=True, help_text="Leeg: de vaste plaats van het MDO."
    )
    video_link = serializers.CharField(
        required=False, allow_blank=True, help_text="Leeg: de vaste videolink van het MDO."
    )
    version = serializers.IntegerField(help_text="De versie van het overleg die je las.")

    # Never partial: the other fields are optional anyway, and so the schema (which makes a
    # PATCH body partial) keeps `version` required, as the view does.
    @property
    def partial(self) -> bool:
        return False

    @partial.setter
    def partial(self, value) -> None:
        pass


def _edited_values(meeting: MdoMeeting, data: dict) -> dict:
    """The fields sent, checked by the page's form (`MeetingEditForm`, the others with their
    current value); an empty place or link is the series' default, as on the page. The time
    sent is kept as sent (the form's text format has no seconds)."""
    starts_at = timezone.localtime(data.get("starts_at", meeting.starts_at))
    form = MeetingEditForm(
        {
            "starts_at": starts_at.strftime(DATETIME_FORMAT),
            "place": data.get("place", meeting.place),
            "video_link": data.get("video_link", meeting.video_link),
            "version": data["version"],
        }
    )
    if not form.is_valid():
        raise _drf_validation_error(DjangoValidationError(form.errors.as_data()))
    values = {field: value for field, value in form.meeting_data().items() if field in data}
    if "starts_at" in values:
        values["starts_at"] = data["starts_at"]
    if "place" in values:
        values["place"] = values["place"] or meeting.series.default_place
    if "video_link" in values:
        values["video_link"] = values["video_link"] or meeting.series.default_video_link
    return values


@extend_schema(tags=[TAG])
class MeetingDetailView(_MeetingAccess, PermissionsByMethodMixin, generics.GenericAPIView):
    """A meeting with its participants and its agenda; changing its date, place or link."""

    permissions_by_method = {"GET": MDO_PERMISSIONS, "PATCH": MDO_PERMISSIONS}
    serializer_class = MeetingDetailSerializer

    @extend_schema(
        summary="MDO-overleg met agenda",
        description=(
            "Het overleg met de deelnemers en de agenda. Een agendapunt noemt het gezin "
            "(`family`, `family_reference`) alleen als het gezin toestemming gaf voor "
            "bespreking met naam én jij het dossier nu mag inzien; anders alleen de anonieme "
            "samenvatting (leeftijdsband, fase, uitkomst, route). Wie het overleg beheert, "
            "ziet ook de kandidaten en de van de agenda gehaalde punten."
        ),
        parameters=[MEETING_PARAMETER],
        responses={200: MeetingDetailSerializer, 403: NOT_ALLOWED, 404: MEETING_NOT_FOUND},
    )
    def get(self, request, pk):
        meeting, manages, participants = self.meeting_for(request, pk)
        rows = selectors.agenda_rows(
            meeting, request.user, statuses=None if manages else OPEN_ITEM_STATUSES
        )
        meeting.item_count = sum(1 for row in rows if row.item.status == ItemStatus.ON_AGENDA)
        context = {"manages": manages, "participants": participants, "rows": rows}
        return Response(MeetingDetailSerializer(meeting, context=context).data)

    @extend_schema(
        summary="Overleg wijzigen",
        description=(
            "Datum en tijd, plaats of videolink, zolang het overleg niet gehouden of "
            "geannuleerd is; voor de voorzitter, de notulist en de coördinatoren (zoals de "
            "pagina Overleg bewerken). Alleen de meegestuurde velden veranderen; een lege "
            "plaats of videolink wordt die van het MDO. Stuur de `version` mee die je las: is "
            "het overleg intussen gewijzigd, dan volgt 409 en verandert er niets."
        ),
        parameters=[MEETING_PARAMETER],
        request=MeetingEditSerializer,
        examples=[
            OpenApiExample(
                "Andere plaats",
                value={"place": "Gemeentehuis, zaal 2", "version": 3},
                request_only=True,
            )
        ],
        responses={
            200: MeetingSerializer,
            400: INVALID_INPUT,
            403: NOT_ALLOWED,
            404: MEETING_NOT_FOUND,
            409: MEETING_CONFLICT,
        },
    )
    def patch(self, request, pk):
        meeting = self.managed_meeting(request, pk)
        serializer = MeetingEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        _("Een gehouden of geannuleerd overleg verandert niet meer.")
                    ]
                }
            )
        if data["version"] != meeting.version:
            return _conflict(meeting, data["version"])
        values = _edited_values(meeting, data)
        try:
            meeting = services.meeting_update(
                actor=request.user,
                meeting_pk=meeting.pk,
                data=values,
                expected_version=data["version"],
                request=request,
            )
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except DjangoValidationError as error:
            if getattr(error, "code", None) == "stale":
                return _conflict(MdoMeeting.objects.get(pk=pk), data["version"])
            raise _drf_validation_error(error) from None
        meeting = selectors.series_meetings(meeting.series).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data)


@extend_schema(tags=[TAG])
class MeetingItemsView(_MeetingAccess, PermissionsByMethodMixin, generics.GenericAPIView):
    """A care-team member submits the family for this meeting, with a question."""

    permissions_by_method = {"POST": MDO_PERMISSIONS}
    serializer_class = AgendaItemSerializer

    @extend_schema(
        summary="Gezin aanmelden voor het MDO",
        description=(
            "Door een lid van het zorgteam van het gezin. Bij een concept-agenda staat het "
            "gezin meteen op de agenda; is de agenda al gepubliceerd, dan wacht het als "
            "kandidaat op de voorzitter. Een gezin dat je niet mag inzien: 404."
        ),
        parameters=[MEETING_PARAMETER],
        request=ItemSubmitSerializer,
        examples=[
            OpenApiExample(
                "Aanmelden",
                value={"family": 12, "question": "Wie neemt de regie, en is VoorZorg passend?"},
                request_only=True,
            )
        ],
        responses={
            201: AgendaItemSerializer,
            400: INVALID_INPUT,
            403: OpenApiResponse(ErrorSerializer, description="Niet in het zorgteam."),
            404: OpenApiResponse(
                ErrorSerializer,
                description="Overleg niet gevonden, of gezin niet gevonden of geen toegang.",
            ),
        },
    )
    def post(self, request, pk):
        serializer = ItemSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # Access first (a refusal is logged outside the service's transaction), then input.
        family_for_write(request, data["family"], coalition=None)
        if not MdoMeeting.objects.filter(pk=pk).exists():
            raise exceptions.NotFound(_("Dit overleg bestaat niet (meer)."))
        try:
            item = services.agenda_item_submit(
                actor=request.user,
                family_pk=data["family"],
                meeting_pk=pk,
                question=data["question"],
                request=request,
            )
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        meeting = item.meeting
        [row] = [r for r in selectors.agenda_rows(meeting, request.user) if r.item.pk == item.pk]
        return Response(AgendaItemSerializer(row).data, status=status.HTTP_201_CREATED)


def _conflict(meeting: MdoMeeting, submitted_version: int) -> Response:
    body = {
        "detail": _(
            "Dit overleg is intussen gewijzigd (nu versie %(version)s, %(status)s). Haal het "
            "opnieuw op en kijk of je wijziging nog nodig is."
        )
        % {"version": meeting.version, "status": meeting.get_status_display().lower()},
        "submitted_version": submitted_version,
        "current_version": meeting.version,
        "current_status": meeting.status,
    }
    return problem_response(
        status=409, kind=VERSION_CONFLICT, **MeetingConflictSerializer(body).data
    )


@extend_schema(tags=[TAG])
class MeetingTransitionView(_MeetingAccess, PermissionsByMethodMixin, generics.GenericAPIView):
    """Move the meeting along its statuses: publish, held, minutes final, cancel."""

    permissions_by_method = {"POST": MDO_PERMISSIONS}
    serializer_class = MeetingSerializer

    @extend_schema(
        summary="Status van het overleg wijzigen",
        description=(
            "Voor de voorzitter, de notulist en de coördinatoren: concept-agenda → "
            "gepubliceerd → gehouden → verslag definitief, of geannuleerd. Publiceren opent "
            "voor de deelnemers de dossiers van gezinnen met naam, tot de ingestelde dagen "
            "na het overleg. Stuur de `version` mee die je las: is het overleg intussen "
            "gewijzigd, dan volgt 409 en verandert er niets; een stap die niet kan, geeft 400."
        ),
        parameters=[MEETING_PARAMETER],
        request=MeetingTransitionSerializer,
        examples=[
            OpenApiExample(
                "Agenda publiceren",
                value={"status": "published", "version": 3},
                request_only=True,
            )
        ],
        responses={
            200: MeetingSerializer,
            400: INVALID_INPUT,
            403: NOT_ALLOWED,
            404: MEETING_NOT_FOUND,
            409: MEETING_CONFLICT,
        },
    )
    def post(self, request, pk):
        meeting = self.managed_meeting(request, pk)
        serializer = MeetingTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["version"] != meeting.version:
            return _conflict(meeting, data["version"])
        try:
            meeting = services.meeting_transition(
                actor=request.user,
                meeting_pk=meeting.pk,
                to_status=data["status"],
                expected_version=data["version"],
                request=request,
            )
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except DjangoValidationError as error:
            if getattr(error, "code", None) == "stale":
                return _conflict(MdoMeeting.objects.get(pk=pk), data["version"])
            raise _drf_validation_error(error) from None
        meeting = selectors.series_meetings(meeting.series).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data)


# --- Decisions ------------------------------------------------------------------------------


def decisions_of(item: AgendaItem) -> QuerySet[Decision]:
    """The item's decisions in the order they were taken; `select_related`: every row names
    the professional, organisation and decider (joins, not a query per row)."""
    return item.decisions.select_related("professional", "organisation", "decided_by").order_by(
        "decided_at", "pk"
    )


@extend_schema(tags=[TAG])
class ItemDecisionsView(_MeetingAccess, PermissionsByMethodMixin, generics.GenericAPIView):
    """The decisions about an agenda item; recording one."""

    permissions_by_method = {"GET": MDO_PERMISSIONS, "POST": MDO_PERMISSIONS}
    serializer_class = DecisionSerializer
    pagination_class = None  # a handful per item

    @extend_schema(
        summary="Besluiten over een agendapunt",
        description=(
            "Voor de deelnemers en de coördinatoren. Bij een gezin dat met naam besproken "
            "wordt en dat je mag inzien, wordt het inzien vastgelegd in het toegangslog."
        ),
        parameters=[MEETING_PARAMETER, ITEM_PARAMETER],
        responses={
            200: DecisionSerializer(many=True),
            403: NOT_ALLOWED,
            404: MEETING_NOT_FOUND,
        },
    )
    def get(self, request, pk, item_pk):
        meeting, manages, _participants = self.meeting_for(request, pk)
        item = self.item_for(meeting, item_pk, manages=manages)
        if services_decisions.family_is_named(item.family_id) and visible_family(
            request.user, item.family_id
        ):
            # Decisions about a family discussed by name are family data: logged (NEN 7513).
            get_family_for_user(
                request.user,
                item.family_id,
                Action.READ,
                request=request,
                detail=_("MDO-besluiten ingezien via de API (%(meeting)s)")
                % {"meeting": services_decisions.meeting_label(meeting)},
            )
        return Response(DecisionSerializer(decisions_of(item), many=True).data)

    @extend_schema(
        summary="Besluit vastleggen",
        description=(
            "Voor de voorzitter, de notulist en de coördinatoren, zolang de agenda "
            "gepubliceerd of het overleg gehouden is. Over een gezin dat anoniem besproken "
            "wordt alleen een advies of een evaluatiedatum; andere besluiten worden meteen "
            "uitgevoerd (een overdracht, een taak, een nieuwe route)."
        ),
        parameters=[MEETING_PARAMETER, ITEM_PARAMETER],
        request=DecisionCreateSerializer,
        examples=[
            OpenApiExample(
                "Taak",
                value={
                    "kind": "task",
                    "text": "Huisbezoek samen met het buurtteam",
                    "professional": 7,
                    "due_date": "2027-04-01",
                },
                request_only=True,
            )
        ],
        responses={
            201: DecisionSerializer,
            400: INVALID_INPUT,
            403: NOT_ALLOWED,
            404: MEETING_NOT_FOUND,
        },
    )
    def post(self, request, pk, item_pk):
        meeting, manages, _participants = self.meeting_for(request, pk)
        item = self.item_for(meeting, item_pk, manages=manages)
        if not manages:
            raise exceptions.PermissionDenied(
                _("Alleen de voorzitter, de notulist of een coördinator legt besluiten vast.")
            )
        serializer = DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        errors = {}
        professional = organisation = None
        if data["professional"] is not None:
            professional = Professional.objects.filter(pk=data["professional"]).first()
            if professional is None:
                errors["professional"] = [_("Deze persoon bestaat niet.")]
        if data["organisation"] is not None:
            organisation = Organisation.objects.filter(pk=data["organisation"]).first()
            if organisation is None:
                errors["organisation"] = [_("Deze organisatie bestaat niet.")]
        if errors:
            raise exceptions.ValidationError(errors)
        try:
            decision = services_decisions.decision_record(
                actor=request.user,
                item_pk=item.pk,
                kind=data["kind"],
                text=data["text"],
                route=data["route"],
                professional=professional,
                organisation=organisation,
                discipline=data["discipline"],
                due_date=data["due_date"],
                review_date=data["review_date"],
                request=request,
            )
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        decision = decisions_of(item).get(pk=decision.pk)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


# The series' paths are in api_series_urls.py (their views extend the series views here).
urlpatterns = [
    path("mdo/meetings/<int:pk>/", MeetingDetailView.as_view(), name="mdo_meeting_detail"),
    path("mdo/meetings/<int:pk>/items/", MeetingItemsView.as_view(), name="mdo_meeting_items"),
    path(
        "mdo/meetings/<int:pk>/transition/",
        MeetingTransitionView.as_view(),
        name="mdo_meeting_transition",
    ),
    path(
        "mdo/meetings/<int:pk>/items/<int:item_pk>/decisions/",
        ItemDecisionsView.as_view(),
        name="mdo_item_decisions",
    ),
]
