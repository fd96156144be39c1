"""The coalition's access log and emergency access (break-the-glass), through the API.

The pages' rules (kansrijk/access/views_log.py), through the same selectors and services:

- searching the coalition's access log and reviewing emergency accesses are for the
  coordinators of a coalition (403 for everyone else); a call is for the caller's one
  coordinated coalition or the one named in `?coalition=` (another coalition's id is "not
  found"). They see only events and emergency accesses of that coalition's families. Each
  search of the log and each reading of the review list is itself logged (NEN 7513), as on
  the pages: the explanations can hold family data;
- the log is searched with the page's filters and messages (`AccessLogSearchForm`), in
  pages by cursor (keyset on the time of the event): the log is big, and a cursor neither
  counts the rows nor skips them, so every page costs the same;
- breaking the glass on a family (`.../families/{id}/break-the-glass/`) is for a
  professional of the family's coalition who does not see it on an ordinary ground; to
  everyone else the family does not exist (404, as an unknown number). Someone who already
  sees the family gets 400 ("not needed"). A reason from the list and an explanation of at
  least one sentence are required. The service logs the start, gives access for a few
  hours and tells the case director and the coordinators;
- breaking the glass by the family's reference (`POST .../break-the-glass/`), as the search
  page does, in the coalition where the caller works as professional: the answer is the
  same whether or not the reference exists until the input is valid; a miss is then logged,
  so that guessing references shows up in the coordinators' search;
- a review is one time: a second answers 400 ("al beoordeeld"), as the page tells it.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import lazy
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
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.response import Response

from kansrijk.access import selectors_log, services
from kansrijk.access.forms_log import EXPLANATION_MIN_LENGTH, AccessLogSearchForm
from kansrijk.access.models import AccessEvent, BreakTheGlass, BreakTheGlassReason
from kansrijk.access.policy import (
    NOT_FOUND_MESSAGE,
    families_visible_to,
    professional_coalition_ids,
    registered_grounds,
)
from kansrijk.organisations.api_scope import chosen_coalition
from kansrijk.organisations.models import Coalition

from .api import NOT_FOUND, PermissionsByMethodMixin, _drf_validation_error
from .api_coalition_config import (
    COALITION,
    COALITION_NOT_FOUND,
    INVALID,
    ConfigViewMixin,
    CoordinatesACoalition,
    form_errors,
)
from .serializers import AccessEventSerializer, ErrorSerializer

# Until a tag "privacy" is declared in SPECTACULAR_SETTINGS, the family files' tag.
TAG = "privacy"
Action = AccessEvent.Action
LOG_PAGE_SIZE = 50
REVIEW_PAGE_SIZE = 25
EXPLANATION_MAX_LENGTH = 2000
REFERENCE_MAX_LENGTH = 20
NOTE_MAX_LENGTH = 2000

# The API's filter names (English, as every query parameter of the API) and the fields of
# the page's search form they fill; errors are answered under the API's names.
LOG_FILTERS = {
    "user": "gebruiker",
    "reference": "dossiernummer",
    "from": "van",
    "to": "tot",
    "ground": "grondslag",
    "action": "handeling",
}
# The review list's `status` and the page filter's values.
REVIEW_STATUSES = {
    "open": selectors_log.REVIEW_OPEN,
    "reviewed": selectors_log.REVIEW_DONE,
    "all": selectors_log.REVIEW_ALL,
}


# --- Who may -------------------------------------------------------------------------------


class CoordinatesForPrivacy(CoordinatesACoalition):
    """Coordinates a coalition now: the log search and the review pages are theirs."""

    message = gettext_lazy(
        "Alleen coördinatoren van een coalitie doorzoeken het toegangslog en beoordelen "
        "noodtoegangen."
    )


COORDINATOR = (permissions.IsAuthenticated, CoordinatesForPrivacy)


class WorksAsProfessional(permissions.BasePermission):
    """Works as professional in a coalition now; keeps those coalitions on the view
    (`professional_in`, one query). Only they may ask emergency access by a reference."""

    message = gettext_lazy("Alleen professionals van een coalitie kunnen noodtoegang vragen.")

    def has_permission(self, request, view) -> bool:
        view.professional_in = set(
            professional_coalition_ids(request.user).values_list("coalition_id", flat=True)
        )
        return bool(view.professional_in)


# --- Serializers ---------------------------------------------------------------------------


class AccessLogEventSerializer(AccessEventSerializer):
    """One line of the coalition's log: the access report's line, with the family's id and
    reference (joined) and the address the access came from."""

    family = serializers.IntegerField(source="family_id")
    reference = serializers.CharField(
        source="family.reference", help_text=gettext_lazy("Dossiernummer van het gezin.")
    )

    class Meta(AccessEventSerializer.Meta):
        fields = [*AccessEventSerializer.Meta.fields, "family", "reference", "ip_address"]


class BreakTheGlassSerializer(serializers.ModelSerializer):
    """One emergency access. Needs the professional, the family and the reviewer joined."""

    professional = serializers.CharField(
        source="user.username", help_text=gettext_lazy("Gebruikersnaam van de professional.")
    )
    professional_name = serializers.SerializerMethodField()
    family = serializers.IntegerField(source="family_id")
    reference = serializers.CharField(source="family.reference")
    reason_display = serializers.CharField(source="get_reason_display")
    active = serializers.SerializerMethodField(
        help_text=gettext_lazy("Of de noodtoegang nu nog geldt.")
    )
    reviewed_by = serializers.SerializerMethodField()

    class Meta:
        model = BreakTheGlass
        fields = [
            "id",
            "professional",
            "professional_name",
            "family",
            "reference",
            "reason",
            "reason_display",
            "explanation",
            "started_at",
            "expires_at",
            "active",
            "reviewed_at",
            "reviewed_by",
            "review_note",
        ]
        read_only_fields = fields

    def get_professional_name(self, glass: BreakTheGlass) -> str:
        return glass.user.get_full_name() or glass.user.username

    def get_active(self, glass: BreakTheGlass) -> bool:
        return glass.expires_at > timezone.now()

    def get_reviewed_by(self, glass: BreakTheGlass) -> str | None:
        return glass.reviewed_by.username if glass.reviewed_by_id else None


def _form_message(message, **values):
    """A page form's message (the same text, so the same translation) with its numbers filled
    in, translated when it is shown."""
    return lazy(lambda: str(message) % values, str)()


REASON_REQUIRED = gettext_lazy("Kies een reden voor de noodtoegang.")
EXPLANATION_REQUIRED = gettext_lazy("Licht toe waarom je noodtoegang nodig hebt.")
REFERENCE_REQUIRED = gettext_lazy("Vul het dossiernummer van het gezin in.")


class BreakTheGlassStartSerializer(serializers.Serializer):
    """Why emergency access is needed, as the break-the-glass page asks it."""

    reason = serializers.ChoiceField(
        choices=BreakTheGlassReason.choices,
        help_text=gettext_lazy("De reden, uit de lijst."),
        error_messages={
            "required": REASON_REQUIRED,
            "null": REASON_REQUIRED,
            "invalid_choice": gettext_lazy("Kies een reden uit de lijst."),
        },
    )
    explanation = serializers.CharField(
        max_length=EXPLANATION_MAX_LENGTH,
        help_text=gettext_lazy(
            "Waarom je nu toegang nodig hebt en waarom het zorgteam je niet kan helpen "
            "(minstens één zin)."
        ),
        error_messages={
            "required": EXPLANATION_REQUIRED,
            "blank": EXPLANATION_REQUIRED,
            "null": EXPLANATION_REQUIRED,
            "invalid": EXPLANATION_REQUIRED,
            "max_length": _form_message(
                gettext_lazy("De toelichting mag hoogstens %(limit_value)d tekens zijn."),
                limit_value=EXPLANATION_MAX_LENGTH,
            ),
        },
    )

    def validate_explanation(self, value: str) -> str:
        # The page form's messages, with its numbers filled in.
        if len(value) < EXPLANATION_MIN_LENGTH:
            raise serializers.ValidationError(
                _(
                    "Licht in minstens één zin toe waarom je noodtoegang nodig hebt "
                    "(minstens %(limit_value)d tekens, nu %(show_value)d)."
                )
                % {"limit_value": EXPLANATION_MIN_LENGTH, "show_value": len(value)}
            )
        return value


class BreakTheGlassByReferenceSerializer(BreakTheGlassStartSerializer):
    """The search page's question: the family's reference, the reason and the explanation."""

    reference = serializers.CharField(
        max_length=REFERENCE_MAX_LENGTH,
        help_text=gettext_lazy("Het dossiernummer dat je van een collega hebt gekregen."),
        error_messages={
            "required": REFERENCE_REQUIRED,
            "blank": REFERENCE_REQUIRED,
            "null": REFERENCE_REQUIRED,
            "invalid": REFERENCE_REQUIRED,
            "max_length": _form_message(
                gettext_lazy("Een dossiernummer is hoogstens %(limit_value)d tekens."),
                limit_value=REFERENCE_MAX_LENGTH,
            ),
        },
    )


class BreakTheGlassReviewSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=NOTE_MAX_LENGTH,
        help_text=gettext_lazy(
            "Niet verplicht. Bijvoorbeeld: terecht gebruikt, of besproken met de professional."
        ),
        error_messages={
            "invalid": gettext_lazy("De beoordeling moet tekst zijn."),
            "max_length": _form_message(
                gettext_lazy("De beoordeling mag hoogstens %(limit_value)d tekens zijn."),
                limit_value=NOTE_MAX_LENGTH,
            ),
        },
    )


# --- Helpers -------------------------------------------------------------------------------


def _search_logged(request, *, coalition, detail: str) -> None:
    """A coordinator's reading of the log or of the review list, logged as a search."""
    services.access_event_record(
        user=request.user,
        action=Action.SEARCH,
        coalition=coalition,
        authorisation=True,
        treatment_relationship=False,
        consent=False,
        emergency=False,
        detail=detail,
        request=request,
    )


