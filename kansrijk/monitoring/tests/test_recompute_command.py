"""`manage.py recompute_indicators` enqueues the sweep that recomputes stale figures, for the
worker to run outside any request."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_command_enqueues_the_sweep_for_the_worker(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = io.StringIO()

    call_command("recompute_indicators", stdout=out)

    stored = DBTaskResult.objects.get()
    assert stored.task_path == "kansrijk.monitoring.tasks.recompute_all_stale"
    assert "Herberekening klaargezet" in out.getvalue()


@pytest.mark.django_db
def test_now_computes_what_the_default_dashboard_needs_before_anyone_asks(cast):
    from kansrijk.monitoring.indicators import Scope
    from kansrijk.monitoring.models import IndicatorSnapshot
    from kansrijk.monitoring.selectors_dashboard import dashboard, default_period
    from kansrijk.testing.monitoring import monitored_family

    monitored_family(cast.coalition, cast.coordinator)
    out = io.StringIO()

    call_command("recompute_indicators", "--now", "--coalition", cast.coalition.name, stdout=out)

    made = IndicatorSnapshot.objects.filter(coalition=cast.coalition).count()
    assert made > 0
    assert f"{made} cijfers berekend." in out.getvalue()
    assert not IndicatorSnapshot.objects.exclude(coalition=cast.coalition).exists()
    # The dashboard then computes nothing: every table it needs is kept.
    dashboard(Scope(cast.coalition.pk), default_period())
    assert IndicatorSnapshot.objects.filter(coalition=cast.coalition).count() == made
    # Run again, nothing is missing.
    out = io.StringIO()
    call_command("recompute_indicators", "--now", stdout=out)
    assert IndicatorSnapshot.objects.filter(coalition=cast.coalition).count() == made


@pytest.mark.django_db
def test_an_unknown_coalition_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Onbekende coalitie"):
        call_command("recompute_indicators", "--now", "--coalition", "Nergensdorp")
