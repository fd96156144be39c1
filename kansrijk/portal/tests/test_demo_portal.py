"""seed_demo invites the client of DEMO-010 to "Mijn gezin" with the date of birth the README
names, and her portal shows her plan but not the family's safety plan; running seed_demo
again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from kansrijk.care.models import SafetyPlan
from kansrijk.families.models import PersonRole
from kansrijk.portal import demo as portal_demo
from kansrijk.portal.models import FamilyAccount
from kansrijk.testing.portal import portal_client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", allow_production=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _account() -> FamilyAccount:
    return (
        FamilyAccount.objects.active()
        .select_related("person", "family")
        .get(family__reference=portal_demo.REFERENCE)
    )


def test_the_client_of_demo_010_is_invited_with_the_readme_date_of_birth(demo):
    account = _account()
    assert account.person.role == PersonRole.CLIENT
    assert account.email == "demo-010@example.invalid"
    assert account.person.date_of_birth == portal_demo.DATE_OF_BIRTH
    assert account.invited_by.username == portal_demo.DIRECTOR
    assert "Mijn gezin: Yara (DEMO-010) uitgenodigd" in demo


def test_her_portal_shows_the_plan_and_never_the_safety_plan(demo):
    account = _account()
    page = portal_client(account).get("/mijn/").content.decode()
    assert "Ons plan" in page
    safety_plan = SafetyPlan.objects.get(family=account.family)
    texts = [safety_plan.risks, safety_plan.agreements, safety_plan.contacts]
    assert any(texts)
    for text in filter(None, texts):
        assert text not in page


def test_seeding_again_adds_no_second_account(demo):
    before = FamilyAccount.objects.count()
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    assert FamilyAccount.objects.count() == before
