"""The social map's HSDS 3.0 import and export through the API (issue 12).

`GET socialmap/hsds/export/` returns the coalition's map as `export_hsds` writes it:
`?format=json` (the default) the JSON document, `?format=zip` the tabular datapackage
(`datapackage.json` and one CSV per HSDS table) in a zip. `POST socialmap/hsds/import/`
takes the same two formats as a multipart upload (field `file`) and imports it with
`import_hsds`: the same checks, the same "nothing is stored when one record is wrong", the
same change history (HSDS metadata rows) and audit event, now with the caller as actor.
`?dry_run=1` runs the whole import and rolls it back: the answer tells what would change.

Who may (`CoordinatesTheMap`): coordinators of a coalition, the people who maintain its
whole map (`selectors_map`); a delegated editor maintains one provider only, so neither the
whole map's export (with its change history) nor an import is theirs. Everyone else gets
403, without a session or token 401. The API has no session's active coalition: the map is
that of the coalition the caller coordinates, or the one named in `?coalition=` when there are
several (another coalition's id is "not found"). The map holds no family data, so no access
event is written.

Limits on an upload (no page does this import; these are the API's own): at most
`MAX_UPLOAD_BYTES`; a `.json` file or a zip (recognised by its content); a zip holds at most
`MAX_ZIP_MEMBERS` files of together at most `MAX_UNPACKED_BYTES` unpacked, so that a small zip
cannot unpack into gigabytes.
"""

import io
import zipfile
import zlib
from pathlib import Path
from tempfile import TemporaryDirectory

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions
from rest_framework.negotiation import BaseContentNegotiation, DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Coalition, Membership, Role

from .hsds import tabular
from .hsds.exporter import document_tables, dumps, export_document
from .hsds.importer import import_hsds
from .hsds.rows import ImportRejected
from .models import Metadata
from .serializers_hsds_transfer import HsdsImportResultSerializer, HsdsImportUploadSerializer

TAG = "sociale kaart"
FORMATS = {"json": "application/json", "zip": "application/zip"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 100
# The answer lists at most this many changes (a first import of a large map has thousands).
MAX_LISTED_CHANGES = 1000

FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen voor coördinatoren van een coalitie."
)
COALITION_PARAMETER = OpenApiParameter(
    "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
)
NO_COALITION = OpenApiResponse(ErrorSerializer, description="Deze coalitie bestaat niet voor jou.")


class CoordinatesTheMap(permissions.BasePermission):
    """Coordinates a coalition now: exports and imports its whole map. The coalitions are kept
    on the view (`map_coalitions`, one query)."""

    message = gettext_lazy(
        "Alleen coördinatoren van een coalitie exporteren en importeren de sociale kaart."
    )

    def has_permission(self, request, view) -> bool:
        view.map_coalitions = set(
            Membership.objects.current()
            .with_role(Role.COORDINATOR)
            .filter(professional=request.user)
            .values_list("coalition_id", flat=True)
        )
        return bool(view.map_coalitions)


COORDINATOR_PERMISSIONS = (permissions.IsAuthenticated, CoordinatesTheMap)


class IgnoreFormatParameter(BaseContentNegotiation):
    """`?format=` chooses the export's file format here, not DRF's renderer: every answer
    rendered by DRF (the errors, the import's result) is JSON."""

    def select_parser(self, request, parsers):
        return DefaultContentNegotiation().select_parser(request, parsers)

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class _TransferView(PermissionsByMethodMixin, generics.GenericAPIView):
    content_negotiation_class = IgnoreFormatParameter
    map_coalitions: set[int] = set()

    def coalition(self) -> Coalition:
        asked = self.request.query_params.get("coalition", "")
        if asked:
            if not (asked.isascii() and asked.isdigit()) or int(asked) not in self.map_coalitions:
                raise exceptions.NotFound(_("Deze coalitie bestaat niet voor jou."))
            coalition_id = int(asked)
        elif len(self.map_coalitions) > 1:
            raise exceptions.ValidationError(
                {
                    "coalition": [
                        _("Je bent coördinator van meer dan één coalitie: geef de coalitie op.")
                    ]
                }
            )
        else:
            coalition_id = next(iter(self.map_coalitions))
        return Coalition.objects.only("id", "name").get(pk=coalition_id)


