from django import forms
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, StyledFormMixin


class LoginForm(Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        error_messages={"required": _("Vul je gebruikersnaam in.")},
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul je wachtwoord in.")},
    )


class TokenForm(Form):
    token = forms.RegexField(
        label=_("Code uit je authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_("De zescijferige code die je app nu laat zien."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": _("Vul de code uit je authenticator-app in."),
            "invalid": _("De code bestaat uit zes cijfers."),
        },
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class PasswordChangeForm(StyledFormMixin, DjangoPasswordChangeForm):
    pass


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Naam van de token"),
        max_length=80,
        help_text=_("Waarvoor je de token gebruikt, bijvoorbeeld 'koppeling praktijksysteem'."),
        error_messages={"required": _("Geef de token een naam, zodat je hem later herkent.")},
    )


class EndOtherSessionsForm(Form):
    """The professional's password, to confirm ending their other sessions."""

    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter bevestiging dat jij het bent."),
        error_messages={"required": _("Vul je wachtwoord in.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password
