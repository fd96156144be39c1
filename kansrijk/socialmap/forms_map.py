"""Forms of the social map's maintenance. They parse input and check what a form can check
by itself (a valid e-mail, ages in order, known language codes), so the Dutch message
stands next to the field and the input stays in the form; the services decide the rest."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.care.needs import Need
from kansrijk.core.forms import Form, PlainSelect, VersionField

from .models import ServiceStatus
from .services_map import (
    COMMON_LANGUAGES,
    AccessInput,
    ServiceInput,
    known_language,
)
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

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
MAX_AGE = 120
MAX_WAITING_WEEKS = 104


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _text(label, *, max_length=None, required=False, error_messages=None, **kwargs):
    messages = dict(error_messages or {})
    if max_length:
        messages["max_length"] = _("Gebruik hoogstens %(limit_value)d tekens.")
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages=messages,
        **kwargs,
    )


EMAIL_ERRORS = {"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld info@voorbeeld.nl.")}
URL_ERRORS = {"invalid": _("Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.")}


class ProviderForm(Form):
    """A provider's details; the chain-partner link only for coordinators (`organisations`
    given)."""

    name = _text(
        _("Naam"),
        max_length=200,
        required=True,
        error_messages={"required": _("Vul de naam van de aanbieder in.")},
    )
    alternate_name = _text(_("Andere naam"), max_length=200)
    description = _text(_("Beschrijving"), widget=textarea(4))
    email = forms.EmailField(label=_("E-mail"), required=False, error_messages=EMAIL_ERRORS)
    website = forms.URLField(
        label=_("Website"), required=False, error_messages=URL_ERRORS, assume_scheme="https"
    )
    organisation = forms.ModelChoiceField(
        label=_("Ketenpartner in kansrijk"),
        queryset=None,
        required=False,
        empty_label=_("Geen (verwijzingen gaan niet via kansrijk)"),
        help_text=_(
            "De professionals van deze ketenpartner ontvangen en behandelen de verwijzingen "
            "naar het aanbod van deze aanbieder."
        ),
        error_messages={"invalid_choice": _("Kies een ketenpartner van deze coalitie.")},
        widget=PlainSelect,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations


def _choices(choices) -> list:
    return list(choices.choices)


def _multiple(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=_choices(choices),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )


def _one(label, choices, empty):
    return forms.ChoiceField(
        label=label,
        choices=[("", empty), *_choices(choices)],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )


def _age(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        help_text=_("In jaren."),
        error_messages={
            "invalid": _("Vul een leeftijd in hele jaren in."),
            "min_value": _("Een leeftijd kan niet negatief zijn."),
            "max_value": _("Vul een leeftijd van hoogstens %(limit_value)s jaar in."),
        },
    )


class ServiceForm(Form):
    """A service with its HSDS fields, kansrijk terms and the access per municipality.

    The access fields are made per municipality of the coalition (`municipalities`):
    `toegang_<pk>`, `voorwaarden_<pk>`, `wachttijd_<pk>`; `access_rows` groups them for the
    template.
    """

    name = _text(
        _("Naam"),
        max_length=200,
        required=True,
        error_messages={"required": _("Geef het aanbod een naam.")},
    )
    alternate_name = _text(_("Andere naam"), max_length=200)
    description = _text(
        _("Beschrijving"),
        widget=textarea(4),
        help_text=_("Wat het aanbod is en wat een gezin ervan kan verwachten."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ServiceStatus.choices,
        initial=ServiceStatus.ACTIVE,
        error_messages={
            "required": _("Kies de status van het aanbod."),
            "invalid_choice": _("Kies een status uit de lijst."),
        },
    )
    eligibility_description = _text(_("Voor wie"), widget=textarea())
    application_process = _text(
        _("Aanmelden"), widget=textarea(), help_text=_("Hoe een gezin of professional aanmeldt.")
    )
    fees_description = _text(_("Kosten"), widget=textarea(2))
    wait_time = _text(_("Wachttijd"), max_length=200, help_text=_("Bijvoorbeeld: 2 tot 4 weken."))
    url = forms.URLField(
        label=_("Website"), required=False, error_messages=URL_ERRORS, assume_scheme="https"
    )
    email = forms.EmailField(label=_("E-mail"), required=False, error_messages=EMAIL_ERRORS)
    phone = forms.RegexField(
        label=_("Telefoonnummer"),
        regex=r"^\+?[0-9 ()-]{10,20}$",
        required=False,
        error_messages={
            "invalid": _("Vul een telefoonnummer in met 10 cijfers, bijvoorbeeld 058 1234567.")
        },
    )
    minimum_age = _age(_("Minimumleeftijd"))
    maximum_age = _age(_("Maximumleeftijd"))
    languages = forms.MultipleChoiceField(
        label=_("Talen"),
        choices=[(code, name) for code, name in COMMON_LANGUAGES.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )
    other_languages = _text(
        _("Andere talen"),
        max_length=200,
        help_text=_(
            "Taalcodes van twee letters (ISO 639-1), gescheiden door komma's, zoals: hy, ku."
        ),
    )
    phases = _multiple(_("Fasen van de eerste 1000 dagen"), Phase)
    routes = _multiple(_("Routes"), RouteTerm)
    needs = _multiple(_("Behoeften"), Need, help_text=_("Waar het aanbod bij helpt."))
    evidence = _one(_("Bewijskracht"), Evidence, _("Onbekend"))
    laws = _multiple(_("Wet"), Law)
    payers = _multiple(_("Wie betaalt"), Payer)
    own_costs = _one(_("Eigen kosten voor het gezin"), OwnCost, _("Onbekend"))
    care_kinds = _multiple(
        _("Soort zorg (voor de financiering)"),
        CareKind,
        help_text=_(
            "De financieringsregels van de coalitie zeggen per soort zorg wie betaalt en wat "
            "het gezin zelf betaalt."
        ),
    )
    target_groups = _multiple(
        _("Doelgroepen"),
        TargetGroup,
        help_text=_("Leeg: het aanbod is er voor alle gezinnen (zo telt het in de klantroute)."),
    )
    version = VersionField(required=False)

    TERM_FIELDS = (
        "phases",
        "routes",
        "needs",
        "evidence",
        "laws",
        "payers",
        "own_costs",
        "care_kinds",
        "target_groups",
    )

    def __init__(self, *args, municipalities=(), versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = list(municipalities)
        self.fields["version"].required = versioned
        if not versioned:
            del self.fields["version"]
        for municipality in self.municipalities:
            pk, name = municipality.pk, municipality.name
            self.fields[f"toegang_{pk}"] = forms.ChoiceField(
                label=_("Toegang in %(municipality)s") % {"municipality": name},
                choices=[("", _("Onbekend")), *AccessRoute.choices],
                required=False,
                error_messages={"invalid_choice": _("Kies een toegang uit de lijst.")},
            )
            self.fields[f"voorwaarden_{pk}"] = _text(
                _("Voorwaarden in %(municipality)s") % {"municipality": name},
                widget=textarea(2),
            )
            self.fields[f"wachttijd_{pk}"] = forms.IntegerField(
                label=_("Wachttijd in %(municipality)s (weken)") % {"municipality": name},
                required=False,
                min_value=0,
                max_value=MAX_WAITING_WEEKS,
                error_messages={
                    "invalid": _("Vul de wachttijd in hele weken in."),
                    "min_value": _("Een wachttijd kan niet negatief zijn."),
                    "max_value": _("Vul een wachttijd van hoogstens %(limit_value)s weken in."),
                },
            )

    @property
    def access_rows(self) -> list[dict]:
        return [
            {
                "municipality": municipality,
                "route": self[f"toegang_{municipality.pk}"],
                "conditions": self[f"voorwaarden_{municipality.pk}"],
                "weeks": self[f"wachttijd_{municipality.pk}"],
            }
            for municipality in self.municipalities
        ]

    @property
    def main_fields(self) -> list:
        return [self[name] for name in MAIN_FIELDS]

    @property
    def term_fields(self) -> list:
        return [self[name] for name in self.TERM_FIELDS]

    @property
    def language_fields(self) -> list:
        return [self["languages"], self["other_languages"]]

    def clean_other_languages(self) -> list[str]:
        text = self.cleaned_data["other_languages"]
        codes = [code.strip().lower() for code in re.split(r"[,;\s]+", text) if code.strip()]
        wrong = [
            code for code in codes if not LANGUAGE_CODE.match(code) or not known_language(code)
        ]
        if wrong:
            raise forms.ValidationError(
                _(
                    "Onbekende taalcode: %(codes)s. Gebruik codes van twee letters "
                    "(ISO 639-1), zoals nl, en, ar."
                )
                % {"codes": ", ".join(wrong)}
            )
        return codes

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "maximum_age",
                _("De maximumleeftijd kan niet lager zijn dan de minimumleeftijd."),
            )
        for municipality in self.municipalities:
            pk = municipality.pk
            if not data.get(f"toegang_{pk}") and (
                data.get(f"voorwaarden_{pk}") or data.get(f"wachttijd_{pk}") is not None
            ):
                self.add_error(
                    f"toegang_{pk}",
                    _("Kies hoe een gezin uit %(municipality)s binnenkomt.")
                    % {"municipality": municipality.name},
                )
        return data

    @staticmethod
    def _codes(value) -> list[str]:
        """A term field's codes: a list for the checkboxes, one code (or none) for a radio."""
        if isinstance(value, str):
            return [value] if value else []
        return list(value)

    def service_input(self) -> ServiceInput:
        data = self.cleaned_data
        return ServiceInput(
            fields={name: data[name] for name in SERVICE_MODEL_FIELDS},
            languages=list(dict.fromkeys([*data["languages"], *data["other_languages"]])),
            phone=data["phone"],
            terms={name: self._codes(data[name]) for name in self.TERM_FIELDS},
            access={
                municipality.pk: AccessInput(
                    route=data[f"toegang_{municipality.pk}"],
                    conditions=data[f"voorwaarden_{municipality.pk}"],
                    waiting_weeks=data[f"wachttijd_{municipality.pk}"],
                )
                for municipality in self.municipalities
            },
        )


