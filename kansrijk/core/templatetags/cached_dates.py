"""The `date` filter through `kansrijk.core.dates.format_date`: Django's filter, its answers
remembered.

A template builtin (`TEMPLATES["OPTIONS"]["builtins"]`), so it takes the place of Django's
`date` filter in every template. Like Django's, it gets the value in the current time zone
(`expects_localtime`), gives "" for None and "", and formats what is not a date with the
time format letters it can.
"""

from django import template
from django.utils.dateformat import format as format_value

from kansrijk.core.dates import format_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Format a date according to the given format."""
    if value in (None, ""):
        return ""
    try:
        return format_date(value, arg)
    except AttributeError:
        try:
            return format_value(value, arg)
        except AttributeError:
            return ""
