"""The families API: list, file, create, update and the access report of a family.

Every endpoint goes through the access policy (`kansrijk.access.policy`), exactly as the pages:

- the list shows only `families_visible_to(caller)` and writes one "search" access event;
- one family is fetched with `get_family_for_user` with the action of the request (read,
  update), which writes the NEN 7513 access event, and answers 404 "niet gevonden of geen
  toegang" for a family that does not exist and for one the caller may not see alike;
- writes go through `kansrijk.families.services` (same validation, version check and
  history as the pages); a stale version answers 409 with both versions.

Who may call what is declared per HTTP method in `permissions_by_method`; whether a family
may be seen is decided only by the policy.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import (
    NOT_FOUND_MESSAGE,
    families_visible_to,
    get_family_for_user,
    professional_coalition_ids,
)
from kansrijk.access.services import access_event_record
from kansrijk.core.api_errors import VERSION_CONFLICT, problem_response
from kansrijk.core.api_errors import drf_validation_error as _drf_validation_error
from kansrijk.organisations.models import Coalition, Membership

from .models import CareTeamMember, Family, Person, Pregnancy
from .pages import family_for_write
from .selectors import WindowCountPaginator, with_phase_dates
from .serializers import (
    AccessEventSerializer,
    ErrorSerializer,
    FamilyCreateSerializer,
    FamilyDetailSerializer,
    FamilyListSerializer,
    FamilyUpdateSerializer,
    VersionConflictSerializer,
)
from .services import VersionConflict, family_create, family_update

Action = AccessEvent.Action


# --- Permissions ----------------------------------------------------------------------------


class IsProfessional(permissions.BasePermission):
    """Works as professional in at least one coalition now; only they open family files.

    Coordinators, analysts and administrators get no family data on their role alone
    (policy rule 3), so they cannot open a file either.
    """

    message = _("Alleen professionals kunnen een gezinsdossier openen.")

    def has_permission(self, request, view) -> bool:
        return professional_coalition_ids(request.user).exists()


class PermissionsByMethodMixin:
    """Declarative permissions: `permissions_by_method` maps an HTTP method to its classes.

    A method missing from the map is refused (fail closed); a method the view does not
    have at all is left to the view, which answers 405 with the methods it allows. Whether
    one family may be seen is not a permission class: that is the access policy, which
    answers 404.
    """

    permissions_by_method: dict[str, tuple[type[permissions.BasePermission], ...]] = {}

    def get_permissions(self):
        method = self.request.method if self.request is not None else "GET"
        if method == "HEAD":
            method = "GET"
        if self.request is not None and not hasattr(self, method.lower()):
            return []
        classes = self.permissions_by_method.get(method, (_Refuse,))
        return [permission() for permission in classes]


class _Refuse(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return False


# --- Helpers --------------------------------------------------------------------------------


def _prefetch_file(family: Family) -> Family:
    """Load what the file shows onto `family`, in three queries whatever the household size.

    `persons`, `pregnancies` (also used for the phase) and the current care team with each
    member's account and organisation (`select_related`, one query for the whole team).
    """
    prefetch_related_objects(
        [family],
        Prefetch("persons", queryset=Person.objects.order_by("role", "date_of_birth", "pk")),
        Prefetch("pregnancies", queryset=Pregnancy.objects.order_by("-due_date", "-pk")),
        Prefetch(
            "care_team_members",
            queryset=CareTeamMember.objects.current()
            .select_related("professional", "membership__organisation")
            .order_by("start_date", "pk"),
            to_attr="current_care_team",
        ),
    )
    return family


def prefetch_family_file(family: Family) -> Family:
    """The file of a family just written, as stored: read again with its municipality
    joined, then `_prefetch_file` (four queries)."""
    return _prefetch_file(_family_file_queryset().get(pk=family.pk))


def _family_file_queryset():
    """How the file endpoints fetch a family: with its municipality joined."""
    return Family.objects.select_related("municipality")


def _persons_of_file(family: Family) -> list[int]:
    """The persons concerned by reading the file: the whole household, from the prefetch
    that the response needs anyway (no query of their own)."""
    return [person.pk for person in _prefetch_file(family).persons.all()]


def _conflict_response(conflict: VersionConflict) -> Response:
    body = {
        "detail": str(conflict),
        "submitted_version": conflict.expected_version,
        "current_version": conflict.current_version,
        "current": conflict.current,
        "submitted": conflict.submitted,
    }
    return problem_response(status=409, kind=VERSION_CONFLICT, **body)


NOT_FOUND = OpenApiResponse(ErrorSerializer, description=str(NOT_FOUND_MESSAGE))
COALITION_PARAMETER = OpenApiParameter(
    "coalition",
    OpenApiTypes.INT,
    description="Alleen gezinnen van deze coalitie (een van je eigen coalities).",
)


# --- Views ----------------------------------------------------------------------------------


class FamilyPagination(PageNumberPagination):
    """Pages of `PAGE_SIZE` families whose query counts them too (one query per page)."""

    django_paginator_class = WindowCountPaginator


@extend_schema(tags=["gezinnen"])
class FamilyViewSet(PermissionsByMethodMixin, viewsets.GenericViewSet):
    """The caller's families; one family's file; opening and changing a file."""

    pagination_class = FamilyPagination

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "POST": (permissions.IsAuthenticated, IsProfessional),
        "PUT": (permissions.IsAuthenticated,),
        "PATCH": (permissions.IsAuthenticated,),
    }
    serializer_class = FamilyListSerializer

    def get_queryset(self):
        """The caller's families only (the policy), newest first.

        `select_related("municipality")`: every row shows it (one join instead of a query per
        row). The phase, due date and birth date of every row come from the dates of the
        pregnancy that decides the phase, annotated (`with_phase_dates`): no query per row,
        and no pregnancies read for the page.
        """
        queryset = families_visible_to(self.request.user, coalition=self._coalition_filter())
        return with_phase_dates(queryset.select_related("municipality"))

    def _coalition_filter(self) -> int | None:
        value = self.request.query_params.get("coalition") if self.request else None
        if not value:
            return None
        try:
            coalition = int(value)
        except ValueError:
            coalition = 0
        # An id is a positive 64-bit integer; a bigger number would overflow the query.
        if not 0 < coalition < 2**63:
            raise serializers.ValidationError(
                {"coalition": [_("Geef het nummer (id) van de coalitie.")]}
            )
        return coalition

    @extend_schema(
        summary="Mijn gezinnen",
        parameters=[COALITION_PARAMETER],
        responses={
            200: FamilyListSerializer(many=True),
            400: OpenApiResponse(ErrorSerializer, description="Geen geldig coalitienummer."),
        },
    )
    def list(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        self._log_search(request, count=len(rows))
        data = FamilyListSerializer(rows, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _log_search(self, request, *, count: int) -> None:
        """One "search" access event per list call (NEN 7513 logs searches over family data).

        One query for the caller's memberships as professional (with organisation): they
        give the coalitions the search was in and the membership the event names.
        """
        memberships = list(
            Membership.objects.current()
            .filter(professional=request.user, is_professional=True)
            .select_related("organisation")
            .order_by("pk")
        )
        own = {membership.coalition_id for membership in memberships}
        requested = self._coalition_filter()
        if requested in own:
            coalition_id = requested
        elif len(own) == 1:
            coalition_id = next(iter(own))
        else:
            coalition_id = None
        access_event_record(
            user=request.user,
            action=Action.SEARCH,
            # An unsaved instance with only the key: the event needs no other coalition field.
            coalition=Coalition(pk=coalition_id) if coalition_id else None,
            membership=next((m for m in memberships if m.coalition_id == coalition_id), None),
            authorisation=True,
            treatment_relationship=False,
            consent=False,
            emergency=False,
            detail=_("Gezinnenlijst via de API (%(query)s): %(count)s gezinnen")
            % {"query": request.GET.urlencode() or "-", "count": count},
            request=request,
        )

    @extend_schema(
        summary="Gezinsdossier openen",
        request=FamilyCreateSerializer,
        responses={
            201: FamilyDetailSerializer,
            400: OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen."),
            403: OpenApiResponse(ErrorSerializer, description="Geen professional."),
        },
    )
    def create(self, request):
        serializer = FamilyCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        municipality = data.pop("municipality")
        role_in_family = data.pop("role_in_family", "")
        try:
            family = family_create(
                actor=request.user,
                municipality=municipality,
                data=data,
                role_in_family=role_in_family,
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        family = prefetch_family_file(family)
        return Response(
            FamilyDetailSerializer(family, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(summary="Gezinsdossier", responses={200: FamilyDetailSerializer, 404: NOT_FOUND})
    def retrieve(self, request, pk=None):
        # The persons concerned, for the access event, are read only once access is
        # granted: from the file's own prefetch, which the response then uses.
        family = get_family_for_user(
            request.user,
            pk,
            Action.READ,
            request=request,
            persons=_persons_of_file,
            detail=_("Gezinsdossier ingezien via de API"),
            queryset=_family_file_queryset,
        )
        return Response(FamilyDetailSerializer(family, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Gezinsgegevens wijzigen",
        request=FamilyUpdateSerializer,
        responses={
            200: FamilyDetailSerializer,
            400: OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen."),
            404: NOT_FOUND,
            409: OpenApiResponse(
                VersionConflictSerializer,
                description="Het gezin is intussen door iemand anders gewijzigd.",
            ),
        },
    )
    def update(self, request, pk=None):
        return self._update(request, pk, partial=False)

    @extend_schema(
        summary="Gezinsgegevens deels wijzigen",
        request=FamilyUpdateSerializer(partial=True),
        responses={
            200: FamilyDetailSerializer,
            400: OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen."),
            404: NOT_FOUND,
            409: OpenApiResponse(
                VersionConflictSerializer,
                description="Het gezin is intussen door iemand anders gewijzigd.",
            ),
        },
    )
    def partial_update(self, request, pk=None):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk, *, partial: bool) -> Response:
        # Access first (a refusal is logged outside the service's transaction), then input.
        family_for_write(request, pk, coalition=None)
        serializer = FamilyUpdateSerializer(
            data=request.data, partial=partial, context={"request": request}
        )
        if partial and "version" not in request.data:
            raise serializers.ValidationError(
                {"version": [_("Geef de versie mee waarop de wijziging is gebaseerd.")]}
            )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected_version = data.pop("version")
        try:
            family = family_update(
                actor=request.user,
                family_pk=pk,
                expected_version=expected_version,
                data=data,
                request=request,
            )
        except VersionConflict as conflict:
            # The refused write rolled back with its access event, but the 409 body shows the
            # stored family: that is a read, and it is logged as one.
            get_family_for_user(
                request.user,
                pk,
                Action.READ,
                request=request,
                detail=_("Versieconflict: opgeslagen versie getoond via de API"),
            )
            return _conflict_response(conflict)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        family = prefetch_family_file(family)
        return Response(FamilyDetailSerializer(family, context=self.get_serializer_context()).data)


@extend_schema(tags=["gezinnen"])
class FamilyAccessLogView(PermissionsByMethodMixin, generics.ListAPIView):
    """Who looked at this file, when, how and on what ground (the access report).

    For the family's current care team (the case director and, for now, every member).
    Break-the-glass opens the file but not this report. Opening it is itself logged.
    """

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = AccessEventSerializer

    def get_queryset(self):
        """The family's events, newest first, through the access policy.

        No `select_related`: an event carries the user's name, organisation and discipline
        as text, as they were when it was written. The (family, -timestamp) index serves
        this query.
        """
        if getattr(self, "swagger_fake_view", False):
            return AccessEvent.objects.none()
        pk = self.kwargs["pk"]
        user = self.request.user
        on_care_team = (
            CareTeamMember.objects.current().filter(family_id=pk, professional=user).exists()
        )
        family = get_family_for_user(
            user,
            pk,
            Action.READ,
            request=self.request,
            detail=_("Toegangslog ingezien via de API")
            if on_care_team
            else _("Toegangslog geweigerd: alleen voor het zorgteam"),
        )
        if not on_care_team:
            raise Http404(NOT_FOUND_MESSAGE)
        return AccessEvent.objects.for_family(family).order_by("-timestamp", "-id")

    @extend_schema(
        summary="Toegangslog van een gezin",
        responses={200: AccessEventSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
