"""The people of a family file through the API: its persons and pregnancies, and recording
how a pregnancy ended (the child joins the household).

The pages' rules (`views_people.py`), through the same access policy and services:

- a read reaches the family with `get_family_for_user`, which writes the NEN 7513 read event
  (with the persons concerned) and answers 404 "niet gevonden of geen toegang" alike for a
  family that does not exist and one the caller may not see: only the care team and an
  active break-the-glass, never coordinators, analysts or administrators on their role;
- a write first takes the family with `family_for_write` (no event yet; a refusal is logged
  there, outside the service's transaction), then reads the input, then calls the service
  (`person_add`, `person_update`, `pregnancy_add`, `pregnancy_update`,
  `pregnancy_birth_record`), which takes the family through the policy again with a row
  lock, refuses a closed file, validates with the model's Dutch messages, logs the create or
  update and writes the timeline;
- a person's BSN is never rendered, only `bsn_masked` (as the family file); it is written
  only: left out of a PATCH it stays as stored, an empty string removes it.

The person and pregnancy services keep no version of their own (only the family has one),
so these writes have no version check: a PATCH changes only the fields it sends.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user

from . import services
from .api import NOT_FOUND, PermissionsByMethodMixin, _drf_validation_error
from .models import (
    ContactPreference,
    Family,
    Person,
    PersonRole,
    Pregnancy,
    PregnancyOutcome,
)
from .pages import family_for_write
from .serializers import ErrorSerializer, PersonSerializer, PregnancySerializer
from .validators import normalise_bsn, validate_bsn

Action = AccessEvent.Action
TAG = "personen en zwangerschappen"
SMALLINT_MAX = 32767
DATE_INVALID = gettext_lazy("Geef een geldige datum als JJJJ-MM-DD.")

INVALID_INPUT = OpenApiResponse(
    description=(
        "Ongeldige invoer, of het dossier is gesloten, met Nederlandse meldingen; er is niets "
        "opgeslagen."
    )
)
FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
PERSON_PARAMETER = OpenApiParameter(
    "person_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van de persoon in het gezin.",
)
PREGNANCY_PARAMETER = OpenApiParameter(
    "pregnancy_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van de zwangerschap van het gezin.",
)
PERSON_NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Niet gevonden of geen toegang; of deze persoon hoort niet bij dit gezin.",
)
PREGNANCY_NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Niet gevonden of geen toegang; of deze zwangerschap hoort niet bij dit gezin.",
)


# --- Serializers ----------------------------------------------------------------------------


class PersonWriteSerializer(serializers.Serializer):
    """As the person form: types and choices here; the service checks the rest (a birth date
    in the future, the phone number) with the model's Dutch messages."""

    role = serializers.ChoiceField(
        choices=PersonRole.choices,
        error_messages={"required": gettext_lazy("Kies de rol van deze persoon in het gezin.")},
    )
    first_name = serializers.CharField(
        max_length=80,
        error_messages={
            "required": gettext_lazy("Vul de voornaam in."),
            "blank": gettext_lazy("Vul de voornaam in."),
        },
    )
    last_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(
        required=False, allow_null=True, error_messages={"invalid": DATE_INVALID}
    )
    bsn = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=gettext_lazy(
            "Negen cijfers; wordt nooit teruggegeven, alleen `bsn_masked`. Bij wijzigen: weglaten "
            "bewaart het opgeslagen BSN, een lege tekst verwijdert het."
        ),
    )
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(
        max_length=254,
        required=False,
        allow_blank=True,
        error_messages={
            "invalid": gettext_lazy(
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
            )
        },
    )
    preferred_contact = serializers.ChoiceField(
        choices=ContactPreference.choices, required=False, allow_blank=True
    )

    def validate_bsn(self, value: str) -> str:
        value = normalise_bsn(value)
        if value:
            validate_bsn(value)
        return value

    def person_data(self) -> dict:
        """What the service gets: on adding every field (empty where not sent), on
        changing only the fields sent."""
        data = dict(self.validated_data)
        if not self.partial:
            empty = {"date_of_birth": None}
            for name in services.PERSON_FIELDS:
                data.setdefault(name, empty.get(name, ""))
        return data


