from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, date_widget


class LoginForm(Form):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        help_text=_("Het e-mailadres waarop je de uitnodiging kreeg."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )
    date_of_birth = forms.DateField(
        label=_("Je geboortedatum"),
        widget=date_widget(),
        error_messages={
            "required": _("Vul je geboortedatum in."),
            "invalid": _("Vul je geboortedatum in als dag, maand en jaar."),
        },
    )

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Je geboortedatum kan niet in de toekomst liggen."))
        return value


class CodeForm(Form):
    code = forms.RegexField(
        label=_("Code uit de e-mail"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_("Zes cijfers."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": _("Vul de code uit de e-mail in."),
            "invalid": _("De code bestaat uit zes cijfers."),
        },
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()
