"""The meeting itself through the API, with the pages' rules (views_meeting): the discussion
of an agenda item and the minutes (read, edit, generate, make final).

- who may: the meeting's managers (chair, secretary, coordinators: `services.is_manager`)
  write; its participants read, as on the pages, but not while the meeting is a draft or
  cancelled (403). Anyone else gets 403, a meeting or item that does not exist 404;
  analysts and administrators get 403 (`WorksOnTheMdo`);
- the input goes through the pages' forms (`DiscussionForm`, `MinutesForm`,
  `MeetingVersionForm`: the same Dutch messages, 400) and the services
  (`services_decisions.item_discussion_save`, `minutes_save`, `minutes_generate`,
  `minutes_finalise`), which check the role and the meeting's status again, lock, write the
  audit trail (and the family's timeline when an item is discussed for the first time);
- every write carries the `version` the client read (of the item for its discussion, of the
  meeting for the minutes): an older one answers 409 with the current version and nothing
  changes.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response

from kansrijk.core.api_errors import VERSION_CONFLICT, problem_response
from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.serializers import ErrorSerializer

from . import services_decisions
from .api import (
    INVALID_INPUT,
    ITEM_PARAMETER,
    MDO_PERMISSIONS,
    MEETING_CONFLICT,
    MEETING_NOT_FOUND,
    MEETING_PARAMETER,
    TAG,
    _conflict,
    _MeetingAccess,
    _not_allowed_meeting,
)
from .forms_meeting import DiscussionForm, MeetingVersionForm, MinutesForm
from .models import AgendaItem, ItemStatus, MdoMeeting, MeetingStatus
from .serializers import meeting_status_field
from .views_meeting import WRITING_STATUSES, _is_stale

NOT_ALLOWED = OpenApiResponse(
    ErrorSerializer,
    description=(
        "Geen deelnemer of coördinator van dit overleg, een deelnemer bij een concept of "
        "geannuleerd overleg, of (bij schrijven) niet de voorzitter, notulist of coördinator."
    ),
)
HIDDEN_STATUSES = (MeetingStatus.DRAFT, MeetingStatus.CANCELLED)


class DiscussionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = NamedChoiceField(ItemStatus.choices, enum_name="MdoItemStatusEnum")
    discussion = serializers.CharField(help_text="Wat er over het agendapunt besproken is.")
    discussed_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField(
        help_text="Stuur deze mee als je de bespreking wijzigt; bij een oude versie volgt 409."
    )


class DiscussionWriteSerializer(serializers.Serializer):
    discussion = serializers.CharField(help_text="Wat er besproken is.")
    version = serializers.IntegerField(help_text="De versie van het agendapunt die je las.")


class DiscussionConflictSerializer(serializers.Serializer):
    """Body of HTTP 409: the item's discussion changed since the client read it."""

    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
    current_discussion = serializers.CharField()


class MinutesSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(source="pk")
    status = meeting_status_field()
    minutes = serializers.CharField(
        help_text=(
            "Het verslag: gezinnen met naam alleen met dossiernummer, andere als "
            "“Casus 3 (anoniem)”."
        )
    )
    version = serializers.IntegerField(
        help_text="De versie van het overleg: stuur deze mee bij wijzigen, genereren of "
        "definitief maken."
    )
    may_write = serializers.BooleanField(
        help_text="Of jij het verslag nu kunt wijzigen (beheerder, agenda gepubliceerd of "
        "overleg gehouden)."
    )
    may_finalise = serializers.BooleanField(
        help_text="Of jij het verslag nu definitief kunt maken (er is een verslag)."
    )


class MinutesWriteSerializer(serializers.Serializer):
    minutes = serializers.CharField(help_text="Het (aangepaste) verslag.")
    version = serializers.IntegerField(help_text="De versie van het overleg die je las.")


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="De versie van het overleg die je las.")


def _data(request) -> dict:
    return request.data if isinstance(request.data, dict) else {}


def _checked(form) -> dict:
    if not form.is_valid():
        raise _drf_validation_error(DjangoValidationError(form.errors.as_data()))
    return form.cleaned_data


def _minutes_body(meeting: MdoMeeting, *, manages: bool) -> dict:
    may_write = manages and meeting.status in WRITING_STATUSES
    meeting.may_write = may_write
    meeting.may_finalise = may_write and bool(meeting.minutes.strip())
    return MinutesSerializer(meeting).data


