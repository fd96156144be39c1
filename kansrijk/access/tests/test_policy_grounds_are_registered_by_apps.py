"""The policy grows by registering grounds; `access` does not import the apps that add them."""

import ast
from pathlib import Path

import pytest
from django.db.models import Q

from kansrijk.access import policy
from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Family


def test_care_team_comes_before_break_the_glass():
    assert [g.code for g in policy.registered_grounds()] == [
        "care_team",
        "mdo_participant",
        "mdo_decision",
        "handover_receiver",
        "referral_receiver",
        "break_the_glass",
    ]


@pytest.fixture
def extra_ground():
    saved = dict(policy._grounds)
    yield
    policy._grounds.clear()
    policy._grounds.update(saved)


def test_a_new_ground_grants_access_and_is_logged(cast, cast_family, extra_ground):
    # Any ground an app may add: here "on a list" of families per professional.
    agenda = {cast.outsider.pk: [cast_family.pk], cast.coordinator.pk: [cast_family.pk]}
    policy.register_ground(
        policy.Ground(
            code="voorbeeld",
            label="Voorbeeld",
            condition=lambda user: Q(pk__in=agenda.get(user.pk, [])),
            treatment_relationship=True,
            consent=lambda family: True,
            order=20,
        )
    )

    assert [g.code for g in policy.registered_grounds()] == [
        "care_team",
        "voorbeeld",
        "mdo_participant",
        "mdo_decision",
        "handover_receiver",
        "referral_receiver",
        "break_the_glass",
    ]
    assert policy.get_family_for_user(cast.outsider, cast_family.pk, "R") == cast_family
    event = AccessEvent.objects.latest("id")
    assert (event.ground, event.consent, event.treatment_relationship) == ("voorbeeld", True, True)
    # The ground holds only for professionals of the coalition; a role gives nothing.
    assert not Family.objects.visible_to(cast.coordinator).exists()


def test_access_never_imports_families():
    for path in Path(policy.__file__).parent.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert "families" not in node.module, path
            if isinstance(node, ast.Import):
                assert all("families" not in alias.name for alias in node.names), path
