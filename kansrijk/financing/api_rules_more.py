"""A year's figures, the insurers' exceptions (per kind of policy) and the municipalities'
compensation routes through the API, with the pages' rules (views_rules):

- reading: professionals, coordinators and administrators of a coalition read its rows
  (`api_rules.ReadsFinancingRules`); analysts get 403, without a session or token 401; a
  row of a coalition the caller does not read is "not found" (404);
- writing the figures and the exceptions: administrators; the compensation routes:
  administrators and coordinators (they know the local arrangements). Anyone else who
  reads gets 403. The API has no session's active coalition: a new row goes to the
  coalition the caller may write, or the one named in `coalition` when there are more;
- the input is checked by the pages' forms (`YearForm`, `ExceptionForm`,
  `CompensationForm`) and the services (`services_rules`: the role checked again, the Dutch
  messages per field, one transaction, the audit trail); PUT and PATCH carry the `version`
  the client read, a row that changed since answers 409. A year's figures are not removed
  (the pages cannot either); an exception and a route are.

The lists are paginated as the other lists (`count`, `next`, `previous`, `results`).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_errors import problem_response, version_conflict_response
from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Membership, Municipality

from . import services_rules as services
from .api_rules import NOT_ALLOWED, READ_PERMISSIONS, TAG, RulePagination, _year
from .api_rules_more_serializers import (
    CompensationRouteRowSerializer,
    CompensationRouteWriteSerializer,
    FinancingYearWriteSerializer,
    InsurerExceptionSerializer,
    InsurerExceptionWriteSerializer,
)
from .api_rules_write_serializers import FinancingRuleConflictSerializer
from .forms_rules import CompensationForm, ExceptionForm, YearForm, _year_field
from .models import CompensationRoute, FinancingYear, InsurerException
from .serializers_rules import FinancingYearSerializer

INVALID = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen per veld.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Niet gevonden of geen toegang.")
CONFLICT = OpenApiResponse(
    FinancingRuleConflictSerializer, description="Intussen gewijzigd: haal het opnieuw op."
)
ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id.")
YEAR_FILTER = OpenApiParameter("year", OpenApiTypes.INT, description="Alleen dit jaar.")
ADMINISTRATORS = {"is_administrator": True}
COMPENSATION_WRITERS = Q(is_administrator=True) | Q(is_coordinator=True)


def _writable(user, who) -> set[int]:
    """The coalitions `user` writes these rows in now (`who`: a Q or field lookups)."""
    memberships = Membership.objects.current().filter(professional=user)
    memberships = memberships.filter(who) if isinstance(who, Q) else memberships.filter(**who)
    return set(memberships.values_list("coalition_id", flat=True))


def _checked(form) -> dict:
    if not form.is_valid():
        raise _drf_validation_error(DjangoValidationError(form.errors.as_data()))
    return form.cleaned_data


def _version(sent: dict) -> int:
    version = sent.get("version")
    if version is None:
        raise serializers.ValidationError(
            {"version": [_("Stuur de versie mee die je hebt opgehaald.")]}
        )
    return version


class _Rows(PermissionsByMethodMixin, generics.GenericAPIView):
    """What the list and the detail view of one kind of row share; a subclass names the
    model, the answer, the input's form and the service."""

    model = None
    writers: object = ADMINISTRATORS
    refused_message = ""
    pagination_class = RulePagination
    rule_coalitions: set[int] = set()
    fields: tuple[str, ...] = ()
    conflict_message = ""

    def get_queryset(self):
        return self.model.objects.filter(coalition_id__in=self.rule_coalitions)

    def refused(self) -> Response:
        return problem_response(status=403, detail=str(self.refused_message))

    def form(self, values: dict, coalition: Coalition, *, created: bool):
        raise NotImplementedError

    def save(self, request, form, coalition: Coalition, *, row=None, year=None):
        raise NotImplementedError

    def write(self, request, values: dict, coalition: Coalition, *, row=None, year=None):
        form = self.form(values, coalition, created=row is None)
        _checked(form)
        try:
            saved = self.save(request, form, coalition, row=row, year=year)
        except VersionConflict as conflict:
            detail = str(self.conflict_message) % {"version": conflict.current_version}
            return version_conflict_response(conflict, detail, FinancingRuleConflictSerializer)
        except DjangoPermissionDenied:
            return self.refused()
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        saved = self.model.objects.get(pk=saved.pk)
        code = status.HTTP_201_CREATED if row is None else status.HTTP_200_OK
        return Response(self.get_serializer(saved).data, status=code)


