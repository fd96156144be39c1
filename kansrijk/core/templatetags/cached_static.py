"""`{% static %}` with its answers remembered: Django's tag, each path's URL found once.

Loaded by `{% load static %}` in every template (`TEMPLATES["OPTIONS"]["libraries"]`), with
Django's other tags of that library. With the manifest storage of production, a path's URL
is its hashed name from the manifest, found by cleaning, splitting and joining the path on
every call (about 10 µs; every page links five files). The manifest does not change while
the process runs, so the URL of a path is kept; a change of the settings it depends on (in
tests) forgets them.
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags import static as django_static
from django.templatetags.static import StaticNode

register = template.Library()
register.tags.update(django_static.register.tags)

_urls: dict[str, str] = {}


class CachedStaticNode(StaticNode):
    @classmethod
    def handle_simple(cls, path):
        try:
            return _urls[path]
        except (KeyError, TypeError):
            url = super().handle_simple(path)
            if isinstance(path, str):
                _urls[path] = url
            return url


@register.tag("static")
def do_static(parser, token):
    """`{% static "path" [as name] %}`, parsed as by Django."""
    return CachedStaticNode.handle_token(parser, token)


@receiver(setting_changed)
def _forget_on_static_change(*, setting, **kwargs) -> None:
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG", "INSTALLED_APPS"}:
        _urls.clear()
