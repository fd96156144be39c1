"""Project-wide pytest fixtures: the shared test actors and the browser harness; how the
suite is split over parallel workers."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from hypothesis import settings as hypothesis_settings

pytest_plugins = [
    "kansrijk.testing.actors",
    "kansrijk.testing.browser",
    "kansrijk.testing.families",
    "kansrijk.testing.parallel",
]

# Property tests measure behaviour, not speed: on a machine shared with parallel workers and
# browser tests an example may take longer than Hypothesis's default 200 ms deadline.
hypothesis_settings.register_profile("kansrijk", deadline=None)
hypothesis_settings.load_profile("kansrijk")


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in Dutch, whatever language an earlier request left active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: what one test kept (a dashboard's figures) must
    not answer another test whose rows reuse the same ids."""
    for cache in caches.all():
        cache.clear()
