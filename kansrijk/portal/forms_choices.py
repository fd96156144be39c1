"""Forms of the family's choices, their questions about accesses and the answers to them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import Form
from kansrijk.signaling.forms import ANSWER_PREFIX, QuestionnaireForm

from .models import AccessQuestion

YES, NO = "ja", "nee"


class ConsentChoiceForm(Form):
    choice = forms.ChoiceField(
        label=_("Wat kies je?"),
        choices=[(YES, _("Ja, dat mag")), (NO, _("Nee, dat wil ik niet"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )

    @property
    def given(self) -> bool:
        return self.cleaned_data["choice"] == YES


class AccessQuestionForm(Form):
    message = forms.CharField(
        label=_("Je vraag"),
        max_length=AccessQuestion._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Schrijf je vraag op."),
            "max_length": _("Je vraag is te lang. Gebruik hoogstens %(limit_value)d tekens."),
        },
    )


class AnswerForm(Form):
    answer = forms.CharField(
        label=_("Antwoord aan het gezin"),
        help_text=_("Het gezin leest dit antwoord in Mijn gezin. Schrijf in eenvoudige woorden."),
        max_length=AccessQuestion._meta.get_field("answer").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Schrijf een antwoord."),
            "max_length": _("Het antwoord is te lang. Gebruik hoogstens %(limit_value)d tekens."),
        },
    )


class SelfReportForm(QuestionnaireForm):
    """The instrument's questionnaire with only `items`, those a family member answers
    themselves (`services_self_report.self_report_items`), in the portal's field template."""

    def __init__(self, *args, instrument, items, **kwargs):
        super().__init__(*args, instrument=instrument, **kwargs)
        keep = {ANSWER_PREFIX + item.key for item in items} | {"version"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name in keep - {"version"}:
            self.fields[name].template_name = "portal/choices/_self_report_field.html"
