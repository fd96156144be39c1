"""URL reversal that learns the shape of each URL once.

Reversing a URL name walks its namespaces and tries the patterns of the name: about 15 µs a
time on our machines, and a page reverses 20 to 40 of them (the header and menu, the links of
a family file or of every row of a list). Almost all of them take no arguments or
non-negative ints (primary keys), and for those the URL is always the same text with the
numbers put in. So the first time a name is reversed with a given shape (how many arguments,
which keyword names, the current app, the URL configuration and the script prefix), it is
reversed once more with large stand-in numbers, and the text around them is kept; after that
the numbers are put in. A name whose stand-ins do not give back exactly what Django gives for
the real arguments, and every call with other arguments (strings, model instances, negative
numbers), is reversed by Django as before.

`{% url %}` in every template goes through here (`kansrijk.core.templatetags.cached_url`, a
template builtin); Python code that reverses on every request calls `reverse` from here.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

# Stand-ins for the arguments: numbers no path holds by accident.
_STAND_IN = 7_340_000_000_000_000_000

# shape -> (texts, order): the URL is texts[0] + the argument order[0] + texts[1] + ...;
# None for a shape Django must reverse every time.
_shapes: dict[tuple, tuple[tuple[str, ...], tuple[int, ...]] | None] = {}


def reverse(viewname, args=None, kwargs=None, current_app=None) -> str:
    """`django.urls.reverse` (without urlconf, query and fragment), quicker for URLs whose
    arguments are non-negative ints."""
    values = (*(args or ()), *(kwargs.values() if kwargs else ()))
    # A name in a template is a `SafeString`: a str, remembered under its plain text.
    if not isinstance(viewname, str) or not all(
        type(value) is int and value >= 0 for value in values
    ):
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    viewname = str(viewname)
    names = tuple(kwargs) if kwargs else ()
    positional = len(values) - len(names)
    shape = (viewname, positional, names, current_app, get_script_prefix(), get_urlconf())
    try:
        learned = _shapes[shape]
    except KeyError:
        url = django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
        learned = _shapes[shape] = _learn(viewname, positional, names, current_app, values, url)
        return url
    if learned is None:
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _filled(learned, values)


def _learn(viewname, positional: int, names: tuple, current_app, values: tuple, url: str):
    """The texts around the arguments of `viewname` reversed with `positional` arguments and
    keyword arguments `names`, if stand-ins give back `url` for `values`."""
    stand_ins = [_STAND_IN + index for index in range(len(values))]
    try:
        shown = django_reverse(
            viewname,
            args=stand_ins[:positional],
            kwargs=dict(zip(names, stand_ins[positional:], strict=True)),
            current_app=current_app,
        )
    except NoReverseMatch:
        return None
    places = []
    for index, stand_in in enumerate(stand_ins):
        text = str(stand_in)
        if shown.count(text) != 1:
            return None
        places.append((shown.index(text), len(text), index))
    places.sort()
    texts, order, start = [], [], 0
    for position, length, index in places:
        texts.append(shown[start:position])
        order.append(index)
        start = position + length
    texts.append(shown[start:])
    learned = (tuple(texts), tuple(order))
    return learned if _filled(learned, values) == url else None


def _filled(learned, values) -> str:
    texts, order = learned
    parts = [texts[0]]
    for index, text in zip(order, texts[1:], strict=True):
        parts.append(str(values[index]))
        parts.append(text)
    return "".join(parts)


def forget() -> None:
    """Forget every learned shape (the URL configuration changed)."""
    _shapes.clear()


@receiver(setting_changed)
def _forget_on_urlconf_change(*, setting, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME", "INSTALLED_APPS"}:
        forget()
