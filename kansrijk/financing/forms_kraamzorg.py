"""The kraamzorg calculator's form: only parsing; the rules of the year are checked by
`kraamzorg.validate` (through the service), whose errors land next to these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form

from .services_kraamzorg import KraamzorgInput

HOURS_LIMIT = 999  # a typing error, not a rule: the year's maximum is checked by the service


def _hours(label, help_text="", min_value=0):
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        max_value=HOURS_LIMIT,
        help_text=help_text,
        error_messages={
            "required": _("Vul een aantal uren in."),
            "invalid": _("Vul een heel aantal uren in, bijvoorbeeld 49."),
            "min_value": _("Vul minstens %(limit_value)s in."),
            "max_value": _("Vul hoogstens %(limit_value)s in."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class KraamzorgForm(Form):
    year = forms.IntegerField(
        label=_("Jaar van de bevalling"),
        min_value=2000,
        max_value=2100,
        help_text=_(
            "De cijfers van het jaar waarin het kind geboren wordt gelden. Ingevuld uit de à "
            "terme datum; pas het aan als de bevalling in een ander jaar valt."
        ),
        error_messages={
            "required": _("Vul het jaar van de bevalling in."),
            "invalid": _("Vul een jaartal in, bijvoorbeeld 2026."),
            "min_value": _("Vul een jaar vanaf 2000 in."),
            "max_value": _("Vul een jaar tot en met 2100 in."),
        },
    )
    standard_hours = _hours(
        _("Standaard uren (indicatie)"),
        _("De standaard uit het landelijk indicatieprotocol (LIP) kraamzorg."),
        min_value=1,
    )
    extra_hours = _hours(
        _("Extra uren"),
        _("Uren bovenop de standaard, bijvoorbeeld als het gezin meer dan 8 dagen nodig heeft."),
    )
    extra_reason = forms.CharField(
        label=_("Reden voor de extra uren"),
        required=False,
        help_text=_(
            "Nodig bij extra uren: de verzekeraar wil weten waarom het gezin ze nodig heeft."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    chosen_hours = _hours(
        _("Uren die het gezin wil afnemen"),
        _("Het gezin betaalt een eigen bijdrage per uur; daarom kiest het soms minder uren."),
        min_value=1,
    )
    prenatal_requested = forms.BooleanField(
        label=_("Prenatale kraamzorg aanvragen"),
        required=False,
        help_text=_(
            "Kraamzorg al tijdens de zwangerschap, bijvoorbeeld om het huis voor te bereiden."
        ),
    )
    prenatal_reason = forms.CharField(
        label=_("Reden voor prenatale kraamzorg"),
        required=False,
        help_text=_("Nodig als je prenatale kraamzorg aanvraagt."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    create_task = forms.BooleanField(
        label=_("Vraag de extra uren / prenatale kraamzorg aan als taak"),
        required=False,
        help_text=_(
            "Alleen bij opslaan, en alleen als er extra uren of prenatale kraamzorg zijn. De "
            "taak gaat naar de kraamzorgorganisatie in het zorgteam, anders naar jou."
        ),
    )

    def kraamzorg_input(self) -> KraamzorgInput:
        data = self.cleaned_data
        return KraamzorgInput(
            year=data["year"],
            standard_hours=data["standard_hours"],
            extra_hours=data["extra_hours"],
            chosen_hours=data["chosen_hours"],
            extra_reason=data["extra_reason"],
            prenatal_requested=data["prenatal_requested"],
            prenatal_reason=data["prenatal_reason"],
        )
