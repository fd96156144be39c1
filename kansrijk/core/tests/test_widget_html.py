"""The widgets written in Python (`core.widget_html`) give the HTML of Django's templates.

Each case renders a widget twice: by the project's form renderer (Python for the common
templates) and by the same renderer through the template engine alone. They must be equal to
the character, in Dutch and in English, for awkward values too (markup, quotes, lazy
translations, safe strings, numbers, dates, option groups).
"""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from kansrijk.core.forms import Form, KansrijkFormRenderer, PlainSelect
from kansrijk.core.widget_html import render_widget


class TemplatesOnly(KansrijkFormRenderer):
    """The project's renderer without the Python widgets: every widget by its template."""

    def render(self, template_name, context, request=None):
        return TemplatesSetting.render(self, template_name, context, request)


FAST, TEMPLATES = KansrijkFormRenderer(), TemplatesOnly()

AWKWARD = "a <b>\"c\"</b> & 'd'"
CHOICES = [
    ("", "Alle"),
    ("een", "Eén & twee"),
    (3, gettext_lazy("Gemeente")),
    ("<x>", mark_safe("<em>veilig</em>")),
    ("d", datetime.date(2026, 3, 5)),
]
GROUPED = [
    ("Groep <1>", [("a", "A"), ("b", "B")]),
    ("c", "C zonder groep"),
    (gettext_lazy("Fase"), [(1, 1), (Decimal("2.5"), "twee en een half")]),
]

ATTRS = {
    "class": "utrecht-textbox",
    "required": True,
    "disabled": False,
    "data-x": AWKWARD,
    "maxlength": 10,
    "aria-label": gettext_lazy("Naam"),
    "placeholder": None,
}

CASES = [
    ("text, no value", forms.TextInput(), None),
    ("text, empty", forms.TextInput(), ""),
    ("text, markup", forms.TextInput(attrs=ATTRS), AWKWARD),
    ("text, safe value", forms.TextInput(), mark_safe("<b>al veilig</b>")),
    ("text, lazy value", forms.TextInput(), gettext_lazy("Naam")),
    ("text, zero", forms.TextInput(), 0),
    ("number, decimal", forms.NumberInput(attrs={"step": "0.01"}), Decimal("1234.50")),
    ("number, float", forms.NumberInput(), 1234.5),
    ("email", forms.EmailInput(), "a@b.nl"),
    ("url", forms.URLInput(), "https://example.org/?a=1&b=2"),
    ("password, hidden value", forms.PasswordInput(), "geheim"),
    ("password, shown value", forms.PasswordInput(render_value=True), "geheim"),
    ("hidden", forms.HiddenInput(), 7),
    ("date, iso", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "2026-03-05"),
    ("date, as date", forms.DateInput(), datetime.date(2026, 3, 5)),
    ("datetime", forms.DateTimeInput(), datetime.datetime(2026, 3, 5, 14, 30)),
    ("time", forms.TimeInput(), datetime.time(9, 15)),
    ("checkbox, checked", forms.CheckboxInput(attrs={"class": "c"}), True),
    ("checkbox, unchecked", forms.CheckboxInput(), False),
    ("textarea, empty", forms.Textarea(), ""),
    ("textarea, markup", forms.Textarea(attrs={"rows": 3}), AWKWARD + "\nregel twee"),
    ("select, nothing chosen", forms.Select(choices=CHOICES), None),
    ("select, chosen", forms.Select(choices=CHOICES, attrs=ATTRS), "een"),
    ("select, chosen by number", forms.Select(choices=CHOICES), 3),
    ("select, no choices", forms.Select(choices=[]), None),
    ("select, groups", forms.Select(choices=GROUPED), "b"),
    ("select multiple", forms.SelectMultiple(choices=GROUPED), ["a", "c"]),
    ("radio, with id", forms.RadioSelect(choices=CHOICES, attrs={"id": "id_r"}), "een"),
    ("radio, no id", forms.RadioSelect(choices=CHOICES, attrs={"class": "k"}), None),
    ("radio, groups", forms.RadioSelect(choices=GROUPED, attrs={"id": "g"}), "c"),
    (
        "checkboxes",
        forms.CheckboxSelectMultiple(choices=CHOICES, attrs={"id": "id_c", "class": "k"}),
        ["een", "d"],
    ),
    ("checkboxes, groups", forms.CheckboxSelectMultiple(choices=GROUPED), ["a"]),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("label", "widget", "value"), CASES, ids=[case[0] for case in CASES])
def test_widget_is_written_as_its_template_writes_it(language, label, widget, value):
    with override(language):
        fast = widget.render("veld", value, renderer=FAST)
        template = widget.render("veld", value, renderer=TEMPLATES)
    assert fast == template
    assert 'name="veld"' in fast


class EveryKind(Form):
    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=20, help_text="Hulp & uitleg")
    datum = forms.DateField(label="Datum", required=False)
    aantal = forms.IntegerField(label="Aantal", min_value=0)
    fase = forms.ChoiceField(label="Fase", choices=CHOICES[1:3])
    keuze = forms.ChoiceField(label="Keuze", choices=CHOICES[1:], widget=forms.RadioSelect)
    vinkjes = forms.MultipleChoiceField(
        label="Vinkjes", choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple
    )
    akkoord = forms.BooleanField(label="Akkoord", required=False)
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)
    lijst = forms.ChoiceField(label="Lijst", choices=CHOICES[1:], widget=PlainSelect)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"naam": AWKWARD, "aantal": "-1", "fase": "onbekend", "keuze": "een", "akkoord": "on"},
        {"naam": "Jan", "datum": "2026-02-30", "aantal": "3", "vinkjes": ["een", "d"]},
    ],
    ids=["empty", "errors", "partly valid"],
)
def test_whole_form_with_errors_renders_as_by_templates(data):
    """A project form (its own field template around each widget), empty and with errors:
    the errors' `aria-invalid` and the invalid class reach the widgets alike."""
    for language in ("nl", "en"):
        with override(language):
            fast = EveryKind(data, renderer=FAST).render()
            template = EveryKind(data, renderer=TEMPLATES).render()
        assert fast == template
    for element in ("<textarea", 'type="radio"', 'type="checkbox"', "<select"):
        assert element in fast


def test_other_templates_are_left_to_the_template_engine():
    file_widget = forms.ClearableFileInput()
    context = file_widget.get_context("bestand", None, {})
    assert render_widget(file_widget.template_name, context) is None
    assert 'type="file"' in file_widget.render("bestand", None, renderer=FAST)
    # An option with a template of its own: the whole select goes to the engine.
    select = forms.Select(choices=CHOICES)
    select.option_template_name = "django/forms/widgets/input_option.html"
    context = select.get_context("keuze", "een", {})
    assert render_widget(select.template_name, context) is None
    assert select.render("keuze", "een", renderer=FAST) == select.render(
        "keuze", "een", renderer=TEMPLATES
    )