class PregnancyWriteSerializer(serializers.Serializer):
    """As the pregnancy form: the due date is required; the service checks the dates and
    counts against each other (plausibility limits, parity below gravidity)."""

    due_date = serializers.DateField(
        help_text=gettext_lazy("De uitgerekende datum. Mag niet meer dan 44 weken vooruit liggen."),
        error_messages={
            "required": gettext_lazy("Vul de à terme datum in."),
            "null": gettext_lazy("Vul de à terme datum in."),
            "invalid": DATE_INVALID,
        },
    )
    gravidity = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=SMALLINT_MAX,
        help_text=gettext_lazy("Het aantal zwangerschappen, deze meegeteld."),
    )
    parity = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=SMALLINT_MAX,
        help_text=gettext_lazy("Het aantal eerdere bevallingen."),
    )
    entered_care_on = serializers.DateField(
        required=False, allow_null=True, error_messages={"invalid": DATE_INVALID}
    )

    def pregnancy_data(self) -> dict:
        data = dict(self.validated_data)
        if not self.partial:
            for name in services.PREGNANCY_FIELDS:
                data.setdefault(name, None)
        return data


class BirthSerializer(serializers.Serializer):
    """As the birth form: how the pregnancy ended; a live birth adds the child."""

    birth_date = serializers.DateField(
        help_text=gettext_lazy("Datum van de bevalling of het einde van de zwangerschap"),
        error_messages={
            "required": gettext_lazy("Vul de geboortedatum in."),
            "null": gettext_lazy("Vul de geboortedatum in."),
            "invalid": DATE_INVALID,
        },
    )
    outcome = serializers.ChoiceField(
        choices=PregnancyOutcome.choices,
        error_messages={
            "required": gettext_lazy("Kies de uitkomst van de zwangerschap."),
            "null": gettext_lazy("Kies de uitkomst van de zwangerschap."),
        },
    )
    child_first_name = serializers.CharField(
        max_length=80,
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("Nog niet bekend? Laat leeg; het kind heet dan voorlopig 'Baby'."),
    )
    child_last_name = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )


class BirthResultSerializer(serializers.Serializer):
    pregnancy = PregnancySerializer()
    child = PersonSerializer(
        allow_null=True,
        help_text=gettext_lazy("Het kind dat aan het gezin is toegevoegd; null als er geen is."),
    )


# --- Helpers --------------------------------------------------------------------------------


def _persons(family: Family):
    return family.persons.order_by("role", "date_of_birth", "pk")


def _pregnancies(family: Family):
    return family.pregnancies.order_by("-due_date", "-pk")


def _read_family(request, pk, *, detail: str, persons=()) -> Family:
    return get_family_for_user(
        request.user, pk, Action.READ, request=request, detail=detail, persons=persons
    )


def _person_of(family: Family, person_pk) -> Person:
    person = _persons(family).filter(pk=person_pk).first()
    if person is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return person


def _pregnancy_of(family: Family, pregnancy_pk) -> Pregnancy:
    pregnancy = _pregnancies(family).filter(pk=pregnancy_pk).first()
    if pregnancy is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return pregnancy


PERSON_EXAMPLE = OpenApiExample(
    "Partner",
    value={
        "role": "partner",
        "first_name": "Mohamed",
        "last_name": "El Amrani",
        "date_of_birth": "1992-04-11",
        "phone": "06 12345678",
        "preferred_contact": "phone",
    },
    request_only=True,
)
PREGNANCY_EXAMPLE = OpenApiExample(
    "Tweede zwangerschap",
    value={"due_date": "2027-03-14", "gravidity": 2, "parity": 1, "entered_care_on": "2026-08-01"},
    request_only=True,
)


