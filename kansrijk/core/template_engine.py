"""The project's Django template backend: Django's, told that `i18n` is ours on purpose.

`TEMPLATES["OPTIONS"]["libraries"]` maps `{% load i18n %}` to
`kansrijk.core.templatetags.cached_i18n` (Django's tags with remembered `{% translate %}`
texts). Django's system check warns of any library name used by two modules (W003); this
backend drops exactly that one warning, so the check still catches any other clash.
"""

from django.template.backends.django import DjangoTemplates

INTENDED_OVERRIDE = (
    "'i18n' is used for multiple template tag modules: "
    "'django.templatetags.i18n', 'kansrijk.core.templatetags.cached_i18n'"
)


class KansrijkTemplates(DjangoTemplates):
    def check(self, **kwargs):
        return [
            message
            for message in super().check(**kwargs)
            if not (message.id == "templates.W003" and message.msg == INTENDED_OVERRIDE)
        ]
