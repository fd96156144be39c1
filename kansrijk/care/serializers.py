"""Serializers of the care API: the care team, casusregie and warm handovers (issue 7).

They parse and render; the services validate and write, with the same Dutch messages as the
pages (`kansrijk.families.services`, `kansrijk.care.services_handovers`). The write
serializers check types, choices and lengths only, plus which professionals and
organisations can be chosen at all (those of the family's coalition, as the pages' lists);
everything that depends on the family (who is on the care team, a casusregie handover
already running, the transition table) is decided by the services.

The incoming handovers of a professional show the family's reference and never family data
(`IncomingHandoverSerializer` has no summary), as the page: the summary is read on the
handover itself, inside the receiver's scope, and logged.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.models.persons import phone_validator
from kansrijk.organisations.models import Membership, Organisation, Professional

from .models import (
    Handover,
    HandoverAction,
    HandoverKind,
    HandoverStatus,
    WarmContactKind,
)
from .services_handovers import SUMMARY_MAX

# --- Choice sets as named schema components ------------------------------------------------


def _kind_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(HandoverKind.choices, enum_name="HandoverKindEnum", **kwargs)


def _status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(HandoverStatus.choices, enum_name="HandoverStatusEnum", **kwargs)


def _contact_kind_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(WarmContactKind.choices, enum_name="WarmContactKindEnum", **kwargs)


# --- References ----------------------------------------------------------------------------


class TeamProfessionalSerializer(serializers.Serializer):
    """A professional by number and name (the account as it is now)."""

    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, professional: Professional) -> str:
        return professional.get_full_name() or professional.username


class TeamOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class HandoverFamilySerializer(serializers.Serializer):
    """Only the number and the dossier reference: no family data."""

    id = serializers.IntegerField()
    reference = serializers.CharField()


# --- Care team -----------------------------------------------------------------------------


class CareTeamEntrySerializer(serializers.Serializer):
    """A care-team membership. Needs `professional` and `membership__organisation` joined,
    and the case director's professional id in the context (`case_director_id`)."""

    id = serializers.IntegerField()
    professional = TeamProfessionalSerializer()
    organisation = TeamOrganisationSerializer(source="membership.organisation", allow_null=True)
    discipline = serializers.CharField(source="membership.discipline", default="")
    discipline_display = serializers.CharField(
        source="membership.get_discipline_display", default=""
    )
    role_in_family = serializers.CharField()
    phone = serializers.CharField(help_text=_("Direct bereikbaar voor dit gezin."))
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True, help_text=_("Leeg: nog in het zorgteam."))
    is_current = serializers.BooleanField(help_text=_("Zit vandaag in het zorgteam."))
    is_case_director = serializers.SerializerMethodField(
        help_text=_("Heeft nu de casusregie van dit gezin (vastgelegd).")
    )

    def get_is_case_director(self, member) -> bool:
        director_id = self.context.get("case_director_id")
        return director_id is not None and member.professional_id == director_id


@extend_schema_field(OpenApiTypes.INT)
class _CoalitionProfessionalField(serializers.PrimaryKeyRelatedField):
    """Active professionals working as professional in the family's coalition now (the
    family in the context), as the pages' lists offer them."""

    default_error_messages = {
        "does_not_exist": _("Kies een professional die in de coalitie van dit gezin werkt."),
        "incorrect_type": _("Geef het nummer (id) van de professional."),
    }

    def get_queryset(self):
        family = self.context["family"]
        working_here = Membership.objects.current().filter(
            coalition_id=family.coalition_id, is_professional=True
        )
        return Professional.objects.filter(is_active=True, memberships__in=working_here).distinct()


@extend_schema_field(OpenApiTypes.INT)
class _CoalitionOrganisationField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("Kies een organisatie die in de coalitie van dit gezin werkt."),
        "incorrect_type": _("Geef het nummer (id) van de organisatie."),
    }

    def get_queryset(self):
        family = self.context["family"]
        return Organisation.objects.filter(coalitions=family.coalition_id, is_active=True)


class CareTeamMemberAddSerializer(serializers.Serializer):
    """As the care-team page's form; the service checks the membership and the team."""

    professional = _CoalitionProfessionalField(
        error_messages={"required": _("Kies de professional die je aan het zorgteam toevoegt.")}
    )
    role_in_family = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Bijvoorbeeld: casusregisseur, verloskundige, jeugdverpleegkundige."),
    )
    phone = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Leeg: het nummer uit het lidmaatschap van de professional."),
    )
    start_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Leeg: vandaag."),
        error_messages={"invalid": _("Geef een geldige datum als JJJJ-MM-DD.")},
    )


# --- Casusregie ----------------------------------------------------------------------------


class _CaseDirectorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    professional = TeamProfessionalSerializer()
    organisation = TeamOrganisationSerializer(source="membership.organisation", allow_null=True)
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True, help_text=_("Leeg: nog casusregisseur."))
    via_handover = serializers.IntegerField(
        source="via_handover_id",
        allow_null=True,
        help_text=_("De overdracht van de casusregie waarmee deze periode begon, zo ja."),
    )


