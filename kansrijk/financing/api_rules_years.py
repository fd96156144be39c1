"""Copying a year's financing and loading the shipped figures through the API, as the pages
do (`views_rules.year_copy`, `views_rules.defaults_load`):

- copying a year (`POST financing/year-figures/{id}/copy/`): the figures, rules and
  insurers' exceptions of the year of those figures go to `target_year`, refused when that
  year has figures or rules already (nothing is overwritten);
- loading the shipped figures (`POST financing/defaults/load/`): the figures and rules of
  the demo year, with their source; idempotent (what is there already stays);
- who: administrators of the coalition. Other readers of the rules get 403, analysts 403,
  without a session or token 401; figures of a coalition the caller does not read are "not
  found" (404). The API has no session's active coalition: loading goes to the coalition
  the caller administers, or the one named in `coalition` when there are more;
- the input is checked by the page's form (`YearCopyForm`) and the services
  (`services_rules`: the role checked again, Dutch messages, one transaction, the audit
  trail). A POST may carry an `Idempotency-Key` (kansrijk/core/idempotency.py).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_errors import problem_response
from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Coalition

from . import services_rules as services
from .api_rules import NOT_ALLOWED, READ_PERMISSIONS, TAG
from .api_rules_more import ADMINISTRATORS, ID_PARAMETER, INVALID, NOT_FOUND, _checked, _writable
from .defaults import YEAR as DEFAULTS_YEAR
from .forms_rules import YearCopyForm
from .models import FinancingYear

REFUSED = gettext_lazy("Alleen beheerders van de coalitie kopiëren een jaar of laden cijfers.")


def _refused() -> Response:
    return problem_response(status=403, detail=str(REFUSED))


class YearCopyRequestSerializer(serializers.Serializer):
    target_year = serializers.IntegerField(
        min_value=2000, max_value=2100, help_text="Het nieuwe jaar (nog zonder cijfers)."
    )


class YearCopyAnswerSerializer(serializers.Serializer):
    source_year = serializers.IntegerField()
    target_year = serializers.IntegerField()
    copied = serializers.IntegerField(help_text="Aantal gekopieerde regels en cijfers.")
    detail = serializers.CharField()


class DefaultsLoadRequestSerializer(serializers.Serializer):
    coalition = serializers.IntegerField(
        required=False, help_text="Id van de coalitie (als je er meer beheert)."
    )


class DefaultsLoadAnswerSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    written = serializers.IntegerField(help_text="Aantal geschreven rijen; 0 als alles er al was.")
    detail = serializers.CharField()


@extend_schema(tags=[TAG])
class FinancingYearCopyView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Copy the year of these figures to a new year (administrators)."""

    permissions_by_method = {"POST": READ_PERMISSIONS}
    rule_coalitions: set[int] = set()

    @extend_schema(
        summary="Een jaar kopiëren",
        description=(
            "Kopieert de cijfers, regels en uitzonderingen van het jaar van deze cijfers naar "
            "`target_year`, met hun bron (beheerders). Kopiëren kan alleen naar een jaar dat "
            "nog geen cijfers of regels heeft. Controleer daarna elk bedrag."
        ),
        parameters=[ID_PARAMETER],
        request=YearCopyRequestSerializer,
        examples=[OpenApiExample("Naar 2027", value={"target_year": 2027}, request_only=True)],
        responses={
            201: YearCopyAnswerSerializer,
            400: INVALID,
            403: NOT_ALLOWED,
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk: int):
        figures = FinancingYear.objects.filter(pk=pk, coalition_id__in=self.rule_coalitions)
        figures = figures.select_related("coalition").first()
        if figures is None:
            raise Http404(_("Dit bestaat niet (meer) in je coalitie."))
        if figures.coalition_id not in _writable(request.user, ADMINISTRATORS):
            return _refused()
        sent = request.data if isinstance(request.data, dict) else {}
        target = _checked(YearCopyForm({"target_year": sent.get("target_year")}))["target_year"]
        try:
            copied = services.financing_year_copy(
                actor=request.user,
                coalition=figures.coalition,
                source_year=figures.year,
                target_year=target,
                request=request,
            )
        except DjangoPermissionDenied:
            return _refused()
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        detail = _(
            "%(source)s is gekopieerd naar %(target)s (%(count)s regels en cijfers). "
            "Pas de bedragen aan die in %(target)s anders zijn, met hun bron."
        ) % {"source": figures.year, "target": target, "count": copied}
        answer = {
            "source_year": figures.year,
            "target_year": target,
            "copied": copied,
            "detail": detail,
        }
        return Response(answer, status=status.HTTP_201_CREATED)


def _coalition(user, sent: dict) -> Coalition | None:
    """The coalition to load into: the one named, or the only one `user` administers."""
    writable = _writable(user, ADMINISTRATORS)
    if not writable:
        return None
    asked = sent.get("coalition")
    if asked in (None, ""):
        if len(writable) != 1:
            raise serializers.ValidationError(
                {"coalition": [_("Kies de coalitie: je beheert er meer dan één.")]}
            )
        (asked,) = writable
    elif not str(asked).isdigit() or int(asked) not in writable:
        raise serializers.ValidationError(
            {"coalition": [_("Je kunt dit niet wijzigen in deze coalitie.")]}
        )
    return Coalition.objects.get(pk=int(asked))


@extend_schema(tags=[TAG])
class FinancingDefaultsLoadView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Load the shipped figures and rules of the demo year (administrators)."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}

    @extend_schema(
        summary="Standaardcijfers laden",
        description=(
            f"Laadt de cijfers en regels van {DEFAULTS_YEAR} die kansrijk meelevert, elk met "
            "hun bron (beheerders). Wat er al is blijft staan: nog eens laden verandert niets "
            "(200 met `written` 0)."
        ),
        request=DefaultsLoadRequestSerializer,
        examples=[OpenApiExample("Eén coalitie", value={}, request_only=True)],
        responses={
            201: DefaultsLoadAnswerSerializer,
            200: DefaultsLoadAnswerSerializer,
            400: INVALID,
            401: OpenApiResponse(ErrorSerializer, description="Niet ingelogd."),
            403: NOT_ALLOWED,
        },
    )
    def post(self, request):
        sent = request.data if isinstance(request.data, dict) else {}
        coalition = _coalition(request.user, sent)
        if coalition is None:
            return _refused()
        try:
            written = services.financing_defaults_load(
                actor=request.user, coalition=coalition, request=request
            )
        except DjangoPermissionDenied:
            return _refused()
        if written:
            detail = _("De standaardcijfers van %(year)s zijn geladen, met hun bron.")
        else:
            detail = _("De standaardcijfers van %(year)s waren er al; er is niets veranderd.")
        answer = {
            "year": DEFAULTS_YEAR,
            "written": written,
            "detail": detail % {"year": DEFAULTS_YEAR},
        }
        return Response(answer, status=status.HTTP_201_CREATED if written else status.HTTP_200_OK)


urlpatterns: list = [
    path(
        "financing/year-figures/<int:pk>/copy/",
        FinancingYearCopyView.as_view(),
        name="financing_year_copy",
    ),
    path(
        "financing/defaults/load/",
        FinancingDefaultsLoadView.as_view(),
        name="financing_defaults_load",
    ),
]
