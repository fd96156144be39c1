"""The WSGI entry point prepares a long-running worker: the views are loaded before the
first request and kept out of the garbage collector's sight, and young objects are collected
less often (see `kansrijk/wsgi.py`)."""

import gc
import json
from wsgiref.util import setup_testing_defaults

import pytest

pytestmark = pytest.mark.django_db


def test_the_wsgi_application_answers_and_sets_garbage_collection_for_a_server():
    from kansrijk.wsgi import application

    assert gc.get_threshold() == (10_000, 20, 100)
    assert gc.get_freeze_count() > 10_000
    environ = {"PATH_INFO": "/healthz/", "HTTP_HOST": "localhost"}
    environ["HTTP_ACCEPT"] = "application/json"
    setup_testing_defaults(environ)
    started = {}
    body = b"".join(application(environ, lambda status, headers: started.update(status=status)))
    assert started["status"].startswith("200")
    assert set(json.loads(body).values()) == {"OK"}
