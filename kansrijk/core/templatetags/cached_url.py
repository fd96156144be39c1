"""`{% url %}` through `kansrijk.core.reversing`: the same tag, its answers remembered.

A template builtin (`TEMPLATES["OPTIONS"]["builtins"]`), so it takes the place of Django's
`url` tag in every template without a `{% load %}`. Parsing is Django's own; only where the
node looks the URL up differs.
"""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from kansrijk.core.reversing import reverse

register = template.Library()


class CachedURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        # As Django's tag: the request's current app when it has one set, else the
        # namespace of the view that answers it.
        request = getattr(context, "request", None)
        try:
            current_app = request.current_app
        except AttributeError:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        try:
            url = reverse(
                self.view_name.resolve(context), args=args, kwargs=kwargs, current_app=current_app
            )
        except NoReverseMatch:
            # `{% url ... as name %}` gives "" for a name that cannot be reversed.
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
