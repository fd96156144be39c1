"""Form rendering in the NL Design System look, with accessible errors."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .widget_html import render_widget

WIDGET_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "radioselect": "",
    "checkboxselectmultiple": "",
}


class KansrijkFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

    def render(self, template_name, context, request=None):
        # Django's common widget templates are written in Python (`widget_html`); the rest,
        # such as the field and form templates above, by the template engine.
        html = render_widget(template_name, context)
        if html is None:
            html = super().render(template_name, context, request)
        return html


class StyledBoundField(forms.BoundField):
    """Marks an invalid field in the Utrecht style.

    Django links the field to its error message (`aria-describedby="<id>_error"`) and sets
    `aria-invalid`; the field template renders the message under that id.
    """

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            widget = widget or self.field.widget
            base = attrs.get("class", widget.attrs.get("class", ""))
            attrs["class"] = f"{base} utrecht-textbox--invalid".strip()
        return attrs


class StyledFormMixin:
    """Adds the Utrecht classes to every widget and uses the accessible bound field."""

    bound_field_class = StyledBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            # The nearest Django widget class that has a style (a subclass takes its parent's).
            kinds = (cls.__name__.lower().replace("input", "") for cls in type(widget).__mro__)
            kind = next((kind for kind in kinds if kind in WIDGET_CLASSES), "")
            css = WIDGET_CLASSES.get(kind, "utrecht-textbox utrecht-textbox--html-input")
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class Form(StyledFormMixin, forms.Form):
    pass


class ModelForm(StyledFormMixin, forms.ModelForm):
    pass


class PlainSelect(forms.Select):
    """A select whose options are written in Python rather than with a template each.

    The same HTML as Django's `Select` (without option groups); for long lists such as a
    coalition's professionals, rendering 340 options by template cost about 25 ms of CPU per
    page at national scale (benchmark, issue 7).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def date_widget() -> forms.DateInput:
    """The browser's own date picker; the value in ISO form, as the picker wants it."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionField(forms.IntegerField):
    """The version of what the page showed when it was loaded (hidden), for the version
    check: a stale form is refused instead of overwriting someone else's change.
    `min_value=0` where 0 means "nothing saved yet"."""

    widget = forms.HiddenInput

    def __init__(self, *, min_value: int = 1, **kwargs):
        message = _("Laad de pagina opnieuw: de versie ontbreekt.")
        super().__init__(
            min_value=min_value,
            error_messages={"required": message, "invalid": message, "min_value": message},
            **kwargs,
        )
