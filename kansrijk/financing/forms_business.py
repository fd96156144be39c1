"""Forms of the business-case pages: the scenario, an intervention, an effect, a saving.

The forms parse; the rules (source required, low <= base <= high, lag within the horizon,
amounts of zero or more) are checked by `services_business`, whose Dutch messages the views
put next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, PlainSelect, VersionField

from .models import MAX_HORIZON, BusinessPayer

NUMBER = _("Vul een getal in, bijvoorbeeld 12,5.")
SOURCE_HELP = _("Waar komt dit getal vandaan? Bijvoorbeeld een MKBA, een rapport of eigen cijfers.")
PAYER_CHOICES = [("", _("Kies een betaler")), *BusinessPayer.choices]


class DutchDecimalField(forms.DecimalField):
    """A decimal typed the Dutch way ("1.250,50" or "0,05") or with a decimal point
    ("1250.50"); shown the Dutch way."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("€", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


def _decimal(label, *, places: int, help_text="", digits: int = 11) -> forms.DecimalField:
    return DutchDecimalField(
        label=label,
        max_digits=digits,
        decimal_places=places,
        min_value=0,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "required": _("Vul een getal in."),
            "invalid": NUMBER,
            "min_value": _("Vul nul of meer in."),
            "max_digits": _("Dit getal is te groot."),
            "max_decimal_places": _("Gebruik hooguit %(max)s cijfers achter de komma."),
            "max_whole_digits": _("Dit getal is te groot."),
        },
    )


def _source() -> forms.CharField:
    return forms.CharField(
        label=_("Bron"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=SOURCE_HELP,
        error_messages={"required": _("Vermeld de bron van dit getal.")},
    )


class BusinessCaseForm(Form):
    name = forms.CharField(
        label=_("Naam van het scenario"),
        max_length=200,
        error_messages={
            "required": _("Geef het scenario een naam."),
            "max_length": _("Houd de naam korter dan %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_("Beschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat het scenario laat zien en voor wie."),
    )
    start_year = forms.IntegerField(
        label=_("Eerste jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Vul het eerste jaar in."),
            "invalid": _("Vul een jaartal in, bijvoorbeeld 2026."),
            "min_value": _("Vul een jaartal in tussen 2000 en 2100."),
            "max_value": _("Vul een jaartal in tussen 2000 en 2100."),
        },
    )
    horizon_years = forms.IntegerField(
        label=_("Looptijd in jaren"),
        min_value=1,
        max_value=MAX_HORIZON,
        initial=5,
        help_text=_("Over hoeveel jaar je investeringen en besparingen wilt zien (1 tot 15)."),
        error_messages={
            "required": _("Vul de looptijd in."),
            "invalid": _("Vul een heel aantal jaren in."),
            "min_value": _("Kies een looptijd van 1 tot en met 15 jaar."),
            "max_value": _("Kies een looptijd van 1 tot en met 15 jaar."),
        },
    )
    version = VersionField(min_value=0)


class InterventionForm(Form):
    name = forms.CharField(
        label=_("Interventie"),
        max_length=200,
        error_messages={"required": _("Geef de interventie een naam.")},
    )
    reach_per_year = forms.IntegerField(
        label=_("Bereik (gezinnen per jaar)"),
        min_value=1,
        error_messages={
            "required": _("Vul in hoeveel gezinnen per jaar meedoen."),
            "invalid": _("Vul een heel aantal gezinnen in."),
            "min_value": _("Vul in hoeveel gezinnen per jaar meedoen: minstens 1."),
        },
    )
    cost_per_family = _decimal(_("Kosten per gezin (€)"), places=2)
    payer = forms.ChoiceField(
        label=_("Wie betaalt"),
        choices=PAYER_CHOICES,
        widget=PlainSelect,
        error_messages={"required": _("Kies wie de interventie betaalt.")},
    )
    source = _source()
    version = VersionField()


class EffectForm(Form):
    intervention = forms.TypedChoiceField(
        label=_("Bij interventie"),
        coerce=int,
        widget=PlainSelect,
        error_messages={
            "required": _("Kies bij welke interventie dit effect hoort."),
            "invalid_choice": _("Kies bij welke interventie dit effect hoort."),
        },
    )
    outcome = forms.CharField(
        label=_("Vermeden uitkomst"),
        max_length=200,
        help_text=_("Bijvoorbeeld: ongeplande zwangerschap, vroeggeboorte, uithuisplaatsing."),
        error_messages={"required": _("Zeg welke uitkomst wordt voorkomen.")},
    )
    effect_low = _decimal(
        _("Effect laag"),
        places=4,
        digits=7,
        help_text=_("Vermeden uitkomsten per bereikt gezin, voorzichtige schatting."),
    )
    effect_base = _decimal(
        _("Effect basis"),
        places=4,
        digits=7,
        help_text=_("Vermeden uitkomsten per bereikt gezin, meest waarschijnlijk."),
    )
    effect_high = _decimal(
        _("Effect hoog"),
        places=4,
        digits=7,
        help_text=_("Vermeden uitkomsten per bereikt gezin, gunstige schatting."),
    )
    lag_years = forms.IntegerField(
        label=_("Effect vanaf jaar"),
        min_value=0,
        initial=0,
        help_text=_("0: al in het eerste jaar; 2: vanaf het derde jaar."),
        error_messages={
            "required": _("Vul 0 in als het effect in het eerste jaar begint."),
            "invalid": _("Vul een heel aantal jaren in."),
            "min_value": _("Vul 0 of meer in."),
        },
    )
    source = _source()
    version = VersionField()

    def __init__(self, *args, interventions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = [
            ("", _("Kies een interventie")),
            *((intervention.pk, intervention.name) for intervention in interventions),
        ]


class SavingForm(Form):
    payer = forms.ChoiceField(
        label=_("Wie bespaart"),
        choices=PAYER_CHOICES,
        widget=PlainSelect,
        error_messages={"required": _("Kies wie de besparing heeft.")},
    )
    amount_per_outcome = _decimal(_("Besparing per vermeden uitkomst (€)"), places=2)
    source = _source()
    version = VersionField()


class ConfirmForm(Form):
    version = VersionField()


class EstimateForm(forms.Form):
    schatting = forms.ChoiceField(choices=[("laag", "laag"), ("basis", "basis"), ("hoog", "hoog")])
