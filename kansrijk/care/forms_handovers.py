"""Forms of casusregie, handovers and chain moments. They parse input; the services decide
what depends on the family (who is on the care team, which organisations work in its
coalition, whether a casusregie handover is already running) and give those Dutch errors,
keyed by these forms' field names."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, VersionField, date_widget
from kansrijk.families.models.persons import phone_validator
from kansrijk.organisations.forms_picker import ProfessionalPickerField, ProfessionalPickerInput
from kansrijk.organisations.models import Organisation, OrganisationKind
from kansrijk.organisations.selectors_picker import professional_memberships

from .models import HandoverKind, TimingAnchor, WarmContactKind
from .models.handovers import OFFSET_LIMIT
from .services_handovers import SUMMARY_MAX


class HandoverProposeForm(Form):
    moment = forms.ChoiceField(
        label=_("Ketenmoment"),
        required=False,
        help_text=_("Het vaste moment in de keten waar deze overdracht bij hoort."),
        error_messages={"invalid_choice": _("Kies een ketenmoment uit de lijst.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort overdracht"),
        choices=HandoverKind.choices,
        initial=HandoverKind.REGULAR,
        widget=forms.RadioSelect,
        help_text=_(
            "Bij een overdracht van de casusregie wordt de ontvanger casusregisseur zodra die "
            "accepteert."
        ),
        error_messages={
            "required": _("Kies een soort overdracht."),
            "invalid_choice": _("Kies een soort overdracht uit de lijst."),
        },
    )
    to_organisation = forms.ModelChoiceField(
        label=_("Aan organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Kies een organisatie"),
        help_text=_("Iedere professional van deze organisatie in de coalitie kan accepteren."),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    to_professional = ProfessionalPickerField(
        label=_("Of aan een professional"),
        required=False,
        help_text=_(
            "Typ (een deel van) de naam als je weet wie het overneemt; dan kan alleen die "
            "accepteren."
        ),
        # Not a select of every professional of the coalition: thousands at national scale.
        widget=ProfessionalPickerInput(exclude_self=True),
    )
    summary = forms.CharField(
        label=_("Samenvatting voor de ontvanger"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Wat de ontvanger nodig heeft om te beslissen en te beginnen. De ontvanger ziet "
            "alleen deze samenvatting en het dossiernummer tot die accepteert."
        ),
        error_messages={
            "required": _("Schrijf een korte samenvatting voor de ontvanger."),
            "max_length": _("Houd de samenvatting korter dan %(limit_value)d tekens."),
        },
    )
    due_date = forms.DateField(
        label=_("Accepteren vóór"),
        required=False,
        widget=date_widget(),
        help_text=_("Leeg: volgens de termijn van het ketenmoment (anders over een week)."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 3-3-2027.")},
    )

    def __init__(self, *args, coalition, moments, suggestions, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moment"].choices = [
            ("", _("Ander moment")),
            *[
                (
                    moment.code,
                    _("%(name)s — accepteren vóór %(date)s")
                    % {
                        "name": moment.name,
                        "date": date_format(suggestions[moment.code], "j F Y"),
                    },
                )
                for moment in moments
            ],
        ]
        self.fields["to_organisation"].queryset = Organisation.objects.filter(
            coalitions=coalition, is_active=True
        ).order_by("name")
        # No query here: the picker resolves the typed name when the form is posted.
        self.fields["to_professional"].queryset = professional_memberships(coalition).exclude(
            professional=actor
        )

    def receiver(self) -> tuple[Organisation | None, object | None]:
        """(organisation, professional) from the two choices; a chosen professional brings
        the organisation they work for, unless an organisation was chosen too."""
        organisation = self.cleaned_data.get("to_organisation")
        membership = self.cleaned_data.get("to_professional")
        if membership is None:
            return organisation, None
        return organisation or membership.organisation, membership.professional


class HandoverAcceptForm(Form):
    role_in_family = forms.CharField(
        label=_("Jouw rol bij dit gezin"),
        required=False,
        max_length=120,
        help_text=_("Bijvoorbeeld: jeugdverpleegkundige of vaste verloskundige."),
        error_messages={"max_length": _("Houd de rol kort: hoogstens 120 tekens.")},
    )
    phone = forms.CharField(
        label=_("Telefoon (direct bereikbaar)"),
        required=False,
        max_length=30,
        validators=[phone_validator],
        help_text=_("Leeg: het nummer van je organisatie-account."),
    )
    version = VersionField()


class HandoverDeclineForm(Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De voorsteller ziet deze reden en kan een nieuwe overdracht voorstellen."),
        error_messages={"required": _("Geef een reden waarom je de overdracht afwijst.")},
    )
    version = VersionField()


class HandoverCompleteForm(Form):
    contact_kind = forms.ChoiceField(
        label=_("Hoe was het warme contact"),
        choices=WarmContactKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Kies hoe het warme contact was: een gezamenlijk bezoek of een gezamenlijk gesprek."
            ),
            "invalid_choice": _("Kies een soort contact uit de lijst."),
        },
    )
    contact_on = forms.DateField(
        label=_("Datum van het warme contact"),
        widget=date_widget(),
        initial=timezone.localdate,
        error_messages={
            "required": _("Vul de datum van het warme contact in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 3-3-2027."),
        },
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VersionField()


class HandoverCancelForm(Form):
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VersionField()


class CaseDirectorForm(Form):
    professional = forms.TypedChoiceField(
        label=_("Casusregisseur"),
        coerce=int,
        empty_value=None,
        help_text=_("De casusregisseur komt uit het zorgteam."),
        error_messages={
            "required": _("Kies wie de casusregie neemt."),
            "invalid_choice": _("Kies iemand uit het zorgteam."),
        },
    )

    def __init__(self, *args, care_team, **kwargs):
        super().__init__(*args, **kwargs)
        self.care_team = care_team
        choices = []
        for member in care_team:
            label = member.professional.get_full_name() or member.professional.username
            if member.membership_id:
                label = f"{label} — {member.membership.organisation.name}"
            if member.role_in_family:
                label = f"{label} ({member.role_in_family})"
            choices.append((member.professional_id, label))
        self.fields["professional"].choices = [("", _("Kies een zorgteamlid")), *choices]

    def chosen_professional(self):
        pk = self.cleaned_data.get("professional")
        return next((m.professional for m in self.care_team if m.professional_id == pk), None)


class ChainMomentForm(Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=120,
        error_messages={"required": _("Geef het ketenmoment een naam.")},
    )
    from_kinds = forms.MultipleChoiceField(
        label=_("Van (soort organisatie)"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: van elke organisatie."),
    )
    to_kind = forms.ChoiceField(
        label=_("Naar (soort organisatie)"),
        choices=[("", _("Elke organisatie")), *OrganisationKind.choices],
        required=False,
    )
    transfers_casusregie = forms.BooleanField(
        label=_("Wie deze overdracht accepteert, wordt casusregisseur"), required=False
    )
    anchor = forms.ChoiceField(
        label=_("De termijn telt vanaf"),
        choices=TimingAnchor.choices,
        initial=TimingAnchor.PROPOSED,
        error_messages={"required": _("Kies waarvandaan de termijn telt.")},
    )
    offset_days = forms.IntegerField(
        label=_("Aantal dagen ervoor (-) of erna (+)"),
        min_value=-OFFSET_LIMIT,
        max_value=OFFSET_LIMIT,
        initial=7,
        help_text=_(
            "Bijvoorbeeld -42 met de à terme datum: zes weken ervoor. Bij de geboortedatum "
            "telt de à terme datum zolang de geboorte niet is vastgelegd."
        ),
        error_messages={
            "required": _("Vul het aantal dagen in (0 mag ook)."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld -42 of 7."),
            # OFFSET_LIMIT is 365.
            "min_value": _("Kies een termijn van hooguit 365 dagen ervoor."),
            "max_value": _("Kies een termijn van hooguit 365 dagen erna."),
        },
    )
    order = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=32767, initial=50)
    is_active = forms.BooleanField(label=_("In gebruik"), required=False, initial=True)

    def __init__(self, *args, moment=None, **kwargs):
        if moment is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": moment.name,
                "from_kinds": list(moment.from_kinds),
                "to_kind": moment.to_kind,
                "transfers_casusregie": moment.transfers_casusregie,
                "anchor": moment.anchor,
                "offset_days": moment.offset_days,
                "order": moment.order,
                "is_active": moment.is_active,
            }
        super().__init__(*args, **kwargs)
