"""Writes (and the region's reads) of the federation: publishing a coalition's document,
the region's trusted publishers, importing documents.

Who may, in plain words (every write checks it again against the current memberships,
`PermissionDenied` otherwise):
- publishing a coalition's document: a coordinator of that coalition;
- adding or removing a trusted publisher of a region: a coordinator of a coalition in that
  region;
- importing a document into a region: a coordinator or analyst of a coalition in that region;
  `actor=None` is the operator on the command line (`import_indicators`), who needs no role.

Every write runs in one transaction and writes the audit trail. An imported document that
fails a check (see federation/importer.py) is stored as refused with its reason and without
its figures, so the region sees what was tried and why it was refused.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Coalition, Membership, Region

from .federation import signing
from .federation.document import build_document
from .federation.importer import MAX_BYTES, Outcome, examine
from .models import ImportedDocument, ImportStatus, PublishedDocument, TrustedPublisher
from .periods import Period

Action = AuditEvent.Action
FETCH_TIMEOUT_SECONDS = 10


# --- Who may -------------------------------------------------------------------------------------


def _has_membership(actor, **filters) -> bool:
    return Membership.objects.current().filter(professional=actor, **filters).exists()


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def may_publish(actor, coalition_id: int) -> bool:
    return _has_membership(actor, coalition_id=coalition_id, is_coordinator=True)


def may_manage_region(actor, region_id: int) -> bool:
    return _has_membership(actor, coalition__region_id=region_id, is_coordinator=True)


def may_import(actor, region_id: int) -> bool:
    return _has_membership(actor, coalition__region_id=region_id, is_coordinator=True) or (
        _has_membership(actor, coalition__region_id=region_id, is_analyst=True)
    )


# --- Publishing ----------------------------------------------------------------------------------


def document_publish(*, actor, coalition: Coalition, period: Period, request=None):
    """Compute, suppress and sign the coalition's document for `period` as its next version."""
    _require(may_publish(actor, coalition.pk))
    with transaction.atomic():
        # Two coordinators publishing at once must not both take the same version.
        Coalition.objects.select_for_update().filter(pk=coalition.pk).first()
        version = next_version(coalition, period)
        document = build_document(coalition, period, version=version)
        published = PublishedDocument.objects.create(
            coalition=coalition,
            period=period.code,
            version=version,
            document=document,
            signature=signing.sign(document),
            published_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=published,
            coalition=coalition,
            summary=_("Cijfers van %(period)s gepubliceerd (versie %(version)s)")
            % {"period": period.code, "version": version},
            request=request,
        )
    return published


def next_version(coalition: Coalition, period: Period) -> int:
    latest = PublishedDocument.objects.filter(coalition=coalition, period=period.code).aggregate(
        latest=Max("version")
    )["latest"]
    return (latest or 0) + 1


def published_file(published: PublishedDocument) -> dict:
    """The download: the document with its signature and the installation's public key."""
    return {
        "document": published.document,
        "signature": published.signature,
        "public_key": signing.public_key_text(),
        "algorithm": signing.ALGORITHM,
    }


# --- Trusted publishers --------------------------------------------------------------------------


def trusted_publisher_add(*, actor, region: Region, publisher: str, public_key: str, request=None):
    _require(may_manage_region(actor, region.pk))
    publisher, public_key = publisher.strip(), public_key.strip()
    if not signing.is_public_key(public_key):
        raise ValidationError(
            {"public_key": _("Dit is geen publieke Ed25519-sleutel (32 bytes in base64).")}
        )
    try:
        with transaction.atomic():
            trusted = TrustedPublisher.objects.create(
                region=region, publisher=publisher, public_key=public_key, added_by=actor
            )
            audit_record(
                actor=actor,
                action=Action.CREATE,
                obj=trusted,
                summary=_("Vertrouwde uitgever %(publisher)s toegevoegd aan regio %(region)s")
                % {"publisher": publisher, "region": region.name},
                changes={"public_key": public_key},
                request=request,
            )
    except IntegrityError:
        raise ValidationError(
            {"publisher": _("Deze uitgever staat al in de lijst van de regio.")}
        ) from None
    return trusted


def trusted_publisher_remove(*, actor, region: Region, pk: int, request=None) -> None:
    _require(may_manage_region(actor, region.pk))
    with transaction.atomic():
        trusted = TrustedPublisher.objects.select_for_update().filter(pk=pk, region=region).first()
        if trusted is None:
            return
        audit_record(
            actor=actor,
            action=Action.DELETE,
            obj=trusted,
            summary=_("Vertrouwde uitgever %(publisher)s verwijderd uit regio %(region)s")
            % {"publisher": trusted.publisher, "region": region.name},
            request=request,
        )
        trusted.delete()


# --- Importing -----------------------------------------------------------------------------------


def document_import(*, actor, region: Region, content: bytes, source: str, request=None):
    """Check a published file against the region's trusted publishers and store the outcome."""
    if actor is not None:
        _require(may_import(actor, region.pk))
    keys = dict(
        TrustedPublisher.objects.filter(region=region).values_list("publisher", "public_key")
    )
    return _store(actor, region, examine(content, keys.get), source, request)


