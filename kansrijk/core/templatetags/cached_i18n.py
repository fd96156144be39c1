"""Django's `i18n` tags, with `{% translate "constant" %}` remembered per language.

Loaded by `{% load i18n %}` in every template (`TEMPLATES["OPTIONS"]["libraries"]`). A
`{% translate %}` of a quoted string without filters or a variable context looks its text up
once per language (and autoescape setting) and keeps it on the node; Django's own tag goes
through the translation machinery on every render (about 7 µs, and a page has up to a
hundred). Every other tag and form is Django's.

The kept texts are dropped when the settings that decide the translations change (tests).
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Variable
from django.templatetags import i18n as django_i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)

# Raised when translations may have changed; part of each kept text's key.
_generation = 0


class CachedTranslateNode(django_i18n.TranslateNode):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._texts: dict[tuple, str] = {}

    def render(self, context):
        key = (_generation, get_language(), context.autoescape)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._translated(context)
        if self.asvar:
            context[self.asvar] = text
            return ""
        return text

    def _translated(self, context) -> str:
        rendered = super().render(context)
        return context[self.asvar] if self.asvar else rendered


def _constant(node: django_i18n.TranslateNode) -> bool:
    """Whether the node's text is the same on every render in a given language: a quoted
    string without filters, and no context or a quoted one (which the parser keeps as a
    plain string rather than a `Variable`)."""
    expression, context = node.filter_expression, node.message_context
    if expression.filters or getattr(expression.var, "literal", None) is None:
        return False
    return context is None or (not context.filters and not isinstance(context.var, Variable))


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = django_i18n.do_translate(parser, token)
    if not _constant(node):
        return node
    return CachedTranslateNode(
        node.filter_expression, node.noop, asvar=node.asvar, message_context=node.message_context
    )


@receiver(setting_changed)
def _forget_on_translation_change(*, setting, **kwargs) -> None:
    global _generation
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _generation += 1
