"""Form rendering in the NL Design System look, with accessible errors."""

from django import forms
from django.forms.renderers import TemplatesSetting

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
            kind = widget.__class__.__name__.lower().replace("input", "")
            css = WIDGET_CLASSES.get(kind, "utrecht-textbox utrecht-textbox--html-input")
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class Form(StyledFormMixin, forms.Form):
    pass


class ModelForm(StyledFormMixin, forms.ModelForm):
    pass
