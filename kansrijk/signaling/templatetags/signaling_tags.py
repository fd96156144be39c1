from django import template

from kansrijk.signaling import instruments as registry

register = template.Library()


@register.filter
def text(value) -> str:
    """An instrument text ({nl: ..., en: ...}) in the active language."""
    return registry.t(value) if value else ""