class _ListCreate(_Rows):
    permissions_by_method = {"GET": READ_PERMISSIONS, "POST": (permissions.IsAuthenticated,)}
    needs_year = True

    def filter_rows(self, queryset, params):
        if year := params.get("year", ""):
            queryset = queryset.filter(year=_year(year, "year"))
        return queryset

    def list_rows(self, request):
        queryset = self.filter_rows(self.get_queryset(), request.query_params)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request):
        writable = _writable(request.user, self.writers)
        if not writable:
            return self.refused()
        sent = request.data if isinstance(request.data, dict) else {}
        coalition_id = sent.get("coalition")
        if coalition_id in (None, ""):
            if len(writable) != 1:
                raise serializers.ValidationError(
                    {"coalition": [_("Kies de coalitie: je beheert er meer dan één.")]}
                )
            (coalition_id,) = writable
        elif coalition_id not in writable:
            raise serializers.ValidationError(
                {"coalition": [_("Je kunt dit niet wijzigen in deze coalitie.")]}
            )
        year = None
        if self.needs_year:
            try:
                year = _year_field().clean(sent.get("year"))
            except DjangoValidationError as error:
                raise serializers.ValidationError({"year": error.messages}) from None
        return self.write(request, dict(sent), Coalition.objects.get(pk=coalition_id), year=year)


class _Detail(_Rows):
    permissions_by_method = {
        "GET": READ_PERMISSIONS,
        "PUT": READ_PERMISSIONS,
        "PATCH": READ_PERMISSIONS,
        "DELETE": READ_PERMISSIONS,
    }

    def row(self, pk: int):
        row = self.get_queryset().filter(pk=pk).first()
        if row is None:
            raise Http404(_("Dit bestaat niet (meer) in je coalitie."))
        return row

    def current(self, row) -> dict:
        return {name: getattr(row, name) for name in self.fields}

    def change(self, request, pk: int, *, partial: bool):
        row = self.row(pk)
        if row.coalition_id not in _writable(request.user, self.writers):
            return self.refused()
        sent = dict(request.data) if isinstance(request.data, dict) else {}
        _version(sent)
        values = {**self.current(row), **sent} if partial else sent
        return self.write(request, values, row.coalition, row=row, year=getattr(row, "year", 0))

    def remove(self, request, pk: int, delete):
        row = self.row(pk)
        if row.coalition_id not in _writable(request.user, self.writers):
            return self.refused()
        try:
            delete(actor=request.user, coalition=row.coalition, pk=row.pk, request=request)
        except DjangoPermissionDenied:
            return self.refused()
        except DjangoValidationError as error:
            raise Http404(" ".join(error.messages)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- A year's figures --------------------------------------------------------------------------

YEAR_EXAMPLE = {
    "year": 2026,
    "eigen_risico": "385.00",
    "eigen_risico_source": "Zorgverzekeringswet, artikel 19",
    "kraamzorg_min_hours": 24,
    "kraamzorg_standard_hours_low": 45,
    "kraamzorg_standard_hours_high": 49,
    "kraamzorg_max_hours": 80,
    "kraamzorg_source": "Landelijk Indicatieprotocol Kraamzorg",
    "notes": "",
}


class _Years(_Rows):
    model = FinancingYear
    serializer_class = FinancingYearSerializer
    fields = YearForm.DATA_FIELDS
    refused_message = gettext_lazy(
        "Alleen beheerders van de coalitie wijzigen de cijfers van een jaar."
    )
    conflict_message = gettext_lazy(
        "De cijfers zijn intussen gewijzigd (nu versie %(version)s). Haal ze opnieuw op."
    )

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "coalition_id", "id")

    def form(self, values, coalition, *, created):
        return YearForm({**values, "version": values.get("version", 0)})

    def save(self, request, form, coalition, *, row=None, year=None):
        return services.financing_year_save(
            actor=request.user,
            coalition=coalition,
            year=year,
            data=form.data_dict(),
            expected_version=form.cleaned_data["version"] if row else 0,
            request=request,
        )


