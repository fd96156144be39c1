"""WSGI entry point; production servers use DJANGO_SETTINGS_MODULE=kansrijk.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.settings.production")
application = get_wsgi_application()