# --- Export -------------------------------------------------------------------------------------

EXPORT_EXAMPLE = {
    "hsds_version": "3.0",
    "taxonomies": [{"id": "6f1c…", "name": "kansrijk-behoefte", "description": "…"}],
    "taxonomy_terms": [{"id": "0b9e…", "code": "finances", "name": "Geldzaken"}],
    "organizations": [{"id": "2d4a…", "name": "Stichting Welzijn Eerstedorp", "phones": []}],
    "locations": [{"id": "9a77…", "name": "Wijkcentrum De Linde", "addresses": []}],
    "services": [{"id": "c3f0…", "name": "Schuldhulp", "status": "active"}],
    "attributes": [],
    "metadata": [],
}


@extend_schema(tags=[TAG])
class HsdsExportView(_TransferView):
    """The coalition's social map as Open Referral HSDS 3.0, as `export_hsds` writes it."""

    permissions_by_method = {"GET": COORDINATOR_PERMISSIONS}

    @extend_schema(
        summary="Sociale kaart exporteren (HSDS 3.0)",
        description=(
            "De hele sociale kaart van je coalitie in Open Referral HSDS 3.0, als download. "
            "`?format=json` (standaard): één JSON-document met `taxonomies`, "
            "`taxonomy_terms`, `organizations`, `locations`, `services` (volledige "
            "HSDS-records), `attributes` en `metadata` (de wijzigingsgeschiedenis). "
            "`?format=zip`: het tabulaire datapackage (`datapackage.json` en per HSDS-tabel "
            "een CSV-bestand) als zip. Beide vormen neemt `socialmap/hsds/import/` weer aan. "
            "Alleen voor coördinatoren van de coalitie."
        ),
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=list(FORMATS),
                default="json",
                description="`json`: het HSDS-JSON-document; `zip`: het tabulaire "
                "datapackage (CSV) als zip.",
            ),
            COALITION_PARAMETER,
        ],
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Het HSDS-JSON-document, als bijlage (`Content-Disposition`).",
                examples=[
                    OpenApiExample("HSDS-document", value=EXPORT_EXAMPLE, response_only=True)
                ],
            ),
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="Zip met `datapackage.json` en per HSDS-tabel een CSV-bestand.",
            ),
            400: OpenApiResponse(
                ErrorSerializer, description="Onbekend formaat, of geef de coalitie op."
            ),
            403: FORBIDDEN,
            404: NO_COALITION,
        },
    )
    def get(self, request):
        file_format = request.query_params.get("format", "json") or "json"
        if file_format not in FORMATS:
            raise exceptions.ValidationError({"format": [_("Kies het formaat json of zip.")]})
        coalition = self.coalition()
        document = export_document(coalition=coalition)
        name = f"sociale-kaart-{slugify(coalition.name)}-{timezone.localdate():%Y-%m-%d}"
        if file_format == "json":
            content = dumps(document).encode("utf-8")
        else:
            content = _datapackage_zip(document)
        response = HttpResponse(content, content_type=FORMATS[file_format])
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        return response


def _datapackage_zip(document: dict) -> bytes:
    """The tabular datapackage of `document`, zipped in memory (the files side by side at the
    zip's root, as `export_hsds` makes them)."""
    buffer = io.BytesIO()
    with TemporaryDirectory() as temporary:
        directory = Path(temporary)
        tabular.write_datapackage(document_tables(document), directory)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(directory.iterdir()):
                archive.write(path, path.name)
    return buffer.getvalue()


# --- Import -------------------------------------------------------------------------------------

