"""Forms of the family pages. They parse and validate input; services do the writing.

The model's own `clean()` holds the rules (e.g. a due date at most 44 weeks ahead), so a
ModelForm shows those Dutch messages next to the field without repeating them here.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, ModelForm, date_widget
from kansrijk.organisations.models import Municipality

from .models import Family, Person, Pregnancy
from .models.family import FAMILY_EDITABLE_FIELDS
from .phases import PhaseCode

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def date_field(label, *, required=False, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=date_widget(),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2025.")},
    )


# --- List ---------------------------------------------------------------------------------


class FamilyFilterForm(Form):
    naam = forms.CharField(label=_("Naam"), required=False, max_length=100)
    geboortedatum = forms.DateField(
        label=_("Geboortedatum (dd-mm-jjjj)"),
        required=False,
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Vul de geboortedatum in als dd-mm-jjjj, bijv. 05-03-1994.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    fase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle fases")), *PhaseCode.choices]
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), required=False, queryset=None, empty_label=_("Alle gemeenten")
    )

    SEARCH_FIELDS = ("naam", "geboortedatum", "postcode")

    def __init__(self, *args, coalition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = (
            coalition.municipalities.order_by("name")
            if coalition is not None
            else Municipality.objects.none()
        )


# --- Family -------------------------------------------------------------------------------


FAMILY_LABELS = {
    "municipality": _("Gemeente"),
    "postcode": _("Postcode"),
    "main_language": _("Voertaal"),
    "interpreter_needed": _("Tolk nodig"),
    "interpreter_language": _("Taal van de tolk"),
    "health_insurer": _("Zorgverzekeraar"),
    "insurance_kind": _("Soort verzekering"),
    "low_income": _("Laag inkomen (minima)"),
    "strengths": _("Wat gaat goed"),
}


class FamilyForm(ModelForm):
    """The family's own fields; the municipality is one of the family's coalition."""

    class Meta:
        model = Family
        fields = list(FAMILY_EDITABLE_FIELDS)
        labels = FAMILY_LABELS
        help_texts = {
            "interpreter_language": _("Alleen invullen als een tolk nodig is."),
            "strengths": _("Krachten van het gezin en wat al goed gaat."),
        }
        widgets = {"strengths": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "municipality": {"required": _("Kies de gemeente waar het gezin woont.")},
            "postcode": {"required": _("Vul de postcode in, zoals 1234 AB.")},
        }

    def __init__(self, *args, coalition, **kwargs):
        kwargs.setdefault("instance", Family(coalition=coalition))
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = coalition.municipalities.order_by("name")
        self.fields["municipality"].empty_label = _("Kies een gemeente")

    def family_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in FAMILY_EDITABLE_FIELDS}


class FamilyCreateForm(FamilyForm):
    """The family fields of a new file, and the creator's role on its care team."""

    role_in_family = forms.CharField(
        label=_("Jouw rol bij dit gezin"),
        required=False,
        max_length=120,
        help_text=_("Bijvoorbeeld verloskundige of casusregisseur. Je komt in het zorgteam."),
    )

    class Meta(FamilyForm.Meta):
        pass


class FamilyEditForm(FamilyForm):
    """The family form with the version it was based on, for the conflict check."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta(FamilyForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class ClientForm(ModelForm):
    """The pregnant client (or mother) of a new family."""

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "bsn",
            "phone",
            "email",
            "preferred_contact",
        ]
        labels = {
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "date_of_birth": _("Geboortedatum"),
            "bsn": _("Burgerservicenummer (BSN)"),
            "phone": _("Telefoon"),
            "email": _("E-mail"),
            "preferred_contact": _("Voorkeur voor contact"),
        }
        help_texts = {"bsn": _("Negen cijfers. Wordt nooit in lijsten getoond.")}
        error_messages = {
            "first_name": {"required": _("Vul de voornaam van de cliënt in.")},
            "email": {
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"] = date_field(_("Geboortedatum"))
        self.fields["bsn"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["preferred_contact"].choices = [
            ("", _("Geen voorkeur")),
            *self.fields["preferred_contact"].choices[1:],
        ]

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PregnancyForm(ModelForm):
    """The current pregnancy, optional on a new family: left empty, none is made."""

    class Meta:
        model = Pregnancy
        fields = ["due_date", "gravidity", "parity", "entered_care_on"]
        labels = {
            "due_date": _("À terme datum"),
            "gravidity": _("Graviditeit"),
            "parity": _("Pariteit"),
            "entered_care_on": _("In zorg sinds"),
        }
        help_texts = {
            "gravidity": _("Aantal zwangerschappen, deze meegeteld."),
            "parity": _("Aantal eerdere bevallingen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"] = date_field(
            _("À terme datum"), help_text=_("Leeg laten als er (nog) geen zwangerschap is.")
        )
        self.fields["entered_care_on"] = date_field(_("In zorg sinds"))

    def is_filled_in(self) -> bool:
        return self.is_bound and self.has_changed()

    def pregnancy_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# --- Close and reopen ---------------------------------------------------------------------


class FamilyCloseForm(Form):
    reason = forms.CharField(
        label=_("Reden van sluiten"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Vul in waarom het dossier wordt gesloten.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class FamilyReopenForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
