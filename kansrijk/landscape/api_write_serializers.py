"""Serializers of the landscape's write API: improvement agreements, partnerships and central
reporting points. Input serializers only shape and type the request; the rules (what is
valid, who may) are the services' (`services_agreements`, `services_landscape`), whose Dutch
messages the API answers with."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kansrijk.care.needs import Need
from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.socialmap.vocabulary import Phase, TargetGroup

from .models import AgreementStatus, PartnershipKind
from .selectors_agreements import is_overdue
from .serializers_landscape import LandscapeMunicipalitySerializer, LandscapeOrganisationSerializer

VERSION_HELP = (
    "De versie waarop de wijziging is gebaseerd (zoals gelezen); is er intussen een nieuwere, "
    "dan volgt 409 en verandert er niets."
)
NAME_MAX = 160
# Ids and versions beyond a database integer are refused as input, never looked up.
ID_MAX = 2**31 - 1
PHONE_MAX = 30


def _choice(choices, enum_name: str, **kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices.choices, enum_name=enum_name, **kwargs)


# --- Shared ------------------------------------------------------------------------------------


class WriteMunicipalitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cbs_code = serializers.CharField()
    name = serializers.CharField()


class LandscapeConflictSerializer(serializers.Serializer):
    """Body of HTTP 409 (besides the problem members): both versions, field by field."""

    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
    current = serializers.DictField(help_text="Zoals het nu is opgeslagen.")
    submitted = serializers.DictField(help_text="Wat je instuurde.")


# --- Agreements --------------------------------------------------------------------------------


class AgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    coalition = serializers.IntegerField(source="coalition_id")
    target_group = _choice(TargetGroup, "KlantrouteTargetGroupEnum")
    phase = _choice(Phase, "KlantroutePhaseEnum")
    need = _choice(Need, "KlantrouteNeedEnum")
    municipality = WriteMunicipalitySerializer(
        allow_null=True, help_text="Leeg: de afspraak gaat over alle gemeenten van de coalitie."
    )
    what = serializers.CharField()
    who = serializers.CharField()
    due_date = serializers.DateField()
    status = _choice(AgreementStatus, "AgreementStatusEnum")
    overdue = serializers.SerializerMethodField(help_text="Open of bezig en de datum is voorbij.")
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    updated_by = serializers.CharField(allow_null=True)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, agreement) -> bool:
        return is_overdue(agreement)


class AgreementInputSerializer(serializers.Serializer):
    """Create: every field but `municipality` and `status` is required. Change (PATCH): only
    what is sent changes, with `version`."""

    target_group = _choice(TargetGroup, "KlantrouteTargetGroupEnum")
    phase = _choice(Phase, "KlantroutePhaseEnum")
    need = _choice(Need, "KlantrouteNeedEnum")
    municipality = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=ID_MAX,
        allow_null=True,
        help_text="Id van een gemeente van de coalitie; leeg of weg: alle gemeenten.",
    )
    what = serializers.CharField(allow_blank=True, trim_whitespace=False)
    who = serializers.CharField(allow_blank=True, trim_whitespace=False)
    due_date = serializers.DateField()
    status = _choice(AgreementStatus, "AgreementStatusEnum", required=False)


class AgreementUpdateSerializer(AgreementInputSerializer):
    version = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text=VERSION_HELP)


# --- Partnerships ------------------------------------------------------------------------------


class PartnershipSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = _choice(PartnershipKind, "PartnershipKindEnum")
    kind_label = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()
    description = serializers.CharField()
    website = serializers.CharField()
    municipalities = LandscapeMunicipalitySerializer(many=True, source="municipalities.all")
    organisations = LandscapeOrganisationSerializer(many=True, source="organisations.all")
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


class PartnershipInputSerializer(serializers.Serializer):
    kind = _choice(PartnershipKind, "PartnershipKindEnum")
    name = serializers.CharField(allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    website = serializers.URLField(
        required=False,
        allow_blank=True,
        max_length=200,
        error_messages={"invalid": _("Vul een geldig webadres in, bijvoorbeeld https://vsv.nl.")},
    )
    municipalities = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        required=False,
        help_text="Id's van gemeenten van de coalities in de regio.",
    )
    organisations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        required=False,
        help_text="Id's van organisaties van de coalities in de regio.",
    )


class PartnershipUpdateSerializer(PartnershipInputSerializer):
    version = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text=VERSION_HELP)


# --- Central reporting points ------------------------------------------------------------------


class CentralPointSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    municipality = LandscapeMunicipalitySerializer()
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    website = serializers.CharField()
    for_all_services = serializers.BooleanField(
        help_text="Het meldpunt is de toegang voor al het aanbod van de gemeente."
    )
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


class CentralPointFieldsSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    website = serializers.URLField(
        required=False,
        allow_blank=True,
        max_length=200,
        error_messages={"invalid": _("Vul een geldig webadres in.")},
    )
    for_all_services = serializers.BooleanField(required=False)

    # The lengths with the form's messages (DRF's own `max_length` message has another format).
    def validate_name(self, value: str) -> str:
        if len(value.strip()) > NAME_MAX:
            raise serializers.ValidationError(
                gettext("Houd de naam korter dan %(limit_value)d tekens.")
                % {"limit_value": NAME_MAX}
            )
        return value

    def validate_phone(self, value: str) -> str:
        if len(value.strip()) > PHONE_MAX:
            raise serializers.ValidationError(
                gettext("Houd het telefoonnummer korter dan %(limit_value)d tekens.")
                % {"limit_value": PHONE_MAX}
            )
        return value


class CentralPointCreateSerializer(CentralPointFieldsSerializer):
    municipality = serializers.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        help_text="Id van een gemeente van een coalitie waar je coördinator bent.",
    )


class CentralPointUpdateSerializer(CentralPointFieldsSerializer):
    version = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text=VERSION_HELP)
