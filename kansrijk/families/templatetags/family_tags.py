"""Template helpers of the family pages."""

import re

from django import template
from django.urls import NoReverseMatch

from kansrijk.core.reversing import reverse
from kansrijk.families.phases import Phase

register = template.Library()


@register.simple_tag
def url_if_exists(name: str, *args, **kwargs) -> str:
    """The URL of `name`, or "" while no page has that name yet.

    The family file links to pages other parts of the app add (consent, care team,
    timeline, access report); `{% url_if_exists "families:consent" family.pk as url %}`
    lets the file show those links only once the pages exist.
    """
    try:
        return reverse(name, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.filter
def phase_age(phase: Phase | None) -> str:
    """Gestational age ("20+3 weken") during pregnancy, the child's age after birth."""
    return phase.age_text if phase is not None else ""


@register.filter
def tel_href(phone: str) -> str:
    """'06 12345678' → 'tel:0612345678' for a link that calls the number."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone or "")