class CaseDirectorPeriodSerializer(_CaseDirectorSerializer):
    """One period of casusregie. Needs `professional`, `membership__organisation` and
    `set_by` joined (`selectors_handovers.case_director_history`)."""

    set_by = TeamProfessionalSerializer(allow_null=True, help_text=_("Wie het vastlegde."))


class CurrentCaseDirectorSerializer(_CaseDirectorSerializer):
    """The case director now (`selectors_handovers.current_case_director`), with the direct
    phone number from the care team; who named them is in the history."""

    phone = serializers.CharField(source="team_phone", allow_null=True, default=None)
    on_care_team = serializers.BooleanField()


class CasusregieTransferSerializer(serializers.Serializer):
    """A running casusregie handover: the director changes when the receiver accepts."""

    id = serializers.IntegerField()
    receiver = serializers.CharField(source="receiver_label")
    due_date = serializers.DateField()
    version = serializers.IntegerField()


class CaseDirectorOverviewSerializer(serializers.Serializer):
    current = CurrentCaseDirectorSerializer(
        allow_null=True, help_text=_("Leeg (null): dit gezin heeft nu geen casusregisseur.")
    )
    history = CaseDirectorPeriodSerializer(many=True, help_text=_("Alle perioden, nieuwste eerst."))
    running_transfer = CasusregieTransferSerializer(
        allow_null=True, help_text=_("Een overdracht van de casusregie die op antwoord wacht.")
    )


class CaseDirectorSetSerializer(serializers.Serializer):
    """Who takes the casusregie: a current member of the care team (`care_team` in the
    context, read by the view), as the page's choice list."""

    professional = serializers.IntegerField(
        error_messages={
            "required": _("Kies wie de casusregie neemt."),
            "invalid": _("Geef het nummer (id) van de professional."),
        },
        help_text=_("Nummer (id) van een professional uit het huidige zorgteam."),
    )

    def validate_professional(self, value: int) -> Professional:
        chosen = next(
            (m.professional for m in self.context["care_team"] if m.professional_id == value),
            None,
        )
        if chosen is None:
            raise serializers.ValidationError(_("Kies iemand uit het zorgteam."))
        return chosen


# --- Handovers -----------------------------------------------------------------------------

ACTION_CHOICES = NamedChoiceField(HandoverAction.choices, enum_name="HandoverActionEnum")


def allowed_actions(handover: Handover, *, user_pk: int, organisation_ids: set[int]) -> list:
    """What `user_pk` may do with `handover` now, as the page's buttons (no queries).

    `organisation_ids`: the organisations the user works for as professional in the
    handover's coalition. The services decide again when the action is sent.
    """
    receiver = handover.to_professional_id == user_pk or (
        handover.to_professional_id is None and handover.to_organisation_id in organisation_ids
    )
    actions = []
    if receiver and handover.allows(HandoverAction.ACCEPT):
        actions += [HandoverAction.ACCEPT.value, HandoverAction.DECLINE.value]
    if user_pk in (handover.from_professional_id, handover.accepted_by_id) and handover.allows(
        HandoverAction.COMPLETE
    ):
        actions.append(HandoverAction.COMPLETE.value)
    if handover.from_professional_id == user_pk and handover.allows(HandoverAction.CANCEL):
        actions.append(HandoverAction.CANCEL.value)
    return actions


class _HandoverBaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    family = HandoverFamilySerializer()
    kind = _kind_field()
    kind_display = serializers.CharField(source="get_kind_display")
    status = _status_field()
    status_display = serializers.CharField(source="get_status_display")
    moment_code = serializers.CharField(help_text=_("Ketenmoment; leeg: een ander moment."))
    moment_name = serializers.CharField()
    from_professional = TeamProfessionalSerializer()
    from_organisation = TeamOrganisationSerializer(
        source="from_membership.organisation", allow_null=True
    )
    to_organisation = TeamOrganisationSerializer(allow_null=True)
    to_professional = TeamProfessionalSerializer(
        allow_null=True, help_text=_("Genoemd: alleen die professional kan accepteren.")
    )
    receiver = serializers.CharField(source="receiver_label")
    due_date = serializers.DateField(help_text=_("Accepteren vóór deze datum."))
    is_overdue = serializers.SerializerMethodField(
        help_text=_("Nog niet beantwoord terwijl de datum voorbij is.")
    )
    proposed_at = serializers.DateTimeField()
    version = serializers.IntegerField(
        help_text=_("Stuur deze versie mee met een actie; is hij intussen gewijzigd: HTTP 409.")
    )
    allowed_actions = serializers.SerializerMethodField(
        help_text=_("Wat jij nu met deze overdracht kunt doen.")
    )

    def get_is_overdue(self, handover: Handover) -> bool:
        if "today" not in self.context:
            self.context["today"] = timezone.localdate()
        return handover.is_overdue(self.context["today"])

    @extend_schema_field(serializers.ListField(child=ACTION_CHOICES))
    def get_allowed_actions(self, handover: Handover) -> list:
        return allowed_actions(
            handover,
            user_pk=self.context["user_pk"],
            organisation_ids=self.context["organisation_ids"],
        )


