"""Use of interpreters among the families in view at the end of a period, with the five most
frequent languages and the rest: a hand-built set with known answers."""

from datetime import date

import pytest

from kansrijk.monitoring.indicators import Scope, get
from kansrijk.monitoring.periods import Period
from kansrijk.testing.monitoring_chain import at, elsewhere, family, figures_of, moved


@pytest.fixture
def languages(cast):
    coalition, by = cast.coalition, cast.case_director

    def needs(language, **fields):
        return family(
            coalition, by, interpreter_needed=True, interpreter_language=language, **fields
        )

    needs("Arabisch")
    # Written differently, opened in the last half hour of the quarter: the same language.
    needs("arabisch ", created=at(date(2026, 3, 31), 23, 30))
    # Opened in the first half hour of Q2: not in view at the end of Q1.
    needs("Arabisch", created=at(date(2026, 4, 1), 0, 30))
    # Closed in the last half hour of Q1: not in view; closed just after: in view.
    needs("Arabisch", closed=at(date(2026, 3, 31), 23, 30))
    needs("Turks", closed=at(date(2026, 4, 1), 0, 30))
    for language in ("Pools", "Tigrinya", "Engels", "Frans", "Somalisch", ""):
        needs(language)
    family(coalition, by)  # no interpreter needed
    # Not counted: consent withdrawn, another coalition. Counted: a family that moved.
    needs("Pools", withdrawn=True)
    family(
        cast.other_coalition,
        cast.other_coalition_professional,
        interpreter_needed=True,
        interpreter_language="Pools",
    )
    moved(needs("Turks"))
    return cast


@pytest.mark.django_db
def test_the_end_of_a_quarter_has_the_five_most_frequent_languages_and_the_rest(languages):
    scope = Scope(languages.coalition.pk)

    assert figures_of("interpreter_use", scope, "2026-Q1") == {"interpreter_needed": (10, 11)}
    # Most frequent first, equal counts in alphabetical order; Somalisch, Tigrinya and the
    # family without a language are the rest.
    assert list(figures_of("interpreter_languages", scope, "2026-Q1").items()) == [
        ("language_arabisch", (2, 10)),
        ("language_turks", (2, 10)),
        ("language_engels", (1, 10)),
        ("language_frans", (1, 10)),
        ("language_pools", (1, 10)),
        ("language_other", (3, 10)),
    ]


@pytest.mark.django_db
def test_a_language_is_labelled_as_written(languages):
    scope, period = Scope(languages.coalition.pk), Period.parse("2026-Q1")

    [needed] = get("interpreter_use").cells(scope, period)
    labels = [cell.label for cell in get("interpreter_languages").cells(scope, period)]
    assert needed.label == "Tolk nodig"
    assert labels[0].lower() == "arabisch"
    assert labels[1:] == ["Turks", "Engels", "Frans", "Pools", "Andere of onbekende taal"]


@pytest.mark.django_db
def test_the_end_of_the_year_before_has_the_families_in_view_then(languages):
    scope = Scope(languages.coalition.pk)

    # The family closed on 31 March 2026 was in view at the end of 2025; the two opened in
    # 2026 were not.
    assert figures_of("interpreter_use", scope, "2025") == {"interpreter_needed": (10, 11)}
    assert figures_of("interpreter_languages", scope, "2025")["language_arabisch"] == (2, 10)


@pytest.mark.django_db
def test_a_family_that_moved_counts_in_its_new_municipality(languages):
    coalition = languages.coalition
    there = Scope(coalition.pk, elsewhere(coalition).pk)

    assert figures_of("interpreter_use", there, "2026-Q1") == {"interpreter_needed": (1, 1)}
    assert figures_of("interpreter_languages", there, "2026-Q1") == {
        "language_turks": (1, 1),
        "language_other": (0, 1),
    }


@pytest.mark.django_db
def test_nobody_needing_an_interpreter_leaves_only_the_rest(cast):
    family(cast.coalition, cast.case_director)
    scope = Scope(cast.coalition.pk)

    assert figures_of("interpreter_use", scope, "2026-Q1") == {"interpreter_needed": (0, 1)}
    assert figures_of("interpreter_languages", scope, "2026-Q1") == {"language_other": (0, 0)}