def _discussion_conflict(item: AgendaItem, submitted_version: int) -> Response:
    body = {
        "detail": _(
            "Iemand anders heeft de bespreking intussen aangepast (nu versie %(version)s). Haal "
            "haar opnieuw op en doe je wijziging opnieuw."
        )
        % {"version": item.version},
        "submitted_version": submitted_version,
        "current_version": item.version,
        "current_discussion": item.discussion,
    }
    return problem_response(
        status=409, kind=VERSION_CONFLICT, **DiscussionConflictSerializer(body).data
    )


class _MeetingView(_MeetingAccess, PermissionsByMethodMixin, generics.GenericAPIView):
    def viewer(self, request, pk) -> tuple[MdoMeeting, bool]:
        """(meeting, manages): as the pages, a participant who does not manage sees no draft
        or cancelled meeting."""
        meeting, manages, _participants = self.meeting_for(request, pk)
        if not manages and meeting.status in HIDDEN_STATUSES:
            raise _not_allowed_meeting()
        return meeting, manages

    def managed(self, request, pk) -> MdoMeeting:
        meeting, manages = self.viewer(request, pk)
        if not manages:
            raise exceptions.PermissionDenied(
                _("Alleen de voorzitter, de notulist of een coördinator legt dit vast.")
            )
        return meeting


def _run(call, *, on_stale):
    """Run a service call: its refusal 403, a stale version `on_stale()` (409), its Dutch
    messages 400."""
    try:
        return call(), None
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error)) from None
    except DjangoValidationError as error:
        if _is_stale(error):
            return None, on_stale()
        raise _drf_validation_error(error) from None


# --- The discussion of an item ---------------------------------------------------------------


@extend_schema(tags=[TAG])
class ItemDiscussionView(_MeetingView):
    permissions_by_method = {"GET": MDO_PERMISSIONS, "POST": MDO_PERMISSIONS}
    serializer_class = DiscussionSerializer

    @extend_schema(
        summary="Bespreking van een agendapunt",
        description=(
            "Wat er over het agendapunt besproken is, met de versie; voor de deelnemers en de "
            "coördinatoren."
        ),
        parameters=[MEETING_PARAMETER, ITEM_PARAMETER],
        responses={200: DiscussionSerializer, 403: NOT_ALLOWED, 404: MEETING_NOT_FOUND},
    )
    def get(self, request, pk, item_pk):
        meeting, manages = self.viewer(request, pk)
        item = self.item_for(meeting, item_pk, manages=manages)
        return Response(DiscussionSerializer(item).data)

    @extend_schema(
        summary="Bespreking vastleggen",
        description=(
            "Voor de voorzitter, de notulist en de coördinatoren, zolang de agenda "
            "gepubliceerd of het overleg gehouden is (zoals de pagina van het agendapunt). "
            "Het punt is daarmee besproken; de eerste keer komt dat in de tijdlijn van het "
            "gezin. Stuur de `version` van het agendapunt mee die je las: heeft iemand anders "
            "de bespreking intussen aangepast, dan volgt 409 en verandert er niets."
        ),
        parameters=[MEETING_PARAMETER, ITEM_PARAMETER],
        request=DiscussionWriteSerializer,
        examples=[
            OpenApiExample(
                "Bespreking",
                value={
                    "discussion": "Zorgen over de huisvesting; het buurtteam helpt.",
                    "version": 1,
                },
                request_only=True,
            )
        ],
        responses={
            200: DiscussionSerializer,
            400: INVALID_INPUT,
            403: NOT_ALLOWED,
            404: MEETING_NOT_FOUND,
            409: OpenApiResponse(
                DiscussionConflictSerializer, description="De bespreking is intussen gewijzigd."
            ),
        },
    )
    def post(self, request, pk, item_pk):
        meeting = self.managed(request, pk)
        item = self.item_for(meeting, item_pk, manages=True)
        cleaned = _checked(DiscussionForm(_data(request)))
        if cleaned["version"] != item.version:
            # The service refuses a stale version too (in its lock), with a field message.
            return _discussion_conflict(item, cleaned["version"])
        saved, conflict = _run(
            lambda: services_decisions.item_discussion_save(
                actor=request.user,
                meeting_pk=meeting.pk,
                item_pk=item.pk,
                discussion=cleaned["discussion"],
                expected_version=cleaned["version"],
                request=request,
            ),
            on_stale=lambda: _discussion_conflict(
                AgendaItem.objects.get(pk=item.pk), cleaned["version"]
            ),
        )
        return conflict or Response(DiscussionSerializer(saved).data)


# --- The minutes -----------------------------------------------------------------------------


def _meeting_conflict(pk: int, submitted_version: int):
    return lambda: _conflict(MdoMeeting.objects.get(pk=pk), submitted_version)