# --- Persons --------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class PersonListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The household of a family; adding someone to it."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        # No role check: the policy decides, with the same 404 for everyone without a ground.
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = PersonSerializer
    pagination_class = None  # a household is a handful of people; the file shows them all

    @extend_schema(
        summary="Personen van een gezin",
        description=(
            "Iedereen in het huishouden, met rol, contactgegevens en alleen het afgeschermde "
            "BSN (`bsn_masked`). Het inzien wordt gelogd met alle personen erbij."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={200: PersonSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        rows: list[Person] = []

        def concerned(family: Family) -> list[int]:
            rows.extend(_persons(family))
            return [person.pk for person in rows]

        _read_family(request, pk, detail=_("Personen ingezien via de API"), persons=concerned)
        return Response(PersonSerializer(rows, many=True).data)

    @extend_schema(
        summary="Persoon toevoegen",
        description=(
            "Voegt iemand toe aan het huishouden (rol en voornaam verplicht, BSN optioneel). "
            "Kan niet bij een gesloten dossier."
        ),
        parameters=[FAMILY_PARAMETER],
        request=PersonWriteSerializer,
        examples=[PERSON_EXAMPLE],
        responses={201: PersonSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family = family_for_write(request, pk, action=Action.CREATE, coalition=None)
        serializer = PersonWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            person = services.person_add(
                actor=request.user,
                family_pk=family.pk,
                data=serializer.person_data(),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class PersonDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One person of the household; changing their details."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "PATCH": (permissions.IsAuthenticated,),
    }
    serializer_class = PersonSerializer

    @extend_schema(
        summary="Persoon van een gezin",
        description=(
            "Eén persoon uit het huishouden, met alleen het afgeschermde BSN (`bsn_masked`). "
            "Het inzien wordt gelogd met deze persoon erbij."
        ),
        parameters=[FAMILY_PARAMETER, PERSON_PARAMETER],
        responses={200: PersonSerializer, 404: PERSON_NOT_FOUND},
    )
    def get(self, request, pk, person_pk):
        found: list[Person] = []

        def concerned(family: Family) -> list[int]:
            found.extend(_persons(family).filter(pk=person_pk))
            return [person.pk for person in found]

        _read_family(request, pk, detail=_("Persoon ingezien via de API"), persons=concerned)
        if not found:
            raise Http404(NOT_FOUND_MESSAGE)
        return Response(PersonSerializer(found[0]).data)

    @extend_schema(
        summary="Persoonsgegevens wijzigen",
        description=(
            "Wijzigt alleen de meegegeven velden; de vorige waarden blijven bewaard in de "
            "tijdlijn (het BSN alleen afgeschermd). `bsn` weglaten bewaart het opgeslagen BSN, "
            "een lege tekst verwijdert het. Kan niet bij een gesloten dossier."
        ),
        parameters=[FAMILY_PARAMETER, PERSON_PARAMETER],
        request=PersonWriteSerializer(partial=True),
        examples=[
            OpenApiExample(
                "Nieuw telefoonnummer",
                value={"phone": "06 87654321", "preferred_contact": "sms"},
                request_only=True,
            )
        ],
        responses={200: PersonSerializer, 400: INVALID_INPUT, 404: PERSON_NOT_FOUND},
    )
    def patch(self, request, pk, person_pk):
        family = family_for_write(request, pk, coalition=None)
        person = _person_of(family, person_pk)
        serializer = PersonWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            person = services.person_update(
                actor=request.user,
                family_pk=family.pk,
                person_pk=person.pk,
                data=serializer.person_data(),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(PersonSerializer(person).data)


# --- Pregnancies ----------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class PregnancyListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The pregnancies of a family over time; adding one."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = PregnancySerializer
    pagination_class = None  # a family has a few pregnancies over the 1000 days

    @extend_schema(
        summary="Zwangerschappen van een gezin",
        description="Alle zwangerschappen van het gezin, de laatste à terme datum eerst.",
        parameters=[FAMILY_PARAMETER],
        responses={200: PregnancySerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = _read_family(request, pk, detail=_("Zwangerschappen ingezien via de API"))
        return Response(PregnancySerializer(_pregnancies(family), many=True).data)

    @extend_schema(
        summary="Zwangerschap toevoegen",
        description=(
            "Een gezin kan meerdere zwangerschappen hebben. De à terme datum is verplicht en "
            "ligt hooguit 44 weken na de datum in zorg (of vandaag); de pariteit is kleiner "
            "dan de graviditeit. Kan niet bij een gesloten dossier."
        ),
        parameters=[FAMILY_PARAMETER],
        request=PregnancyWriteSerializer,
        examples=[PREGNANCY_EXAMPLE],
        responses={201: PregnancySerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        family = family_for_write(request, pk, action=Action.CREATE, coalition=None)
        serializer = PregnancyWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            pregnancy = services.pregnancy_add(
                actor=request.user,
                family_pk=family.pk,
                data=serializer.pregnancy_data(),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(PregnancySerializer(pregnancy).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class PregnancyDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One pregnancy; changing its dates or counts."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        "PATCH": (permissions.IsAuthenticated,),
    }
    serializer_class = PregnancySerializer

    @extend_schema(
        summary="Zwangerschap van een gezin",
        description="Eén zwangerschap, met de afloop zodra die is vastgelegd.",
        parameters=[FAMILY_PARAMETER, PREGNANCY_PARAMETER],
        responses={200: PregnancySerializer, 404: PREGNANCY_NOT_FOUND},
    )
    def get(self, request, pk, pregnancy_pk):
        family = _read_family(request, pk, detail=_("Zwangerschap ingezien via de API"))
        return Response(PregnancySerializer(_pregnancy_of(family, pregnancy_pk)).data)

    @extend_schema(
        summary="Zwangerschap wijzigen",
        description=(
            "Wijzigt alleen de meegegeven velden (à terme datum, graviditeit, pariteit, in zorg "
            "sinds); de vorige waarden blijven bewaard in de tijdlijn. De afloop legt je vast "
            "met `.../geboorte`. Kan niet bij een gesloten dossier."
        ),
        parameters=[FAMILY_PARAMETER, PREGNANCY_PARAMETER],
        request=PregnancyWriteSerializer(partial=True),
        examples=[
            OpenApiExample(
                "Andere à terme datum",
                value={"due_date": "2027-03-21"},
                request_only=True,
            )
        ],
        responses={200: PregnancySerializer, 400: INVALID_INPUT, 404: PREGNANCY_NOT_FOUND},
    )
    def patch(self, request, pk, pregnancy_pk):
        family = family_for_write(request, pk, coalition=None)
        pregnancy = _pregnancy_of(family, pregnancy_pk)
        serializer = PregnancyWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            pregnancy = services.pregnancy_update(
                actor=request.user,
                family_pk=family.pk,
                pregnancy_pk=pregnancy.pk,
                data=serializer.pregnancy_data(),
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(PregnancySerializer(pregnancy).data)


@extend_schema(tags=[TAG])
class PregnancyBirthView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Record how a pregnancy ended; on a live birth the child joins the household."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = BirthResultSerializer

    @extend_schema(
        summary="Geboorte of einde van een zwangerschap vastleggen",
        description=(
            "Legt de datum en de uitkomst vast. Bij een levende geboorte komt het kind in "
            "hetzelfde verzoek in het huishouden (rol kind, geboortedatum, gekoppeld aan de "
            "zwangerschap); zonder voornaam heet het voorlopig 'Baby'. Een afloop die al is "
            "vastgelegd, kan niet opnieuw. Kan niet bij een gesloten dossier."
        ),
        parameters=[FAMILY_PARAMETER, PREGNANCY_PARAMETER],
        request=BirthSerializer,
        examples=[
            OpenApiExample(
                "Levend geboren",
                value={
                    "birth_date": "2026-11-20",
                    "outcome": "live_birth",
                    "child_first_name": "Yara",
                    "child_last_name": "El Amrani",
                },
                request_only=True,
            )
        ],
        responses={
            200: BirthResultSerializer,
            400: OpenApiResponse(
                description=(
                    "Ongeldige invoer, de afloop is al vastgelegd, of het dossier is gesloten, "
                    "met Nederlandse meldingen; er is niets opgeslagen."
                )
            ),
            404: PREGNANCY_NOT_FOUND,
        },
    )
    def post(self, request, pk, pregnancy_pk):
        family = family_for_write(request, pk, coalition=None)
        pregnancy = _pregnancy_of(family, pregnancy_pk)
        serializer = BirthSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            pregnancy = services.pregnancy_birth_record(
                actor=request.user,
                family_pk=family.pk,
                pregnancy_pk=pregnancy.pk,
                birth_date=data["birth_date"],
                outcome=data["outcome"],
                child_first_name=data["child_first_name"],
                child_last_name=data["child_last_name"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        child = pregnancy.children.order_by("pk").first()
        return Response(BirthResultSerializer({"pregnancy": pregnancy, "child": child}).data)


urlpatterns = [
    path("families/<int:pk>/persons/", PersonListView.as_view(), name="person_list"),
    path(
        "families/<int:pk>/persons/<int:person_pk>/",
        PersonDetailView.as_view(),
        name="person_detail",
    ),
    path("families/<int:pk>/pregnancies/", PregnancyListView.as_view(), name="pregnancy_list"),
    path(
        "families/<int:pk>/pregnancies/<int:pregnancy_pk>/",
        PregnancyDetailView.as_view(),
        name="pregnancy_detail",
    ),
    path(
        "families/<int:pk>/pregnancies/<int:pregnancy_pk>/birth/",
        PregnancyBirthView.as_view(),
        name="pregnancy_birth",
    ),
]
