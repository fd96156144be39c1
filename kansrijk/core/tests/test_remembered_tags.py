"""`{% url %}`, `{% translate %}` and `{% static %}` that remember their answers give what
Django's give.

Each template is rendered by the project's engine (the remembering tags, `cached_url` and
`cached_i18n`) and by a stock Django engine, in Dutch and English and back, with other
arguments on each render; the two must be equal to the character. Then what remembering
must not change: a name that cannot be reversed, a script prefix, changed translations.
"""

import uuid

import pytest
from django.template import Context, Engine, RequestContext, TemplateSyntaxError, engines
from django.test import override_settings
from django.urls import NoReverseMatch, resolve, set_script_prefix
from django.urls import reverse as django_reverse
from django.utils.translation import override

from kansrijk.core import reversing
from kansrijk.core.reversing import reverse
from kansrijk.core.template_engine import KansrijkTemplates
from kansrijk.core.templatetags.cached_i18n import CachedTranslateNode
from kansrijk.core.templatetags.cached_url import CachedURLNode

PROJECT = engines["django"].engine
STOCK = Engine(
    libraries={"i18n": "django.templatetags.i18n", "static": "django.templatetags.static"}
)

TEMPLATES = [
    '{% load i18n %}{% translate "Uitloggen" %}',
    "{% load i18n %}{% translate 'Meldingen' %} · {% trans \"Naar de inhoud\" %}",
    '{% load i18n %}{% translate "Uitloggen" as label %}[{{ label }}]',
    '{% load i18n %}{% translate "Uitloggen" noop %}',
    '{% load i18n %}{% translate "Uitloggen"|upper %}',
    '{% load i18n %}{% translate "Uitloggen" context "knop" %}',
    "{% load i18n %}{% translate word %}",
    '{% load i18n %}{% translate "Honderd %% & <b>" %}',
    "{% load i18n %}{% autoescape off %}{% translate 'Meldingen' %}{% endautoescape %}",
    "{% load i18n %}{% blocktranslate with reference=ref %}Gezin {{ reference }}"
    "{% endblocktranslate %}",
    "{% url 'core:home' %}",
    "{% url 'families:detail' pk %}",
    "{% url 'families:detail' pk=pk %}",
    "{% url name pk %}",
    "{% url 'families:detail' family %}",
    "{% url 'families:nothing' pk as nothing %}[{{ nothing }}]",
    "{% url 'families:detail' pk as link %}<a href=\"{{ link }}\">",
    "{% load static %}{% static 'core/kansrijk.css' %} {% static 'core/kansrijk.js' %}",
    "{% load static %}{% static file %}",
    "{% load static %}{% static 'core/kansrijk.css' as css %}[{{ css }}]",
    "{% load static %}{% get_static_prefix %} {% get_media_prefix %}",
]


class Family:
    """A model-like argument: reversed by its `str()`, which is not remembered."""

    def __init__(self, pk):
        self.pk = pk

    def __str__(self):
        return str(self.pk)


def _render(engine, source, **values):
    return engine.from_string(source).render(Context(values))


@pytest.mark.parametrize("source", TEMPLATES)
def test_the_same_as_djangos_tags_in_both_languages_and_back(source):
    for language, pk in [("nl", 7), ("en", 8), ("nl", 9), ("en", 7)]:
        values = {
            "pk": pk,
            "family": Family(pk),
            "name": "families:detail",
            "word": f"Meldingen {pk}",
            "ref": f"<G{pk}>",
            "file": f"core/{pk}&.css",
        }
        with override(language):
            assert _render(PROJECT, source, **values) == _render(STOCK, source, **values)


def test_english_and_dutch_texts_come_from_their_own_catalogue():
    source = '{% load i18n %}{% translate "Uitloggen" %}'
    template = PROJECT.from_string(source)
    with override("nl"):
        assert template.render(Context()) == "Uitloggen"
    with override("en"):
        assert template.render(Context()) == "Log out"
    with override("nl"):
        assert template.render(Context()) == "Uitloggen"


def test_only_constant_texts_and_every_url_get_the_remembering_nodes():
    def first_node(source):
        return next(
            node
            for node in PROJECT.from_string(source).nodelist
            if type(node).__name__ != "LoadNode"
        )

    assert isinstance(first_node('{% load i18n %}{% translate "Uitloggen" %}'), CachedTranslateNode)
    assert isinstance(
        first_node('{% load i18n %}{% translate "a" context "b" %}'), CachedTranslateNode
    )
    for variable_text in [
        "{% load i18n %}{% translate word %}",
        '{% load i18n %}{% translate "Uitloggen"|upper %}',
        '{% load i18n %}{% translate "a" context word %}',
    ]:
        assert not isinstance(first_node(variable_text), CachedTranslateNode)
    assert isinstance(first_node("{% url 'core:home' %}"), CachedURLNode)


def test_a_name_that_cannot_be_reversed_raises_every_time():
    template = PROJECT.from_string("{% url 'families:nothing' 3 %}")
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            template.render(Context())
    with pytest.raises(TemplateSyntaxError):
        PROJECT.from_string("{% url %}")


def test_the_script_prefix_is_part_of_what_is_remembered():
    first = reverse("families:detail", args=[5])
    set_script_prefix("/regio/")
    try:
        assert reverse("families:detail", args=[5]) == "/regio" + first
    finally:
        set_script_prefix("/")
    assert reverse("families:detail", args=[5]) == first