@extend_schema(tags=[TAG])
class FinancingYearListCreateView(_Years, _ListCreate):
    @extend_schema(
        summary="Cijfers per jaar",
        description="De cijfers van de jaren van je coalities, nieuwste jaar eerst.",
        parameters=[YEAR_FILTER],
        responses={200: FinancingYearSerializer(many=True), 400: INVALID, 403: NOT_ALLOWED},
    )
    def get(self, request):
        return self.list_rows(request)

    @extend_schema(
        summary="Cijfers van een jaar toevoegen",
        description=(
            "Het eigen risico en de kraamzorguren van een jaar, elk met de bron (beheerders). "
            "Per jaar zijn er één keer cijfers."
        ),
        request=FinancingYearWriteSerializer,
        examples=[OpenApiExample("2026", value=YEAR_EXAMPLE, request_only=True)],
        responses={201: FinancingYearSerializer, 400: INVALID, 403: NOT_ALLOWED},
    )
    def post(self, request):
        return self.create(request)


@extend_schema(tags=[TAG])
class FinancingYearFiguresView(_Years, _Detail):
    permissions_by_method = {"GET": READ_PERMISSIONS, "PUT": READ_PERMISSIONS}

    @extend_schema(
        summary="Cijfers van een jaar (op id)",
        parameters=[ID_PARAMETER],
        responses={200: FinancingYearSerializer, 403: NOT_ALLOWED, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return Response(self.get_serializer(self.row(pk)).data)

    @extend_schema(
        summary="Cijfers van een jaar wijzigen",
        description="Vervangt de cijfers (het jaar blijft). Stuur de `version` mee die je las.",
        parameters=[ID_PARAMETER],
        request=FinancingYearWriteSerializer,
        examples=[OpenApiExample("2026", value={**YEAR_EXAMPLE, "version": 1})],
        responses={
            200: FinancingYearSerializer,
            400: INVALID,
            403: NOT_ALLOWED,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def put(self, request, pk):
        return self.change(request, pk, partial=False)


# --- Insurers' exceptions ----------------------------------------------------------------------

EXCEPTION_EXAMPLE = {
    "year": 2026,
    "insurer": "Zorgverzekeraar Voorbeeld",
    "insurance_kind": "basis_aanvullend",
    "care_kind": "kraamzorg",
    "effect": "contribution",
    "max_amount": "250.00",
    "conditions": "Alleen met de aanvullende verzekering Gezin.",
    "source": "Polisvoorwaarden 2026, artikel 12",
}


class _Exceptions(_Rows):
    model = InsurerException
    serializer_class = InsurerExceptionSerializer
    fields = ExceptionForm.DATA_FIELDS
    refused_message = gettext_lazy("Alleen beheerders van de coalitie wijzigen de uitzonderingen.")
    conflict_message = gettext_lazy(
        "Deze uitzondering is intussen gewijzigd (nu versie %(version)s). Haal haar opnieuw op."
    )

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "care_kind", "insurer", "id")

    def form(self, values, coalition, *, created):
        return ExceptionForm({**values, "version": values.get("version", 0)})

    def save(self, request, form, coalition, *, row=None, year=None):
        return services.insurer_exception_save(
            actor=request.user,
            coalition=coalition,
            year=year,
            data=form.data_dict(),
            exception_pk=row.pk if row else None,
            expected_version=form.cleaned_data["version"] if row else 0,
            request=request,
        )


@extend_schema(tags=[TAG])
class InsurerExceptionListCreateView(_Exceptions, _ListCreate):
    @extend_schema(
        summary="Uitzonderingen van verzekeraars",
        description=(
            "Polissen die meer vergoeden dan het basispakket, per soort polis, soort zorg en jaar."
        ),
        parameters=[YEAR_FILTER],
        responses={200: InsurerExceptionSerializer(many=True), 400: INVALID, 403: NOT_ALLOWED},
    )
    def get(self, request):
        return self.list_rows(request)

    @extend_schema(
        summary="Uitzondering toevoegen",
        description="Een uitzondering voor een jaar, met de bron (beheerders).",
        request=InsurerExceptionWriteSerializer,
        examples=[OpenApiExample("Aanvullend", value=EXCEPTION_EXAMPLE, request_only=True)],
        responses={201: InsurerExceptionSerializer, 400: INVALID, 403: NOT_ALLOWED},
    )
    def post(self, request):
        return self.create(request)


def _detail_docs(serializer, write_serializer, example, name: str):
    """The schema of GET, PUT, PATCH and DELETE of one row."""
    answers = {400: INVALID, 403: NOT_ALLOWED, 404: NOT_FOUND, 409: CONFLICT}
    return {
        "get": extend_schema(
            summary=name,
            parameters=[ID_PARAMETER],
            responses={200: serializer, 403: NOT_ALLOWED, 404: NOT_FOUND},
        ),
        "put": extend_schema(
            summary=f"{name}: vervangen",
            description="Stuur alle velden en de `version` mee die je las.",
            parameters=[ID_PARAMETER],
            request=write_serializer,
            examples=[OpenApiExample(name, value={**example, "version": 1})],
            responses={200: serializer, **answers},
        ),
        "patch": extend_schema(
            summary=f"{name}: deels wijzigen",
            description="Wijzigt de velden die je meestuurt. Stuur de `version` mee die je las.",
            parameters=[ID_PARAMETER],
            request=write_serializer,
            examples=[OpenApiExample(name, value={"conditions": "", "version": 1})],
            responses={200: serializer, **answers},
        ),
        "delete": extend_schema(
            summary=f"{name}: verwijderen",
            parameters=[ID_PARAMETER],
            responses={204: None, 403: NOT_ALLOWED, 404: NOT_FOUND},
        ),
    }


EXCEPTION_DOCS = _detail_docs(
    InsurerExceptionSerializer, InsurerExceptionWriteSerializer, EXCEPTION_EXAMPLE, "Uitzondering"
)


@extend_schema(tags=[TAG])
class InsurerExceptionDetailView(_Exceptions, _Detail):
    @EXCEPTION_DOCS["get"]
    def get(self, request, pk):
        return Response(self.get_serializer(self.row(pk)).data)

    @EXCEPTION_DOCS["put"]
    def put(self, request, pk):
        return self.change(request, pk, partial=False)

    @EXCEPTION_DOCS["patch"]
    def patch(self, request, pk):
        return self.change(request, pk, partial=True)

    @EXCEPTION_DOCS["delete"]
    def delete(self, request, pk):
        return self.remove(request, pk, _delete_exception)


def _delete_exception(*, pk, **kwargs):
    services.insurer_exception_delete(exception_pk=pk, **kwargs)


# --- Compensation routes -----------------------------------------------------------------------

ROUTE_EXAMPLE = {
    "municipality": 1,
    "kind": "bijzondere_bijstand",
    "name": "Bijzondere bijstand Eerstedorp",
    "care_kinds": ["kraamzorg"],
    "minima_only": True,
    "conditions": "Inkomen tot 120% van het sociaal minimum.",
    "how_to_apply": "Via het formulier op de website van de gemeente.",
    "contact": "Sociaal loket, 14 0123",
    "source": "Beleidsregels bijzondere bijstand 2026",
    "is_active": True,
}


class _Routes(_Rows):
    model = CompensationRoute
    serializer_class = CompensationRouteRowSerializer
    fields = (*CompensationForm.DATA_FIELDS, "municipality")
    writers = COMPENSATION_WRITERS
    needs_year = False
    refused_message = gettext_lazy(
        "Alleen beheerders en coördinatoren van de coalitie wijzigen de vergoedingsregelingen."
    )
    conflict_message = gettext_lazy(
        "Deze regeling is intussen gewijzigd (nu versie %(version)s). Haal haar opnieuw op."
    )

    def get_queryset(self):
        return super().get_queryset().order_by("municipality_id", "kind", "name", "id")

    def current(self, row) -> dict:
        return {**super().current(row), "municipality": row.municipality_id}

    def form(self, values, coalition, *, created):
        municipalities = Municipality.objects.filter(coalition=coalition).order_by("name")
        return CompensationForm(
            {**values, "version": values.get("version", 0)}, municipalities=municipalities
        )

    def save(self, request, form, coalition, *, row=None, year=None):
        return services.compensation_route_save(
            actor=request.user,
            coalition=coalition,
            data=form.data_dict(),
            route_pk=row.pk if row else None,
            expected_version=form.cleaned_data["version"] if row else 0,
            request=request,
        )


@extend_schema(tags=[TAG])
class CompensationRouteListCreateView(_Routes, _ListCreate):
    def filter_rows(self, queryset, params):
        if municipality := params.get("municipality", ""):
            if not (municipality.isascii() and municipality.isdigit()):
                raise serializers.ValidationError(
                    {"municipality": [_("Geef het id van een gemeente.")]}
                )
            queryset = queryset.filter(municipality_id=int(municipality))
        return queryset

    @extend_schema(
        summary="Vergoedingsregelingen van gemeenten",
        description=(
            "Wat gemeenten bieden om de eigen kosten van een gezin terug te betalen, en onder "
            "welke voorwaarden."
        ),
        parameters=[
            OpenApiParameter(
                "municipality", OpenApiTypes.INT, description="Alleen deze gemeente (id)."
            )
        ],
        responses={200: CompensationRouteRowSerializer(many=True), 400: INVALID, 403: NOT_ALLOWED},
    )
    def get(self, request):
        return self.list_rows(request)

    @extend_schema(
        summary="Vergoedingsregeling toevoegen",
        description="Een regeling van een gemeente van de coalitie (beheerders, coördinatoren).",
        request=CompensationRouteWriteSerializer,
        examples=[OpenApiExample("Bijzondere bijstand", value=ROUTE_EXAMPLE, request_only=True)],
        responses={201: CompensationRouteRowSerializer, 400: INVALID, 403: NOT_ALLOWED},
    )
    def post(self, request):
        return self.create(request)


ROUTE_DOCS = _detail_docs(
    CompensationRouteRowSerializer,
    CompensationRouteWriteSerializer,
    ROUTE_EXAMPLE,
    "Vergoedingsregeling",
)


@extend_schema(tags=[TAG])
class CompensationRouteDetailView(_Routes, _Detail):
    @ROUTE_DOCS["get"]
    def get(self, request, pk):
        return Response(self.get_serializer(self.row(pk)).data)

    @ROUTE_DOCS["put"]
    def put(self, request, pk):
        return self.change(request, pk, partial=False)

    @ROUTE_DOCS["patch"]
    def patch(self, request, pk):
        return self.change(request, pk, partial=True)

    @ROUTE_DOCS["delete"]
    def delete(self, request, pk):
        return self.remove(request, pk, _delete_route)


def _delete_route(*, pk, **kwargs):
    services.compensation_route_delete(route_pk=pk, **kwargs)
