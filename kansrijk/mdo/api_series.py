"""Managing MDO series through the API, with the pages' rules (views_agenda):

- setting up a series: coordinators (of the coalition the series is for; the API has no
  session's active coalition, so `coalition` names it when the caller coordinates more than
  one); changing it, also archiving it (`is_active` false): coordinators of its coalition;
  a standing participant who is no coordinator gets 403, as on the pages;
- planning a meeting of a series: coordinators of its coalition and the series' standing
  chair and secretary; the standing participants are copied onto it and the route-3
  candidates of the moment put on its agenda (`services.meeting_plan`);
- the input is checked by the pages' forms (`SeriesForm`, `MeetingForm`) and the services,
  with the same Dutch messages (400); every write goes through `services` (the role checked
  again, one transaction, the audit trail). A series has no version (the pages keep none),
  so a change has no version check.

The reads are those of `api.py`; the views here add the writes to the same paths.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from kansrijk.families.api import _drf_validation_error
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Coalition

from . import selectors, services
from .api import (
    INVALID_INPUT,
    MDO_PERMISSIONS,
    NOT_ALLOWED,
    SERIES_NOT_FOUND,
    SERIES_PARAMETER,
    TAG,
    SeriesDetailView,
    SeriesListView,
    SeriesMeetingsView,
    _SeriesView,
)
from .api_series_serializers import MeetingPlanSerializer, SeriesWriteSerializer
from .forms_agenda import MeetingForm, SeriesForm
from .models import MdoSeries
from .serializers import MeetingSerializer, SeriesDetailSerializer

FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen een coördinator van de coalitie beheert dit MDO."
)
EXAMPLE = {
    "name": "MDO Zwangeren Eerstedorp",
    "description": "Maandelijks overleg over zwangeren in een kwetsbare situatie.",
    "recurrence": "monthly",
    "default_place": "Gezondheidscentrum De Linde, zaal 2",
    "default_video_link": "https://video.example.nl/mdo-eerstedorp",
    "access_days": 14,
    "is_active": True,
    "served_coalitions": [],
}


def _checked(form) -> None:
    if not form.is_valid():
        raise _drf_validation_error(DjangoValidationError(form.errors.as_data()))


def _save_series(request, *, coalition: Coalition, values: dict, series_pk=None) -> MdoSeries:
    """`values` through the page's form and `services.series_save`; served coalitions are
    kept when they were not sent (PATCH)."""
    served_sent = "served_coalitions" in values
    form = SeriesForm(values, coalition=coalition)
    _checked(form)
    served = None
    if served_sent or series_pk is None:
        served = list(form.cleaned_data.get("served_coalitions") or [])
    try:
        series = services.series_save(
            actor=request.user,
            coalition=coalition,
            data=form.series_data(),
            series_pk=series_pk,
            served_coalitions=served,
            request=request,
        )
    except DjangoPermissionDenied as refused:
        raise exceptions.PermissionDenied(" ".join(refused.args) or None) from None
    except DjangoValidationError as error:
        raise _drf_validation_error(error) from None
    return series


def _series_answer(view, request, pk: int, code=status.HTTP_200_OK) -> Response:
    series = _SeriesView.series_for(view, request, pk)
    participants = list(selectors.series_participants(series))
    body = SeriesDetailSerializer(series, context={"participants": participants}).data
    return Response(body, status=code)


@extend_schema(tags=[TAG])
class SeriesListCreateView(SeriesListView):
    """The series of `api.SeriesListView`, and setting up a new one (coordinators)."""

    permissions_by_method = {"GET": MDO_PERMISSIONS, "POST": MDO_PERMISSIONS}

    @extend_schema(
        summary="MDO opzetten",
        description=(
            "Een nieuwe MDO-reeks van de coalitie waar je coördinator bent (met `coalition` "
            "als dat er meer zijn). Vaste deelnemers voeg je daarna toe op de pagina van het MDO."
        ),
        request=SeriesWriteSerializer,
        examples=[OpenApiExample("MDO Zwangeren", value=EXAMPLE, request_only=True)],
        responses={201: SeriesDetailSerializer, 400: INVALID_INPUT, 403: FORBIDDEN},
    )
    def post(self, request):
        if not self.coordinated:
            raise exceptions.PermissionDenied(
                _("Alleen een coördinator van de coalitie kan dit MDO beheren.")
            )
        serializer = SeriesWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        coalition_id = values.pop("coalition", None)
        if coalition_id is None:
            if len(self.coordinated) != 1:
                raise serializers.ValidationError(
                    {"coalition": [_("Kies de coalitie: je bent coördinator in meer dan één.")]}
                )
            (coalition_id,) = self.coordinated
        elif coalition_id not in self.coordinated:
            raise serializers.ValidationError(
                {"coalition": [_("Je bent geen coördinator van deze coalitie.")]}
            )
        coalition = Coalition.objects.get(pk=coalition_id)
        series = _save_series(request, coalition=coalition, values=values)
        return _series_answer(self, request, series.pk, status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class SeriesDetailUpdateView(SeriesDetailView):
    """One series (`api.SeriesDetailView`); changing or archiving it (coordinators)."""

    permissions_by_method = {
        "GET": MDO_PERMISSIONS,
        "PUT": MDO_PERMISSIONS,
        "PATCH": MDO_PERMISSIONS,
    }

    def _write(self, request, pk, *, partial: bool):
        series = self.series_for(request, pk)
        if series.coalition_id not in self.coordinated:
            raise exceptions.PermissionDenied(
                _("Alleen een coördinator van de coalitie kan dit MDO beheren.")
            )
        serializer = SeriesWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        sent = dict(serializer.validated_data)
        sent.pop("coalition", None)
        values = sent
        if partial:
            current = {name: getattr(series, name) for name in services.SERIES_FIELDS}
            values = {**current, **sent}
        _save_series(request, coalition=series.coalition, values=values, series_pk=series.pk)
        return _series_answer(self, request, series.pk)

    @extend_schema(
        summary="MDO wijzigen",
        description="Vervangt de gegevens van het MDO (zonder `served_coalitions`: geen).",
        parameters=[SERIES_PARAMETER],
        request=SeriesWriteSerializer,
        examples=[OpenApiExample("MDO Zwangeren", value=EXAMPLE, request_only=True)],
        responses={
            200: SeriesDetailSerializer,
            400: INVALID_INPUT,
            403: FORBIDDEN,
            404: SERIES_NOT_FOUND,
        },
    )
    def put(self, request, pk):
        return self._write(request, pk, partial=False)

    @extend_schema(
        summary="MDO deels wijzigen of archiveren",
        description=(
            "Wijzigt de velden die je meestuurt. Met `is_active` false archiveer je het MDO: "
            "er kunnen dan geen overleggen meer bij."
        ),
        parameters=[SERIES_PARAMETER],
        request=SeriesWriteSerializer,
        examples=[OpenApiExample("Archiveren", value={"is_active": False}, request_only=True)],
        responses={
            200: SeriesDetailSerializer,
            400: INVALID_INPUT,
            403: FORBIDDEN,
            404: SERIES_NOT_FOUND,
        },
    )
    def patch(self, request, pk):
        return self._write(request, pk, partial=True)


@extend_schema(tags=[TAG])
class SeriesMeetingsPlanView(SeriesMeetingsView):
    """The meetings of a series (`api.SeriesMeetingsView`); planning one."""

    permissions_by_method = {"GET": MDO_PERMISSIONS, "POST": MDO_PERMISSIONS}

    @extend_schema(
        summary="Overleg plannen",
        description=(
            "Plant een overleg van het MDO: de vaste deelnemers komen erop en de gezinnen in "
            "route 3 van dat moment op de kandidatenlijst. Voor coördinatoren van de coalitie "
            "en de vaste voorzitter of notulist. Zonder plaats of videolink: die van het MDO."
        ),
        parameters=[SERIES_PARAMETER],
        request=MeetingPlanSerializer,
        examples=[
            OpenApiExample(
                "Volgende maand",
                value={"starts_at": "2026-04-14T13:30:00+02:00", "place": "", "video_link": ""},
                request_only=True,
            )
        ],
        responses={
            201: MeetingSerializer,
            400: INVALID_INPUT,
            403: NOT_ALLOWED,
            404: SERIES_NOT_FOUND,
        },
    )
    def post(self, request, pk):
        series = MdoSeries.objects.select_related("coalition").filter(pk=pk).first()
        if series is None:
            raise exceptions.NotFound(_("Dit MDO bestaat niet (meer)."))
        serializer = MeetingPlanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        form = MeetingForm(dict(serializer.validated_data))
        _checked(form)
        try:
            meeting = services.meeting_plan(
                actor=request.user, series=series, data=form.meeting_data(), request=request
            )
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied(
                _("Alleen de voorzitter, de notulist of een coördinator kan dit overleg plannen.")
            ) from None
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        meeting = selectors.series_meetings(series).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)
