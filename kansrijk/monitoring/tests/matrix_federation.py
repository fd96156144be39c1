"""Authorization matrix rows for monitoring's federation part; merged into the matrix test.

The world has one published document of the cast's (first) coalition and one trusted
publisher of its region. The coordinator and the analyst of the coalition read the
publication page, the download, the region page and the import form; only the coordinator
manages the trusted publishers; professionals (also of the other coalition and those who
broke the glass for a family) and administrators get 403; without a session the pages send
to the login page.

`ROWS` has the GET of every URL (for the forms: the form page). `WRITE_ROWS` has the POSTs,
checked by test_federation_authorization_writes.py with the same world.
"""

from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.models import PublishedDocument, TrustedPublisher
from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.monitoring_federation import sample_document

READERS = only(["coordinator", "analyst"])
COORDINATOR = only(["coordinator"])
READERS_WRITE = only(["coordinator", "analyst"], 302)
COORDINATOR_WRITE = only(["coordinator"], 302)


def _published_kwargs(world: World) -> dict:
    published = PublishedDocument.objects.create(
        coalition=world.cast.coalition,
        period="2026-Q3",
        version=1,
        document=sample_document(),
        signature="test",
        published_by=world.cast.coordinator,
    )
    return {"pk": published.pk}


def _trusted_kwargs(world: World) -> dict:
    trusted = TrustedPublisher.objects.create(
        region=world.cast.coalition.region,
        publisher="test.example/coalities/99",
        public_key=signing.public_key_text(),
    )
    return {"pk": trusted.pk}


ROWS: dict[str, Row] = {
    "monitoring:federation_publish": Row(READERS),
    "monitoring:federation_download": Row(READERS, kwargs=_published_kwargs),
    "monitoring:federation_region": Row(READERS),
    "monitoring:federation_import": Row(READERS),
    "monitoring:federation_national": Row(READERS),
    "monitoring:federation_publisher_add": Row(COORDINATOR),
    "monitoring:federation_publisher_delete": Row(COORDINATOR, kwargs=_trusted_kwargs),
}

WRITE_ROWS: dict[str, Row] = {
    # Publishes the world's figures (the test registers small fake indicators).
    "monitoring:federation_publish": Row(
        COORDINATOR_WRITE, method="post", data={"period": "2026-Q3"}
    ),
    # An address the importer refuses without going on the network: stored as refused.
    "monitoring:federation_import": Row(
        READERS_WRITE, method="post", data={"url": "ftp://127.0.0.1/cijfers.json"}
    ),
    "monitoring:federation_publisher_add": Row(
        COORDINATOR_WRITE,
        method="post",
        data=lambda world: {
            "publisher": "test.example/coalities/7",
            "public_key": signing.public_key_text(),
        },
    ),
    "monitoring:federation_publisher_delete": Row(
        COORDINATOR_WRITE, method="post", kwargs=_trusted_kwargs
    ),
}
