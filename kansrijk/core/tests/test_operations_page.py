"""The faults page ("Taken en e-mails" under Beheer): administrators only, listed in the
Beheer menu, paged, and its number of queries does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.core.views_operations import PAGE_SIZE
from kansrijk.testing.actors import logged_in_client

from .operations_rows import failed_mail, failed_task

pytestmark = pytest.mark.django_db


def test_only_administrators_open_the_page(cast):
    url = reverse("core:operations")
    for actor in (cast.coordinator, cast.analyst, cast.case_director, cast.outsider):
        assert logged_in_client(actor).get(url).status_code == 403
    assert logged_in_client(cast.administrator).get(url).status_code == 200


def test_the_page_is_in_the_beheer_menu_of_administrators_only(cast):
    manage = reverse("organisations:manage")
    assert "Taken en e-mails" in logged_in_client(cast.administrator).get(manage).content.decode()
    assert "Taken en e-mails" not in logged_in_client(cast.coordinator).get(manage).content.decode()


def test_an_empty_page_says_so(cast):
    page = logged_in_client(cast.administrator).get(reverse("core:operations")).content.decode()
    assert "Er zijn geen mislukte taken." in page
    assert "Alle e-mails zijn verstuurd." in page


def test_the_lists_are_paged(cast):
    for _ in range(PAGE_SIZE + 1):
        failed_task()
        failed_mail(cast.administrator.memberships.get().coalition)
    client = logged_in_client(cast.administrator)
    first = client.get(reverse("core:operations"))
    assert len(first.context["task_rows"]) == PAGE_SIZE
    assert len(first.context["mail_rows"]) == PAGE_SIZE
    assert f"{PAGE_SIZE + 1} mislukte taken" in first.content.decode()
    second = client.get(reverse("core:operations"), {"pagina": 2, "mails": 2})
    assert len(second.context["task_rows"]) == 1
    assert len(second.context["mail_rows"]) == 1


def test_the_number_of_queries_does_not_grow_with_the_rows(cast):
    coalition = cast.administrator.memberships.get().coalition
    client = logged_in_client(cast.administrator)
    url = reverse("core:operations")
    failed_task()
    failed_mail(coalition)
    client.get(url)  # warm the session and the per-user caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        failed_task()
        failed_mail(coalition)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["task_rows"]) == 11
    # Per list a count and a page; the rest (session, user, memberships, menu) is the same
    # for every page and does not depend on the rows.
    assert len(many) == len(few)
