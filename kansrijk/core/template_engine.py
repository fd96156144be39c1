"""The project's Django template backend: Django's, told that `i18n` and `static` are ours on
purpose.

`TEMPLATES["OPTIONS"]["libraries"]` maps `{% load i18n %}` to
`kansrijk.core.templatetags.cached_i18n` (Django's tags with remembered `{% translate %}`
texts) and `{% load static %}` to `kansrijk.core.templatetags.cached_static` (remembered
static URLs). Django's system check warns of any library name used by two modules (W003);
this backend drops exactly those warnings, so the check still catches any other clash.
"""

from django.template.backends.django import DjangoTemplates

INTENDED_OVERRIDES = {
    f"'{name}' is used for multiple template tag modules: "
    f"'django.templatetags.{name}', 'kansrijk.core.templatetags.cached_{name}'"
    for name in ("i18n", "static")
}


class KansrijkTemplates(DjangoTemplates):
    def check(self, **kwargs):
        return [
            message
            for message in super().check(**kwargs)
            if not (message.id == "templates.W003" and message.msg in INTENDED_OVERRIDES)
        ]
