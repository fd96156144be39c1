"""Saving a family's kraamzorg calculation through the API, as "Opslaan" on the calculator's
page (`views_kraamzorg._save`).

`POST /api/v1/families/{id}/financing/kraamzorg/` keeps a calculation (each one; the latest
counts) through `services_kraamzorg.calculation_save`, with the year's figures, on the
family's timeline and, with `create_task`, the request for extra hours or prenatal
kraamzorg as a task (for the kraamzorg organisation on the care team, else for the caller).

Access as the other family writes of the API (`kansrijk.care.api_plan`): logged in, then the
family through the access policy without a read event (`family_for_write`), so that a
refusal is logged outside the service's transaction and answers 404 "niet gevonden of geen
toegang" to anyone without a ground (coordinators, analysts and administrators included);
a closed file is refused before the input is looked at, as on the page; then the input,
parsed by the page's form (`KraamzorgForm`, the same Dutch messages); then the service,
which locks the family, logs the update (NEN 7513) and checks the input against the year's
figures (400 with its Dutch messages per field).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.care.serializers_plan import TaskSerializer
from kansrijk.families.api import NOT_FOUND, PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.pages import family_for_write

from . import services_kraamzorg as services
from .forms_kraamzorg import HOURS_LIMIT, KraamzorgForm
from .models import KraamzorgCalculation

TAG = "financiering"
INVALID_INPUT = OpenApiResponse(
    description=(
        "Ongeldige invoer, invoer die niet past bij de cijfers van het jaar, of een gesloten "
        "dossier, met Nederlandse meldingen per veld."
    )
)
FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
EXAMPLE = {
    "year": 2026,
    "standard_hours": 49,
    "extra_hours": 10,
    "extra_reason": "Moeder heeft geen netwerk om haar te helpen.",
    "chosen_hours": 49,
    "prenatal_requested": False,
    "prenatal_reason": "",
    "create_task": True,
}


def _hours(help_text, min_value: int = 0) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=min_value, max_value=HOURS_LIMIT, help_text=help_text)


class KraamzorgCalculationWriteSerializer(serializers.Serializer):
    """The calculator's input (documentation: the page's form parses it, with its messages)."""

    year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy(
            "Jaar van de bevalling: de cijfers van dat jaar gelden (of die van het laatste "
            "eerdere jaar met cijfers)."
        ),
    )
    standard_hours = _hours(
        gettext_lazy("Standaard uren uit het landelijk indicatieprotocol (LIP) kraamzorg."),
        min_value=1,
    )
    extra_hours = _hours(gettext_lazy("Extra uren bovenop de standaard (0: geen)."))
    extra_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Nodig bij extra uren: waarom het gezin ze nodig heeft."),
    )
    chosen_hours = _hours(
        gettext_lazy("Uren die het gezin wil afnemen (het betaalt een eigen bijdrage per uur)."),
        min_value=1,
    )
    prenatal_requested = serializers.BooleanField(
        required=False,
        default=False,
        help_text=gettext_lazy("Prenatale kraamzorg aanvragen."),
    )
    prenatal_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Nodig als je prenatale kraamzorg aanvraagt."),
    )
    create_task = serializers.BooleanField(
        required=False,
        default=False,
        help_text=gettext_lazy(
            "De extra uren / prenatale kraamzorg aanvragen als taak: voor de "
            "kraamzorgorganisatie in het zorgteam, anders voor jou. Alleen als er extra uren "
            "of prenatale kraamzorg zijn."
        ),
    )


class KraamzorgCalculationSerializer(serializers.ModelSerializer):
    """A saved calculation. Needs `task`, `task__owner` and `task__owner_organisation` joined."""

    indicated_hours = serializers.IntegerField(
        help_text=gettext_lazy("Geïndiceerd: standaard plus extra uren.")
    )
    contribution_per_hour = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        allow_null=True,
        help_text=gettext_lazy("Eigen bijdrage per uur (€); leeg: onbekend."),
    )
    estimated_cost = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        allow_null=True,
        help_text=gettext_lazy("Geschatte kosten voor het gezin (€); leeg: onbekend."),
    )
    task = TaskSerializer(
        allow_null=True,
        help_text=gettext_lazy("De taak die de extra uren of prenatale kraamzorg aanvraagt."),
    )

    class Meta:
        model = KraamzorgCalculation
        fields = [
            "id",
            "family",
            "pregnancy",
            "year",
            "figures_year",
            "standard_hours",
            "extra_hours",
            "indicated_hours",
            "extra_reason",
            "chosen_hours",
            "prenatal_requested",
            "prenatal_reason",
            "contribution_per_hour",
            "estimated_cost",
            "too_few_hours_risk",
            "task",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields


def _checked(form: KraamzorgForm) -> None:
    if not form.is_valid():
        raise _drf_validation_error(DjangoValidationError(form.errors.as_data()))


@extend_schema(tags=[TAG])
class KraamzorgCalculationSaveView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Save a kraamzorg calculation of the family."""

    # No `IsProfessional`: the policy decides, and answers 404 to anyone without a ground.
    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = KraamzorgCalculationSerializer

    @extend_schema(
        summary="Kraamzorgberekening opslaan",
        description=(
            "Zoals Opslaan op de pagina Kraamzorg: bewaart een berekening van de kraamzorguren "
            "en de eigen bijdrage met de cijfers van het jaar (elke berekening blijft bewaard; "
            "de laatste telt) en zet hem op de tijdlijn. Met `create_task` worden de extra uren "
            "of de prenatale kraamzorg aangevraagd als taak. Invoer die niet past bij de cijfers "
            "van het jaar (of een jaar zonder cijfers) of een gesloten dossier geeft 400."
        ),
        parameters=[FAMILY_PARAMETER],
        request=KraamzorgCalculationWriteSerializer,
        examples=[OpenApiExample("Extra uren, met taak", value=EXAMPLE, request_only=True)],
        responses={201: KraamzorgCalculationSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        # Access first (a refusal is logged outside the service's transaction).
        family = family_for_write(request, pk, coalition=None)
        if not family.is_open:
            raise serializers.ValidationError(
                _("Dit dossier is gesloten. Heropen het om een berekening op te slaan.")
            )
        form = KraamzorgForm(request.data if isinstance(request.data, dict) else {})
        _checked(form)
        try:
            calculation = services.calculation_save(
                actor=request.user,
                family_pk=family.pk,
                data=form.kraamzorg_input(),
                create_task=form.cleaned_data["create_task"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        calculation = KraamzorgCalculation.objects.select_related(
            "task", "task__owner", "task__owner_organisation"
        ).get(pk=calculation.pk)
        body = KraamzorgCalculationSerializer(calculation).data
        return Response(body, status=status.HTTP_201_CREATED)


urlpatterns = [
    path(
        "families/<int:pk>/financing/kraamzorg/",
        KraamzorgCalculationSaveView.as_view(),
        name="family_kraamzorg_calculation",
    ),
]
