"""Forms of the care plan. They parse input; the services decide and give the Dutch errors
that depend on the family (a closed file, an owner off the care team). What a form can check
by itself (a required field, a score from 0 to 10, a date in the future) it checks here, so
the message stands next to the field and the input stays in the form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, VersionField, date_widget
from kansrijk.organisations.models import Professional

from .models import GoalStatus, HealthDimension
from .models.plan import SCORE_MAX, SCORE_MIN


def textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CarePlanForm(Form):
    strengths = forms.CharField(
        label=_("Wat gaat goed"),
        required=False,
        widget=textarea(),
        help_text=_("De krachten van het gezin en wat al goed loopt."),
    )
    own_contribution = forms.CharField(
        label=_("Wat doet het gezin zelf"),
        required=False,
        widget=textarea(),
        help_text=_("Wat het gezin zelf (of met familie en vrienden) oppakt."),
    )
    support_needed = forms.CharField(
        label=_("Welke ondersteuning is nodig"),
        required=False,
        widget=textarea(),
        help_text=_("Welke hulp het gezin van professionals nodig heeft."),
    )
    version = VersionField(min_value=0)


class PlanDiscussedForm(Form):
    discussed_on = forms.DateField(
        label=_("Besproken op"),
        widget=date_widget(),
        initial=timezone.localdate,
        error_messages={
            "required": _("Vul de datum van het gesprek in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 3-3-2027."),
        },
    )
    with_whom = forms.CharField(
        label=_("Met wie"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: moeder en partner."),
    )
    note = forms.CharField(label=_("Wat vond het gezin ervan"), required=False, widget=textarea(3))

    def clean_discussed_on(self):
        value = self.cleaned_data["discussed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("De datum van het gesprek kan niet in de toekomst liggen.")
            )
        return value


class ConcernForm(Form):
    text = forms.CharField(
        label=_("Zorgpunt"),
        max_length=300,
        help_text=_("Kort, in de woorden van het gezin. Nieuwe zorgpunten komen onderaan."),
        error_messages={
            "required": _("Beschrijf het zorgpunt."),
            "max_length": _("Houd het zorgpunt kort: hoogstens 300 tekens."),
        },
    )


class GoalForm(Form):
    text = forms.CharField(
        label=_("Doel"),
        max_length=300,
        help_text=_("Wat wil het gezin bereiken? In hun eigen woorden."),
        error_messages={
            "required": _("Beschrijf het doel in de woorden van het gezin."),
            "max_length": _("Houd het doel kort: hoogstens 300 tekens."),
        },
    )
    dimension = forms.ChoiceField(
        label=_("Dimensie van Positieve Gezondheid"),
        choices=[("", _("Kies een dimensie")), *HealthDimension.choices],
        error_messages={
            "required": _("Kies bij welke dimensie van Positieve Gezondheid het doel hoort."),
            "invalid_choice": _("Kies een dimensie uit de lijst."),
        },
    )
    target_date = forms.DateField(
        label=_("Streefdatum"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 1-6-2027.")},
    )

    def goal_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("text", "dimension", "target_date")}


class GoalEditForm(GoalForm):
    version = VersionField(min_value=0)


class GoalCloseForm(Form):
    status = forms.ChoiceField(
        label=_("Hoe is het afgelopen?"),
        choices=[(GoalStatus.ACHIEVED, _("Behaald")), (GoalStatus.STOPPED, _("Gestopt"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of het doel behaald is of gestopt."),
            "invalid_choice": _("Kies of het doel behaald is of gestopt."),
        },
    )


class HealthScoreForm(Form):
    measured_on = forms.DateField(
        label=_("Datum"),
        widget=date_widget(),
        initial=timezone.localdate,
        error_messages={
            "required": _("Vul de datum in waarop het gezin de scores gaf."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 3-3-2027."),
        },
    )
    respondent = forms.CharField(
        label=_("Ingevuld door"),
        max_length=120,
        help_text=_("Wie van het gezin gaf de scores? Bijvoorbeeld: moeder."),
        error_messages={"required": _("Vul in wie van het gezin de scores gaf.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in HealthDimension:
            message = _("Vul voor %(dimension)s een heel getal van 0 tot en met 10 in.") % {
                "dimension": dimension.label
            }
            self.fields[dimension.value] = forms.IntegerField(
                label=dimension.label,
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "kr-score"}),
                error_messages={
                    "required": message,
                    "invalid": message,
                    "min_value": message,
                    "max_value": message,
                },
            )
        self.order_fields(["measured_on", "respondent", *HealthDimension.values])

    def clean_measured_on(self):
        value = self.cleaned_data["measured_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De datum kan niet in de toekomst liggen."))
        return value

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in HealthDimension.values}

    def score_fields(self):
        return [self[name] for name in HealthDimension.values]


def _team_choices(care_team, *, exclude_pks=()) -> list[tuple[int, str]]:
    """Choices of current care-team members (already read with their professional: no
    query of its own), labelled with the role in the family."""
    choices = []
    for member in care_team:
        if member.professional_id in exclude_pks:
            continue
        label = str(member.professional)
        if member.role_in_family:
            label = f"{label} ({member.role_in_family})"
        choices.append((member.professional_id, label))
    return choices


class PlanActionForm(Form):
    title = forms.CharField(
        label=_("Actie"),
        max_length=200,
        help_text=_("Wat wordt er gedaan? Bijvoorbeeld: aanmelden bij het buurtteam."),
        error_messages={
            "required": _("Beschrijf wat er gedaan wordt."),
            "max_length": _("Houd de actie kort: hoogstens 200 tekens."),
        },
    )
    owner = forms.TypedChoiceField(
        label=_("Wie doet het"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Kies wie de actie uitvoert."),
            "invalid_choice": _("Kies iemand die nu in het zorgteam zit."),
        },
    )
    due_date = forms.DateField(
        label=_("Uiterlijk op"),
        widget=date_widget(),
        error_messages={
            "required": _("Vul in wanneer de actie uiterlijk klaar is."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 1-6-2027."),
        },
    )
    goal = forms.TypedChoiceField(label=_("Bij doel"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, care_team, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.care_team = care_team
        self.fields["owner"].choices = [
            ("", _("Kies iemand uit het zorgteam")),
            *_team_choices(care_team),
        ]
        self.fields["goal"].choices = [
            ("", _("Geen bepaald doel")),
            *((goal.pk, goal.text) for goal in goals if goal.is_open),
        ]

    def chosen_owner(self) -> Professional | None:
        pk = self.cleaned_data.get("owner")
        return next((m.professional for m in self.care_team if m.professional_id == pk), None)

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in het verleden."))
        return value


class SafetyPlanForm(Form):
    risks = forms.CharField(
        label=_("Wat maakt het onveilig"),
        required=False,
        widget=textarea(),
        help_text=_("Waar maken we ons zorgen over als het om veiligheid gaat?"),
    )
    agreements = forms.CharField(
        label=_("Afspraken voor veiligheid"),
        required=False,
        widget=textarea(),
        help_text=_("Wat is afgesproken, met wie, en wat gebeurt er als het misgaat?"),
    )
    contacts = forms.CharField(
        label=_("Wie wordt gebeld bij onveiligheid"),
        required=False,
        widget=textarea(3),
        help_text=_("Namen en telefoonnummers, bijvoorbeeld Veilig Thuis: 0800 2000."),
    )
    version = VersionField(min_value=0)


class SafetyPlanGrantForm(Form):
    professional = forms.TypedChoiceField(
        label=_("Zorgteamlid"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Kies wie het veiligheidsplan mag zien."),
            "invalid_choice": _("Kies iemand uit het zorgteam."),
        },
    )

    def __init__(self, *args, care_team, exclude_pks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.care_team = care_team
        self.fields["professional"].choices = [
            ("", _("Kies een zorgteamlid")),
            *_team_choices(care_team, exclude_pks=set(exclude_pks)),
        ]

    def chosen_professional(self) -> Professional | None:
        pk = self.cleaned_data.get("professional")
        return next((m.professional for m in self.care_team if m.professional_id == pk), None)
