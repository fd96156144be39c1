"""Serializers of the social map's maintenance API (`api_maintenance.py`).

The writes only give the input its shape; the rules and the Dutch messages are the page
forms' (`forms_map.ProviderForm`, `ServiceForm`, `EditorAddForm`), which the API fills with
what was sent (a PATCH: over what is stored).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kansrijk.care.needs import Need
from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api_lifecycle import VERSION_MESSAGES

from .models import ServiceStatus
from .vocabulary import (
    AccessRoute,
    CareKind,
    Evidence,
    Law,
    OwnCost,
    Payer,
    Phase,
    RouteTerm,
    TargetGroup,
)

# The kansrijk terms of a service: (choices, enum name, one code or a list).
TERMS = {
    "phases": (Phase, "SocialMapPhaseEnum", False),
    "routes": (RouteTerm, "SocialMapRouteTermEnum", False),
    "needs": (Need, "SocialMapNeedEnum", False),
    "evidence": (Evidence, "SocialMapEvidenceEnum", True),
    "laws": (Law, "SocialMapLawEnum", False),
    "payers": (Payer, "SocialMapPayerEnum", False),
    "own_costs": (OwnCost, "SocialMapOwnCostEnum", True),
    "care_kinds": (CareKind, "SocialMapCareKindEnum", False),
    "target_groups": (TargetGroup, "SocialMapTargetGroupEnum", False),
}
CHOOSE = {"invalid_choice": _("Kies uit de lijst.")}


def _term_field(name: str, *, write: bool):
    choices, enum_name, single = TERMS[name]
    options = {"required": False} if write else {}
    if single:
        return NamedChoiceField(
            choices.choices,
            enum_name=enum_name,
            allow_null=True,
            allow_blank=write,
            error_messages=CHOOSE,
            **options,
        )
    child = NamedChoiceField(choices.choices, enum_name=enum_name, error_messages=CHOOSE)
    return serializers.ListField(child=child, max_length=50, **options)


def _status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(
        ServiceStatus.choices,
        enum_name="SocialMapServiceStatusEnum",
        error_messages={
            "invalid_choice": _("Kies een status uit de lijst."),
            "null": _("Kies de status van het aanbod."),
        },
        **kwargs,
    )


def _route_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(
        AccessRoute.choices,
        enum_name="SocialMapAccessRouteEnum",
        error_messages={"invalid_choice": _("Kies een toegang uit de lijst.")},
        **kwargs,
    )


# --- Providers --------------------------------------------------------------------------------


class ProviderWriteSerializer(serializers.Serializer):
    """A provider's details; `organisation` (the chain partner who receives the referrals)
    only coordinators set."""

    name = serializers.CharField(required=False, allow_blank=True)
    alternate_name = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    email = serializers.CharField(required=False, allow_blank=True)
    website = serializers.CharField(required=False, allow_blank=True)
    organisation = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_(
            "Id van de ketenpartner in kansrijk; leeg: verwijzingen gaan niet via kansrijk."
        ),
        error_messages={"invalid": _("Kies een ketenpartner van deze coalitie.")},
    )


class ProviderSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    coalition = serializers.IntegerField()
    name = serializers.CharField()
    alternate_name = serializers.CharField()
    description = serializers.CharField()
    email = serializers.CharField()
    website = serializers.CharField()
    organisation = serializers.IntegerField(allow_null=True)
    organisation_name = serializers.CharField(allow_null=True)
    service_count = serializers.IntegerField()
    unchecked_count = serializers.IntegerField(
        help_text=_("Aanbod dat 12 maanden of langer niet is gecontroleerd.")
    )
    editor_count = serializers.IntegerField()


# --- Services ---------------------------------------------------------------------------------


class AccessSerializer(serializers.Serializer):
    """How a family of one municipality gets in; no route: not known (the row goes)."""

    municipality = serializers.IntegerField(help_text=_("Id van een gemeente van de coalitie."))
    route = _route_field(allow_null=True, allow_blank=True, required=False)
    conditions = serializers.CharField(required=False, allow_blank=True)
    waiting_weeks = serializers.IntegerField(
        required=False,
        allow_null=True,
        error_messages={"invalid": _("Vul de wachttijd in hele weken in.")},
    )


class AccessReadSerializer(serializers.Serializer):
    municipality = serializers.IntegerField()
    municipality_name = serializers.CharField()
    route = _route_field()
    conditions = serializers.CharField()
    waiting_weeks = serializers.IntegerField(allow_null=True)


AGE = {"invalid": _("Vul een leeftijd in hele jaren in.")}


class ServiceWriteSerializer(serializers.Serializer):
    """A service as the edit form holds it. A PATCH sends only what changes; `access` rows
    replace those of the municipalities they name, the other municipalities keep theirs."""

    name = serializers.CharField(required=False, allow_blank=True)
    alternate_name = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    status = _status_field(required=False)
    eligibility_description = serializers.CharField(required=False, allow_blank=True)
    application_process = serializers.CharField(required=False, allow_blank=True)
    fees_description = serializers.CharField(required=False, allow_blank=True)
    wait_time = serializers.CharField(required=False, allow_blank=True)
    url = serializers.CharField(required=False, allow_blank=True)
    email = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    minimum_age = serializers.IntegerField(required=False, allow_null=True, error_messages=AGE)
    maximum_age = serializers.IntegerField(required=False, allow_null=True, error_messages=AGE)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=10),
        required=False,
        max_length=50,
        help_text=_("Taalcodes van twee letters (ISO 639-1), zoals nl, en, ar."),
    )
    phases = _term_field("phases", write=True)
    routes = _term_field("routes", write=True)
    needs = _term_field("needs", write=True)
    evidence = _term_field("evidence", write=True)
    laws = _term_field("laws", write=True)
    payers = _term_field("payers", write=True)
    own_costs = _term_field("own_costs", write=True)
    care_kinds = _term_field("care_kinds", write=True)
    target_groups = _term_field("target_groups", write=True)
    access = AccessSerializer(many=True, required=False)


class ServiceUpdateSerializer(ServiceWriteSerializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("De versie van het aanbod waarop de wijziging is gebaseerd."),
        error_messages=VERSION_MESSAGES,
    )


class ProviderRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class ServiceSerializer(serializers.Serializer):
    """A service with everything its edit form holds, its version and when it was checked."""

    id = serializers.UUIDField()
    organization = ProviderRefSerializer()
    version = serializers.IntegerField()
    assured_date = serializers.DateField(allow_null=True)
    assurer_email = serializers.CharField()
    flagged = serializers.BooleanField(
        help_text=_("Nooit of 12 maanden of langer geleden gecontroleerd.")
    )
    name = serializers.CharField()
    alternate_name = serializers.CharField()
    description = serializers.CharField()
    status = _status_field()
    eligibility_description = serializers.CharField()
    application_process = serializers.CharField()
    fees_description = serializers.CharField()
    wait_time = serializers.CharField()
    url = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    minimum_age = serializers.IntegerField(allow_null=True)
    maximum_age = serializers.IntegerField(allow_null=True)
    languages = serializers.ListField(child=serializers.CharField())
    phases = _term_field("phases", write=False)
    routes = _term_field("routes", write=False)
    needs = _term_field("needs", write=False)
    evidence = _term_field("evidence", write=False)
    laws = _term_field("laws", write=False)
    payers = _term_field("payers", write=False)
    own_costs = _term_field("own_costs", write=False)
    care_kinds = _term_field("care_kinds", write=False)
    target_groups = _term_field("target_groups", write=False)
    access = AccessReadSerializer(many=True)


class ServiceRowSerializer(serializers.Serializer):
    """A row of the maintained services."""

    id = serializers.UUIDField()
    name = serializers.CharField()
    organization = ProviderRefSerializer()
    status = _status_field()
    version = serializers.IntegerField()
    assured_date = serializers.DateField(allow_null=True)
    assured_by = serializers.CharField(allow_null=True)
    flagged = serializers.BooleanField()


# --- Editors ----------------------------------------------------------------------------------


class EditorWriteSerializer(serializers.Serializer):
    professional = serializers.IntegerField(
        help_text=_("Id van een professional die in de coalitie werkt."),
        error_messages={
            "required": _("Kies wie het aanbod van deze aanbieder mag bijhouden."),
            "null": _("Kies wie het aanbod van deze aanbieder mag bijhouden."),
            "invalid": _("Kies een professional die in deze coalitie werkt."),
        },
    )


class EditorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    professional = serializers.IntegerField()
    professional_name = serializers.CharField()
    granted_by = serializers.CharField()
    granted_at = serializers.DateTimeField()
