"""Forms of the work queue: its filter, the actions on a signal, the coalition's thresholds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import PlainSelect

from .rules import RULES

SORT_CHOICES = [
    ("regel", _("Per signaal, oudste eerst")),
    ("oudste", _("Oudste signaal eerst")),
    ("nieuwste", _("Nieuwste signaal eerst")),
]


class WorklistFilterForm(forms.Form):
    regel = forms.ChoiceField(label=_("Signaal"), required=False, widget=PlainSelect)
    volgorde = forms.ChoiceField(
        label=_("Sorteren"), choices=SORT_CHOICES, required=False, widget=PlainSelect
    )

    def __init__(self, *args, counts: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = counts or {}
        self.fields["regel"].choices = [("", _("Alle signalen"))] + [
            (
                rule.code,
                f"{rule.title} ({counts[rule.code]})" if rule.code in counts else rule.title,
            )
            for rule in RULES
        ]

    def value(self, name: str) -> str:
        if not self.is_valid():
            return ""
        return self.cleaned_data.get(name) or ""


TASK_STATUS_CHOICES = [("open", _("Open")), ("afgerond", _("Afgerond"))]


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TASK_STATUS_CHOICES, required=False)

    @property
    def done(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("status") == "afgerond"


class DueDateForm(forms.Form):
    """The optional date of a planned JGZ contact or after-care agreement."""

    due_date = forms.DateField(
        label=_("Uiterlijk op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    agreement = forms.CharField(label=_("Afspraak"), required=False, max_length=2000)


class SignalSettingsForm(forms.Form):
    """One threshold and one on/off switch per rule."""

    def __init__(self, *args, thresholds: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for rule in RULES:
            limit = thresholds[rule.code]
            days = forms.IntegerField(
                label=rule.days_label,
                min_value=rule.min_days,
                max_value=rule.max_days,
                initial=limit.days,
                help_text=_("Standaard %(days)s; van %(min)s tot en met %(max)s.")
                % {"days": rule.default_days, "min": rule.min_days, "max": rule.max_days},
                error_messages={
                    "required": _("Vul een termijn in."),
                    "invalid": _("Vul een heel getal in."),
                    "min_value": _("Kies minstens %(limit_value)s."),
                    "max_value": _("Kies hooguit %(limit_value)s."),
                },
            )
            active = forms.BooleanField(
                label=_("Signaal aan"), required=False, initial=limit.is_active
            )
            self.fields[f"days_{rule.code}"] = days
            self.fields[f"active_{rule.code}"] = active
            self.rows.append(
                {
                    "rule": rule,
                    "days": self[f"days_{rule.code}"],
                    "active": self[f"active_{rule.code}"],
                    "is_default": limit.is_default,
                }
            )

    def values(self) -> dict[str, tuple[int, bool]]:
        return {
            rule.code: (
                self.cleaned_data[f"days_{rule.code}"],
                self.cleaned_data[f"active_{rule.code}"],
            )
            for rule in RULES
        }
