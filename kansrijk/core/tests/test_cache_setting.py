"""CACHE_URL chooses the cache: a cache per process by default, a shared Redis cache when
an address is given, and a clear error for anything else."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from kansrijk.settings.base import caches_from_url


def test_without_an_address_each_process_keeps_its_own_cache():
    assert caches_from_url("")["default"]["BACKEND"].endswith("LocMemCache")


def test_a_redis_address_gives_a_shared_cache_that_misses_when_redis_is_down():
    config = caches_from_url("redis://cache.internal:6379/2")["default"]
    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["LOCATION"] == "redis://cache.internal:6379/2"
    assert config["OPTIONS"]["IGNORE_EXCEPTIONS"] is True


def test_another_scheme_is_refused():
    with pytest.raises(ValueError, match="redis://"):
        caches_from_url("memcached://127.0.0.1:11211")


def test_an_unreachable_redis_answers_as_a_miss_instead_of_failing():
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    with override_settings(CACHES=caches_from_url("redis://127.0.0.1:9/0")):
        cache = caches.create_connection("default")
        cache.set("key", "value")
        assert cache.get("key") is None
        assert cache.get_or_set("counter", 1) == 1
