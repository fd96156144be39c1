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
    """Links an invalid field to its error message, so a screen reader reads both."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            described = attrs.get("aria-describedby", "")
            attrs["aria-describedby"] = f"{described} {self.auto_id}_error".strip()
            attrs["class"] = f"{attrs.get('class', '')} utrecht-textbox--invalid".strip()
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
