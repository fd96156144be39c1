"""Forms of the financing-rules pages. They parse input and check what a form can check by
itself (a number, a choice from the list), so the Dutch message stands next to the field;
the services (`services_rules`) decide the rest and their errors come back to the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, PlainSelect, VersionField
from kansrijk.families.models import InsuranceKind
from kansrijk.socialmap.vocabulary import CareKind, Law, Payer

from .models import CompensationKind, ContributionKind, ExceptionEffect

CHOICE_ERRORS = {"invalid_choice": _("Kies uit de lijst.")}


def _text(label, *, required=False, rows=None, max_length=None, help_text="", required_msg=""):
    messages = {"required": required_msg} if required_msg else {}
    if max_length:
        messages["max_length"] = _("Gebruik hoogstens %(limit_value)d tekens.")
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages=messages,
    )


def _choice(label, choices, *, required=True, empty=None, required_msg="", help_text=""):
    options = list(choices.choices) if hasattr(choices, "choices") else list(choices)
    if empty is not None:
        options = [("", empty), *options]
    return forms.ChoiceField(
        label=label,
        choices=options,
        required=required,
        help_text=help_text,
        error_messages={**CHOICE_ERRORS, "required": required_msg or _("Kies uit de lijst.")},
    )


def _amount(label, help_text=""):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        error_messages={
            "invalid": _("Vul een bedrag in, bijvoorbeeld 4,20."),
            "min_value": _("Een bedrag kan niet negatief zijn."),
            "max_digits": _("Dit bedrag is te groot."),
            "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
            "max_whole_digits": _("Dit bedrag is te groot."),
        },
    )


def _hours(label, help_text=""):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=1000,
        help_text=help_text,
        error_messages={
            "invalid": _("Vul een aantal hele uren in."),
            "min_value": _("Een aantal uren kan niet negatief zijn."),
            "max_value": _("Vul hoogstens %(limit_value)s uur in."),
        },
    )


def _year_field(label=None):
    return forms.IntegerField(
        label=label or _("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Vul een jaar in."),
            "invalid": _("Vul een jaar in, bijvoorbeeld 2026."),
            "min_value": _("Kies een jaar van 2000 tot en met 2100."),
            "max_value": _("Kies een jaar van 2000 tot en met 2100."),
        },
    )


class YearForm(Form):
    """The year's figures; `year` only when a new year is added."""

    year = _year_field()
    eigen_risico = _amount(_("Verplicht eigen risico per jaar (€)"))
    eigen_risico_source = _text(
        _("Bron eigen risico"), rows=2, help_text=_("Verplicht als je een bedrag invult.")
    )
    kraamzorg_min_hours = _hours(_("Kraamzorg: minimum aantal uren"))
    kraamzorg_standard_hours_low = _hours(_("Kraamzorg: standaard uren (laag)"))
    kraamzorg_standard_hours_high = _hours(_("Kraamzorg: standaard uren (hoog)"))
    kraamzorg_max_hours = _hours(_("Kraamzorg: maximum aantal uren"))
    kraamzorg_source = _text(
        _("Bron kraamzorguren"), rows=2, help_text=_("Verplicht als je uren invult.")
    )
    notes = _text(_("Toelichting"), rows=3)
    version = VersionField(min_value=0)

    DATA_FIELDS = (
        "eigen_risico",
        "eigen_risico_source",
        "kraamzorg_min_hours",
        "kraamzorg_standard_hours_low",
        "kraamzorg_standard_hours_high",
        "kraamzorg_max_hours",
        "kraamzorg_source",
        "notes",
    )

    def __init__(self, *args, with_year: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_year:
            del self.fields["year"]

    def data_dict(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.DATA_FIELDS}


class RuleForm(Form):
    """A rule for a kind of care, or for one service of the coalition's map."""

    care_kind = _choice(
        _("Soort zorg"),
        CareKind,
        empty=_("Kies een soort zorg"),
        required_msg=_("Kies een soort zorg."),
    )
    service = forms.ChoiceField(
        label=_("Alleen voor dit aanbod"),
        required=False,
        widget=PlainSelect,
        help_text=_(
            "Leeg: de regel geldt voor alle aanbod van deze soort zorg. Met een aanbod: deze "
            "regel gaat voor dat aanbod boven de regel voor de soort zorg."
        ),
        error_messages={
            "invalid_choice": _("Kies een aanbod van de sociale kaart van deze coalitie.")
        },
    )
    law = _choice(_("Wet"), Law, empty=_("Kies een wet"), required_msg=_("Kies een wet."))
    payer = _choice(
        _("Wie betaalt"), Payer, empty=_("Kies wie betaalt"), required_msg=_("Kies wie betaalt.")
    )
    eigen_risico_applies = forms.BooleanField(
        label=_("Telt mee voor het eigen risico"), required=False
    )
    contribution_kind = _choice(_("Eigen bijdrage"), ContributionKind)
    contribution_amount = _amount(
        _("Bedrag eigen bijdrage (€)"),
        help_text=_("Verplicht bij een eigen bijdrage per uur, per bezoek of een vast bedrag."),
    )
    indication_required = forms.BooleanField(label=_("Indicatie nodig"), required=False)
    referral_required = forms.BooleanField(label=_("Verwijzing nodig"), required=False)
    interpretation_payer = _choice(
        _("Wie betaalt een tolk"), Payer, required=False, empty=_("Onbekend (navragen)")
    )
    interpretation_notes = _text(_("Tolk: toelichting"), rows=2)
    notes = _text(
        _("Uitleg in gewone woorden"),
        rows=4,
        help_text=_("Zoals je het aan de keukentafel uitlegt."),
    )
    source = _text(
        _("Bron"),
        rows=3,
        help_text=_(
            "Het document, de regeling of de polis waar de cijfers vandaan komen. Verplicht "
            "als je een bedrag invult."
        ),
    )
    version = VersionField(min_value=0)

    DATA_FIELDS = (
        "care_kind",
        "law",
        "payer",
        "eigen_risico_applies",
        "contribution_kind",
        "contribution_amount",
        "indication_required",
        "referral_required",
        "interpretation_payer",
        "interpretation_notes",
        "notes",
        "source",
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._services = {str(service.pk): service for service in services}
        self.fields["service"].choices = [
            ("", _("Alle aanbod van deze soort zorg")),
            *(
                (key, f"{service.name} ({service.organization.name})")
                for key, service in self._services.items()
            ),
        ]

    def data_dict(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.DATA_FIELDS}
        data["service"] = self._services.get(self.cleaned_data.get("service") or "")
        return data


class ExceptionForm(Form):
    insurer = _text(
        _("Zorgverzekeraar"),
        max_length=120,
        help_text=_("Leeg: geldt voor elke verzekeraar met deze soort polis."),
    )
    insurance_kind = _choice(
        _("Soort polis"),
        InsuranceKind,
        empty=_("Kies een soort polis"),
        required_msg=_("Kies een soort polis."),
    )
    care_kind = _choice(
        _("Soort zorg"),
        CareKind,
        empty=_("Kies een soort zorg"),
        required_msg=_("Kies een soort zorg."),
    )
    effect = _choice(
        _("Wat de polis doet"),
        ExceptionEffect,
        empty=_("Kies wat de polis doet"),
        required_msg=_("Kies wat de polis doet."),
    )
    max_amount = _amount(_("Tot maximaal (€)"), help_text=_("Leeg: geen maximum bekend."))
    conditions = _text(_("Voorwaarden"), rows=3)
    source = _text(
        _("Bron"),
        required=True,
        rows=2,
        required_msg=_("Geef de bron, bijvoorbeeld de polisvoorwaarden van dit jaar."),
    )
    version = VersionField(min_value=0)

    DATA_FIELDS = (
        "insurer",
        "insurance_kind",
        "care_kind",
        "effect",
        "max_amount",
        "conditions",
        "source",
    )

    def data_dict(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.DATA_FIELDS}


class CompensationForm(Form):
    municipality = forms.ChoiceField(
        label=_("Gemeente"),
        error_messages={
            "required": _("Kies een gemeente."),
            "invalid_choice": _("Kies een gemeente van deze coalitie."),
        },
    )
    kind = _choice(
        _("Soort regeling"),
        CompensationKind,
        empty=_("Kies een soort regeling"),
        required_msg=_("Kies een soort regeling."),
    )
    name = _text(
        _("Naam"), required=True, max_length=200, required_msg=_("Geef de regeling een naam.")
    )
    care_kinds = forms.MultipleChoiceField(
        label=_("Voor welke zorg"),
        choices=CareKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: de regeling vergoedt alle eigen kosten."),
        error_messages={"invalid_choice": _("Kies een soort zorg uit de lijst.")},
    )
    minima_only = forms.BooleanField(label=_("Alleen voor minima"), required=False, initial=True)
    conditions = _text(_("Voorwaarden"), rows=3)
    how_to_apply = _text(_("Zo vraagt het gezin het aan"), rows=3)
    contact = _text(_("Contact"), max_length=200)
    source = _text(_("Bron"), rows=2)
    is_active = forms.BooleanField(label=_("In gebruik"), required=False, initial=True)
    version = VersionField(min_value=0)

    DATA_FIELDS = (
        "kind",
        "name",
        "care_kinds",
        "minima_only",
        "conditions",
        "how_to_apply",
        "contact",
        "source",
        "is_active",
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._municipalities = {str(m.pk): m for m in municipalities}
        self.fields["municipality"].choices = [
            ("", _("Kies een gemeente")),
            *((key, m.name) for key, m in self._municipalities.items()),
        ]

    def data_dict(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.DATA_FIELDS}
        data["municipality"] = self._municipalities.get(self.cleaned_data["municipality"])
        return data


class YearCopyForm(Form):
    target_year = _year_field(_("Naar jaar"))
