"""Forms of the landscape pages: a partnership and a central reporting point."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, VersionField

from .models import PartnershipKind


class PartnershipForm(Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", _("Kies een soort")), *PartnershipKind.choices],
        error_messages={
            "required": _("Kies de soort samenwerkingsverband."),
            "invalid_choice": _("Kies een soort samenwerkingsverband uit de lijst."),
        },
    )
    name = forms.CharField(
        label=_("Naam"),
        max_length=160,
        error_messages={
            "required": _("Geef het samenwerkingsverband een naam."),
            "max_length": _("Houd de naam korter dan %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een geldig webadres in, bijvoorbeeld https://vsv.nl.")},
    )
    municipalities = forms.TypedMultipleChoiceField(
        label=_("Gemeenten"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De gemeenten waar het samenwerkingsverband werkt."),
        error_messages={"invalid_choice": _("Kies gemeenten van de coalities in deze regio.")},
    )
    organisations = forms.TypedMultipleChoiceField(
        label=_("Organisaties"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies organisaties van de coalities in deze regio.")},
    )
    version = VersionField(min_value=0)

    def __init__(self, *args, municipalities=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality_rows = {m.pk: m for m in municipalities}
        self.organisation_rows = {o.pk: o for o in organisations}
        self.fields["municipalities"].choices = [
            (m.pk, f"{m.name} ({m.coalition.name})") for m in municipalities
        ]
        self.fields["organisations"].choices = [(o.pk, o.name) for o in organisations]

    def partnership_data(self) -> dict:
        data = {
            name: self.cleaned_data.get(name) for name in ("kind", "name", "description", "website")
        }
        data["municipalities"] = [
            self.municipality_rows[pk] for pk in self.cleaned_data["municipalities"]
        ]
        data["organisations"] = [
            self.organisation_rows[pk] for pk in self.cleaned_data["organisations"]
        ]
        return data


class CentralPointForm(Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=160,
        error_messages={
            "required": _("Geef het meldpunt een naam."),
            "max_length": _("Houd de naam korter dan %(limit_value)d tekens."),
        },
    )
    phone = forms.CharField(
        label=_("Telefoon"),
        max_length=30,
        required=False,
        error_messages={
            "max_length": _("Houd het telefoonnummer korter dan %(limit_value)d tekens.")
        },
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een geldig webadres in.")},
    )
    for_all_services = forms.BooleanField(
        label=_("Toegang voor al het aanbod"),
        required=False,
        initial=True,
        help_text=_(
            "Aan: gezinnen in deze gemeente komen voor al het aanbod binnen via dit meldpunt; "
            "de klantroute en de vergelijking tonen het meldpunt in plaats van de eigen "
            'toegang van elk aanbod. Uit: alleen waar de toegang van een aanbod "via het '
            'centrale meldpunt" is.'
        ),
    )
    version = VersionField(min_value=0)

    def point_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields if name != "version"}
