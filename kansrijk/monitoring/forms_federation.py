"""Forms of the federation pages: the period to publish, a trusted publisher, a document to
import (a file or an address). They parse; the services check the rest."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form

from .federation.importer import MAX_BYTES
from .periods import Period, PeriodError

PERIOD_HELP = _("Een kwartaal (2026-Q3), een maand (2026-09) of een jaar (2026).")


class PeriodField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Periode"))
        kwargs.setdefault("help_text", PERIOD_HELP)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("error_messages", {"required": _("Vul een periode in.")})
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            return Period.parse(value)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None


class PublishForm(Form):
    period = PeriodField()


class TrustedPublisherForm(Form):
    publisher = forms.CharField(
        label=_("Uitgever-id"),
        max_length=200,
        help_text=_(
            "Zoals de uitgever het op zijn publicatiepagina toont, bijvoorbeeld "
            "kansrijk.example.nl/coalities/3."
        ),
        error_messages={"required": _("Vul de id van de uitgever in.")},
    )
    public_key = forms.CharField(
        label=_("Publieke sleutel"),
        max_length=200,
        help_text=_("De publieke sleutel (base64) van de publicatiepagina van de uitgever."),
        error_messages={"required": _("Vul de publieke sleutel van de uitgever in.")},
    )


class ImportForm(Form):
    file = forms.FileField(
        label=_("Bestand"),
        required=False,
        help_text=_("Het ondertekende JSON-bestand dat de coalitie heeft gepubliceerd."),
        validators=[
            FileExtensionValidator(
                ["json"], message=_("Kies een JSON-bestand: de naam eindigt op .json.")
            )
        ],
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    url = forms.URLField(
        label=_("Of een adres"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Een adres (https://…) waar het ondertekende bestand staat."),
        error_messages={"invalid": _("Vul een volledig adres in, bijvoorbeeld https://…")},
    )

    def clean(self):
        data = super().clean()
        file, url = data.get("file"), data.get("url")
        if self.errors:
            return data
        if not file and not url:
            raise forms.ValidationError(_("Kies een bestand of vul een adres in."))
        if file and url:
            raise forms.ValidationError(_("Kies een bestand óf een adres, niet allebei."))
        if file and file.size > MAX_BYTES:
            self.add_error("file", _("Het bestand is groter dan 1 MB."))
        return data
