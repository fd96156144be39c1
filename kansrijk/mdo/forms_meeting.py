"""Forms of the meeting itself: the discussion of an item, a decision, attendance, minutes.

They parse input; the services decide what depends on the item and the family (named or
anonymous, who works in the family's coalition, dates) and give those Dutch errors keyed by
these forms' field names. The decision form is one form for every kind: a kind select and
all optional fields, validated by `services_decisions.decision_record` (plain HTML, no
script needed).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, VersionField, date_widget
from kansrijk.organisations.forms_picker import ProfessionalPickerField
from kansrijk.organisations.models import Discipline, Organisation, Professional
from kansrijk.organisations.selectors_picker import professional_memberships
from kansrijk.signaling.levels import Route

from .models import DecisionKind
from .services_decisions import ANONYMOUS_KINDS, DISCUSSION_MAX, MINUTES_MAX, TEXT_MAX


class DiscussionForm(Form):
    discussion = forms.CharField(
        label=_("Wat is er besproken?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DISCUSSION_MAX,
        error_messages={
            "required": _("Schrijf op wat er besproken is."),
            "max_length": _("Houd de bespreking korter dan %(limit_value)d tekens."),
        },
    )
    version = VersionField()


class DecisionForm(Form):
    """One decision. For an anonymous item only advice and a review date can be chosen."""

    kind = forms.ChoiceField(
        label=_("Soort besluit"),
        error_messages={
            "required": _("Kies een soort besluit."),
            "invalid_choice": _("Kies een soort besluit uit de lijst."),
        },
    )
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        help_text=_(
            "Het advies, de reden van een routewijziging, wat de taak is, of waarvoor je een "
            "discipline betrekt (dat leest de ontvanger)."
        ),
        error_messages={"max_length": _("Houd de toelichting korter dan %(limit_value)d tekens.")},
    )
    route = forms.TypedChoiceField(
        label=_("Nieuwe route"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Kies een route")), *Route.choices],
        help_text=_("Alleen bij “Route gewijzigd”."),
        error_messages={"invalid_choice": _("Kies route 1, 2 of 3.")},
    )
    professional = ProfessionalPickerField(
        label=_("Professional"),
        required=False,
        help_text=_(
            "Typ (een deel van) de naam van de nieuwe casusregisseur, van wie je uitnodigt "
            "voor het zorgteam, of van wie de taak uitvoert."
        ),
        # Not a select of every professional of the coalition: thousands at national scale.
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Kies een organisatie"),
        help_text=_("De organisatie die je uitnodigt, of die de taak uitvoert."),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    discipline = forms.ChoiceField(
        label=_("Discipline"),
        required=False,
        choices=[("", _("Kies een discipline")), *Discipline.choices],
        help_text=_(
            "Bij “Discipline betrekken” zonder organisatie of naam: de casusregisseur "
            "krijgt de taak er een te vinden."
        ),
        error_messages={"invalid_choice": _("Kies een discipline uit de lijst.")},
    )
    due_date = forms.DateField(
        label=_("Uiterlijk op"),
        required=False,
        widget=date_widget(),
        help_text=_(
            "Bij een taak: wanneer die klaar moet zijn. Bij een overdracht: accepteren vóór."
        ),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    review_date = forms.DateField(
        label=_("Terug op de agenda vanaf"),
        required=False,
        widget=date_widget(),
        help_text=_("Het gezin komt als kandidaat op het eerste overleg vanaf deze datum."),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    ACTING_FIELDS = ("route", "professional", "organisation", "discipline", "due_date")

    def __init__(self, *args, coalition_id: int, named: bool, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [
            (value, label)
            for value, label in DecisionKind.choices
            if named or value in ANONYMOUS_KINDS
        ]
        self.fields["kind"].choices = [("", _("Kies een soort besluit")), *kinds]
        if not named:
            for name in self.ACTING_FIELDS:
                del self.fields[name]
            return
        # No query here: the picker resolves the typed name when the form is posted.
        self.fields["professional"].queryset = professional_memberships(coalition_id)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            coalitions=coalition_id, is_active=True
        ).order_by("name")

    def chosen_professional(self) -> Professional | None:
        membership = self.cleaned_data.get("professional")
        return membership.professional if membership is not None else None


class AttendanceForm(Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Wie was er aanwezig?"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies deelnemers uit de lijst.")},
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (
                p.professional_id,
                f"{p.professional} — {p.membership.organisation.name} ({p.get_role_display()})",
            )
            for p in participants
        ]


class MinutesForm(Form):
    minutes = forms.CharField(
        label=_("Verslag"),
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=MINUTES_MAX,
        help_text=_(
            "Gezinnen met naam staan er alleen met dossiernummer in; anonieme gezinnen als "
            "“Casus 3 (anoniem)”. Zet er geen namen of andere gegevens uit het dossier bij."
        ),
        error_messages={
            "required": _("Schrijf het verslag of genereer het eerst."),
            "max_length": _("Houd het verslag korter dan %(limit_value)d tekens."),
        },
    )
    version = VersionField()


class MeetingVersionForm(Form):
    """For the buttons that act on the whole meeting (generate, make final)."""

    version = VersionField()
