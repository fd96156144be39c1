"""Writing financing rules through the API, with the pages' rules (views_rules):

- administrators (beheerders) of a coalition add, change and remove its rules; the other
  readers of the rules (professionals, coordinators) get 403 on a write, analysts 403 on
  everything (as on the pages), and without a session or token the answer is 401. A rule of
  a coalition the caller does not read is "not found" (404);
- the API has no session's active coalition: a new rule goes to the coalition the caller
  administers, or the one named in `coalition` when they administer more than one; `year`
  is given at creation and stays (as on the pages);
- PUT and PATCH carry the `version` the client read: a rule that changed since answers 409;
- every write goes through `services_rules` (the role checked again, the Dutch messages per
  field, one rule per kind of care or service and year, one transaction, the audit trail).

Reading one rule and the list are as in `api_rules.py`. The rules are coalition data without
any family, so no access event is written.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
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
from kansrijk.organisations.models import Coalition, Membership
from kansrijk.socialmap.models import Service

from . import services_rules as services
from .api_rules import NOT_ALLOWED, READ_PERMISSIONS, TAG, FinancingRuleListView
from .api_rules_write_serializers import FinancingRuleAnswerSerializer as FinancingRuleSerializer
from .api_rules_write_serializers import (
    FinancingRuleConflictSerializer,
    FinancingRuleWriteSerializer,
)
from .forms_rules import RuleForm
from .models import FinancingRule

FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen beheerders van de coalitie wijzigen de regels."
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Niet gevonden of geen toegang.")
INVALID = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen per veld.")
CONFLICT = OpenApiResponse(
    FinancingRuleConflictSerializer,
    description="De regel is intussen gewijzigd: haal hem opnieuw op.",
)
RULE_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van de regel."
)
EXAMPLE = {
    "year": 2026,
    "care_kind": "kraamzorg",
    "service": None,
    "law": "zvw",
    "payer": "insurer",
    "eigen_risico_applies": False,
    "contribution_kind": "per_hour",
    "contribution_amount": "4.50",
    "indication_required": True,
    "referral_required": False,
    "interpretation_payer": "",
    "interpretation_notes": "",
    "notes": "Het gezin betaalt per uur kraamzorg een eigen bijdrage.",
    "source": "Zorgverzekeringswet, Besluit zorgverzekering 2026",
}
WRITTEN_FIELDS = tuple(name for name in services.RULE_FIELDS if name != "service")


class AdministersACoalition(permissions.BasePermission):
    """Administers a coalition now; keeps those coalitions on the view (one query)."""

    message = gettext_lazy("Alleen beheerders van een coalitie wijzigen de financieringsregels.")

    def has_permission(self, request, view) -> bool:
        view.administered = _administered(request.user)
        return bool(view.administered)


def _administered(user) -> set[int]:
    return set(
        Membership.objects.current()
        .filter(professional=user, is_administrator=True)
        .values_list("coalition_id", flat=True)
    )


def _refused() -> Response:
    return problem_response(status=403, detail=AdministersACoalition.message)


def _conflict(conflict: VersionConflict) -> Response:
    detail = _(
        "Deze regel is intussen gewijzigd (nu versie %(version)s). Haal hem opnieuw op en "
        "breng je wijziging daarin aan."
    ) % {"version": conflict.current_version}
    return version_conflict_response(conflict, detail, FinancingRuleConflictSerializer)


def _data(values: dict) -> dict:
    """The service's `data`: the rule's fields, the service (`Service` or None) looked up by
    its HSDS id; an unknown id gets the page's message."""
    data = {name: values.get(name) for name in WRITTEN_FIELDS}
    service_id = values.get("service")
    data["service"] = None
    if service_id is not None:
        data["service"] = Service.objects.filter(pk=service_id).first()
        if data["service"] is None:
            message = RuleForm.base_fields["service"].error_messages["invalid_choice"]
            raise serializers.ValidationError({"service": [str(message)]})
    return data


def _save(request, *, coalition_id: int, year: int, data: dict, rule_pk=None, version=0):
    try:
        rule = services.financing_rule_save(
            actor=request.user,
            coalition=Coalition.objects.get(pk=coalition_id),
            year=year,
            data=data,
            rule_pk=rule_pk,
            expected_version=version,
            request=request,
        )
    except VersionConflict as conflict:
        return _conflict(conflict)
    except DjangoPermissionDenied:
        return _refused()
    except DjangoValidationError as error:
        raise _drf_validation_error(error) from None
    rule = FinancingRule.objects.get(pk=rule.pk)
    code = status.HTTP_201_CREATED if rule_pk is None else status.HTTP_200_OK
    return Response(FinancingRuleSerializer(rule).data, status=code)


# --- The list, and a new rule ------------------------------------------------------------------


