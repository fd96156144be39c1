"""Forms of the care-path pages: the path, a step, a service for a step, moving a step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.care.needs import Need
from kansrijk.core.forms import Form, PlainSelect, VersionField

from .models import CarePathRoute


class CarePathForm(Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        error_messages={
            "required": _("Geef het zorgpad een naam."),
            "max_length": _("Houd de naam korter dan %(limit_value)d tekens."),
        },
    )
    need = forms.ChoiceField(
        label=_("Behoefte"),
        choices=[("", _("Kies een behoefte")), *Need.choices],
        help_text=_("Het zorgpad wordt voorgesteld bij gezinnen met deze behoefte."),
        error_messages={
            "required": _("Kies voor welke behoefte dit zorgpad is."),
            "invalid_choice": _("Kies een behoefte uit de lijst."),
        },
    )
    route = forms.TypedChoiceField(
        label=_("Route"),
        choices=CarePathRoute.choices,
        coerce=int,
        initial=CarePathRoute.ANY,
        error_messages={
            "required": _("Kies een route."),
            "invalid_choice": _("Kies een route uit de lijst."),
        },
    )
    description = forms.CharField(
        label=_("Beschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Voor wie het zorgpad is en waar het op let."),
    )
    is_active = forms.BooleanField(
        label=_("In gebruik"),
        required=False,
        initial=True,
        help_text=_("Alleen zorgpaden in gebruik worden in het gezinsdossier voorgesteld."),
    )
    version = VersionField(min_value=0)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Geef het zorgpad een naam."))
        return name

    def path_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "need", "route", "description", "is_active")
        }


class StepForm(Form):
    title = forms.CharField(
        label=_("Wat"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Kennismakingsgesprek met de schuldhulpverlener."),
        error_messages={
            "required": _("Zeg wat er in deze stap gebeurt."),
            "max_length": _("Houd de stap korter dan %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StepServiceForm(Form):
    """Choose one of the coalition's active services, for every municipality or as one
    municipality's alternative."""

    service = forms.ChoiceField(
        label=_("Aanbod"),
        widget=PlainSelect,
        error_messages={
            "required": _("Kies een aanbod."),
            "invalid_choice": _("Kies een actief aanbod van deze coalitie uit de lijst."),
        },
    )
    municipality = forms.ChoiceField(
        label=_("Alleen in gemeente"),
        required=False,
        help_text=_(
            "Leeg: dit aanbod geldt in alle gemeenten. Met een gemeente: het alternatief voor "
            "die gemeente, dat daar in plaats van het algemene aanbod wordt voorgesteld."
        ),
        error_messages={"invalid_choice": _("Kies een gemeente van deze coalitie uit de lijst.")},
    )

    def __init__(self, *args, services, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self._services = {str(service.pk): service for service in services}
        self._municipalities = {str(m.pk): m for m in municipalities}
        self.fields["service"].choices = [
            ("", _("Kies een aanbod")),
            *(
                (key, f"{service.name} ({service.organization.name})")
                for key, service in self._services.items()
            ),
        ]
        self.fields["municipality"].choices = [
            ("", _("Alle gemeenten")),
            *((key, m.name) for key, m in self._municipalities.items()),
        ]

    def chosen_service(self):
        return self._services[self.cleaned_data["service"]]

    def chosen_municipality(self):
        return self._municipalities.get(self.cleaned_data.get("municipality") or "")


class MoveForm(Form):
    richting = forms.ChoiceField(choices=[("omhoog", _("omhoog")), ("omlaag", _("omlaag"))])