class HandoverSerializer(_HandoverBaseSerializer):
    """A handover with its whole course. Needs everyone involved joined
    (`selectors_handovers.HANDOVER_RELATED`) and the family set."""

    summary = serializers.CharField(help_text=_("Samenvatting voor de ontvanger."))
    accepted_by = TeamProfessionalSerializer(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    declined_by = TeamProfessionalSerializer(allow_null=True)
    declined_at = serializers.DateTimeField(allow_null=True)
    decline_reason = serializers.CharField()
    warm_contact_kind = _contact_kind_field(allow_null=True)
    warm_contact_on = serializers.DateField(allow_null=True)
    warm_contact_note = serializers.CharField()
    completed_by = TeamProfessionalSerializer(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    cancelled_by = TeamProfessionalSerializer(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
    cancel_reason = serializers.CharField()


class IncomingHandoverSerializer(_HandoverBaseSerializer):
    """A handover waiting for the caller's answer: the family's reference, no summary."""


class HandoverProposeSerializer(serializers.Serializer):
    """As the page's form: to an organisation and/or a named professional."""

    summary = serializers.CharField(
        max_length=SUMMARY_MAX,
        help_text=_(
            "Wat de ontvanger nodig heeft om te beslissen en te beginnen. De ontvanger ziet "
            "alleen deze samenvatting en het dossiernummer tot die accepteert."
        ),
        error_messages={
            "required": _("Schrijf een korte samenvatting voor de ontvanger."),
            "blank": _("Schrijf een korte samenvatting voor de ontvanger."),
            "max_length": _("Houd de samenvatting korter dan {max_length} tekens."),
        },
    )
    to_organisation = _CoalitionOrganisationField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Iedere professional van deze organisatie in de coalitie kan accepteren."),
    )
    to_professional = _CoalitionProfessionalField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Genoemd: alleen die professional kan accepteren."),
    )
    due_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Leeg: volgens de termijn van het ketenmoment (anders over een week)."),
        error_messages={"invalid": _("Geef een geldige datum als JJJJ-MM-DD.")},
    )
    moment = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Code van een ketenmoment van de coalitie; leeg: een ander moment. Een moment dat "
            "de casusregie overdraagt, maakt er een overdracht van de casusregie van."
        ),
    )
    kind = _kind_field(
        required=False,
        default=HandoverKind.REGULAR,
        error_messages={"invalid_choice": _("Kies een soort overdracht uit de lijst.")},
    )


class _VersionedActionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        help_text=_(
            "De versie van de overdracht waarop je actie is gebaseerd. Is hij intussen "
            "gewijzigd, dan volgt HTTP 409."
        ),
        error_messages={
            "required": _("Geef de versie van de overdracht mee."),
            "invalid": _("Geef de versie van de overdracht als geheel getal."),
            "min_value": _("Geef de versie van de overdracht als geheel getal."),
        },
    )


class HandoverAcceptSerializer(_VersionedActionSerializer):
    role_in_family = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Jouw rol bij dit gezin, als je nu in het zorgteam komt."),
        error_messages={"max_length": _("Houd de rol kort: hoogstens 120 tekens.")},
    )
    phone = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        default="",
        validators=[phone_validator],
        help_text=_("Direct bereikbaar; leeg: het nummer van je lidmaatschap."),
    )


class HandoverDeclineSerializer(_VersionedActionSerializer):
    reason = serializers.CharField(
        max_length=2000,
        help_text=_("De voorsteller ziet deze reden en kan een nieuwe overdracht voorstellen."),
        error_messages={
            "required": _("Geef een reden waarom je de overdracht afwijst."),
            "blank": _("Geef een reden waarom je de overdracht afwijst."),
        },
    )


class HandoverCompleteSerializer(_VersionedActionSerializer):
    """The warm contact: a joint visit or call with the family."""

    contact_kind = _contact_kind_field(
        error_messages={
            "required": _(
                "Kies hoe het warme contact was: een gezamenlijk bezoek of een gezamenlijk gesprek."
            ),
            "invalid_choice": _("Kies een soort contact uit de lijst."),
        }
    )
    contact_on = serializers.DateField(
        error_messages={
            "required": _("Vul de datum van het warme contact in."),
            "null": _("Vul de datum van het warme contact in."),
            "invalid": _("Geef een geldige datum als JJJJ-MM-DD."),
        }
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class HandoverCancelSerializer(_VersionedActionSerializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class HandoverConflictSerializer(serializers.Serializer):
    """Body of HTTP 409: the handover moved on since the client read it."""

    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
    current_status = _status_field()
