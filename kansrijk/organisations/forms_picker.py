"""The professional picker: a form field where the user types (part of) a name instead of
choosing from a list of every professional of the coalition.

Without JavaScript the form resolves the name when it is posted: exactly one professional
matches → accepted; several → the form comes back with a Dutch error and a small select of
just those (at most `PICKER_LIMIT`), everything else the user typed kept; none → a Dutch
error. With JavaScript (`organisations/professional_picker.js`) suggestions from
`organisations:professional_search` (or the widget's `search_url`, an endpoint of the same
shape for another scope) appear as the user types (a native `<datalist>`), and a chosen
suggestion sends its membership id along, which is checked by a direct lookup.

The page costs no query for the picker; a post costs one bounded query (see
`selectors_picker`). The form sets `queryset` (as on a `ModelChoiceField`): the memberships
that may be chosen, with the form's own exclusions; the field returns a `Membership`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.widgets import Script
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .models import Membership
from .selectors_picker import (
    MIN_QUERY_LENGTH,
    PICKER_LIMIT,
    SearchTerms,
    membership_in,
    membership_label,
    search_memberships,
)

CHOICE_SUFFIX = "_keuze"


class ProfessionalPickerInput(forms.TextInput):
    """A text input with room for suggestions, the chosen membership's id (hidden) and, after
    an ambiguous name, a small select of the matches."""

    class Media:
        js = [Script("organisations/professional_picker.js", defer=True)]

    def __init__(self, attrs=None, *, exclude_self: bool = False, search_url: str = ""):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.exclude_self = exclude_self
        # Another endpoint with the same answer, for a scope other than the active coalition
        # (the MDO's participants come from every coalition the series serves).
        self.search_url = search_url
        # Set by the field when a posted name matched several professionals.
        self.matches: list[tuple[int, str]] = []

    def value_from_datadict(self, data, files, name):
        return {
            "text": data.get(name, "") or "",
            "choice": data.get(f"{name}{CHOICE_SUFFIX}", "") or "",
        }

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}{CHOICE_SUFFIX}" not in data

    def format_value(self, value):
        if isinstance(value, dict):
            value = value.get("text", "")
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        field_id = widget_attrs.get("id") or f"id_{name}"
        url = self.search_url or reverse("organisations:professional_search")
        if self.exclude_self:
            url = f"{url}?{urlencode({'zelf': 'nee'})}"
        widget_attrs["data-professional-picker"] = url
        widget_attrs["list"] = f"{field_id}_suggesties"
        context["widget"]["choice"] = value.get("choice", "") if isinstance(value, dict) else ""
        context["widget"]["field_id"] = field_id
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        text_input = super().render(name, value, attrs, renderer)
        field_id, choice = context["field_id"], str(context["choice"])
        suggestions = format_html(
            '<datalist id="{}_suggesties" data-picker-suggestions></datalist>', field_id
        )
        if not self.matches:
            chosen = format_html(
                '<input type="hidden" name="{}{}" value="{}" data-picker-choice>',
                name,
                CHOICE_SUFFIX,
                choice,
            )
            return format_html("{}{}{}", text_input, suggestions, chosen)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((pk, " selected" if str(pk) == choice else "", label) for pk, label in self.matches),
        )
        narrowed = format_html(
            '<div class="kr-picker-matches">'
            '<label class="utrecht-form-label" for="{id}{suffix}">{label}</label> '
            '<select name="{name}{suffix}" id="{id}{suffix}" '
            'class="utrecht-select utrecht-select--html-select" data-picker-choice>'
            '<option value="">{empty}</option>{options}</select></div>',
            id=field_id,
            name=name,
            suffix=CHOICE_SUFFIX,
            label=_("Welke professional bedoel je?"),
            empty=_("Kies een professional"),
            options=options,
        )
        return format_html("{}{}{}", text_input, suggestions, narrowed)


class ProfessionalPickerField(forms.Field):
    """A professional membership of the coalition, found by name (see the module docstring).

    The form sets `queryset` before validating; the field reads it at most twice per post
    (a chosen id that no longer fits the name falls back to the name), never to render.
    """

    widget = ProfessionalPickerInput
    default_error_messages = {
        "required": _("Typ de naam van een professional."),
        "too_short": _("Typ minstens twee letters van de naam."),
        "not_found": _("Er is geen professional met deze naam in de coalitie."),
        "several": _("Er zijn meer professionals met deze naam: kies er een."),
        "more": _("Staat de juiste er niet bij? Typ meer van de naam."),
        "invalid_choice": _("Kies een professional uit de lijst."),
    }

    def __init__(self, *, queryset=None, **kwargs):
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Membership.objects.none()

    def to_python(self, value):
        if not isinstance(value, dict):
            value = {"text": value or "", "choice": ""}
        return {"text": str(value.get("text", "")).strip(), "choice": value.get("choice", "")}

    def validate(self, value):
        """Only `required`: the name is resolved in `clean`."""

    def clean(self, value) -> Membership | None:
        value = self.to_python(value)
        self.widget.matches = []
        text, choice = value["text"], value["choice"]
        if not text and not choice:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        if choice:
            chosen = membership_in(self.queryset, choice)
            # A choice the user typed another name over no longer counts.
            if chosen is not None and (not text or SearchTerms.parse(text).match(chosen)):
                return chosen
            if not text:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return self._resolve(text)

    def _resolve(self, text: str) -> Membership:
        if len(text) < MIN_QUERY_LENGTH:
            raise ValidationError(self.error_messages["too_short"], code="too_short")
        matches = search_memberships(self.queryset, text, limit=PICKER_LIMIT + 1)
        if len(matches) == 1:
            return matches[0]
        labelled = [m for m in matches if membership_label(m).casefold() == text.casefold()]
        if len(labelled) == 1:
            return labelled[0]
        if not matches:
            raise ValidationError(self.error_messages["not_found"], code="not_found")
        self.widget.matches = [(m.pk, membership_label(m)) for m in matches[:PICKER_LIMIT]]
        errors = [ValidationError(self.error_messages["several"], code="several")]
        if len(matches) > PICKER_LIMIT:
            errors.append(ValidationError(self.error_messages["more"], code="more"))
        raise ValidationError(errors)

    def has_changed(self, initial, data):
        return bool(self.to_python(data)["text"] or self.to_python(data)["choice"])
