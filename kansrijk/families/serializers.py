"""Serializers of the families API: they parse and render, the services validate and write.

The write serializers only check types and choices; every rule on the family itself (postcode,
interpreter language, municipality of the coalition, a closed file) is checked by the services
with the same Dutch messages as the pages (`kansrijk.families.services`).

A person's BSN is never rendered: only `bsn_masked` (the last four digits).
"""

import copy
from datetime import date
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import professional_coalition_ids, registered_grounds
from kansrijk.organisations.models import Municipality

from .models import CareTeamMember, Family, InsuranceKind, Person, Pregnancy, PregnancyOutcome
from .phases import Phase, PhaseCode, compute_phase, family_phase

# --- Reading --------------------------------------------------------------------------------


class _ReadableFieldsOnce:
    """Lists a serializer's readable fields once, not again for every row it renders.

    In a list the same (child) serializer renders every row, and DRF walks all its fields
    again per row to leave out the write-only ones (benchmark, issue 5).
    """

    @cached_property
    def _readable_fields(self):
        return [field for field in self.fields.values() if not field.write_only]


class PhaseSerializer(_ReadableFieldsOnce, serializers.Serializer):
    """The 1000-day phase on today, computed from the pregnancy that counts (`phases.py`)."""

    code = serializers.ChoiceField(choices=PhaseCode.choices)
    label = serializers.CharField()
    gestational_age = serializers.SerializerMethodField(
        help_text=_("Zwangerschapsduur in weken+dagen, zoals '20+3'; alleen in de zwangerschap.")
    )
    gestational_age_days = serializers.SerializerMethodField()
    child_age_days = serializers.IntegerField(
        allow_null=True, help_text=_("Leeftijd van het kind in dagen; alleen na de geboorte.")
    )

    def get_gestational_age(self, phase: Phase) -> str | None:
        return str(phase.gestational_age) if phase.gestational_age is not None else None

    def get_gestational_age_days(self, phase: Phase) -> int | None:
        return phase.gestational_age.total_days if phase.gestational_age is not None else None


def _phase_pregnancy(family: Family) -> Pregnancy | None:
    """The pregnancy that decides the phase, with the same rule as `phases.family_phase`.

    Reads the prefetched `pregnancies`, so it costs no query per family.
    """
    counting = [
        p
        for p in family.pregnancies.all()
        if (p.birth_date is None and not p.outcome) or p.outcome == PregnancyOutcome.LIVE_BIRTH
    ]
    if not counting:
        return None
    return max(counting, key=lambda p: (p.birth_date or p.due_date, p.pk or 0))