@extend_schema(tags=[TAG])
class MinutesView(_MeetingView):
    permissions_by_method = {"GET": MDO_PERMISSIONS, "PUT": MDO_PERMISSIONS}
    serializer_class = MinutesSerializer

    @extend_schema(
        summary="Verslag van het overleg",
        description=(
            "Het verslag (of het concept ervan) met de versie van het overleg; voor de "
            "deelnemers en de coördinatoren."
        ),
        parameters=[MEETING_PARAMETER],
        responses={200: MinutesSerializer, 403: NOT_ALLOWED, 404: MEETING_NOT_FOUND},
    )
    def get(self, request, pk):
        meeting, manages = self.viewer(request, pk)
        return Response(_minutes_body(meeting, manages=manages))

    @extend_schema(
        summary="Verslag opslaan",
        description=(
            "Voor de voorzitter, de notulist en de coördinatoren, zolang de agenda "
            "gepubliceerd of het overleg gehouden is en het verslag niet definitief is. Zet er "
            "geen namen of andere gegevens uit het dossier in. Stuur de `version` van het "
            "overleg mee die je las: is het intussen gewijzigd, dan volgt 409."
        ),
        parameters=[MEETING_PARAMETER],
        request=MinutesWriteSerializer,
        examples=[
            OpenApiExample(
                "Verslag",
                value={
                    "minutes": "Aanwezig: ...\n\nCasus 1 (anoniem): advies VoorZorg.",
                    "version": 4,
                },
                request_only=True,
            )
        ],
        responses={
            200: MinutesSerializer,
            400: INVALID_INPUT,
            403: NOT_ALLOWED,
            404: MEETING_NOT_FOUND,
            409: MEETING_CONFLICT,
        },
    )
    def put(self, request, pk):
        meeting = self.managed(request, pk)
        cleaned = _checked(MinutesForm(_data(request)))
        saved, conflict = _run(
            lambda: services_decisions.minutes_save(
                actor=request.user,
                meeting_pk=meeting.pk,
                minutes=cleaned["minutes"],
                expected_version=cleaned["version"],
                request=request,
            ),
            on_stale=_meeting_conflict(meeting.pk, cleaned["version"]),
        )
        return conflict or Response(_minutes_body(saved, manages=True))


class _MinutesAction(_MeetingView):
    permissions_by_method = {"POST": MDO_PERMISSIONS}
    serializer_class = MinutesSerializer
    service = None

    def post(self, request, pk):
        meeting = self.managed(request, pk)
        version = _checked(MeetingVersionForm(_data(request)))["version"]
        saved, conflict = _run(
            lambda: type(self).service(
                actor=request.user,
                meeting_pk=meeting.pk,
                expected_version=version,
                request=request,
            ),
            on_stale=_meeting_conflict(meeting.pk, version),
        )
        return conflict or Response(_minutes_body(saved, manages=True))


MINUTES_ACTION_ANSWERS = {
    200: MinutesSerializer,
    400: INVALID_INPUT,
    403: NOT_ALLOWED,
    404: MEETING_NOT_FOUND,
    409: MEETING_CONFLICT,
}


@extend_schema(tags=[TAG])
class MinutesGenerateView(_MinutesAction):
    service = staticmethod(services_decisions.minutes_generate)

    @extend_schema(
        summary="Verslag genereren",
        description=(
            "Vervangt het verslag door een tekst uit de aanwezigheid, de besprekingen en de "
            "besluiten (gezinnen met naam met dossiernummer, andere anoniem); pas het daarna "
            "zo nodig aan. Voor de voorzitter, de notulist en de coördinatoren, met de versie "
            "van het overleg (409 als het intussen gewijzigd is)."
        ),
        parameters=[MEETING_PARAMETER],
        request=VersionSerializer,
        examples=[OpenApiExample("Genereren", value={"version": 4}, request_only=True)],
        responses=MINUTES_ACTION_ANSWERS,
    )
    def post(self, request, pk):
        return super().post(request, pk)


@extend_schema(tags=[TAG])
class MinutesFinaliseView(_MinutesAction):
    service = staticmethod(services_decisions.minutes_finalise)

    @extend_schema(
        summary="Verslag definitief maken",
        description=(
            "Maakt het verslag definitief; een overleg waarvan de agenda nog gepubliceerd is, "
            "wordt eerst gehouden. Daarna verandert er niets meer. Voor de voorzitter, de "
            "notulist en de coördinatoren, met de versie van het overleg (409 als het "
            "intussen gewijzigd is)."
        ),
        parameters=[MEETING_PARAMETER],
        request=VersionSerializer,
        examples=[OpenApiExample("Definitief", value={"version": 5}, request_only=True)],
        responses=MINUTES_ACTION_ANSWERS,
    )
    def post(self, request, pk):
        return super().post(request, pk)
