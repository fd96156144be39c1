"""The form of a coalition's webhook. It checks what a form can check by itself (an address
that starts with https://, at least one event, an organisation from the list); the service
(`webhooks.services`) checks again and decides the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, VersionField

from .models import WebhookEvent
from .webhooks.delivery import url_allowed


class WebhookForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=None,
        empty_label=_("Kies een organisatie"),
        help_text=_(
            "Het systeem van deze organisatie hoort van overdrachten en verwijzingen aan haar."
        ),
        error_messages={
            "required": _("Kies een organisatie van de coalitie."),
            "invalid_choice": _("Kies een organisatie van de coalitie."),
        },
    )
    url = forms.CharField(
        label=_("Adres (https://)"),
        max_length=500,
        help_text=_(
            "Het adres van het systeem dat de berichten ontvangt, bijvoorbeeld https://zorgsysteem.example.nl/kansrijk."
        ),
        error_messages={
            "required": _("Vul het adres in."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
        widget=forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Gebeurtenissen"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één gebeurtenis."),
            "invalid_choice": _("Kies uit de lijst."),
        },
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
    active = forms.BooleanField(
        label=_("Actief"),
        required=False,
        help_text=_("Zet uit om tijdelijk geen berichten te sturen."),
    )
    version = VersionField(min_value=0)

    DATA_FIELDS = ("organisation", "url", "events", "description", "active")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        if not url.lower().startswith(("https://", "http://")) or " " in url:
            raise forms.ValidationError(_("Vul een volledig adres in dat met https:// begint."))
        if not url_allowed(url):
            raise forms.ValidationError(
                _(
                    "Gebruik een adres dat met https:// begint: berichten gaan alleen "
                    "versleuteld over het internet."
                )
            )
        return url

    def data_dict(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.DATA_FIELDS}
