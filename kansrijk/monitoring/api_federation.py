"""The federation through the API, with the pages' rules (`views_federation`):

- a coalition's publications: coordinators and analysts of the coalition read the list and
  download a document (the signed file the region imports); publishing a period's figures
  as a new version: coordinators (`services.document_publish`);
- the region (of the coalition the call is for): its figures of one period side by side and
  summed, its imports and its trusted publishers, for coordinators and analysts of a
  coalition in the region; importing a document: coordinators and analysts; adding and
  removing trusted publishers: coordinators;
- the national view: coordinators and analysts of any coalition;
- everyone else (professionals, administrators) 403, without a session or token 401. The
  API has no session's active coalition: a call is for the caller's one coalition where they
  coordinate or analyse, or the one named in `?coalition=`; another coalition, its document
  or a publisher of another region is "not found" (404);
- input is checked by the pages' forms (`PublishForm`, `TrustedPublisherForm`) and the
  services (the role checked again, one transaction, the audit trail). An import is the
  signed file as JSON (`document`, `signature`): a body that is no such file is refused with
  a Dutch message and nothing is stored; a file that fails the importer's checks (an
  untrusted publisher, a wrong signature, a small number) is stored as refused with the
  reason, as on the page, and answered 422 with that reason;
- the figures keep the pages' suppression: a document holds "<10" and "x" already, and a
  total never reveals them ("≥ X", "<10" or suppressed; federation/overview.py).

Nothing here is personal data: no access event is written; the writes are audited.
"""

import json

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kansrijk.core.api_errors import VALIDATION, problem_response
from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.api_coalition_config import form_errors
from kansrijk.families.selectors import WindowCountPaginator
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.api_scope import chosen_coalition
from kansrijk.organisations.models import Coalition

from . import selectors_federation as selectors
from . import services_federation as services
from .api import FORBIDDEN, TAG, ReadsFigures
from .federation import signing
from .federation.document import publisher_id
from .federation.importer import MAX_BYTES
from .federation.overview import Table, Total, by_region, side_by_side
from .forms_federation import ImportForm, PublishForm, TrustedPublisherForm
from .models import ImportedDocument, ImportStatus, PublishedDocument, TrustedPublisher

READERS = (permissions.IsAuthenticated, ReadsFigures)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Niet gevonden, of niet van jou.")
INVALID = OpenApiResponse(
    ErrorSerializer, description="Ongeldige invoer, met Nederlandse meldingen per veld."
)
COALITION = OpenApiParameter(
    "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
)
PERIOD = OpenApiParameter(
    "period", OpenApiTypes.STR, description="De periode (standaard de laatste met cijfers)."
)
ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id.")
COORDINATORS_ONLY = gettext_lazy("Alleen coördinatoren van de coalitie doen dit.")
READERS_ONLY = gettext_lazy("Alleen coördinatoren en analisten van de regio lezen documenten in.")


class FederationPagination(PageNumberPagination):
    django_paginator_class = WindowCountPaginator


class _Federation(PermissionsByMethodMixin, generics.GenericAPIView):
    """The caller's coordinated or analysed coalitions (set by `ReadsFigures`) and the one
    a call is for."""

    permissions_by_method = {"GET": READERS}
    figure_coalitions: set[int] = set()

    def coalition(self) -> Coalition:
        coalition_id = chosen_coalition(self.request, self.figure_coalitions)
        return Coalition.objects.select_related("region").get(pk=coalition_id)


def _refused(message) -> Response:
    return problem_response(status=403, detail=str(message))


def _name(user) -> str:
    return user.get_full_name() or user.get_username() if user else ""


# --- Publications ------------------------------------------------------------------------------


class PublicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    coalition = serializers.IntegerField()
    period = serializers.CharField()
    version = serializers.IntegerField()
    published_by = serializers.CharField(help_text="Wie publiceerde.")
    published_at = serializers.DateTimeField()
    document_url = serializers.CharField(help_text="Het ondertekende bestand (API).")


class PublishSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="2026-Q3, 2026-09 of 2026.")


class PublishedFileSerializer(serializers.Serializer):
    document = serializers.JSONField(help_text="De onderdrukte cijfers van de periode.")
    signature = serializers.CharField(help_text="Ed25519-handtekening (base64).")
    public_key = serializers.CharField(help_text="Publieke sleutel van deze installatie.")
    algorithm = serializers.CharField()


def _publication(published: PublishedDocument) -> dict:
    return {
        "id": published.pk,
        "coalition": published.coalition_id,
        "period": published.period,
        "version": published.version,
        "published_by": _name(published.published_by),
        "published_at": published.published_at,
        "document_url": reverse("api:monitoring_publication_document", args=[published.pk]),
    }