def _log_filters(request) -> dict:
    """The query's filters, checked by the page's search form (its Dutch messages)."""
    data = {page: request.query_params.get(api, "") for api, page in LOG_FILTERS.items()}
    form = AccessLogSearchForm(data, grounds=registered_grounds())
    if not form.is_valid():
        by_page_name = {page: api for api, page in LOG_FILTERS.items()}
        errors = form_errors(form).detail
        raise serializers.ValidationError(
            {by_page_name.get(field, field): messages for field, messages in errors.items()}
        )
    return form.cleaned_data


def _glass_answer(glass_pk: int) -> BreakTheGlass:
    return BreakTheGlass.objects.select_related("user", "family", "reviewed_by").get(pk=glass_pk)


def _start(request, *, family_pk: int, data: dict) -> Response:
    """Break the glass with valid input: 201 with the emergency access, or 400."""
    try:
        glass = services.break_the_glass_open(
            user=request.user,
            family_pk=family_pk,
            reason=data["reason"],
            explanation=data["explanation"],
            request=request,
        )
    except services.BreakTheGlassNotNeeded:
        raise _not_needed() from None
    except DjangoValidationError as error:
        raise _drf_validation_error(error) from None
    return Response(
        BreakTheGlassSerializer(_glass_answer(glass.pk)).data, status=status.HTTP_201_CREATED
    )


