"""Forms of closed-loop referrals. They parse input; the services decide what depends on the
family and the map (whether the person belongs to the family, whether the service's provider
is linked to a chain partner, consent) and give those Dutch errors, keyed by these forms'
field names."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, PlainSelect, VersionField, date_widget
from kansrijk.families.models.persons import phone_validator

from .models import ReferralAction, Urgency
from .services_referrals import NOTE_MAX, REASON_MAX, SHARED_MAX


class ReferralForm(Form):
    person = forms.TypedChoiceField(
        label=_("Voor wie"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Kies voor wie in het gezin de verwijzing is."),
            "invalid_choice": _("Kies iemand uit het gezin."),
        },
    )
    service = forms.ChoiceField(
        label=_("Aanbod"),
        # Every referable service of the coalition: hundreds of options in a large one.
        widget=PlainSelect,
        help_text=_(
            "Alleen aanbod van aanbieders die als ketenpartner in kansrijk werken: hun "
            "professionals beantwoorden de verwijzing."
        ),
        error_messages={
            "required": _("Kies het aanbod waarnaar je verwijst."),
            "invalid_choice": _(
                "Kies een aanbod uit de lijst. Aanbod van een aanbieder die niet aan een "
                "ketenpartner in kansrijk is gekoppeld, kun je niet via kansrijk verwijzen."
            ),
        },
    )
    reason = forms.CharField(
        label=_("Reden van verwijzing"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom deze hulp, en wat de vraag van het gezin is."),
        error_messages={
            "required": _("Schrijf de reden van de verwijzing."),
            "max_length": _("Houd de reden korter dan %(limit_value)d tekens."),
        },
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        help_text=_("Bepaalt de datum waarvoor de ontvanger moet antwoorden (in werkdagen)."),
        error_messages={
            "required": _("Kies hoe urgent de verwijzing is."),
            "invalid_choice": _("Kies hoe urgent de verwijzing is."),
        },
    )
    shared_data = forms.CharField(
        label=_("Gedeelde gegevens"),
        required=False,
        max_length=SHARED_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Wat de ontvanger over het gezin mag weten. De ontvanger ziet alleen dit, de reden, "
            "de voornaam en het geboortejaar tot die accepteert, niet het dossier."
        ),
        error_messages={"max_length": _("Houd dit korter dan %(limit_value)d tekens.")},
    )
    consent_to_share = forms.BooleanField(
        label=_("Het gezin geeft toestemming om deze gegevens met de ontvanger te delen"),
        required=True,
        error_messages={
            "required": _(
                "Zonder toestemming van het gezin om de gegevens te delen kun je niet "
                "verwijzen. Vraag eerst toestemming en vink die dan aan."
            )
        },
    )

    def __init__(self, *args, persons=(), services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Kies een gezinslid"))] + [
            (person.pk, _person_label(person)) for person in persons
        ]
        self.fields["service"].choices = [("", _("Kies een aanbod"))] + [
            (str(service.pk), f"{service.name} — {service.organization.name}")
            for service in services
        ]


def _person_label(person) -> str:
    parts = [person.first_name, person.last_name]
    label = " ".join(part for part in parts if part)
    role = person.get_role_display()
    return f"{label} ({role})" if role else label


class ReferralActionForm(Form):
    """One action on a referral; which fields it has depends on the action."""

    version = VersionField()

    NOTE_LABELS = {
        ReferralAction.DECLINE: (_("Reden van afwijzing"), True),
        ReferralAction.COMPLETE: (_("Terugkoppeling aan de verwijzer"), False),
        ReferralAction.NO_SHOW: (_("Toelichting"), False),
        ReferralAction.WITHDRAW: (_("Reden van intrekken"), False),
    }

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action in self.NOTE_LABELS:
            label, required = self.NOTE_LABELS[action]
            self.fields["note"] = forms.CharField(
                label=label,
                required=required,
                max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "required": _("Geef een reden waarom je de verwijzing afwijst."),
                    "max_length": _("Houd dit korter dan %(limit_value)d tekens."),
                },
            )
        if action == ReferralAction.ACCEPT:
            self.fields["role_in_family"] = forms.CharField(
                label=_("Jouw rol bij dit gezin"),
                required=False,
                max_length=100,
                help_text=_("Bijvoorbeeld: schuldhulpverlener of maatschappelijk werker."),
            )
            self.fields["phone"] = forms.CharField(
                label=_("Telefoon (direct bereikbaar)"),
                required=False,
                max_length=30,
                validators=[phone_validator],
                help_text=_("Leeg: het nummer van je organisatie-account."),
            )
        self.order_fields(["note", "role_in_family", "phone", "version"])


class OverviewPeriodForm(Form):
    start = forms.DateField(
        label=_("Van"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 1-1-2026.")},
    )
    end = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026.")},
    )

    def __init__(self, *args, default_start: date, default_end: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_start, self.default_end = default_start, default_end

    def clean(self):
        data = super().clean()
        start = data.get("start") or self.default_start
        end = data.get("end") or self.default_end
        if start > end:
            self.add_error("end", _("De einddatum ligt vóór de begindatum."))
        data["start"], data["end"] = start, end
        return data
