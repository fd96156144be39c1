"""Reads of the federation for the API (kansrijk/monitoring/api_federation.py): a
coalition's published documents, a region's imports and trusted publishers. Each is one
query and holds no personal data (documents are suppressed aggregates)."""

from django.db.models import QuerySet

from kansrijk.organisations.models import Coalition, Membership

from .models import ImportedDocument, PublishedDocument, TrustedPublisher


def published_documents(coalition_id: int) -> QuerySet[PublishedDocument]:
    """The coalition's documents, newest period and version first, without their content;
    the publisher's name joined (it is in each row)."""
    return (
        PublishedDocument.objects.filter(coalition_id=coalition_id)
        .select_related("published_by")
        .defer("document", "signature")
        .order_by("-period", "-version", "-id")
    )


def published_document(coalition_ids: set[int], pk: int) -> PublishedDocument | None:
    """A document of one of `coalition_ids`, or None."""
    return PublishedDocument.objects.filter(pk=pk, coalition_id__in=coalition_ids).first()


def region_imports(region_id: int) -> QuerySet[ImportedDocument]:
    """The region's imports, newest first, without the document itself."""
    return (
        ImportedDocument.objects.filter(region_id=region_id)
        .defer("document")
        .order_by("-imported_at", "-id")
    )


def trusted_publishers(region_id: int) -> QuerySet[TrustedPublisher]:
    return TrustedPublisher.objects.filter(region_id=region_id).order_by("publisher", "id")


def trusted_publisher(region_ids: set[int], pk: int) -> TrustedPublisher | None:
    """A trusted publisher of one of `region_ids` (its region joined), or None."""
    return (
        TrustedPublisher.objects.filter(pk=pk, region_id__in=region_ids)
        .select_related("region")
        .first()
    )


def regions_of(coalition_ids: set[int]) -> set[int]:
    """The regions of these coalitions (one query)."""
    return set(Coalition.objects.filter(pk__in=coalition_ids).values_list("region_id", flat=True))


def coordinates_anywhere(user) -> bool:
    """Whether `user` coordinates a coalition now (one query): only coordinators manage a
    region's trusted publishers, so anyone else is refused before a row is looked up."""
    return Membership.objects.current().filter(professional=user, is_coordinator=True).exists()