def test_model_like_arguments_are_reversed_afresh():
    family = Family(5)
    assert reverse("families:detail", args=[family]) == reverse("families:detail", args=[5])
    family.pk = 6
    assert reverse("families:detail", args=[family]) == reverse("families:detail", args=[6])


def test_a_changed_url_configuration_is_not_answered_from_memory():
    home = reverse("core:home")
    with override_settings(ROOT_URLCONF="bench.urls"):
        assert reverse("bench_baseline") == "/bench/baseline/"
    with pytest.raises(NoReverseMatch):
        reverse("bench_baseline")
    assert reverse("core:home") == home


def test_every_family_gets_its_own_url_from_the_learned_shape():
    reversing.forget()
    for pk in [1, 22, 333, 10**12, 0]:
        assert reverse("families:detail", args=[pk]) == django_reverse("families:detail", args=[pk])
        assert reverse("families:detail", kwargs={"pk": pk}) == f"/gezinnen/{pk}/"
    assert reverse("families:pregnancy_edit", args=[4, 56]) == django_reverse(
        "families:pregnancy_edit", args=[4, 56]
    )
    assert reverse("families:pregnancy_edit", kwargs={"preg_pk": 56, "pk": 4}) == (
        django_reverse("families:pregnancy_edit", args=[4, 56])
    )


def test_the_tag_answers_from_the_learned_shape(monkeypatch):
    """A name in a template is a `SafeString`; after the first render, Django's `reverse`
    is not asked again for other families."""
    reversing.forget()
    template = PROJECT.from_string("{% url 'families:detail' pk %}|{% url name pk %}")
    assert template.render(Context({"pk": 1, "name": "families:history"})) == (
        "/gezinnen/1/|/gezinnen/1/geschiedenis/"
    )
    asked = []
    monkeypatch.setattr(
        reversing, "django_reverse", lambda *args, **kwargs: asked.append(args) or "?"
    )
    assert template.render(Context({"pk": 23, "name": "families:history"})) == (
        "/gezinnen/23/|/gezinnen/23/geschiedenis/"
    )
    assert asked == []


def test_arguments_django_would_refuse_are_refused():
    reverse("families:detail", args=[3])
    for refused in [[-3], [True], ["drie"], [3, 4]]:
        with pytest.raises(NoReverseMatch):
            reverse("families:detail", args=refused)
    with pytest.raises(NoReverseMatch):
        reverse("families:detail", kwargs={"family": 3})


def test_other_arguments_are_reversed_by_django():
    task = uuid.UUID("2b7e5c1e-6f1a-4a53-9a6b-0c9a3e0c1d2f")
    for argument in [task, str(task)]:
        assert reverse("core:operations_task_retry", args=[argument]) == (
            f"/beheer/taken/{task}/opnieuw/"
        )
    with pytest.raises(NoReverseMatch):
        reverse("core:operations_task_retry", args=[12])


def test_changed_translations_are_not_answered_from_memory(tmp_path):
    template = PROJECT.from_string('{% load i18n %}{% translate "Uitloggen" %}')
    with override("en"):
        assert template.render(Context()) == "Log out"
    # No catalogue in these paths: the text stays as written.
    with override_settings(LOCALE_PATHS=[tmp_path]), override("en"):
        assert template.render(Context()) == "Uitloggen"
    with override("en"):
        assert template.render(Context()) == "Log out"


def _template_warnings(libraries):
    backend = KansrijkTemplates(
        {"NAME": "check", "DIRS": [], "APP_DIRS": True, "OPTIONS": {"libraries": libraries}}
    )
    return [message.msg for message in backend.check() if message.id == "templates.W003"]


def test_the_system_check_accepts_our_i18n_and_still_reports_other_clashes():
    ours = {
        "i18n": "kansrijk.core.templatetags.cached_i18n",
        "static": "kansrijk.core.templatetags.cached_static",
    }
    assert _template_warnings(ours) == []
    assert _template_warnings(
        {
            "i18n": "kansrijk.core.templatetags.cached_i18n",
            "static": "kansrijk.core.templatetags.cached_url",
        }
    ) == [
        "'static' is used for multiple template tag modules: "
        "'django.templatetags.static', 'kansrijk.core.templatetags.cached_url'"
    ]


@pytest.mark.parametrize("current_app", ["unset", None, "families"])
def test_the_current_app_is_taken_as_django_takes_it(rf, current_app):
    request = rf.get("/gezinnen/3/")
    request.resolver_match = resolve("/gezinnen/3/")
    if current_app != "unset":
        request.current_app = current_app
    source = "{% url 'families:detail' 3 %} {% url 'families:nothing' 3 as none %}[{{ none }}]"
    rendered = {
        engine: engine.from_string(source).render(RequestContext(request))
        for engine in (PROJECT, STOCK)
    }
    assert rendered[PROJECT] == rendered[STOCK] == "/gezinnen/3/ []"


def test_a_static_url_follows_the_settings_it_depends_on():
    template = PROJECT.from_string("{% load static %}{% static 'core/kansrijk.css' %}")
    before = template.render(Context())
    with override_settings(STATIC_URL="/elders/"):
        assert template.render(Context()) == "/elders/core/kansrijk.css"
    assert template.render(Context()) == before


def test_a_static_url_is_looked_up_once(monkeypatch):
    template = PROJECT.from_string("{% load static %}{% static 'core/once.css' %}")
    first = template.render(Context())
    monkeypatch.setattr(
        "django.templatetags.static.StaticNode.handle_simple",
        classmethod(lambda cls, path: pytest.fail("looked up again")),
    )
    assert template.render(Context()) == first