def _not_needed() -> serializers.ValidationError:
    return serializers.ValidationError(
        {"non_field_errors": [_("Je hebt al toegang tot dit gezin; noodtoegang is niet nodig.")]}
    )


# --- Documentation -------------------------------------------------------------------------

FORBIDDEN = OpenApiResponse(ErrorSerializer, description=str(CoordinatesForPrivacy.message))
FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
GLASS_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van de noodtoegang."
)
LOG_PARAMETERS = [
    COALITION,
    OpenApiParameter("user", OpenApiTypes.STR, description="Gebruikersnaam (precies)."),
    OpenApiParameter("reference", OpenApiTypes.STR, description="Dossiernummer van het gezin."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Vanaf deze dag (JJJJ-MM-DD)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Tot en met deze dag (JJJJ-MM-DD)."),
    OpenApiParameter(
        "ground",
        OpenApiTypes.STR,
        description="Grondslag (code, zoals `care_team`), of `geweigerd` voor geweigerde toegang.",
    ),
    OpenApiParameter(
        "action",
        OpenApiTypes.STR,
        enum=Action.values,
        description="Handeling: " + "; ".join(f"`{v}`: {label}" for v, label in Action.choices),
    ),
]
INVALID_START = OpenApiResponse(
    ErrorSerializer,
    description="Ongeldige invoer (geen reden, te korte toelichting), of je hebt al toegang "
    "tot het gezin; met Nederlandse meldingen.",
)
GLASS_EXAMPLE = {
    "id": 12,
    "professional": "pvries",
    "professional_name": "Pieter de Vries",
    "family": 41,
    "reference": "KS-2026-0041",
    "reason": "acute_care",
    "reason_display": "Acute zorgsituatie",
    "explanation": "Moeder belt in paniek, casusregisseur niet bereikbaar.",
    "started_at": "2026-03-02T22:15:00+01:00",
    "expires_at": "2026-03-03T01:15:00+01:00",
    "active": True,
    "reviewed_at": None,
    "reviewed_by": None,
    "review_note": "",
}
START_EXAMPLE = {
    "reason": "acute_care",
    "explanation": "Moeder belt in paniek, casusregisseur niet bereikbaar.",
}


# --- Pagination ----------------------------------------------------------------------------


class AccessLogPagination(CursorPagination):
    """Keyset pages of the log, newest first: `next` and `previous` carry a cursor on the
    event's time (ties broken by an offset), so no page counts or skips rows."""

    page_size = LOG_PAGE_SIZE
    ordering = ("-timestamp", "-id")
    invalid_cursor_message = gettext_lazy(
        "Deze cursor is ongeldig; vraag de eerste pagina opnieuw op, zonder cursor."
    )

    def decode_cursor(self, request):
        """The cursor, refused (404) unless its position is a time: a crafted one would
        otherwise reach the database as a malformed date."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            try:
                valid = parse_datetime(cursor.position) is not None
            except ValueError:
                valid = False
            if not valid:
                raise exceptions.NotFound(self.invalid_cursor_message)
        return cursor


class ReviewPagination(PageNumberPagination):
    page_size = REVIEW_PAGE_SIZE


# --- Views ---------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class AccessLogSearchView(ConfigViewMixin, generics.GenericAPIView):
    """The coalition's access log: who looked at which family, when, how, on what ground."""

    permissions_by_method = {"GET": COORDINATOR}
    serializer_class = AccessLogEventSerializer
    pagination_class = AccessLogPagination

    @extend_schema(
        summary="Toegangslog van de coalitie doorzoeken",
        description=(
            "Alle toegang tot gezinnen van de coalitie, nieuwste eerst, met de filters van de "
            "zoekpagina: gebruiker, dossiernummer, periode, grondslag en handeling. Zonder "
            "`from` de laatste vijf jaar (zo lang blijft het log bewaard). Per pagina met een "
            "cursor: volg `next`. Dat je zoekt, wordt zelf vastgelegd in het toegangslog."
        ),
        parameters=LOG_PARAMETERS,
        responses={
            200: AccessLogEventSerializer(many=True),
            400: INVALID,
            403: FORBIDDEN,
            404: OpenApiResponse(
                ErrorSerializer,
                description="Deze coalitie bestaat niet of je coördineert haar niet; of de "
                "cursor is ongeldig.",
            ),
        },
    )
    def get(self, request):
        coalition = self.coalition()
        filters = _log_filters(request)
        events = selectors_log.access_log_search(coalition=coalition, filters=filters)
        page = self.paginate_queryset(events)
        _search_logged(
            request,
            coalition=coalition,
            detail=selectors_log.access_log_search_summary(filters),
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(tags=[TAG])
class BreakTheGlassListView(ConfigViewMixin, generics.GenericAPIView):
    """The coalition's emergency accesses to review; asking emergency access by reference."""

    permissions_by_method = {
        "GET": COORDINATOR,
        "POST": (permissions.IsAuthenticated, WorksAsProfessional),
    }
    serializer_class = BreakTheGlassSerializer
    pagination_class = ReviewPagination
    professional_in: set[int] = set()

    @extend_schema(
        summary="Noodtoegangen ter beoordeling",
        description=(
            "De noodtoegangen van de coalitie, nieuwste eerst: met `status=open` (standaard) "
            "die nog beoordeeld moeten worden, `reviewed` de beoordeelde, `all` alle. Met de "
            "reden en de toelichting; dat je de lijst leest, wordt vastgelegd in het "
            "toegangslog."
        ),
        parameters=[
            COALITION,
            OpenApiParameter(
                "status", OpenApiTypes.STR, enum=list(REVIEW_STATUSES), description="Welke."
            ),
        ],
        responses={
            200: BreakTheGlassSerializer(many=True),
            400: INVALID,
            403: FORBIDDEN,
            404: COALITION_NOT_FOUND,
        },
        examples=[OpenApiExample("Nog te beoordelen", value=[GLASS_EXAMPLE], response_only=True)],
    )
    def get(self, request):
        coalition = self.coalition()
        asked = request.query_params.get("status", "open")
        if asked not in REVIEW_STATUSES:
            raise serializers.ValidationError(
                {"status": [_("Kies wat je wilt zien uit de lijst.")]}
            )
        glasses = selectors_log.break_the_glass_for_review(
            coalition=coalition, status=REVIEW_STATUSES[asked]
        )
        page = self.paginate_queryset(glasses)
        _search_logged(
            request, coalition=coalition, detail=_("Noodtoegangen ter beoordeling bekeken")
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Noodtoegang vragen met een dossiernummer",
        description=(
            "Noodtoegang tot een gezin van de coalitie waarin je als professional werkt (geef "
            "`?coalition=` als dat er meer zijn), gevonden met het dossiernummer dat je van "
            "een collega kreeg. Een reden uit de lijst en een toelichting van minstens één "
            "zin zijn verplicht. De toegang geldt enkele uren; alles wat je bekijkt wordt "
            "gelogd en gemeld aan de casusregisseur en de coördinator. Een onbekend "
            "dossiernummer wordt ook vastgelegd."
        ),
        parameters=[COALITION],
        request=BreakTheGlassByReferenceSerializer,
        examples=[
            OpenApiExample(
                "Acute zorg",
                value={"reference": "KS-2026-0041", **START_EXAMPLE},
                request_only=True,
            ),
            OpenApiExample("Gestart", value=GLASS_EXAMPLE, response_only=True),
        ],
        responses={
            201: BreakTheGlassSerializer,
            400: INVALID_START,
            403: OpenApiResponse(ErrorSerializer, description=str(WorksAsProfessional.message)),
            404: COALITION_NOT_FOUND,
        },
    )
    def post(self, request):
        coalition = Coalition.objects.get(pk=chosen_coalition(request, self.professional_in))
        serializer = BreakTheGlassByReferenceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        family = selectors_log.family_by_reference(coalition=coalition, reference=data["reference"])
        if family is None:
            # Logged, so that guessing references shows up in the coordinators' search.
            services.access_event_record(
                user=request.user,
                action=Action.SEARCH,
                coalition=coalition,
                authorisation=False,
                treatment_relationship=False,
                consent=False,
                emergency=False,
                detail=_("Noodtoegang gevraagd voor onbekend dossiernummer %(reference)s")
                % {"reference": data["reference"]},
                request=request,
            )
            raise serializers.ValidationError(
                {
                    "reference": [
                        _("Er is geen gezin met dit dossiernummer in %(coalition)s.")
                        % {"coalition": coalition.name}
                    ]
                }
            )
        return _start(request, family_pk=family.pk, data=data)


@extend_schema(tags=[TAG])
class BreakTheGlassReviewView(ConfigViewMixin, generics.GenericAPIView):
    """Mark one emergency access of the coalition as reviewed, with a note."""

    permissions_by_method = {"POST": COORDINATOR}
    serializer_class = BreakTheGlassSerializer

    @extend_schema(
        summary="Noodtoegang beoordelen",
        description=(
            "Markeert een noodtoegang van de coalitie als beoordeeld, met een beoordeling "
            "(niet verplicht). Een noodtoegang wordt één keer beoordeeld: daarna volgt 400."
        ),
        parameters=[GLASS_PARAMETER, COALITION],
        request=BreakTheGlassReviewSerializer,
        examples=[
            OpenApiExample(
                "Terecht",
                value={"note": "Terecht gebruikt; besproken met de professional."},
                request_only=True,
            )
        ],
        responses={
            200: BreakTheGlassSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="Ongeldige invoer, of de noodtoegang is al beoordeeld.",
            ),
            403: FORBIDDEN,
            404: OpenApiResponse(
                ErrorSerializer,
                description="Deze noodtoegang of coalitie bestaat niet voor jou.",
            ),
        },
    )
    def post(self, request, pk):
        coalition = self.coalition()
        if (
            not selectors_log.break_the_glass_for_review(
                coalition=coalition, status=selectors_log.REVIEW_ALL
            )
            .filter(pk=pk)
            .exists()
        ):
            raise Http404(NOT_FOUND_MESSAGE)
        serializer = BreakTheGlassReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            glass = services.break_the_glass_review(
                reviewer=request.user,
                coalition=coalition,
                glass_pk=pk,
                note=serializer.validated_data.get("note") or "",
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(BreakTheGlassSerializer(_glass_answer(glass.pk)).data)


@extend_schema(tags=[TAG])
class FamilyBreakTheGlassView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Emergency access to one family, for a professional of its coalition off its team."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = BreakTheGlassSerializer

    @extend_schema(
        summary="Noodtoegang tot een gezin",
        description=(
            "Voor een professional van de coalitie van het gezin die het gezin niet op een "
            "gewone grond ziet (geen zorgteam, geen MDO). Een reden uit de lijst en een "
            "toelichting van minstens één zin zijn verplicht. De toegang geldt enkele uren; "
            "alles wat je bekijkt wordt gelogd en gemeld aan de casusregisseur en de "
            "coördinator. Heb je al toegang, dan volgt 400."
        ),
        parameters=[FAMILY_PARAMETER],
        request=BreakTheGlassStartSerializer,
        examples=[
            OpenApiExample("Acute zorg", value=START_EXAMPLE, request_only=True),
            OpenApiExample("Gestart", value=GLASS_EXAMPLE, response_only=True),
        ],
        responses={201: BreakTheGlassSerializer, 400: INVALID_START, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        # As the page: the family must be of a coalition where the caller works as
        # professional; to anyone else it does not exist (the same 404 as an unknown number).
        family = selectors_log.family_to_break_the_glass(user=request.user, pk=pk)
        if family is None or not request.user.is_active:
            raise Http404(NOT_FOUND_MESSAGE)
        if families_visible_to(request.user).filter(pk=pk).exists():
            raise _not_needed()
        serializer = BreakTheGlassStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _start(request, family_pk=family.pk, data=serializer.validated_data)


urlpatterns = [
    path("access-log/", AccessLogSearchView.as_view(), name="access_log_search"),
    path("break-the-glass/", BreakTheGlassListView.as_view(), name="break_the_glass_list"),
    path(
        "break-the-glass/<int:pk>/review/",
        BreakTheGlassReviewView.as_view(),
        name="break_the_glass_review",
    ),
    path(
        "families/<int:pk>/break-the-glass/",
        FamilyBreakTheGlassView.as_view(),
        name="family_break_the_glass",
    ),
]
