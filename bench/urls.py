"""ROOT_URLCONF of `kansrijk.settings.bench`: the project's URLs plus the baseline view.

The baseline lives only here, so `kansrijk/urls.py` (and with it the authorization matrix)
does not change for the benchmark.
"""

from django.urls import include, path

from kansrijk.urls import handler403, handler404, handler500

from .views import baseline

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    path("", include("kansrijk.urls")),
]
