"""Serializers of the referrals API. A referral shows only what it shares: the reason, the
urgency, `shared_data`, the person's first name and birth year, the service and the sender;
never other family data (the receiving side reads it before joining the care team)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kansrijk.core.api_fields import NamedChoiceField

from .models import Referral, ReferralAction, ReferralStatus, Urgency
from .selectors_referrals import is_overdue
from .services_referrals import NOTE_MAX, REASON_MAX, SHARED_MAX, allowed_actions


def _status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(ReferralStatus.choices, enum_name="ReferralStatusEnum", **kwargs)


def _urgency_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Urgency.choices, enum_name="ReferralUrgencyEnum", **kwargs)


ACTION_CHOICES = NamedChoiceField(ReferralAction.choices, enum_name="ReferralActionEnum")


class ReferralPersonSerializer(serializers.Serializer):
    """The person referred: first name and birth year only."""

    id = serializers.IntegerField()
    first_name = serializers.CharField()
    birth_year = serializers.SerializerMethodField()

    def get_birth_year(self, person) -> int | None:
        return person.date_of_birth.year if person.date_of_birth else None


class ReferralServiceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    provider = serializers.CharField(source="organization.name")


class ReferralOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ReferralProfessionalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, professional) -> str:
        return professional.get_full_name() or professional.username


class ReferralFamilySerializer(serializers.Serializer):
    """Only the number and the dossier reference: no family data."""

    id = serializers.IntegerField()
    reference = serializers.CharField()


class ReferralEventSerializer(serializers.Serializer):
    from_status = _status_field(allow_null=True)
    to_status = _status_field()
    actor = ReferralProfessionalSerializer()
    at = serializers.DateTimeField()
    note = serializers.CharField()


class _ReferralBaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    family = ReferralFamilySerializer()
    service = ReferralServiceSerializer()
    receiving_organisation = ReferralOrganisationSerializer()
    urgency = _urgency_field()
    status = _status_field()
    status_display = serializers.CharField(source="get_status_display")
    sent_by = ReferralProfessionalSerializer()
    sent_at = serializers.DateTimeField()
    respond_by = serializers.DateField(help_text=_("Antwoord uiterlijk op deze datum."))
    is_overdue = serializers.SerializerMethodField(
        help_text=_("Wacht nog op antwoord terwijl de antwoorddatum voorbij is.")
    )
    responded_at = serializers.DateTimeField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField(
        help_text=_("Stuur deze versie mee met een actie; is hij intussen gewijzigd: HTTP 409.")
    )
    allowed_actions = serializers.SerializerMethodField(
        help_text=_("Wat jij nu met deze verwijzing kunt doen.")
    )

    def get_is_overdue(self, referral: Referral) -> bool:
        if "today" not in self.context:
            self.context["today"] = timezone.localdate()
        return is_overdue(referral, self.context["today"])

    @extend_schema_field(serializers.ListField(child=ACTION_CHOICES))
    def get_allowed_actions(self, referral: Referral) -> list:
        receiver = referral.receiving_organisation_id in self.context.get(
            "receiver_organisation_ids", set()
        )
        return allowed_actions(referral, receiver=receiver, sender=bool(self.context.get("sender")))


class IncomingReferralSerializer(_ReferralBaseSerializer):
    """A referral in the receiving organisation's list: no family data (the shared data is
    read on the referral itself, where the read is logged)."""


class ReferralSerializer(_ReferralBaseSerializer):
    """A referral with what it shares. Needs service with provider, person, receiving
    organisation, sender and family joined; `allowed_actions` needs
    `receiver_organisation_ids` and `sender` (whether the caller is on the family's care
    team) in the context."""

    person = ReferralPersonSerializer()
    reason = serializers.CharField()
    shared_data = serializers.CharField()
    consent_to_share = serializers.BooleanField()
    decline_reason = serializers.CharField()
    outcome = serializers.CharField(help_text=_("Terugkoppeling van de ontvanger."))


class ReferralDetailSerializer(ReferralSerializer):
    """A referral with its whole course (needs `events` set, with their actors)."""

    events = ReferralEventSerializer(many=True, source="event_list")


class ReferralCreateSerializer(serializers.Serializer):
    """As the page's form."""

    person = serializers.IntegerField(
        help_text=_("Nummer (id) van het gezinslid dat je verwijst."),
        error_messages={
            "required": _("Kies voor wie in het gezin de verwijzing is."),
            "invalid": _("Kies voor wie in het gezin de verwijzing is."),
        },
    )
    service = serializers.UUIDField(
        help_text=_("Het aanbod van de sociale kaart (id)."),
        error_messages={
            "required": _("Kies het aanbod waarnaar je verwijst."),
            "invalid": _("Kies een aanbod van de sociale kaart van deze coalitie."),
        },
    )
    reason = serializers.CharField(
        max_length=REASON_MAX,
        error_messages={
            "required": _("Schrijf de reden van de verwijzing."),
            "blank": _("Schrijf de reden van de verwijzing."),
        },
    )
    urgency = _urgency_field(
        default=Urgency.NORMAL,
        error_messages={"invalid_choice": _("Kies hoe urgent de verwijzing is.")},
    )
    shared_data = serializers.CharField(
        max_length=SHARED_MAX, required=False, allow_blank=True, default=""
    )
    consent_to_share = serializers.BooleanField(
        help_text=_("Het gezin geeft toestemming om de gedeelde gegevens te delen (verplicht)."),
        error_messages={
            "required": _(
                "Zonder toestemming van het gezin om de gegevens te delen kun je niet verwijzen."
            )
        },
    )


class ReferralActionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        help_text=_(
            "De versie van de verwijzing waarop je actie is gebaseerd. Is hij intussen "
            "gewijzigd, dan volgt HTTP 409."
        ),
        error_messages={
            "required": _("Geef de versie van de verwijzing mee."),
            "invalid": _("Geef de versie van de verwijzing als geheel getal."),
            "min_value": _("Geef de versie van de verwijzing als geheel getal."),
        },
    )
    note = serializers.CharField(
        max_length=NOTE_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Bij afwijzen de reden (verplicht); bij afronden de terugkoppeling; bij niet "
            "verschenen of intrekken een toelichting."
        ),
    )
    role_in_family = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")


class ReferralConflictSerializer(serializers.Serializer):
    """Body of HTTP 409: the referral moved on since the client read it."""

    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
    current_status = _status_field()
