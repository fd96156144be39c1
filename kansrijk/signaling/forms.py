"""Forms of signaling. They parse input; the instrument decides what a valid answer is.

The questionnaire form is built from the instrument's definition: one field per item, named
`a_<item key>`. The form itself requires nothing — a draft may be incomplete — and the
instrument's `validate_answers` gives the Dutch messages on saving and finishing, so the
same rules hold for the page and the API.
"""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form, ModelForm, date_widget
from kansrijk.organisations.models import Organisation

from . import instruments as registry
from .levels import Route
from .models import RouteStep, StepOwner

ANSWER_PREFIX = "a_"


class AssessmentStartForm(Form):
    instrument = forms.ChoiceField(label=_("Instrument"))
    pregnancy = forms.TypedChoiceField(
        label=_("Zwangerschap"), required=False, coerce=int, empty_value=None
    )
    assessed_on = forms.DateField(
        label=_("Datum van de signalering"), widget=date_widget(), initial=timezone.localdate
    )

    def __init__(self, *args, instruments, pregnancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [
            (
                i.key,
                registry.t(i.title) + ("" if i.validated else " — " + str(_("niet gevalideerd"))),
            )
            for i in instruments
        ]
        # The questionnaire is the default; a professional judgement is the exception.
        questionnaires = [i for i in instruments if i.kind == "questionnaire"]
        if questionnaires or instruments:
            self.fields["instrument"].initial = (questionnaires or instruments)[0].key
        self.fields["pregnancy"].choices = [("", _("Geen (na de geboorte of vooraf)"))] + [
            (p.pk, _pregnancy_label(p)) for p in pregnancies
        ]
        running = [p for p in pregnancies if p.birth_date is None and not p.outcome]
        if running:
            self.fields["pregnancy"].initial = running[0].pk

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De datum van de signalering ligt in de toekomst."))
        return value


def _pregnancy_label(pregnancy) -> str:
    if pregnancy.due_date:
        label = _("à terme %(date)s") % {"date": pregnancy.due_date.strftime("%d-%m-%Y")}
    else:
        label = _("zonder à terme datum")
    if pregnancy.birth_date:
        label += " · " + _("geboren %(date)s") % {"date": pregnancy.birth_date.strftime("%d-%m-%Y")}
    return str(label)


class QuestionnaireForm(Form):
    """One field per item of the instrument; grouped per domain by `domains()`."""

    partner_present = forms.BooleanField(
        label=_("De partner doet mee (partnervragen beantwoorden)"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        if not instrument.has_partner_items:
            del self.fields["partner_present"]
        for item in instrument.items:
            field = _item_field(item)
            field.template_name = "signaling/_item_field.html"
            # For the label only: whether an item is required is the instrument's rule, checked
            # on finishing (a draft may be incomplete).
            field.kr_required = item.required
            field.kr_kind = item.type
            field.kr_self_report = item.answered_by == "self_report"
            self.fields[ANSWER_PREFIX + item.key] = field

    def domains(self) -> list[dict]:
        """Per domain: its title and the bound fields of client and partner items."""
        groups = []
        for domain in self.instrument.domains:
            client = [
                self[ANSWER_PREFIX + i.key] for i in domain.items if i.respondent != "partner"
            ]
            partner = [
                self[ANSWER_PREFIX + i.key] for i in domain.items if i.respondent == "partner"
            ]
            groups.append(
                {
                    "key": domain.key,
                    "title": registry.t(domain.title),
                    "client": client,
                    "partner": partner,
                }
            )
        return groups

    def answers(self) -> dict:
        """The answers as the instrument reads them (only after `is_valid()`)."""
        return {
            name.removeprefix(ANSWER_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(ANSWER_PREFIX) and value not in (None, "")
        }

    def add_answer_errors(self, errors: dict) -> None:
        for key, messages in errors.items():
            name = ANSWER_PREFIX + key if ANSWER_PREFIX + key in self.fields else None
            for message in messages if isinstance(messages, list) else [messages]:
                self.add_error(name, message)


def initial_answers(answers: dict) -> dict:
    return {ANSWER_PREFIX + key: value for key, value in answers.items()}


def _item_field(item) -> forms.Field:
    label = registry.t(item.text)
    help_text = registry.t(item.help) if item.help else ""
    common = {"label": label, "help_text": help_text, "required": False}
    if item.type == "text":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common)
    if item.type == "scale":
        choices = [(str(n), str(n)) for n in range(item.min, item.max + 1)]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    choices = [(option.key, registry.t(option.label)) for option in item.options]
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


# --- Route ---------------------------------------------------------------------------------

URGENT_CHOICE = "3u"


class RouteForm(Form):
    choice = forms.ChoiceField(label=_("Route"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reden (verplicht als je afwijkt van het voorstel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, proposal: tuple[int, bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [
            ("1", Route.SELF_RELIANT.label),
            ("2", Route.POTENTIALLY_VULNERABLE.label),
            ("3", Route.VULNERABLE.label),
            (URGENT_CHOICE, _("Route 3 — kwetsbaar, met voorrang (urgent)")),
        ]
        route, priority = proposal
        self.fields["choice"].initial = URGENT_CHOICE if priority else str(int(route))

    def route_and_priority(self) -> tuple[int, bool]:
        choice = self.cleaned_data["choice"]
        if choice == URGENT_CHOICE:
            return Route.VULNERABLE, True
        return int(choice), False


# --- Coordinator ---------------------------------------------------------------------------


class PeriodForm(Form):
    start = forms.DateField(label=_("Van"), widget=date_widget(), required=False)
    end = forms.DateField(label=_("Tot en met"), widget=date_widget(), required=False)

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=365)
        return start, end

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("De einddatum ligt voor de begindatum."))
        return data


class RouteStepForm(ModelForm):
    class Meta:
        model = RouteStep
        fields = ["route", "title", "owner_kind", "organisation", "due_days", "order", "is_active"]
        help_texts = {
            "due_days": _("Binnen hoeveel werkdagen na de routekeuze. Bij urgent: hooguit 2."),
            "organisation": _("Alleen bij eigenaar 'een vaste organisatie'."),
        }

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            coalitions=coalition, is_active=True
        ).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("owner_kind") == StepOwner.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", _("Kies de organisatie die deze taak krijgt."))
        if data.get("due_days") == 0:
            self.add_error("due_days", _("Geef minstens 1 werkdag."))
        return data
