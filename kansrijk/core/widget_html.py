"""Django's form widget templates, written in Python: the same HTML, a fraction of the CPU.

A form field on a page is drawn by Django's widget templates: a text box by three of them
(`text.html` includes `input.html`, which includes `attrs.html`), a select by two per option.
The families list's filter form of five fields cost 8 ms of CPU per page that way, more than
the rest of the list's table (benchmark, issue 5). `KansrijkFormRenderer` (core/forms.py)
asks `render_widget` first: for the templates below it writes the very HTML the templates
would (the test `core/tests/test_widget_html.py` holds each to its template, whitespace
included); any other template (a project's own, a file input, a date select) is rendered by
the template engine as before.

Every value is written as a template writes `{{ value }}` (Django's own
`render_value_in_context`: local time, localized, escaped) or `{{ value|stringformat:'s' }}`.
"""

from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
# A template context as a widget's own: autoescaping on, localization and time zone as set.
_CONTEXT = Context()


def _text(value) -> str:
    """`{{ value }}`."""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}` (the filter keeps a safe value safe)."""
    formatted = stringformat(value, "s")
    if isinstance(value, SafeData):
        formatted = mark_safe(formatted)  # noqa: S308 (as the filter: its input was safe already)
    return _text(formatted)


def _attrs(attrs: dict) -> str:
    """`attrs.html`: `True` writes the bare name, `False` leaves the attribute out."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """`input.html`, without its closing newline."""
    value = widget["value"]
    value = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _select_option(option: dict) -> str:
    """`select_option.html`, without its closing newline."""
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>"
    )


def _input_option(option: dict) -> str:
    """`input_option.html` (a radio button or checkbox of a list), without its closing
    newline."""
    if not option["wrap_label"]:
        return f"{_input(option)}\n"
    label_for = option["attrs"].get("id")
    label_for = f' for="{_text(label_for)}"' if label_for else ""
    return f"<label{label_for}>{_input(option)}\n {_text(option['label'])}</label>"


# The option templates, each with what the template adds after the option's HTML: an
# included template's own closing newline, and that of a template that only includes it.
_OPTIONS = {
    f"{WIDGETS}select_option.html": (_select_option, "\n"),
    f"{WIDGETS}radio_option.html": (_input_option, "\n\n"),
    f"{WIDGETS}checkbox_option.html": (_input_option, "\n\n"),
}


def _options(optgroups) -> list | None:
    """Each group's name and its options' HTML (None when an option has a template of its
    own: the template engine then renders the whole widget)."""
    groups = []
    for group_name, options, _index in optgroups:
        rendered = []
        for option in options:
            writer = _OPTIONS.get(option["template_name"])
            if writer is None:
                return None
            write, closing = writer
            rendered.append(write(option) + closing)
        groups.append((group_name, rendered))
    return groups


def _select(widget: dict) -> str | None:
    """`select.html`."""
    groups = _options(widget["optgroups"])
    if groups is None:
        return None
    options = _grouped(
        groups, opening='\n  <optgroup label="{}">', option="\n  {}", closing="\n  </optgroup>"
    )
    return f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>{options}\n</select>'


def _multiple_input(widget: dict) -> str | None:
    """`multiple_input.html`: a list of radio buttons or checkboxes."""
    groups = _options(widget["optgroups"])
    if groups is None:
        return None
    element_id, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    element_id = f' id="{_text(element_id)}"' if element_id else ""
    css = f' class="{_text(css)}"' if css else ""
    options = _grouped(
        groups,
        opening="\n  <div><label>{}</label>",
        option="<div>\n    {}</div>",
        closing="\n  </div>",
    )
    return f"<div{element_id}{css}>{options}\n</div>"


def _grouped(groups: list, *, opening: str, option: str, closing: str) -> str:
    """The options' HTML, each put in `option` (at its "{}"), a named group's between
    `opening` (its name at the "{}") and `closing`."""
    parts = []
    for group_name, options in groups:
        if group_name:
            parts.append(opening.format(_text(group_name)))
        parts.extend(option.format(html) for html in options)
        if group_name:
            parts.append(closing)
    return "".join(parts)


def _textarea(widget: dict) -> str:
    """`textarea.html`."""
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


_INPUTS = (
    "input",
    "text",
    "number",
    "email",
    "url",
    "tel",
    "search",
    "password",
    "hidden",
    "date",
    "datetime",
    "time",
    "color",
    "checkbox",
)
_WRITERS = {
    **{f"{WIDGETS}{name}.html": _input for name in _INPUTS},
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}radio.html": _multiple_input,
    f"{WIDGETS}checkbox_select.html": _multiple_input,
    f"{WIDGETS}multiple_input.html": _multiple_input,
    f"{WIDGETS}textarea.html": _textarea,
}


def render_widget(template_name: str, context: dict) -> str | None:
    """The HTML `template_name` renders for a widget's `context`, stripped as a form
    renderer strips it; None for a template not written here."""
    write = _WRITERS.get(template_name)
    widget = context.get("widget") if write is not None else None
    if not isinstance(widget, dict):
        return None
    html = write(widget)
    return None if html is None else mark_safe(html)  # noqa: S308 (every value escaped above)