SERVICE_MODEL_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "status",
    "eligibility_description",
    "application_process",
    "fees_description",
    "wait_time",
    "url",
    "email",
    "minimum_age",
    "maximum_age",
)
MAIN_FIELDS = (
    "name",
    "alternate_name",
    "status",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "wait_time",
    "minimum_age",
    "maximum_age",
    "url",
    "email",
    "phone",
)


def service_initial(service, snapshot_terms: dict, languages: list[str], phone: str, access):
    """The form's initial values from a stored service."""
    initial = {name: getattr(service, name) for name in SERVICE_MODEL_FIELDS}
    common = [code for code in languages if code in COMMON_LANGUAGES]
    initial["languages"] = common
    initial["other_languages"] = ", ".join(code for code in languages if code not in common)
    initial["phone"] = phone
    for name in ServiceForm.TERM_FIELDS:
        codes = snapshot_terms.get(name, [])
        initial[name] = (codes[0] if codes else "") if name in ("evidence", "own_costs") else codes
    for row in access:
        initial[f"toegang_{row.municipality_id}"] = row.route
        initial[f"voorwaarden_{row.municipality_id}"] = row.conditions
        initial[f"wachttijd_{row.municipality_id}"] = row.waiting_weeks
    initial["version"] = service.version
    return initial


class EditorAddForm(Form):
    professional = forms.ModelChoiceField(
        label=_("Professional"),
        queryset=None,
        empty_label=_("Kies een professional"),
        widget=PlainSelect,
        error_messages={
            "required": _("Kies wie het aanbod van deze aanbieder mag bijhouden."),
            "invalid_choice": _("Kies een professional die in deze coalitie werkt."),
        },
    )

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = professionals


class ServiceFilterForm(Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)
    niet_gecontroleerd = forms.BooleanField(
        label=_("Alleen niet gecontroleerd in 12 maanden"), required=False
    )