IMPORT_RESULT_EXAMPLE = {
    "dry_run": True,
    "coalition": 3,
    "file": "sociale-kaart.json",
    "summary": "organization: 0 nieuw, 1 bijgewerkt, 0 ongewijzigd; "
    "service: 1 nieuw, 0 bijgewerkt, 4 ongewijzigd",
    "created": {"service": 1},
    "updated": {"organization": 1},
    "unchanged": {"service": 4},
    "changes": [
        {
            "table": "service",
            "id": "c3f0a7d2-5b1e-4c8a-9e2f-1d2c3b4a5f60",
            "field": "",
            "previous_value": "",
            "new_value": "sociale-kaart.json",
        },
        {
            "table": "organization",
            "id": "2d4a6b8c-1e3f-4a5b-8c7d-9e0f1a2b3c4d",
            "field": "email",
            "previous_value": "info@welzijn.example",
            "new_value": "contact@welzijn.example",
        },
    ],
    "changes_truncated": False,
}
REJECTED_EXAMPLE = {
    "file": [
        "sociale-kaart.json (organizations[1]): organization 7d0c9a52-…: name: verplicht veld "
        "ontbreekt",
        "sociale-kaart.json (services[0]): service 7d0c9a52-…: organization_id: verwijst naar "
        "een onbekende organization",
    ]
}


@extend_schema(tags=[TAG])
class HsdsImportView(_TransferView):
    """Import an HSDS 3.0 file into the coalition's map, as `import_hsds` does."""

    permissions_by_method = {"POST": COORDINATOR_PERMISSIONS}
    parser_classes = [MultiPartParser]
    serializer_class = HsdsImportUploadSerializer

    @extend_schema(
        summary="Sociale kaart importeren (HSDS 3.0)",
        description=(
            "Leest een HSDS 3.0-bestand in de sociale kaart van je coalitie in: een "
            "JSON-document (`.json`) of het tabulaire datapackage als zip (`.zip`), dezelfde "
            "vormen als de export. Upload als multipart/form-data in het veld `file`, "
            f"hoogstens {MAX_UPLOAD_BYTES // (1024 * 1024)} MB (een zip uitgepakt hoogstens "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB in {MAX_ZIP_MEMBERS} bestanden). "
            "Elk record wordt gecontroleerd; is er één afgekeurd, dan wordt niets opgeslagen "
            "en noemt het antwoord (400) elk afgekeurd record met bestand, plaats, record-id, "
            "veld en reden. Records worden op hun id bijgewerkt (opnieuw importeren maakt "
            "geen dubbele records) en een import verwijdert niets. Elke wijziging komt in de "
            "wijzigingsgeschiedenis (HSDS metadata) en de import in het auditlog. Met "
            "`?dry_run=1` wordt alles gecontroleerd en niets opgeslagen: het antwoord zegt "
            "wat er zou veranderen. Alleen voor coördinatoren van de coalitie."
        ),
        parameters=[
            OpenApiParameter(
                "dry_run",
                OpenApiTypes.BOOL,
                description="Proefimport: controleren en melden wat er zou veranderen, "
                "zonder iets op te slaan.",
            ),
            COALITION_PARAMETER,
        ],
        request={"multipart/form-data": HsdsImportUploadSerializer},
        responses={
            200: OpenApiResponse(
                HsdsImportResultSerializer,
                description="Proefimport: gecontroleerd, niets opgeslagen.",
                examples=[
                    OpenApiExample("Proefimport", value=IMPORT_RESULT_EXAMPLE, response_only=True)
                ],
            ),
            201: OpenApiResponse(
                HsdsImportResultSerializer,
                description="Geïmporteerd.",
                examples=[
                    OpenApiExample(
                        "Import",
                        value={**IMPORT_RESULT_EXAMPLE, "dry_run": False},
                        response_only=True,
                    )
                ],
            ),
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Afgekeurd: per probleem een melding, niets opgeslagen.",
                examples=[
                    OpenApiExample("Afgekeurde records", value=REJECTED_EXAMPLE, response_only=True)
                ],
            ),
            403: FORBIDDEN,
            404: NO_COALITION,
            413: OpenApiResponse(ErrorSerializer, description="Het bestand is te groot."),
        },
    )
    def post(self, request):
        coalition = self.coalition()
        upload = self.get_serializer(data=request.data)
        upload.is_valid(raise_exception=True)
        uploaded = upload.validated_data["file"]
        dry_run = request.query_params.get("dry_run", "").lower() in ("1", "true", "ja", "yes")
        with TemporaryDirectory() as temporary:
            path = _store_upload(uploaded, Path(temporary))
            result = _run_import(path, coalition=coalition, actor=request.user, dry_run=dry_run)
        body = HsdsImportResultSerializer({**result, "coalition": coalition.pk, "file": path.name})
        return Response(body.data, status=200 if dry_run else 201)


class FileTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "file_too_large"


def _refuse(message: str):
    return exceptions.ValidationError({"file": [message]})


def _store_upload(uploaded, directory: Path) -> Path:
    """Check the upload's size and kind and write it under its own (cleaned) name, so that
    the importer's rejections name the caller's file."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise FileTooLarge(
            _("Het bestand is te groot: hoogstens %(limit)s MB.")
            % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    uploaded.seek(0)
    is_zip = zipfile.is_zipfile(uploaded)
    uploaded.seek(0)
    stem = Path(get_valid_filename(Path(uploaded.name or "").name) or "hsds").stem or "hsds"
    suffix = Path(uploaded.name or "").suffix.lower()
    if is_zip:
        _check_zip(uploaded)
        path = directory / f"{stem}.zip"
    elif suffix == ".json" or (uploaded.content_type or "").startswith("application/json"):
        path = directory / f"{stem}.json"
    elif suffix == ".zip":
        raise _refuse(_("Dit is geen geldig zip-bestand."))
    else:
        raise _refuse(
            _(
                "Onbekend bestandstype: stuur een HSDS-JSON-bestand (.json) of het tabulaire "
                "datapackage als zip (.zip)."
            )
        )
    with path.open("wb") as target:
        for chunk in uploaded.chunks():
            target.write(chunk)
    return path


def _check_zip(uploaded) -> None:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
    except zipfile.BadZipFile:
        raise _refuse(_("Dit is geen geldig zip-bestand.")) from None
    finally:
        uploaded.seek(0)
    if len(members) > MAX_ZIP_MEMBERS:
        raise _refuse(
            _("Het zip-bestand bevat te veel bestanden: hoogstens %(limit)s.")
            % {"limit": MAX_ZIP_MEMBERS}
        )
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise _refuse(
            _("Het zip-bestand is uitgepakt te groot: hoogstens %(limit)s MB.")
            % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    if any(info.flag_bits & 0x1 for info in members):
        raise _refuse(_("Het zip-bestand is versleuteld: stuur het zonder wachtwoord."))


def _run_import(path: Path, *, coalition: Coalition, actor, dry_run: bool) -> dict:
    """`import_hsds` with the caller as actor; a dry run rolls everything back (records,
    history, audit event) after reading what the import wrote into the history."""
    started = timezone.now()
    try:
        with transaction.atomic():
            result = import_hsds(path=path, coalition=coalition, actor=actor)
            changes, truncated = _changes_since(started, actor)
            if dry_run:
                transaction.set_rollback(True)
    except ImportRejected as rejected:
        raise _refuse_all([str(rejection) for rejection in rejected.rejections]) from None
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise _refuse(_("Het zip-bestand is beschadigd.")) from None
    except UnicodeDecodeError:
        raise _refuse(_("Het bestand is geen UTF-8-tekst.")) from None
    return {
        "dry_run": dry_run,
        "summary": result.summary(),
        "created": dict(result.created),
        "updated": dict(result.updated),
        "unchanged": dict(result.unchanged),
        "changes": changes,
        "changes_truncated": truncated,
    }


def _refuse_all(messages: list[str]):
    return exceptions.ValidationError({"file": messages})


def _changes_since(started, actor) -> tuple[list[dict], bool]:
    """The history rows this import wrote (one per new record, one per changed field)."""
    rows = list(
        Metadata.objects.filter(
            last_action_type="import",
            last_action_date__gte=started,
            updated_by=getattr(actor, "username", ""),
        ).order_by("resource_type", "resource_id", "field_name")[: MAX_LISTED_CHANGES + 1]
    )
    changes = [
        {
            "table": row.resource_type,
            "id": row.resource_id,
            "field": row.field_name,
            "previous_value": row.previous_value,
            "new_value": row.replacement_value,
        }
        for row in rows[:MAX_LISTED_CHANGES]
    ]
    return changes, len(rows) > MAX_LISTED_CHANGES
