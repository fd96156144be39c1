"""Forms of the break-the-glass and access-log pages; all messages in Dutch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form

from .models import AccessEvent, BreakTheGlassReason

EXPLANATION_MIN_LENGTH = 10
DATE_INVALID = _("Vul een geldige datum in, bijvoorbeeld 31-12-2030.")


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BreakTheGlassForm(Form):
    reason = forms.ChoiceField(
        label=_("Reden"),
        choices=[("", _("Kies een reden")), *BreakTheGlassReason.choices],
        error_messages={
            "required": _("Kies een reden voor de noodtoegang."),
            "invalid_choice": _("Kies een reden uit de lijst."),
        },
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=EXPLANATION_MIN_LENGTH,
        max_length=2000,
        strip=True,
        help_text=_(
            "Waarom heb je nu toegang nodig en waarom kan het zorgteam je niet helpen? "
            "Minstens %(count)d tekens."
        )
        % {"count": EXPLANATION_MIN_LENGTH},
        error_messages={
            "required": _("Licht toe waarom je noodtoegang nodig hebt."),
            "min_length": _(
                "Licht in minstens één zin toe waarom je noodtoegang nodig hebt "
                "(minstens %(limit_value)d tekens, nu %(show_value)d)."
            ),
            "max_length": _("De toelichting mag hoogstens %(limit_value)d tekens zijn."),
        },
    )


class BreakTheGlassSearchForm(BreakTheGlassForm):
    """Ask for emergency access by the family's reference (dossiernummer)."""

    reference = forms.CharField(
        label=_("Dossiernummer van het gezin"),
        max_length=20,
        strip=True,
        help_text=_("Het dossiernummer dat je van een collega hebt gekregen."),
        error_messages={
            "required": _("Vul het dossiernummer van het gezin in."),
            "max_length": _("Een dossiernummer is hoogstens %(limit_value)d tekens."),
        },
    )

    field_order = ["reference", "reason", "explanation"]


class PeriodFormMixin:
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("De einddatum van de periode ligt voor de begindatum."))
        return cleaned


class AccessLogSearchForm(PeriodFormMixin, Form):
    gebruiker = forms.CharField(
        label=_("Gebruikersnaam"),
        required=False,
        max_length=150,
        error_messages={"max_length": _("Een gebruikersnaam is hoogstens %(limit_value)d tekens.")},
    )
    dossiernummer = forms.CharField(
        label=_("Dossiernummer"),
        required=False,
        max_length=20,
        error_messages={"max_length": _("Een dossiernummer is hoogstens %(limit_value)d tekens.")},
    )
    van = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=_date_widget(),
        error_messages={"invalid": DATE_INVALID},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=_date_widget(),
        error_messages={"invalid": DATE_INVALID},
    )
    grondslag = forms.ChoiceField(
        label=_("Grondslag"),
        required=False,
        error_messages={"invalid_choice": _("Kies een grondslag uit de lijst.")},
    )
    handeling = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle handelingen")), *AccessEvent.Action.choices],
        error_messages={"invalid_choice": _("Kies een handeling uit de lijst.")},
    )

    def __init__(self, *args, grounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grondslag"].choices = [
            ("", _("Alle grondslagen")),
            *((ground.code, ground.label) for ground in grounds),
            ("geweigerd", _("Geweigerd (geen grondslag)")),
        ]


class BreakTheGlassReviewFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[
            ("", _("Nog te beoordelen")),
            ("beoordeeld", _("Beoordeeld")),
            ("alle", _("Alle noodtoegangen")),
        ],
        error_messages={"invalid_choice": _("Kies wat je wilt zien uit de lijst.")},
    )


class BreakTheGlassReviewForm(Form):
    note = forms.CharField(
        label=_("Beoordeling"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: terecht gebruikt, of besproken met de professional."),
        error_messages={
            "max_length": _("De beoordeling mag hoogstens %(limit_value)d tekens zijn.")
        },
    )
