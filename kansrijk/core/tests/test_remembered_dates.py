"""The `date` filter and `format_date` remember their answers and give what Django's give.

Rendered by the project's engine (its `date` filter is `cached_dates`) and by a stock Django
engine, in Dutch and English and back, in two time zones, for dates, naive and aware datetimes
(also the repeated hour of the autumn clock change), times, strings and nothing; then what
remembering must not change: changed time zone and format settings.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Engine, engines
from django.test import override_settings
from django.utils import formats, timezone
from django.utils.translation import override

from kansrijk.core.dates import format_date

PROJECT = engines["django"].engine
STOCK = Engine()

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")
FORMATS = [
    "",
    ':"j F Y"',
    ':"Y-m-d"',
    ':"j F Y H:i"',
    ':"D d M Y, H:i e T O"',
    ':"SHORT_DATE_FORMAT"',
]
VALUES = [
    date(2026, 3, 14),
    date(2026, 10, 25),
    datetime(2026, 3, 14, 9, 30),
    datetime(2026, 3, 14, 9, 30, tzinfo=UTC),
    datetime(2026, 3, 14, 9, 30, tzinfo=AMSTERDAM),
    # The same wall time twice on 25 October 2026: summer time, then winter time.
    datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM),
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMSTERDAM),
    time(9, 30),
    "14-03-2026",
    None,
    "",
]


@pytest.mark.parametrize("format", FORMATS)
def test_the_same_as_djangos_filter_in_both_languages_zones_and_back(format):
    source = f"{{{{ value|date{format} }}}}"
    for language, zone in [
        ("nl", "Europe/Amsterdam"),
        ("en", "UTC"),
        ("nl", "UTC"),
        ("en", "Europe/Amsterdam"),
    ]:
        with override(language), timezone.override(zone):
            for value in VALUES:
                assert _outcome(PROJECT, source, value) == _outcome(STOCK, source, value), (
                    language,
                    zone,
                    value,
                )


def _outcome(engine, source, value):
    """The rendered text, or the error (a time with date letters is a TypeError in both)."""
    try:
        return engine.from_string(source).render(Context({"value": value}))
    except TypeError as error:
        return ("TypeError", str(error))


def test_the_project_filter_is_the_remembering_one():
    from kansrijk.core.templatetags.cached_dates import date as cached_date

    assert PROJECT.template_builtins[-1].filters["date"] is cached_date


def test_equal_datetimes_in_other_zones_or_folds_are_each_formatted_for_themselves():
    moment = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    local = moment.astimezone(AMSTERDAM)
    assert moment == local
    assert format_date(moment, "H:i T") == "09:30 UTC"
    assert format_date(local, "H:i T") == "10:30 CET"
    summer = datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM)
    winter = summer.replace(fold=1)
    # Django shows no offset for an ambiguous time, but the moment ("U") differs by an hour.
    assert int(format_date(winter, "U")) - int(format_date(summer, "U")) == 3600
    for value in (summer, winter):
        assert format_date(value, "U") == formats.date_format(value, "U")


def test_a_date_and_a_datetime_of_the_same_day_are_each_formatted_for_themselves():
    assert format_date(date(2026, 3, 14), "j F Y") == "14 maart 2026"
    assert format_date(datetime(2026, 3, 14), "j F Y H:i") == "14 maart 2026 00:00"


def test_languages_are_remembered_apart():
    day = date(2026, 3, 14)
    with override("nl"):
        assert format_date(day, "j F Y") == "14 maart 2026"
    with override("en"):
        assert format_date(day, "j F Y") == "14 March 2026"
    with override("nl"):
        assert format_date(day, "j F Y") == "14 maart 2026"


def test_changed_settings_are_not_answered_from_memory():
    naive = datetime(2026, 3, 14, 9, 30)
    day = date(2026, 3, 14)
    with override("nl"):
        shown = format_date(naive, "H:i T")
        with override_settings(TIME_ZONE="UTC"):
            assert format_date(naive, "H:i T") == formats.date_format(naive, "H:i T")
            assert format_date(naive, "H:i T") != shown
        assert format_date(naive, "H:i T") == shown
        with override_settings(FORMAT_MODULE_PATH=None, LANGUAGE_CODE="en"), override(None):
            assert format_date(day) == formats.date_format(day)
