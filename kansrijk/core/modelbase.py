"""The base of kansrijk's models.

Django's `get_FOO_display()` builds a dict of every choice of the field on each call, and
hashing each lazily translated label translates it: a discipline's label cost fifteen
translations. A page shows dozens of labels (the family file 44, a list of 25 families
more), so that was a tenth of rendering the family file (benchmark, issue 5).
`KansrijkModel` looks the label up in a table made once per field and translates only the
label it returns, in the language of the moment, as before.
"""

from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

# field -> {choice value: label (lazy)}, for fields whose choices are fixed.
_labels: dict = {}


def choice_labels(field) -> dict:
    """The labels of `field`'s choices by value (lazy strings: translated when shown)."""
    labels = _labels.get(field)
    if labels is None:
        labels = {make_hashable(value): label for value, label in field.flatchoices}
        if not isinstance(field.choices, CallableChoiceIterator):
            _labels[field] = labels
    return labels


class KansrijkModel(models.Model):
    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        label = choice_labels(field).get(make_hashable(value), value)
        return force_str(label, strings_only=True)
