"""The work queue's actions on a family through the API, as on the page (`views.plan_jgz_contact`
and `views.record_aftercare`):

- `POST /api/v1/families/{id}/jgz-contact/`: plan the first JGZ contact after kraamzorg
  (`services.jgz_contact_plan`): a task for the caller when they work for the JGZ, else for
  the coalition's JGZ organisation, due on `due_date` or within two working days;
- `POST /api/v1/families/{id}/aftercare/`: record the after-care agreement for after the 1000
  days (`services.aftercare_record`): a task of the caller, due on the child's second
  birthday unless `due_date` says otherwise, with the agreement as its description.

Access as every family write of the API (`kansrijk.care.api_plan`): logged in, then the
family through the access policy without a read event (`family_for_write`), so that a
refusal is logged outside the service's transaction and answers 404 "niet gevonden of geen
toegang" to anyone without a ground (coordinators, analysts and administrators included,
policy rule 4); then the input; then the service, which locks the family, logs the update
(NEN 7513), refuses a closed file, a date in the past or a second open task with the
page's Dutch messages (400), and puts the task on the family's timeline.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.care.models import Task
from kansrijk.care.serializers_plan import TaskSerializer
from kansrijk.families.api import NOT_FOUND, PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.pages import family_for_write

from . import services

TAG = "ketensignalen"
INVALID_INPUT = OpenApiResponse(
    description=(
        "Ongeldige invoer, een gesloten dossier of al een open taak van deze soort, met "
        "Nederlandse meldingen."
    )
)
FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
DATE_MESSAGE = _("Vul een geldige datum in, bijvoorbeeld 2027-03-03.")


def _due_date(help_text: str) -> serializers.DateField:
    return serializers.DateField(
        required=False,
        allow_null=True,
        error_messages={"invalid": DATE_MESSAGE, "datetime": DATE_MESSAGE},
        help_text=help_text,
    )


class JgzContactPlanSerializer(serializers.Serializer):
    due_date = _due_date(
        _("Uiterlijk op (niet in het verleden); leeg: binnen twee werkdagen vanaf vandaag.")
    )


class AftercareRecordSerializer(serializers.Serializer):
    agreement = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        error_messages={
            "max_length": _("Beschrijf de afspraak in hoogstens {max_length} tekens."),
            "invalid": _("Beschrijf de afspraak als tekst."),
        },
        help_text=_(
            "De afspraak: wie het gezin na de tweede verjaardag volgt en waar het terecht kan "
            "(hoogstens 2000 tekens); leeg: een standaardtekst."
        ),
    )
    due_date = _due_date(
        _("Uiterlijk op (niet in het verleden); leeg: de tweede verjaardag van het kind.")
    )


def _input(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _task_response(task: Task) -> Response:
    """The new task as the family's task list shows it (owner and organisation joined)."""
    task = Task.objects.select_related("owner", "owner_organisation").get(pk=task.pk)
    return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class JgzContactPlanView(PermissionsByMethodMixin, generics.GenericAPIView):
    """ "Plan JGZ-contact" on a family in the gap between kraamzorg and JGZ."""

    # No `IsProfessional`: the policy decides, and answers 404 to anyone without a ground.
    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = TaskSerializer

    @extend_schema(
        summary="JGZ-contact plannen",
        description=(
            "Zoals de knop Plan JGZ-contact in de werkvoorraad: het eerste JGZ-contact na de "
            "kraamperiode, als taak. Werk je zelf voor een JGZ-organisatie in de coalitie van "
            "het gezin, dan is de taak van jou; anders van de JGZ-organisatie van de coalitie. "
            "Uiterlijk op `due_date`, of binnen twee werkdagen. Het ketensignaal 'tussen "
            "kraamzorg en JGZ' verdwijnt daarmee. Een tweede open JGZ-contact, een datum in het "
            "verleden of een gesloten dossier geeft 400."
        ),
        parameters=[FAMILY_PARAMETER],
        request=JgzContactPlanSerializer,
        examples=[
            OpenApiExample("Binnen twee werkdagen", value={}, request_only=True),
            OpenApiExample("Op een datum", value={"due_date": "2027-03-17"}, request_only=True),
        ],
        responses={201: TaskSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family = family_for_write(request, pk, coalition=None)
        data = _input(JgzContactPlanSerializer, request)
        try:
            task = services.jgz_contact_plan(
                actor=request.user,
                family_pk=family.pk,
                due_date=data.get("due_date"),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _task_response(task)


@extend_schema(tags=[TAG])
class AftercareRecordView(PermissionsByMethodMixin, generics.GenericAPIView):
    """ "Nazorgafspraak vastleggen": the after-care agreement as a task of the caller."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = TaskSerializer

    @extend_schema(
        summary="Nazorgafspraak vastleggen",
        description=(
            "Zoals de knop Nazorgafspraak vastleggen in de werkvoorraad: de afspraak voor na "
            "de 1000 dagen, als taak van jou met de afspraak als beschrijving. Uiterlijk op "
            "`due_date`, of op de tweede verjaardag van het kind (zonder geboren kind: over 30 "
            "dagen). Het ketensignaal 'nazorgafspraak ontbreekt' verdwijnt daarmee. Een tweede "
            "open nazorgafspraak, een datum in het verleden of een gesloten dossier geeft 400."
        ),
        parameters=[FAMILY_PARAMETER],
        request=AftercareRecordSerializer,
        examples=[
            OpenApiExample(
                "Afspraak met het consultatiebureau",
                value={"agreement": "JGZ ziet het gezin op het consultatiebureau."},
                request_only=True,
            )
        ],
        responses={201: TaskSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, coalition=None)
        data = _input(AftercareRecordSerializer, request)
        try:
            task = services.aftercare_record(
                actor=request.user,
                family_pk=family.pk,
                agreement=data.get("agreement", ""),
                due_date=data.get("due_date"),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _task_response(task)


urlpatterns = [
    path(
        "families/<int:pk>/jgz-contact/",
        JgzContactPlanView.as_view(),
        name="family_jgz_contact",
    ),
    path(
        "families/<int:pk>/aftercare/",
        AftercareRecordView.as_view(),
        name="family_aftercare",
    ),
]