class ReadModelSerializer(_ReadableFieldsOnce, serializers.ModelSerializer):
    """A ModelSerializer for responses that builds its fields from the model once.

    DRF introspects the model (fields, relations, unique constraints) for every serializer
    it makes, so for every response and every nested serializer in it: for the family file
    that was most of its serializing time (benchmark, issue 5). What it builds depends on
    the class only, so it is built once per class and copied per serializer, as DRF copies
    declared fields.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()
            cls._fields_built_once = built
        return copy.deepcopy(built)


class MunicipalitySerializer(ReadModelSerializer):
    class Meta:
        model = Municipality
        fields = ["id", "name", "cbs_code"]

    def to_representation(self, instance):
        # A page of 50 families has a handful of municipalities: each is rendered once per
        # response and repeated.
        rendered = self.__dict__.setdefault("_rendered", {})
        if instance.pk not in rendered:
            rendered[instance.pk] = super().to_representation(instance)
        return rendered[instance.pk]


class _PhaseFieldsMixin(serializers.Serializer):
    phase = serializers.SerializerMethodField()
    due_date = serializers.SerializerMethodField(
        help_text=_("À terme datum van de zwangerschap die de fase bepaalt.")
    )
    birth_date = serializers.SerializerMethodField(
        help_text=_("Geboortedatum bij de zwangerschap die de fase bepaalt.")
    )

    def _today(self) -> date:
        if "today" not in self.context:
            self.context["today"] = timezone.localdate()
        return self.context["today"]

    @cached_property
    def _phase_serializer(self) -> PhaseSerializer:
        # One for all rows of a list: a serializer copies its fields when it is made, which
        # per row cost a third of the list's time (benchmark, issue 5).
        return PhaseSerializer()

    @extend_schema_field(PhaseSerializer)
    def get_phase(self, family: Family) -> dict:
        phase = family_phase(family.pregnancies.all(), today=self._today())
        return self._phase_serializer.to_representation(phase)

    def get_due_date(self, family: Family) -> date | None:
        pregnancy = _phase_pregnancy(family)
        return pregnancy.due_date if pregnancy else None

    def get_birth_date(self, family: Family) -> date | None:
        pregnancy = _phase_pregnancy(family)
        return pregnancy.birth_date if pregnancy else None


class FamilyListSerializer(_PhaseFieldsMixin, ReadModelSerializer):
    """One row of the families list. Needs `municipality` joined and the dates of the
    pregnancy that decides the phase annotated (`selectors.with_phase_dates`)."""

    @extend_schema_field(PhaseSerializer)
    def get_phase(self, family: Family) -> dict:
        phase = compute_phase(
            today=self._today(), due_date=family.phase_due_date, birth_date=family.phase_birth_date
        )
        return self._phase_serializer.to_representation(phase)

    def get_due_date(self, family: Family) -> date | None:
        return family.phase_due_date

    def get_birth_date(self, family: Family) -> date | None:
        return family.phase_birth_date

    municipality = MunicipalitySerializer()

    class Meta:
        model = Family
        fields = [
            "id",
            "reference",
            "coalition",
            "municipality",
            "postcode",
            "status",
            "phase",
            "due_date",
            "birth_date",
            "version",
        ]


class PersonSerializer(ReadModelSerializer):
    bsn_masked = serializers.CharField(
        help_text=_("Alleen de laatste vier cijfers van het BSN; het volledige BSN nooit.")
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "role",
            "first_name",
            "last_name",
            "date_of_birth",
            "bsn_masked",
            "phone",
            "email",
            "preferred_contact",
            "pregnancy",
        ]


class PregnancySerializer(ReadModelSerializer):
    class Meta:
        model = Pregnancy
        fields = [
            "id",
            "due_date",
            "gravidity",
            "parity",
            "entered_care_on",
            "birth_date",
            "outcome",
        ]


class CareTeamMemberSerializer(ReadModelSerializer):
    """Needs `professional` and `membership__organisation` joined."""

    professional_id = serializers.IntegerField()
    username = serializers.CharField(source="professional.username")
    name = serializers.CharField(source="professional.get_full_name")
    organisation = serializers.CharField(source="membership.organisation.name", default="")
    discipline = serializers.CharField(source="membership.discipline", default="")
    discipline_display = serializers.CharField(
        source="membership.get_discipline_display", default=""
    )

    class Meta:
        model = CareTeamMember
        fields = [
            "id",
            "professional_id",
            "username",
            "name",
            "organisation",
            "discipline",
            "discipline_display",
            "role_in_family",
            "phone",
            "start_date",
            "end_date",
        ]


class FamilyDetailSerializer(_PhaseFieldsMixin, ReadModelSerializer):
    """The family file. Needs the prefetches of `api.prefetch_family_file`."""

    municipality = MunicipalitySerializer()
    persons = PersonSerializer(many=True)
    pregnancies = PregnancySerializer(many=True)
    care_team = CareTeamMemberSerializer(
        many=True, source="current_care_team", help_text=_("Het huidige zorgteam.")
    )

    class Meta:
        model = Family
        fields = [
            "id",
            "reference",
            "coalition",
            "municipality",
            "postcode",
            "pc4",
            "main_language",
            "interpreter_needed",
            "interpreter_language",
            "health_insurer",
            "insurance_kind",
            "low_income",
            "strengths",
            "status",
            "closed_at",
            "closed_reason",
            "phase",
            "due_date",
            "birth_date",
            "persons",
            "pregnancies",
            "care_team",
            "version",
            "created_at",
            "updated_at",
        ]


class AccessEventSerializer(ReadModelSerializer):
    """One line of a family's access report: who looked, when, how and on what ground.

    The user's name, organisation and discipline are text copied when the event was written
    (as they were then), so no join is needed.
    """

    user = serializers.CharField(source="user_display")
    action_display = serializers.CharField(source="get_action_display")
    ground_display = serializers.SerializerMethodField()

    class Meta:
        model = AccessEvent
        fields = [
            "id",
            "timestamp",
            "user",
            "organisation",
            "discipline",
            "on_behalf_of",
            "action",
            "action_display",
            "detail",
            "ground",
            "ground_display",
            "ground_detail",
            "authorisation",
            "treatment_relationship",
            "consent",
            "emergency",
        ]

    def get_ground_display(self, event: AccessEvent) -> str:
        labels = {g.code: str(g.label) for g in registered_grounds()}
        return labels.get(event.ground, event.ground)


# --- Writing --------------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class _OwnMunicipalityField(serializers.PrimaryKeyRelatedField):
    """Only municipalities of coalitions where the caller works as professional now."""

    default_error_messages = {
        "does_not_exist": _("Kies een gemeente van een coalitie waarin je werkt."),
        "incorrect_type": _("Geef het nummer (id) van de gemeente."),
    }

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return Municipality.objects.none()
        return Municipality.objects.filter(coalition_id__in=professional_coalition_ids(user))


class FamilyWriteSerializer(serializers.Serializer):
    """The editable family fields (`FAMILY_EDITABLE_FIELDS`)."""

    municipality = _OwnMunicipalityField()
    postcode = serializers.CharField(max_length=20)
    main_language = serializers.CharField(max_length=60, required=False, allow_blank=True)
    interpreter_needed = serializers.BooleanField(required=False)
    interpreter_language = serializers.CharField(max_length=60, required=False, allow_blank=True)
    health_insurer = serializers.CharField(max_length=120, required=False, allow_blank=True)
    insurance_kind = serializers.ChoiceField(choices=InsuranceKind.choices, required=False)
    low_income = serializers.BooleanField(required=False)
    strengths = serializers.CharField(required=False, allow_blank=True)


class FamilyCreateSerializer(FamilyWriteSerializer):
    role_in_family = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        help_text=_("Jouw rol bij dit gezin; wie het dossier opent, komt in het zorgteam."),
    )


class FamilyUpdateSerializer(FamilyWriteSerializer):
    version = serializers.IntegerField(
        min_value=1,
        help_text=_(
            "De versie waarop de wijziging is gebaseerd. Is het gezin intussen gewijzigd, "
            "dan volgt HTTP 409 met de opgeslagen en de ingestuurde gegevens."
        ),
    )


class VersionConflictSerializer(serializers.Serializer):
    """Body of HTTP 409: both versions, so the client can show them side by side."""

    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
    current = serializers.DictField(help_text=_("Het gezin zoals het nu is opgeslagen."))
    submitted = serializers.DictField(help_text=_("De ingestuurde wijzigingen."))


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
