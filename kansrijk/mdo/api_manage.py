"""Managing an MDO through the API, with the pages' rules (views_agenda, views_meeting):

- the standing participants of a series (chair, secretary, members): added and removed by
  the coordinators of its coalition (`services.series_participant_add` / `_remove`); the
  series is looked up as in `api.py` (404 when it does not exist, 403 when the caller does
  not see it); a standing participant who is no coordinator gets 403;
- a meeting's guests (or a member for once), its attendance and its agenda (ordering,
  putting a candidate on it, urgent once the agenda is published, and taking an item off
  with a reason): by the meeting's managers, the coordinators and the standing chair and
  secretary (`services.is_manager`); a participant who does not manage gets 403;
- the input goes through the pages' forms (`AttendanceForm`, `WithdrawForm`; a participant
  by id where the pages take a name: `ParticipantIdForm`) and the services (the role checked
  again, one transaction, the audit trail), with the same Dutch messages (400).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.serializers import ErrorSerializer

from . import selectors, services
from .api import (
    INVALID_INPUT,
    ITEM_PARAMETER,
    MDO_PERMISSIONS,
    MEETING_NOT_FOUND,
    MEETING_PARAMETER,
    SERIES_NOT_FOUND,
    SERIES_PARAMETER,
    TAG,
    _MeetingAccess,
    _SeriesView,
)
from .forms_agenda import ParticipantIdForm, WithdrawForm
from .forms_meeting import AttendanceForm
from .views_agenda import GUEST_ROLES, STANDING_ROLES

FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen wie dit MDO of overleg beheert, mag dit."
)


class ParticipantWriteSerializer(serializers.Serializer):
    professional = serializers.IntegerField(
        help_text="Id van een professional die werkt in een coalitie van dit MDO."
    )
    role = serializers.CharField(
        help_text="chair, secretary of member (vast); guest of member (één overleg)."
    )


class ParticipantAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    professional = serializers.IntegerField(source="professional_id")
    role = serializers.CharField()


class AttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Ids van de professionals (deelnemers) die aanwezig waren.",
    )


class MoveSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(["up", "down"], help_text="up: eerder; down: later.")


class ScheduleSerializer(serializers.Serializer):
    question = serializers.CharField(
        required=False, allow_blank=True, help_text="De vraag aan het MDO (leeg: blijft)."
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, help_text="Waarom het punt eraf gaat.")


def _checked(form):
    if not form.is_valid():
        raise _drf_validation_error(DjangoValidationError(form.errors.as_data()))
    return form.cleaned_data


def _run(call):
    """Run a service call; its refusals as 403, its Dutch messages as 400."""
    try:
        return call()
    except DjangoPermissionDenied:
        raise exceptions.PermissionDenied(
            _("Alleen wie dit MDO of overleg beheert, mag dit.")
        ) from None
    except DjangoValidationError as error:
        raise _drf_validation_error(error) from None


def _data(request) -> dict:
    return request.data if isinstance(request.data, dict) else {}


# --- Standing participants of a series ---------------------------------------------------------


class _CoordinatedSeries(_SeriesView):
    def coordinated_series(self, request, pk):
        """The series, if the caller coordinates its coalition (as the service checks again);
        a standing participant or anyone else who sees it gets 403 before their input is
        looked at."""
        series = self.series_for(request, pk)
        if series.coalition_id not in self.coordinated:
            raise exceptions.PermissionDenied(
                _("Alleen een coördinator van de coalitie beheert de vaste deelnemers.")
            )
        return series


@extend_schema(tags=[TAG])
class SeriesParticipantsView(_CoordinatedSeries):
    permissions_by_method = {"POST": MDO_PERMISSIONS}
    serializer_class = ParticipantAnswerSerializer

    @extend_schema(
        summary="Vaste deelnemer toevoegen",
        description="Een voorzitter, notulist of deelnemer van het MDO (coördinatoren).",
        parameters=[SERIES_PARAMETER],
        request=ParticipantWriteSerializer,
        examples=[OpenApiExample("Deelnemer", value={"professional": 7, "role": "member"})],
        responses={
            201: ParticipantAnswerSerializer,
            400: INVALID_INPUT,
            403: FORBIDDEN,
            404: SERIES_NOT_FOUND,
        },
    )
    def post(self, request, pk):
        series = self.coordinated_series(request, pk)
        form = ParticipantIdForm(
            _data(request),
            memberships=selectors.candidate_memberships(series),
            roles=STANDING_ROLES,
        )
        cleaned = _checked(form)
        participant = _run(
            lambda: services.series_participant_add(
                actor=request.user,
                series=series,
                professional=form.chosen_professional(),
                role=cleaned["role"],
                request=request,
            )
        )
        body = ParticipantAnswerSerializer(participant).data
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class SeriesParticipantDetailView(_CoordinatedSeries):
    permissions_by_method = {"DELETE": MDO_PERMISSIONS}

    @extend_schema(
        summary="Vaste deelnemer verwijderen",
        parameters=[
            SERIES_PARAMETER,
            OpenApiParameter(
                "participant_pk",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="Nummer (id) van de vaste deelnemer.",
            ),
        ],
        responses={204: None, 400: INVALID_INPUT, 403: FORBIDDEN, 404: SERIES_NOT_FOUND},
    )
    def delete(self, request, pk, participant_pk):
        series = self.coordinated_series(request, pk)
        if not series.participants.filter(pk=participant_pk).exists():
            raise exceptions.NotFound(_("Deze deelnemer bestaat niet (meer)."))
        _run(
            lambda: services.series_participant_remove(
                actor=request.user, series=series, participant_pk=participant_pk, request=request
            )
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- A meeting: guests, attendance, agenda -----------------------------------------------------


class _ManagedMeeting(_MeetingAccess, PermissionsByMethodMixin, generics.GenericAPIView):
    def managed(self, request, pk):
        meeting, manages, participants = self.meeting_for(request, pk)
        if not manages:
            raise exceptions.PermissionDenied(
                _("Alleen de voorzitter, de notulist en de coördinatoren beheren dit overleg.")
            )
        return meeting, participants


@extend_schema(tags=[TAG])
class MeetingParticipantsView(_ManagedMeeting):
    permissions_by_method = {"POST": MDO_PERMISSIONS}
    serializer_class = ParticipantAnswerSerializer

    @extend_schema(
        summary="Deelnemer uitnodigen voor een overleg",
        description=(
            "Een gast (of een deelnemer voor één keer), zolang het overleg niet gehouden is."
        ),
        parameters=[MEETING_PARAMETER],
        request=ParticipantWriteSerializer,
        examples=[OpenApiExample("Gast", value={"professional": 7, "role": "guest"})],
        responses={
            201: ParticipantAnswerSerializer,
            400: INVALID_INPUT,
            403: FORBIDDEN,
            404: MEETING_NOT_FOUND,
        },
    )
    def post(self, request, pk):
        meeting, _participants = self.managed(request, pk)
        form = ParticipantIdForm(
            _data(request),
            memberships=selectors.candidate_memberships(meeting.series),
            roles=GUEST_ROLES,
        )
        cleaned = _checked(form)
        participant = _run(
            lambda: services.meeting_participant_add(
                actor=request.user,
                meeting_pk=meeting.pk,
                professional=form.chosen_professional(),
                role=cleaned["role"],
                request=request,
            )
        )
        body = ParticipantAnswerSerializer(participant).data
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class MeetingAttendanceView(_ManagedMeeting):
    permissions_by_method = {"PUT": MDO_PERMISSIONS}
    serializer_class = AttendanceSerializer

    @extend_schema(
        summary="Aanwezigheid vastleggen",
        description=(
            "Wie er was: de ids van de aanwezige deelnemers (de anderen zijn afwezig). Tijdens "
            "of na het overleg."
        ),
        parameters=[MEETING_PARAMETER],
        request=AttendanceSerializer,
        examples=[OpenApiExample("Twee aanwezig", value={"present": [7, 9]})],
        responses={
            200: AttendanceSerializer,
            400: INVALID_INPUT,
            403: FORBIDDEN,
            404: MEETING_NOT_FOUND,
        },
    )
    def put(self, request, pk):
        meeting, participants = self.managed(request, pk)
        cleaned = _checked(AttendanceForm(_data(request), participants=participants))
        present = set(cleaned["present"])
        _run(
            lambda: services.meeting_attendance_record(
                actor=request.user, meeting_pk=meeting.pk, present=present, request=request
            )
        )
        return Response({"present": sorted(present)})


class _ItemAction(_ManagedMeeting):
    permissions_by_method = {"POST": MDO_PERMISSIONS}

    def item(self, request, pk, item_pk):
        meeting, _participants = self.managed(request, pk)
        return meeting, self.item_for(meeting, item_pk, manages=True)


ITEM_ANSWERS = {204: None, 400: INVALID_INPUT, 403: FORBIDDEN, 404: MEETING_NOT_FOUND}


@extend_schema(tags=[TAG])
class AgendaItemMoveView(_ItemAction):
    serializer_class = MoveSerializer

    @extend_schema(
        summary="Agendapunt verplaatsen",
        description="Wisselt het punt met het punt ervoor (up) of erna (down).",
        parameters=[MEETING_PARAMETER, ITEM_PARAMETER],
        request=MoveSerializer,
        examples=[OpenApiExample("Eerder", value={"direction": "up"})],
        responses=ITEM_ANSWERS,
    )
    def post(self, request, pk, item_pk):
        meeting, item = self.item(request, pk, item_pk)
        serializer = MoveSerializer(data=_data(request))
        if not serializer.is_valid():
            raise serializers.ValidationError({"direction": [_("Kies omhoog of omlaag.")]})
        up = serializer.validated_data["direction"] == "up"
        _run(
            lambda: services.agenda_item_move(
                actor=request.user, meeting_pk=meeting.pk, item_pk=item.pk, up=up, request=request
            )
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=[TAG])
class AgendaItemScheduleView(_ItemAction):
    serializer_class = ScheduleSerializer

    @extend_schema(
        summary="Kandidaat op de agenda zetten",
        description="Na het publiceren van de agenda als urgent punt, tot het overleg gehouden is.",
        parameters=[MEETING_PARAMETER, ITEM_PARAMETER],
        request=ScheduleSerializer,
        examples=[OpenApiExample("Urgent", value={"question": "Wie neemt de regie?"})],
        responses=ITEM_ANSWERS,
    )
    def post(self, request, pk, item_pk):
        meeting, item = self.item(request, pk, item_pk)
        question = _data(request).get("question") or ""
        _run(
            lambda: services.agenda_item_schedule(
                actor=request.user,
                meeting_pk=meeting.pk,
                item_pk=item.pk,
                question=question if isinstance(question, str) else "",
                request=request,
            )
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=[TAG])
class AgendaItemWithdrawView(_ItemAction):
    serializer_class = WithdrawSerializer

    @extend_schema(
        summary="Agendapunt van de agenda halen",
        parameters=[MEETING_PARAMETER, ITEM_PARAMETER],
        request=WithdrawSerializer,
        examples=[OpenApiExample("Verhuisd", value={"reason": "Het gezin is verhuisd."})],
        responses=ITEM_ANSWERS,
    )
    def post(self, request, pk, item_pk):
        meeting, item = self.item(request, pk, item_pk)
        reason = _checked(WithdrawForm(_data(request)))["reason"]
        _run(
            lambda: services.agenda_item_withdraw(
                actor=request.user,
                meeting_pk=meeting.pk,
                item_pk=item.pk,
                reason=reason,
                request=request,
            )
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
