from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form

from . import oidc


class OidcProviderForm(Form):
    """A provider of an organisation in the active coalition. The endpoints are read from the
    issuer's discovery document when the form is checked, so a wrong issuer is an error next to
    that field. The client secret is never shown back: empty on a change keeps the stored one."""

    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=None,
        error_messages={"required": _("Kies de organisatie.")},
    )
    name = forms.CharField(
        label=_("Naam op de knop"),
        max_length=80,
        help_text=_("Staat op de knop: 'Inloggen via …'."),
        error_messages={"required": _("Vul de naam in die op de knop komt.")},
    )
    issuer = forms.URLField(
        label=_("Issuer-adres"),
        max_length=300,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld https://login.organisatie.nl. Kansrijk leest de rest zelf in."),
        error_messages={
            "required": _("Vul het issuer-adres van de inlogdienst in."),
            "invalid": _("Vul een geldig adres in, bijvoorbeeld https://login.organisatie.nl."),
        },
    )
    client_id = forms.CharField(
        label=_("Client-id"),
        max_length=200,
        error_messages={"required": _("Vul de client-id in.")},
    )
    client_secret = forms.CharField(
        label=_("Client-secret"),
        required=False,
        max_length=500,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    accepted_acr_values = forms.CharField(
        label=_("acr-waarden die als twee factoren tellen"),
        required=False,
        max_length=300,
        help_text=_("Gescheiden door spaties. Leeg: alleen amr-waarden als 'mfa' of 'otp' tellen."),
    )
    is_active = forms.BooleanField(label=_("Actief (knop op de inlogpagina)"), required=False)

    def __init__(self, *args, organisations, is_new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.is_new = is_new
        self.endpoints: dict[str, str] = {}
        self.fields["client_secret"].help_text = (
            _("Wordt versleuteld opgeslagen en nooit meer getoond.")
            if is_new
            else _("Leeg laten om het opgeslagen secret te houden.")
        )

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data["client_secret"]
        if self.is_new and not secret:
            raise forms.ValidationError(_("Vul het client-secret in."))
        return secret

    def clean_issuer(self) -> str:
        issuer = self.cleaned_data["issuer"]
        try:
            self.endpoints = oidc.discover(issuer)
        except oidc.OidcRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return issuer

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            field: data[field]
            for field in ("name", "issuer", "client_id", "accepted_acr_values", "is_active")
        }
