"""WSGI entry point; production servers use DJANGO_SETTINGS_MODULE=kansrijk.settings.production.

Each worker loads the URL configuration (and with it every view module) before its first
request, then sets garbage collection for a long-running server: what is loaded by then is
moved out of the collector's sight (`gc.freeze`), and the youngest generation is collected
after 10,000 new container objects instead of 700. A page or API response creates tens of
thousands of short-lived objects; with Python's defaults a full collection, which walks every
object of the loaded application, ran every twenty-odd requests and added some 100 ms to
the request it fell in (benchmark, issue 5: the social map's API list 20.0 → 12.6 ms of CPU
per request on average in-process, the median unchanged).
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.settings.production")
application = get_wsgi_application()

get_resolver().url_patterns  # noqa: B018 (imports every view module now, not on a request)
gc.collect()
gc.freeze()
gc.set_threshold(10_000, 20, 100)
