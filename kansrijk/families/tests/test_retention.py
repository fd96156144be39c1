"""Privacy over the life of a file: files close after the 1000 days, personal data is
anonymised after the coalition's retention period, and monitoring counts the same."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import CarePlan, Goal, Handover
from kansrijk.core.models import AuditEvent
from kansrijk.families import retention
from kansrijk.families.models import Family, FamilyStatus, FamilyVersion, Person
from kansrijk.monitoring.indicators import Scope, indicators
from kansrijk.monitoring.periods import Period
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment
from kansrijk.socialmap.models import Referral
from kansrijk.socialmap.vocabulary import CareKind
from kansrijk.testing.families import make_family
from kansrijk.testing.interop_export import add_household, grow_file
from kansrijk.testing.monitoring_chain import grow, kind_service
from kansrijk.testing.monitoring_signaling import assess


def _figures(scope, period):
    return {
        indicator.code: [
            (cell.key, cell.numerator, cell.denominator, cell.value)
            for cell in indicator.cells(scope, period)
        ]
        for indicator in indicators()
    }


@pytest.mark.django_db
def test_monitoring_figures_are_the_same_before_and_after_anonymising(cast):
    services = [kind_service(cast.coalition, kind) for kind in (CareKind.VOORZORG,)]
    grow(cast, 4, services)
    for family in Family.objects.filter(coalition=cast.coalition):
        add_household(family)
        assess(family, cast.case_director, on=date(2026, 1, 20), level=Level.VULNERABLE)
    scope = Scope(cast.coalition.pk)
    periods = [Period.parse("2026-Q1"), Period.parse("2026-01"), Period.parse("2026")]
    before = {str(p): _figures(scope, p) for p in periods}
    assert any(cell[1] for cells in before["2026-Q1"].values() for cell in cells)

    for family in Family.objects.filter(coalition=cast.coalition):
        retention.family_anonymise(family_pk=family.pk)

    assert {str(p): _figures(scope, p) for p in periods} == before
    assert not Person.objects.filter(family__coalition=cast.coalition, bsn__gt="").exists()


@pytest.mark.django_db
def test_anonymising_empties_names_contact_data_and_free_texts(cast):
    family = make_family(cast, postcode="1234 AB")
    people = add_household(family)
    Person.objects.filter(pk=people["client"].pk).update(
        phone="0612345678", email="sara@example.org"
    )
    grow_file(cast, family, size=2)

    retention.family_anonymise(family_pk=family.pk, reason="Test")

    family.refresh_from_db()
    assert family.anonymised_at is not None
    assert (family.postcode, family.pc4, family.strengths) == ("1234", "1234", "")
    client = Person.objects.get(pk=people["client"].pk)
    assert (client.first_name, client.last_name, client.bsn) == ("Geanonimiseerd", "", "")
    assert (client.phone, client.email) == ("", "")
    assert client.date_of_birth == date(1998, 3, 1)
    assert set(Goal.objects.filter(family=family).values_list("text", flat=True)) == {""}
    assert set(Referral.objects.filter(family=family).values_list("reason", flat=True)) == {""}
    assert set(Handover.objects.filter(family=family).values_list("summary", flat=True)) == {""}
    assert CarePlan.objects.get(family=family).strengths == ""
    assert set(Assessment.objects.filter(family=family).values_list("level", flat=True)) == {
        "potentially_vulnerable"
    }
    assert not Assessment.objects.filter(family=family).exclude(answers={}).exists()
    assert not FamilyVersion.objects.filter(family=family).exclude(snapshot={}).exists()
    # Logged: audit trail and a system access event.
    assert AuditEvent.objects.filter(
        object_type=retention.ANONYMISED_EVENT, object_id=str(family.pk)
    ).exists()
    event = AccessEvent.objects.filter(family=family).order_by("-pk").first()
    assert event.user is None
    assert "geanonimiseerd" in event.detail
    # Running it again changes nothing.
    again = retention.family_anonymise(family_pk=family.pk)
    assert again.anonymised_at == family.anonymised_at


@pytest.mark.django_db
def test_the_command_closes_after_the_second_birthday_and_anonymises_after_retention(cast):
    today = timezone.localdate()
    toddler = make_family(cast)
    toddler.pregnancies.create(
        coalition=cast.coalition, birth_date=today - timedelta(days=500), outcome="live_birth"
    )
    over = make_family(cast)
    over.pregnancies.create(
        coalition=cast.coalition, birth_date=today - timedelta(days=800), outcome="live_birth"
    )
    old = make_family(cast)
    add_household(old)
    cast.coalition.retention_years = 5
    cast.coalition.save()
    Family.objects.filter(pk=old.pk).update(
        status=FamilyStatus.CLOSED, closed_at=timezone.now() - timedelta(days=5 * 366)
    )
    recent = make_family(cast)
    Family.objects.filter(pk=recent.pk).update(
        status=FamilyStatus.CLOSED, closed_at=timezone.now() - timedelta(days=4 * 365)
    )

    out = StringIO()
    call_command("anonymise_files", "--dry-run", stdout=out)
    assert "1 dossier(s) zouden sluiten, 1 zouden worden geanonimiseerd" in out.getvalue()
    assert Family.objects.get(pk=over.pk).is_open

    out = StringIO()
    call_command("anonymise_files", stdout=out)
    assert "1 dossier(s) gesloten, 1 dossier(s) geanonimiseerd" in out.getvalue()
    assert Family.objects.get(pk=toddler.pk).is_open
    closed = Family.objects.get(pk=over.pk)
    assert not closed.is_open
    assert closed.anonymised_at is None
    assert "twee jaar" in closed.closed_reason
    assert closed.versions.filter(version=closed.version).exists()
    assert Family.objects.get(pk=old.pk).anonymised_at is not None
    assert Family.objects.get(pk=recent.pk).anonymised_at is None
    assert not old.persons.exclude(first_name="Geanonimiseerd").exists()
    assert AuditEvent.objects.filter(object_type=retention.AUTO_CLOSED_EVENT).count() == 1


@pytest.mark.django_db
def test_retention_period_is_a_coalition_setting_with_a_default(cast):
    assert cast.coalition._meta.get_field("retention_years").default == 20
    assert retention.families_past_retention() == []
