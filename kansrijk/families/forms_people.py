"""Forms for the people and events around a family. They parse input; services write.

Model validation (dates of a pregnancy, BSN, phone) runs in the forms through the models'
`clean`, so the Dutch message appears next to the field and the input stays in the form.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, ModelForm, date_widget
from kansrijk.organisations.forms_picker import ProfessionalPickerField
from kansrijk.organisations.models import Professional
from kansrijk.organisations.selectors_picker import professional_memberships

from .models import (
    CareTeamMember,
    ConsentMethod,
    ConsentPurpose,
    Person,
    Pregnancy,
    timeline_kinds,
)
from .validators import normalise_bsn, validate_bsn


class OneMessagePerFieldMixin:
    """A field that failed its own check keeps that one message: the model's `clean()` runs
    anyway and would add a second message about the same empty field."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            remaining = {f: e for f, e in errors.error_dict.items() if f not in self.errors}
            if not remaining:
                return
            errors = ValidationError(remaining)
        super()._update_errors(errors)


# --- Persons ------------------------------------------------------------------------------


class PersonForm(OneMessagePerFieldMixin, ModelForm):
    """Add or edit a person. The stored BSN is never put back into the form: on editing, an
    empty BSN field keeps it, and only the masked number is shown as help text."""

    bsn = forms.CharField(
        label=_("Burgerservicenummer (BSN)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("Negen cijfers. Na het opslaan wordt het BSN alleen afgeschermd getoond."),
    )
    bsn_remove = forms.BooleanField(label=_("Het opgeslagen BSN verwijderen"), required=False)

    class Meta:
        model = Person
        fields = [
            "role",
            "first_name",
            "last_name",
            "date_of_birth",
            "bsn",
            "phone",
            "email",
            "preferred_contact",
        ]
        widgets = {"date_of_birth": date_widget()}
        error_messages = {
            "role": {"required": _("Kies de rol van deze persoon in het gezin.")},
            "first_name": {"required": _("Vul de voornaam in.")},
            "email": {
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.pk and self.instance.bsn
        if stored:
            self.fields["bsn"].help_text = _(
                "Opgeslagen: %(masked)s. Laat leeg om het opgeslagen BSN te bewaren."
            ) % {"masked": self.instance.bsn_masked}
        else:
            del self.fields["bsn_remove"]
        # Never render a stored BSN back into the page.
        self.initial["bsn"] = ""

    def clean_bsn(self) -> str:
        value = normalise_bsn(self.cleaned_data.get("bsn", ""))
        if value:
            validate_bsn(value)
        return value

    def _post_clean(self):
        # The model must not see an empty field as "remove the BSN" (the empty field keeps
        # the stored one); only the explicit checkbox removes it.
        if self.instance.pk and not self.cleaned_data.get("bsn"):
            if self.cleaned_data.get("bsn_remove"):
                self.cleaned_data["bsn"] = ""
            else:
                self.cleaned_data["bsn"] = self.instance.bsn
        super()._post_clean()

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


# --- Pregnancies --------------------------------------------------------------------------


class PregnancyForm(OneMessagePerFieldMixin, ModelForm):
    class Meta:
        model = Pregnancy
        fields = ["due_date", "gravidity", "parity", "entered_care_on"]
        widgets = {"due_date": date_widget(), "entered_care_on": date_widget()}
        help_texts = {
            "due_date": _("De uitgerekende datum. Mag niet meer dan 44 weken vooruit liggen."),
            "gravidity": _("Het aantal zwangerschappen, deze meegeteld."),
            "parity": _("Het aantal eerdere bevallingen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].required = True
        self.fields["due_date"].error_messages["required"] = _("Vul de à terme datum in.")

    def pregnancy_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class BirthForm(OneMessagePerFieldMixin, ModelForm):
    """How a pregnancy ended; on a live birth the child joins the household."""

    child_first_name = forms.CharField(
        label=_("Voornaam van het kind"),
        required=False,
        max_length=80,
        help_text=_("Nog niet bekend? Laat leeg; het kind heet dan voorlopig 'Baby'."),
    )
    child_last_name = forms.CharField(
        label=_("Achternaam van het kind"), required=False, max_length=120
    )

    class Meta:
        model = Pregnancy
        fields = ["birth_date", "outcome"]
        widgets = {"birth_date": date_widget()}
        labels = {"birth_date": _("Datum van de bevalling of het einde van de zwangerschap")}
        error_messages = {"outcome": {"required": _("Kies de uitkomst van de zwangerschap.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = True
        self.fields["birth_date"].error_messages["required"] = _("Vul de geboortedatum in.")
        self.fields["outcome"].required = True


# --- Consent ------------------------------------------------------------------------------

YES_NO = [("yes", _("Ja, het gezin geeft toestemming")), ("no", _("Nee, geen toestemming"))]


class ConsentForm(Form):
    purpose = forms.ChoiceField(
        label=_("Waarvoor"),
        choices=ConsentPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waarvoor de toestemming geldt.")},
    )
    answer = forms.ChoiceField(
        label=_("Besluit van het gezin"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of het gezin toestemming geeft.")},
    )
    method = forms.ChoiceField(
        label=_("Hoe vastgelegd"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of de toestemming mondeling of schriftelijk is.")},
    )


# --- Care team ----------------------------------------------------------------------------


class CareTeamAddForm(Form):
    professional = ProfessionalPickerField(
        label=_("Professional"),
        help_text=_("Typ (een deel van) de naam van de professional."),
        # Not a select of every professional of the coalition: thousands at national scale.
        error_messages={
            "required": _("Kies de professional die je aan het zorgteam toevoegt."),
        },
    )
    role_in_family = forms.CharField(
        label=_("Rol bij dit gezin"),
        required=False,
        max_length=120,
        help_text=_("Bijvoorbeeld: casusregisseur, verloskundige, jeugdverpleegkundige."),
    )
    phone = forms.CharField(
        label=_("Telefoon (direct bereikbaar)"),
        required=False,
        max_length=30,
        help_text=_("Leeg laten: het nummer uit het lidmaatschap van de professional."),
    )
    start_date = forms.DateField(
        label=_("Startdatum"), initial=timezone.localdate, widget=date_widget()
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        # Professionals working in the family's coalition now, not already on the team; no
        # query here: the picker resolves the typed name when the form is posted.
        on_the_team = CareTeamMember.objects.filter(
            family=family, professional=OuterRef("professional"), end_date__isnull=True
        )
        self.fields["professional"].queryset = professional_memberships(
            family.coalition_id
        ).exclude(Exists(on_the_team))

    def chosen_professional(self) -> Professional | None:
        membership = self.cleaned_data.get("professional")
        return membership.professional if membership is not None else None


class CareTeamEndForm(Form):
    """Only a confirmation; kept as a form for the CSRF token and a uniform page."""


# --- Timeline -----------------------------------------------------------------------------


class TimelineFilterForm(Form):
    soort = forms.ChoiceField(label=_("Soort gebeurtenis"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle gebeurtenissen")), *timeline_kinds()]
