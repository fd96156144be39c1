"""The dashboard's filters: the period (a recent one from the list, or a typed code) and one of
the coalition's municipalities (or all of them)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form

from .periods import Period, PeriodError


class DashboardFilterForm(Form):
    periode = forms.CharField(label=_("Periode"), required=False, widget=forms.Select)
    code = forms.CharField(
        label=_("Of typ een periode"),
        required=False,
        max_length=10,
        help_text=_("Een jaar (2026), kwartaal (2026-Q3) of maand (2026-09)."),
    )
    gemeente = forms.CharField(label=_("Gemeente"), required=False, widget=forms.Select)

    def __init__(self, data=None, *, municipalities, recent, default: Period, **kwargs):
        super().__init__(data, **kwargs)
        self.default = default
        self.municipalities = {str(m.pk): m for m in municipalities}
        periods = [
            (_("Kwartalen"), [(p.code, p.label) for p in recent["quarters"]]),
            (_("Maanden"), [(p.code, p.label) for p in recent["months"]]),
            (_("Jaren"), [(p.code, p.label) for p in recent["years"]]),
        ]
        offered = {code for _group, choices in periods for code, _label in choices}
        source = self.data if self.is_bound else self.initial
        chosen = str(source.get("periode") or "").strip().upper()
        if chosen and chosen not in offered:
            try:
                period = Period.parse(chosen)
            except PeriodError:
                pass
            else:
                periods.insert(0, (_("Gekozen"), [(period.code, period.label)]))
        if default.code not in offered:
            periods.insert(0, (_("Standaard"), [(default.code, default.label)]))
        self.fields["periode"].widget.choices = periods
        self.fields["periode"].initial = default.code
        self.fields["gemeente"].widget.choices = [
            ("", _("Alle gemeenten")),
            *[(str(m.pk), m.name) for m in municipalities],
        ]

    def clean_periode(self) -> Period:
        code = self.cleaned_data.get("periode") or ""
        if not code:
            return self.default
        try:
            return Period.parse(code)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_code(self) -> Period | None:
        code = self.cleaned_data.get("code") or ""
        if not code.strip():
            return None
        try:
            return Period.parse(code)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_gemeente(self):
        value = (self.cleaned_data.get("gemeente") or "").strip()
        if not value:
            return None
        municipality = self.municipalities.get(value)
        if municipality is None:
            raise forms.ValidationError(_("Kies een gemeente van je coalitie, of alle gemeenten."))
        return municipality

    def choice(self) -> tuple[Period, object]:
        """The period and municipality to show: what was chosen where it is valid, the
        default period and all municipalities where it is not."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        if "periode" in self.errors or "code" in self.errors:
            return self.default, data.get("gemeente")
        period = data.get("code") or data.get("periode") or self.default
        return period, data.get("gemeente")