def document_import_url(*, actor, region: Region, url: str, request=None):
    """Fetch the file at `url` (http or https, at most 1 MB) and import it; a failed fetch is
    stored as a refused import with the reason."""
    if actor is not None:
        _require(may_import(actor, region.pk))
    try:
        content = fetch(url)
    except FetchError as error:
        return _store(actor, region, Outcome(accepted=False, reason=str(error)), url, request)
    return document_import(actor=actor, region=region, content=content, source=url, request=request)


class FetchError(Exception):
    pass


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is not followed (it could lead to an internal address): it is an error."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def internal_hosts_allowed() -> list[str]:
    return list(getattr(settings, "MONITORING_IMPORT_INTERNAL_HOSTS", []))


def _internal(host: str) -> bool:
    """Whether `host` is, or resolves to, an address of an internal network (loopback,
    private, link-local, reserved). An unknown host is not internal: fetching it fails."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError, ValueError):
        return False
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            return True
    return False


def fetch(url: str) -> bytes:
    """GET the URL; `FetchError` with a Dutch reason when that does not give a document.

    The server fetches what a coordinator or analyst asks for, so only http(s), with a
    timeout and a size limit (the URL is audited with the import).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(_("Gebruik een adres dat met http:// of https:// begint."))
    if _internal(parts.hostname or "") and parts.hostname not in internal_hosts_allowed():
        raise FetchError(_("Dit adres is niet toegestaan: het wijst naar een intern netwerk."))
    request = urllib.request.Request(  # noqa: S310 (scheme checked above: http(s) only)
        url, headers={"Accept": "application/json", "User-Agent": "kansrijk-monitoring"}
    )
    try:
        with _OPENER.open(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            content = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(
            _("Het adres gaf geen document: de server antwoordde met status %(status)s.")
            % {"status": error.code}
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        raise FetchError(
            _("Het document kon niet worden opgehaald: het adres is niet bereikbaar.")
        ) from None
    return content


def _store(actor, region: Region, outcome: Outcome, source: str, request) -> ImportedDocument:
    with transaction.atomic():
        imported = ImportedDocument.objects.create(
            region=region,
            publisher=outcome.publisher,
            period=outcome.period,
            version=outcome.version,
            source=source[:500],
            status=ImportStatus.ACCEPTED if outcome.accepted else ImportStatus.REFUSED,
            reason=outcome.reason,
            document=outcome.document if outcome.accepted else None,
            imported_by=actor,
        )
        if outcome.accepted:
            summary = _("Document van %(publisher)s over %(period)s ingelezen in regio %(region)s")
        else:
            summary = _("Document geweigerd in regio %(region)s")
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=imported,
            summary=summary
            % {"publisher": outcome.publisher, "period": outcome.period, "region": region.name},
            changes={"source": source[:500], "reason": outcome.reason},
            request=request,
        )
    return imported


# --- The region's reads --------------------------------------------------------------------------


def region_periods(region: Region) -> list[str]:
    """The periods of the region's accepted documents, latest first (one query)."""
    periods = (
        ImportedDocument.objects.filter(region=region, status=ImportStatus.ACCEPTED)
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(set(periods), reverse=True)


def region_documents(region: Region, period: str) -> list[dict]:
    """The latest accepted document of each publisher for `period`, by publisher name (one
    query: a region has a handful of publishers, each with a few versions)."""
    latest: dict[str, ImportedDocument] = {}
    accepted = ImportedDocument.objects.filter(
        region=region, period=period, status=ImportStatus.ACCEPTED
    ).order_by("publisher", "-version", "-imported_at", "-id")
    for imported in accepted:
        latest.setdefault(imported.publisher, imported)
    documents = [imported.document for imported in latest.values()]
    return sorted(documents, key=lambda document: document["publisher"]["name"])


# --- The national view ---------------------------------------------------------------------------


def national_periods() -> list[str]:
    """The periods of every region's accepted documents, latest first (one query)."""
    periods = (
        ImportedDocument.objects.filter(status=ImportStatus.ACCEPTED)
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(set(periods), reverse=True)


def national_documents(period: str) -> list[tuple[str, list[dict]]]:
    """Per region (by name), the latest accepted document of each of its publishers for
    `period` (one query). A publisher imported by two regions counts once, in the region
    that imported its latest version."""
    latest: dict[str, ImportedDocument] = {}
    accepted = (
        ImportedDocument.objects.filter(period=period, status=ImportStatus.ACCEPTED)
        .select_related("region")
        .order_by("publisher", "-version", "-imported_at", "-id")
    )
    for imported in accepted:
        latest.setdefault(imported.publisher, imported)
    regions: dict[str, list[dict]] = {}
    for imported in latest.values():
        regions.setdefault(imported.region.name, []).append(imported.document)
    return [
        (name, sorted(documents, key=lambda document: document["publisher"]["name"]))
        for name, documents in sorted(regions.items())
    ]