@extend_schema(tags=[TAG])
class PublicationListView(_Federation):
    """The coalition's published documents; publishing a new version."""

    permissions_by_method = {"GET": READERS, "POST": READERS}
    serializer_class = PublicationSerializer
    pagination_class = FederationPagination

    @extend_schema(
        summary="Publicaties van de coalitie",
        description=(
            "De gepubliceerde documenten van je coalitie, nieuwste periode en versie eerst. "
            "De publicatie zelf (`document_url`) is het ondertekende bestand dat de regio inleest."
        ),
        parameters=[COALITION],
        responses={
            200: PublicationSerializer(many=True),
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request):
        coalition = self.coalition()
        page = self.paginate_queryset(selectors.published_documents(coalition.pk))
        return self.get_paginated_response([_publication(row) for row in page])

    @extend_schema(
        summary="Cijfers publiceren",
        description=(
            "Berekent, onderdrukt en ondertekent de cijfers van een periode als nieuwe versie "
            "(coördinatoren). Een `Idempotency-Key` voorkomt een tweede versie bij opnieuw "
            "versturen."
        ),
        parameters=[COALITION],
        request=PublishSerializer,
        examples=[OpenApiExample("Kwartaal", value={"period": "2026-Q3"}, request_only=True)],
        responses={201: PublicationSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request):
        coalition = self.coalition()
        if not services.may_publish(request.user, coalition.pk):
            return _refused(COORDINATORS_ONLY)
        sent = request.data if isinstance(request.data, dict) else {}
        form = PublishForm({"period": sent.get("period", "")})
        if not form.is_valid():
            raise form_errors(form)
        try:
            published = services.document_publish(
                actor=request.user,
                coalition=coalition,
                period=form.cleaned_data["period"],
                request=request,
            )
        except DjangoPermissionDenied:
            return _refused(COORDINATORS_ONLY)
        return Response(_publication(published), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class PublicationDocumentView(_Federation):
    """A published document as the signed file the region imports."""

    serializer_class = PublishedFileSerializer

    @extend_schema(
        summary="Gepubliceerd document",
        description=(
            "Het document met de handtekening en de publieke sleutel, zoals de regio het "
            "inleest (`POST monitoring/federation/imports/`)."
        ),
        parameters=[ID],
        responses={200: PublishedFileSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        published = selectors.published_document(self.figure_coalitions, pk)
        if published is None:
            raise exceptions.NotFound(_("Dit document bestaat niet (meer)."))
        return Response(services.published_file(published))


# --- Imports -----------------------------------------------------------------------------------


class ImportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    publisher = serializers.CharField(allow_blank=True)
    period = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField(allow_null=True)
    source = serializers.CharField(allow_blank=True)
    status = NamedChoiceField(ImportStatus.choices, enum_name="FederationImportStatusEnum")
    reason = serializers.CharField(allow_blank=True, help_text="Waarom geweigerd.")
    imported_at = serializers.DateTimeField()


class ImportFileSerializer(serializers.Serializer):
    document = serializers.JSONField(
        required=False, help_text="Het document uit het gepubliceerde bestand."
    )
    signature = serializers.CharField(required=False, help_text="De handtekening uit het bestand.")
    url = serializers.URLField(
        required=False,
        help_text="Of: een adres (https://…) waar het bestand staat, in plaats van het bestand.",
    )
    algorithm = serializers.CharField(required=False)
    public_key = serializers.CharField(
        required=False, help_text="Wordt genegeerd: de regio vertrouwt haar eigen lijst."
    )


def _import_row(imported: ImportedDocument) -> dict:
    return {
        "id": imported.pk,
        "publisher": imported.publisher,
        "period": imported.period,
        "version": imported.version,
        "source": imported.source,
        "status": imported.status,
        "reason": imported.reason,
        "imported_at": imported.imported_at,
    }


def _address(sent) -> str | None:
    """The address to fetch the file from (`url`), checked by the import page's form; None
    when the body is the file itself. Both at once is refused, as on the page."""
    if not isinstance(sent, dict) or "url" not in sent:
        return None
    if "document" in sent or "signature" in sent:
        raise serializers.ValidationError(
            {"non_field_errors": [_("Kies een bestand óf een adres, niet allebei.")]}
        )
    form = ImportForm({"url": sent["url"] if isinstance(sent["url"], str) else ""})
    if not form.is_valid():
        raise form_errors(form)
    return form.cleaned_data["url"]


def _file_bytes(sent) -> bytes:
    """The signed file sent as JSON, as the upload page would read it; a 400 with a Dutch
    message (and nothing stored) when it is not such a file."""
    if not isinstance(sent, dict) or not sent:
        raise serializers.ValidationError(
            {"document": [_("Stuur het ondertekende bestand als JSON-object.")]}
        )
    if not isinstance(sent.get("document"), dict):
        raise serializers.ValidationError(
            {"document": [_("Het bestand bevat geen document met cijfers.")]}
        )
    if not isinstance(sent.get("signature"), str) or not sent["signature"].strip():
        raise serializers.ValidationError(
            {"signature": [_("Het document is niet ondertekend: de handtekening ontbreekt.")]}
        )
    content = json.dumps(sent, ensure_ascii=False).encode("utf-8")
    if len(content) > MAX_BYTES:
        raise serializers.ValidationError({"document": [_("Het bestand is groter dan 1 MB.")]})
    return content


SAMPLE_FILE = {
    "document": {
        "schema_version": 1,
        "publisher": {"id": "kansrijk.example.nl/coalities/3", "name": "Kansrijke Start X"},
        "period": "2026-Q3",
        "version": 1,
        "indicators": [],
    },
    "signature": "…",
    "algorithm": "Ed25519",
}


@extend_schema(tags=[TAG])
class ImportListView(_Federation):
    """The region's imports; importing a published document."""

    permissions_by_method = {"GET": READERS, "POST": READERS}
    serializer_class = ImportSerializer
    pagination_class = FederationPagination

    @extend_schema(
        summary="Ingelezen documenten van de regio",
        description="De ingelezen documenten van de regio van je coalitie, met hun status.",
        parameters=[COALITION],
        responses={200: ImportSerializer(many=True), 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request):
        coalition = self.coalition()
        page = self.paginate_queryset(selectors.region_imports(coalition.region_id))
        return self.get_paginated_response([_import_row(row) for row in page])

    @extend_schema(
        summary="Document inlezen",
        description=(
            "Leest een gepubliceerd bestand (zoals `GET monitoring/federation/publications/{id}/"
            "document/` het geeft) in de regio van je coalitie in, of haalt het op van een "
            "adres (`url`, http of https, hooguit 1 MB). Een verzoek dat geen "
            "ondertekend bestand is, krijgt 400 en er wordt niets opgeslagen. Een bestand dat "
            "een controle niet doorstaat (onbekende uitgever, handtekening klopt niet, een "
            "klein aantal) wordt als geweigerd bewaard, zoals op de pagina, en krijgt 422 met "
            "de reden."
        ),
        parameters=[COALITION],
        request=ImportFileSerializer,
        examples=[
            OpenApiExample("Bestand", value=SAMPLE_FILE, request_only=True),
            OpenApiExample(
                "Adres",
                value={"url": "https://kansrijk.example.nl/cijfers/2026-Q3.json"},
                request_only=True,
            ),
        ],
        responses={
            201: ImportSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            422: OpenApiResponse(ErrorSerializer, description="Het document is geweigerd."),
        },
    )
    def post(self, request):
        coalition = self.coalition()
        if not services.may_import(request.user, coalition.region_id):
            return _refused(READERS_ONLY)
        url = _address(request.data)
        try:
            if url is None:
                imported = services.document_import(
                    actor=request.user,
                    region=coalition.region,
                    content=_file_bytes(request.data),
                    source="API",
                    request=request,
                )
            else:
                imported = services.document_import_url(
                    actor=request.user, region=coalition.region, url=url, request=request
                )
        except DjangoPermissionDenied:
            return _refused(READERS_ONLY)
        row = _import_row(imported)
        if imported.status != ImportStatus.ACCEPTED:
            detail = _("Het document is geweigerd: %(reason)s") % {"reason": imported.reason}
            return problem_response(status=422, detail=detail, kind=VALIDATION, **{"import": row})
        return Response(row, status=status.HTTP_201_CREATED)


# --- Trusted publishers ------------------------------------------------------------------------


class PublisherSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    publisher = serializers.CharField(help_text="Uitgever-id, zoals op zijn publicatiepagina.")
    public_key = serializers.CharField(help_text="Publieke Ed25519-sleutel (base64).")
    added_at = serializers.DateTimeField()


class PublisherWriteSerializer(serializers.Serializer):
    publisher = serializers.CharField(max_length=200)
    public_key = serializers.CharField(max_length=200)


class PublisherListSerializer(serializers.Serializer):
    region = serializers.DictField(help_text="Id en naam van de regio.")
    own_publisher = serializers.CharField(help_text="De uitgever-id van je eigen coalitie.")
    own_public_key = serializers.CharField(help_text="De publieke sleutel van deze installatie.")
    results = PublisherSerializer(many=True)


def _publisher(trusted: TrustedPublisher) -> dict:
    return {
        "id": trusted.pk,
        "publisher": trusted.publisher,
        "public_key": trusted.public_key,
        "added_at": trusted.added_at,
    }


@extend_schema(tags=[TAG])
class PublisherListView(_Federation):
    """The region's trusted publishers (a handful: not paginated); adding one."""

    permissions_by_method = {"GET": READERS, "POST": READERS}
    serializer_class = PublisherListSerializer

    @extend_schema(
        summary="Vertrouwde uitgevers van de regio",
        description=(
            "De uitgevers waarvan de regio documenten inleest, met hun publieke sleutel; en de "
            "uitgever-id en sleutel van je eigen coalitie, om aan een regio te geven."
        ),
        parameters=[COALITION],
        responses={200: PublisherListSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request):
        coalition = self.coalition()
        rows = [_publisher(row) for row in selectors.trusted_publishers(coalition.region_id)]
        region = coalition.region
        return Response(
            {
                "region": {"id": region.pk, "name": region.name},
                "own_publisher": publisher_id(coalition),
                "own_public_key": signing.public_key_text(),
                "results": rows,
            }
        )

    @extend_schema(
        summary="Vertrouwde uitgever toevoegen",
        description="Een uitgever met zijn publieke sleutel (coördinatoren).",
        parameters=[COALITION],
        request=PublisherWriteSerializer,
        examples=[
            OpenApiExample(
                "Uitgever",
                value={
                    "publisher": "kansrijk.example.nl/coalities/3",
                    "public_key": "MCowBQYDK2VwAyEA…",
                },
                request_only=True,
            )
        ],
        responses={201: PublisherSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request):
        coalition = self.coalition()
        if not services.may_manage_region(request.user, coalition.region_id):
            return _refused(COORDINATORS_ONLY)
        sent = request.data if isinstance(request.data, dict) else {}
        form = TrustedPublisherForm(
            {"publisher": sent.get("publisher", ""), "public_key": sent.get("public_key", "")}
        )
        if not form.is_valid():
            raise form_errors(form)
        try:
            trusted = services.trusted_publisher_add(
                actor=request.user, region=coalition.region, request=request, **form.cleaned_data
            )
        except DjangoPermissionDenied:
            return _refused(COORDINATORS_ONLY)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_publisher(trusted), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class PublisherDetailView(_Federation):
    """Removing a trusted publisher (coordinators)."""

    permissions_by_method = {"DELETE": READERS}

    @extend_schema(
        summary="Vertrouwde uitgever verwijderen",
        description="Documenten van deze uitgever worden daarna geweigerd (coördinatoren).",
        parameters=[ID],
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        if not selectors.coordinates_anywhere(request.user):
            return _refused(COORDINATORS_ONLY)
        regions = selectors.regions_of(self.figure_coalitions)
        trusted = selectors.trusted_publisher(regions, pk)
        if trusted is None:
            raise exceptions.NotFound(_("Deze uitgever staat niet (meer) in de lijst."))
        try:
            services.trusted_publisher_remove(
                actor=request.user, region=trusted.region, pk=trusted.pk, request=request
            )
        except DjangoPermissionDenied:
            return _refused(COORDINATORS_ONLY)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- The region's and the national figures -----------------------------------------------------


class TotalSerializer(serializers.Serializer):
    kind = NamedChoiceField(
        ["exact", "at_least", "small", "suppressed", "none"],
        enum_name="FederationTotalKindEnum",
        help_text=(
            "exact: de som; at_least: minstens `number` (een deel is verborgen); small: één "
            'deel en dat is "<10"; suppressed: onbekend; none: niet op te tellen.'
        ),
    )
    number = serializers.IntegerField(allow_null=True)


class FigureRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    texts = serializers.ListField(
        child=serializers.CharField(), help_text="Per kolom, zoals de pagina het toont."
    )
    total = serializers.CharField(help_text="Het totaal zoals de pagina het toont.")
    numerator = TotalSerializer()
    denominator = TotalSerializer(allow_null=True)


class FigureTableSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    versions = serializers.ListField(child=serializers.IntegerField())
    summed = serializers.BooleanField(help_text="De kolommen mogen worden opgeteld.")
    rows = FigureRowSerializer(many=True)


class RegionFiguresSerializer(serializers.Serializer):
    region = serializers.DictField(help_text="Id en naam van de regio.")
    periods = serializers.ListField(child=serializers.CharField())
    period = serializers.CharField(allow_blank=True)
    columns = serializers.ListField(child=serializers.DictField(), help_text="De uitgevers.")
    tables = FigureTableSerializer(many=True)


class NationalFiguresSerializer(serializers.Serializer):
    periods = serializers.ListField(child=serializers.CharField())
    period = serializers.CharField(allow_blank=True)
    columns = serializers.ListField(
        child=serializers.DictField(), help_text="De regio's, met hun aantal uitgevers."
    )
    tables = FigureTableSerializer(many=True)


def _total(total: Total | None) -> dict | None:
    if total is None:
        return None
    return {"kind": total.kind, "number": total.number}


def tables_body(tables: list[Table]) -> list[dict]:
    return [
        {
            "code": table.code,
            "title": str(table.title),
            "kind": table.kind,
            "unit": str(table.unit),
            "versions": table.versions,
            "summed": table.summed,
            "rows": [
                {
                    "key": row.key,
                    "label": str(row.label),
                    "texts": [str(text) for text in row.texts],
                    "total": str(row.total),
                    "numerator": _total(row.numerator),
                    "denominator": _total(row.denominator),
                }
                for row in table.rows
            ],
        }
        for table in tables
    ]


def _period(request, periods: list[str]) -> str:
    asked = request.query_params.get("period", "").strip()
    if not asked:
        return periods[0] if periods else ""
    if asked not in periods:
        raise serializers.ValidationError(
            {"period": [_("Over deze periode zijn geen cijfers ingelezen.")]}
        )
    return asked


@extend_schema(tags=[TAG])
class RegionFiguresView(_Federation):
    """The region's accepted documents of one period, side by side and summed."""

    serializer_class = RegionFiguresSerializer

    @extend_schema(
        summary="Cijfers van de regio",
        description=(
            "De ingelezen cijfers van de coalities in de regio van je coalitie over één periode, "
            "per uitgever en opgeteld. Een totaal verraadt nooit een klein aantal: met een "
            'verborgen deel is het "minstens" (`at_least`), anders "<10" of onderdrukt.'
        ),
        parameters=[PERIOD, COALITION],
        responses={
            200: RegionFiguresSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request):
        coalition = self.coalition()
        region = coalition.region
        periods = services.region_periods(region)
        period = _period(request, periods)
        documents = services.region_documents(region, period) if period else []
        columns = [
            {"id": document["publisher"]["id"], "name": document["publisher"]["name"]}
            for document in documents
        ]
        body = {
            "region": {"id": region.pk, "name": region.name},
            "periods": periods,
            "period": period,
            "columns": columns,
            "tables": tables_body(side_by_side(documents)),
        }
        return Response(body)


@extend_schema(tags=[TAG])
class NationalFiguresView(_Federation):
    """Every region's accepted documents of one period, per region and summed."""

    serializer_class = NationalFiguresSerializer

    @extend_schema(
        summary="Landelijke cijfers",
        description=(
            "De ingelezen cijfers van elke regio over één periode: per regio het totaal en het "
            "landelijke totaal, met dezelfde regels voor kleine aantallen als de regio."
        ),
        parameters=[PERIOD],
        responses={200: NationalFiguresSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def get(self, request):
        periods = services.national_periods()
        period = _period(request, periods)
        regions = services.national_documents(period) if period else []
        columns, tables = by_region(regions)
        body = {
            "periods": periods,
            "period": period,
            "columns": [{"name": c.name, "publishers": c.publishers} for c in columns],
            "tables": tables_body(tables),
        }
        return Response(body)


FEDERATION = "monitoring/federation/"
urlpatterns: list = [
    path(
        FEDERATION + "publications/",
        PublicationListView.as_view(),
        name="monitoring_publication_list",
    ),
    path(
        FEDERATION + "publications/<int:pk>/document/",
        PublicationDocumentView.as_view(),
        name="monitoring_publication_document",
    ),
    path(FEDERATION + "imports/", ImportListView.as_view(), name="monitoring_import_list"),
    path(FEDERATION + "publishers/", PublisherListView.as_view(), name="monitoring_publisher_list"),
    path(
        FEDERATION + "publishers/<int:pk>/",
        PublisherDetailView.as_view(),
        name="monitoring_publisher_detail",
    ),
    path(FEDERATION + "region/", RegionFiguresView.as_view(), name="monitoring_region"),
    path(FEDERATION + "national/", NationalFiguresView.as_view(), name="monitoring_national"),
]