@extend_schema(tags=[TAG])
class FinancingRuleListCreateView(FinancingRuleListView):
    """The list of `api_rules.FinancingRuleListView`, and a new rule (administrators)."""

    permissions_by_method = {
        "GET": READ_PERMISSIONS,
        "POST": (permissions.IsAuthenticated, AdministersACoalition),
    }
    administered: set[int] = set()

    @extend_schema(
        summary="Financieringsregel toevoegen",
        description=(
            "Een regel voor een soort zorg (of één aanbod) in een jaar. Een bedrag heeft een "
            "bron nodig; per soort zorg (of aanbod) en jaar is er één regel."
        ),
        request=FinancingRuleWriteSerializer,
        examples=[OpenApiExample("Kraamzorg 2026", value=EXAMPLE, request_only=True)],
        responses={201: FinancingRuleSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def post(self, request):
        serializer = FinancingRuleWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        if values.get("year") is None:
            raise serializers.ValidationError({"year": [_("Vul een jaar in.")]})
        coalition_id = values.get("coalition")
        if coalition_id is None:
            if len(self.administered) != 1:
                raise serializers.ValidationError(
                    {"coalition": [_("Kies de coalitie: je bent beheerder in meer dan één.")]}
                )
            (coalition_id,) = self.administered
        elif coalition_id not in self.administered:
            raise serializers.ValidationError(
                {"coalition": [_("Je bent geen beheerder van deze coalitie.")]}
            )
        return _save(request, coalition_id=coalition_id, year=values["year"], data=_data(values))


# --- One rule ----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class FinancingRuleDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {
        "GET": READ_PERMISSIONS,
        "PUT": READ_PERMISSIONS,
        "PATCH": READ_PERMISSIONS,
        "DELETE": READ_PERMISSIONS,
    }
    serializer_class = FinancingRuleSerializer
    rule_coalitions: set[int] = set()

    def _rule(self, pk: int) -> FinancingRule:
        rule = FinancingRule.objects.filter(pk=pk, coalition_id__in=self.rule_coalitions).first()
        if rule is None:
            raise Http404(_("Deze regel bestaat niet (meer) in je coalitie."))
        return rule

    def _may_write(self, rule: FinancingRule) -> bool:
        return rule.coalition_id in _administered(self.request.user)

    @extend_schema(
        summary="Financieringsregel",
        description="Eén regel met de wet, wie betaalt, de eigen bijdrage en de bron.",
        parameters=[RULE_PARAMETER],
        responses={200: FinancingRuleSerializer, 403: NOT_ALLOWED, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return Response(FinancingRuleSerializer(self._rule(pk)).data)

    def _write(self, request, pk, *, partial: bool):
        rule = self._rule(pk)
        if not self._may_write(rule):
            return _refused()
        serializer = FinancingRuleWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        sent = dict(serializer.validated_data)
        version = sent.pop("version", None)
        if version is None:
            raise serializers.ValidationError(
                {"version": [_("Stuur de versie mee die je hebt opgehaald.")]}
            )
        current = {name: getattr(rule, name) for name in WRITTEN_FIELDS}
        current["service"] = rule.service_id
        values = {**current, **sent} if partial else sent
        return _save(
            request,
            coalition_id=rule.coalition_id,
            year=rule.year,
            data=_data(values),
            rule_pk=rule.pk,
            version=version,
        )

    @extend_schema(
        summary="Financieringsregel vervangen",
        description=(
            "Vervangt alle velden van de regel (het jaar blijft). Stuur de `version` mee die "
            "je las."
        ),
        parameters=[RULE_PARAMETER],
        request=FinancingRuleWriteSerializer,
        examples=[OpenApiExample("Kraamzorg 2026", value={**EXAMPLE, "version": 1})],
        responses={
            200: FinancingRuleSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def put(self, request, pk):
        return self._write(request, pk, partial=False)

    @extend_schema(
        summary="Financieringsregel deels wijzigen",
        description="Wijzigt de velden die je meestuurt. Stuur de `version` mee die je las.",
        parameters=[RULE_PARAMETER],
        request=FinancingRuleWriteSerializer,
        examples=[
            OpenApiExample(
                "Ander bedrag",
                value={"contribution_amount": "4.75", "version": 1},
                request_only=True,
            )
        ],
        responses={
            200: FinancingRuleSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def patch(self, request, pk):
        return self._write(request, pk, partial=True)

    @extend_schema(
        summary="Financieringsregel verwijderen",
        description="Het financieringsoverzicht van gezinnen gebruikt de regel dan niet meer.",
        parameters=[RULE_PARAMETER],
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk):
        rule = self._rule(pk)
        if not self._may_write(rule):
            return _refused()
        try:
            services.financing_rule_delete(
                actor=request.user,
                coalition=Coalition.objects.get(pk=rule.coalition_id),
                rule_pk=rule.pk,
                request=request,
            )
        except DjangoPermissionDenied:
            return _refused()
        except DjangoValidationError as error:
            raise Http404(" ".join(error.messages)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
