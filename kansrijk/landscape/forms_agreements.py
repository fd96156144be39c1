"""Forms of the agreement pages: the agreement itself and the list's filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.care.needs import Need
from kansrijk.core.forms import Form, VersionField, date_widget
from kansrijk.socialmap.vocabulary import Phase, TargetGroup

from .models import AgreementStatus
from .services_agreements import WHAT_MAX, WHO_MAX

MUNICIPALITY_MESSAGE = _("Kies een gemeente van deze coalitie.")


class AgreementForm(Form):
    """The labels are the klantroute's words; the municipality is one of the coalition's
    (or none: the gap is in every municipality)."""

    target_group = forms.ChoiceField(
        label=_("Doelgroep"),
        choices=[("", _("Kies een doelgroep")), *TargetGroup.choices],
        error_messages={
            "required": _("Kies voor welke doelgroep de afspraak is."),
            "invalid_choice": _("Kies een doelgroep uit de lijst."),
        },
    )
    phase = forms.ChoiceField(
        label=_("Fase"),
        choices=[("", _("Kies een fase")), *Phase.choices],
        error_messages={
            "required": _("Kies in welke fase het gat zit."),
            "invalid_choice": _("Kies een fase uit de lijst."),
        },
    )
    need = forms.ChoiceField(
        label=_("Behoefte"),
        choices=[("", _("Kies een behoefte")), *Need.choices],
        error_messages={
            "required": _("Kies bij welke behoefte het gat zit."),
            "invalid_choice": _("Kies een behoefte uit de lijst."),
        },
    )
    municipality = forms.TypedChoiceField(
        label=_("Gemeente"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Laat leeg als de afspraak over alle gemeenten van de coalitie gaat."),
        error_messages={"invalid_choice": MUNICIPALITY_MESSAGE},
    )
    what = forms.CharField(
        label=_("Wat spreken we af"),
        max_length=WHAT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Beschrijf wat jullie afspreken."),
            "max_length": _("Houd de afspraak korter dan %(limit_value)d tekens."),
        },
    )
    who = forms.CharField(
        label=_("Wie"),
        max_length=WHO_MAX,
        help_text=_("De organisatie of persoon die de afspraak uitvoert."),
        error_messages={
            "required": _("Vul in wie de afspraak uitvoert."),
            "max_length": _("Houd het veld Wie korter dan %(limit_value)d tekens."),
        },
    )
    due_date = forms.DateField(
        label=_("Wanneer klaar"),
        widget=date_widget(),
        error_messages={
            "required": _("Vul in wanneer de afspraak klaar moet zijn."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026."),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=AgreementStatus.choices,
        initial=AgreementStatus.OPEN,
        error_messages={
            "required": _("Kies een status."),
            "invalid_choice": _("Kies een status uit de lijst."),
        },
    )
    version = VersionField(min_value=0)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {m.pk: m for m in municipalities}
        self.fields["municipality"].choices = [
            ("", _("Alle gemeenten van de coalitie")),
            *((m.pk, m.name) for m in municipalities),
        ]

    def agreement_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.fields if name != "version"}
        data["municipality"] = self.municipalities.get(self.cleaned_data.get("municipality"))
        return data


class AgreementFilterForm(Form):
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=[("", _("Alle doelgroepen")), *TargetGroup.choices],
        error_messages={"invalid_choice": _("Kies een doelgroep uit de lijst.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *AgreementStatus.choices],
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )
    gemeente = forms.TypedChoiceField(
        label=_("Gemeente"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": MUNICIPALITY_MESSAGE},
    )
    sortering = forms.ChoiceField(
        label=_("Sorteer op"),
        required=False,
        choices=[
            ("datum", _("Wanneer klaar, eerst de vroegste")),
            ("-datum", _("Wanneer klaar, eerst de laatste")),
        ],
        error_messages={"invalid_choice": _("Kies een sortering uit de lijst.")},
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {m.pk: m for m in municipalities}
        self.fields["gemeente"].choices = [
            ("", _("Alle gemeenten")),
            *((m.pk, m.name) for m in municipalities),
        ]
