"""The social map's search form (GET, so a search can be bookmarked and linked to).

Its parameter names are part of the links other pages make (the care paths link to
`?municipality=<id>&need=<code>`), so they are stable and in English like the codes.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.care.needs import Need
from kansrijk.core.forms import Form, PlainSelect
from kansrijk.organisations.models import Coalition

from .selectors_search import EVIDENCE_ORDER, SearchCriteria, coalition_languages
from .vocabulary import Evidence, OwnCost, Phase, RouteTerm


def _choice(empty_label, choices) -> list[tuple[str, str]]:
    return [("", empty_label), *choices]


class ServiceSearchForm(Form):
    q = forms.CharField(
        label=_("Zoekwoorden"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld de naam van het aanbod, de aanbieder of 'schulden'."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    need = forms.ChoiceField(
        label=_("Behoefte"), required=False, choices=_choice(_("Alle behoeften"), Need.choices)
    )
    municipality = forms.TypedChoiceField(
        label=_("Gemeente van het gezin"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
    )
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=_choice(_("Alle fases"), Phase.choices)
    )
    route = forms.ChoiceField(
        label=_("Route"), required=False, choices=_choice(_("Alle routes"), RouteTerm.choices)
    )
    language = forms.ChoiceField(label=_("Taal"), required=False, widget=PlainSelect)
    cost = forms.ChoiceField(
        label=_("Eigen kosten voor het gezin"),
        required=False,
        choices=_choice(_("Maakt niet uit"), OwnCost.choices),
    )
    evidence = forms.ChoiceField(
        label=_("Bewijskracht (minimaal)"),
        required=False,
        choices=_choice(
            _("Maakt niet uit"), [(str(level), Evidence(level).label) for level in EVIDENCE_ORDER]
        ),
    )
    inactive = forms.BooleanField(label=_("Ook aanbod dat niet actief is"), required=False)

    CHOICE_ERRORS = {
        "municipality": _("Kies een gemeente uit de lijst."),
        "language": _("Kies een taal uit de lijst."),
    }

    def __init__(self, data=None, *, coalition: Coalition):
        super().__init__(data)
        # One query each: the coalition's municipalities (also the criteria's object) and
        # the languages its services are offered in.
        self.municipalities = {m.pk: m for m in coalition.municipalities.order_by("name")}
        municipality = self.fields["municipality"]
        municipality.choices = _choice(
            _("Alle gemeenten"), [(pk, m.name) for pk, m in self.municipalities.items()]
        )
        language = self.fields["language"]
        language.choices = _choice(_("Alle talen"), coalition_languages(coalition))
        for name, message in self.CHOICE_ERRORS.items():
            self.fields[name].error_messages["invalid_choice"] = message
        for name in ("need", "phase", "route", "cost", "evidence"):
            self.fields[name].error_messages["invalid_choice"] = _("Kies een waarde uit de lijst.")

    def clean_language(self):
        return (self.cleaned_data.get("language") or "").lower()

    def criteria(self) -> SearchCriteria:
        """The valid part of the search: a wrong value is reported next to its field and
        left out, the rest still filters."""
        self.is_valid()
        data = self.cleaned_data
        return SearchCriteria(
            q=data.get("q") or "",
            need=data.get("need") or "",
            phase=data.get("phase") or "",
            route=data.get("route") or "",
            municipality=self.municipalities.get(data.get("municipality")),
            language=data.get("language") or "",
            cost=data.get("cost") or "",
            evidence=data.get("evidence") or "",
            include_inactive=bool(data.get("inactive")),
        )
