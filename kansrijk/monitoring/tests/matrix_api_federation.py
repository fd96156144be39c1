"""Authorization matrix rows for monitoring's API beyond the indicators: the definitions
(kansrijk/monitoring/api_definitions.py), the export (kansrijk/monitoring/api_export.py) and
the federation (kansrijk/monitoring/api_federation.py); merged into the matrix test.

As on the pages, with 401 instead of the login page: coordinators and analysts of the
coalition read the definitions and the export, the publications, a published document, the
region's imports, publishers and figures, and the national figures; professionals (also of the other
coalition, which coordinates and analyses nowhere, and those who broke the glass) and
administrators get 403. Removing a trusted publisher is for coordinators: the analyst gets
403 before the row is looked up.

`ROWS` has the GET of every URL (the DELETE for the publisher, which has nothing else).
`WRITE_ROWS` has the POSTs, posted without input: the actors who may act get the page
form's message (400), the analyst is refused publishing and adding publishers (403) but may
import (400); they are checked by test_api_federation_authorization_writes.py.
"""

from kansrijk.monitoring import indicators as registry
from kansrijk.monitoring.federation import signing
from kansrijk.monitoring.models import PublishedDocument, TrustedPublisher
from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.monitoring_federation import sample_document

READERS = only(["coordinator", "analyst"], anonymous=401)


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


def _definition_kwargs(world: World) -> dict:
    return {"code": registry.indicators()[0].code}


ROWS: dict[str, Row] = {
    "api:monitoring_definition_list": Row(READERS),
    "api:monitoring_definition_detail": Row(READERS, kwargs=_definition_kwargs),
    "api:monitoring_export": Row(READERS),
    "api:monitoring_publication_list": Row(READERS),
    "api:monitoring_publication_document": Row(READERS, kwargs=_published_kwargs),
    "api:monitoring_import_list": Row(READERS),
    "api:monitoring_publisher_list": Row(READERS),
    "api:monitoring_publisher_detail": Row(
        only(["coordinator"], 204, anonymous=401), method="delete", kwargs=_trusted_kwargs
    ),
    "api:monitoring_region": Row(READERS),
    "api:monitoring_national": Row(READERS),
}

WRITE_ROWS: dict[str, Row] = {
    "api:monitoring_publication_list": Row(
        only(["coordinator"], 400, anonymous=401), method="post"
    ),
    "api:monitoring_import_list": Row(
        only(["coordinator", "analyst"], 400, anonymous=401), method="post"
    ),
    "api:monitoring_publisher_list": Row(only(["coordinator"], 400, anonymous=401), method="post"),
}
