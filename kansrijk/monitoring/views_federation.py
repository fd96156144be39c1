"""Pages of the federation: the coalition publishes its figures, the region imports them.

Who may open what, in plain words:
- the publication page (the coalition's published documents, its publisher id and public key)
  and the downloads: coordinators and analysts of the active coalition; publishing a new
  version: coordinators;
- the region page (trusted publishers, imported documents with their status, the figures of
  one period side by side and summed) and importing a document: coordinators and analysts
  of a coalition in the region (the region of the active coalition);
- the national view (every region's accepted documents of one period, per region and
  summed): coordinators and analysts of any coalition;
- adding and removing trusted publishers: coordinators;
- professionals and administrators get 403; another coalition's document is "not found".
Nothing on these pages is personal data: documents hold suppressed aggregates only.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.families.pages import add_service_errors
from kansrijk.organisations.models import Role

from . import services_federation as services
from .federation import signing
from .federation.document import publisher_id
from .federation.overview import by_region, side_by_side
from .forms_federation import ImportForm, PublishForm, TrustedPublisherForm
from .models import ImportedDocument, ImportStatus, PublishedDocument, TrustedPublisher
from .periods import Period

RECENT_IMPORTS = 50

# --- Who may -------------------------------------------------------------------------------------


def _active(request):
    active = getattr(request, "active", None)
    return active if active is not None and active.coalition is not None else None


def may_read_federation(request) -> bool:
    """Coordinators and analysts of the active coalition (no query: `request.active`)."""
    active = _active(request)
    return bool(active and (active.has_role(Role.COORDINATOR) or active.has_role(Role.ANALYST)))


def may_coordinate(request) -> bool:
    active = _active(request)
    return bool(active and active.has_role(Role.COORDINATOR))


def _reader(request):
    if not may_read_federation(request):
        raise PermissionDenied
    return request.active.coalition


def _coordinator(request):
    if not may_coordinate(request):
        raise PermissionDenied
    return request.active.coalition


# --- The coalition publishes ---------------------------------------------------------------------


def _default_period() -> Period:
    """The last complete quarter: the usual period to publish."""
    return Period.quarter_of(timezone.localdate()).previous()


@require_http_methods(["GET", "POST"])
def federation_publish(request):
    """The coalition's published documents (one query) and, for coordinators, the form to
    publish a period's figures as a new version."""
    coalition = _reader(request)
    may_publish = may_coordinate(request)
    if request.method == "POST":
        coalition = _coordinator(request)
        form = PublishForm(request.POST)
        if form.is_valid():
            published = services.document_publish(
                actor=request.user,
                coalition=coalition,
                period=form.cleaned_data["period"],
                request=request,
            )
            messages.success(
                request,
                _("De cijfers van %(period)s zijn gepubliceerd als versie %(version)s.")
                % {"period": published.period, "version": published.version},
            )
            return redirect("monitoring:federation_publish")
    else:
        form = PublishForm(initial={"period": _default_period().code})
    documents = PublishedDocument.objects.filter(coalition=coalition).select_related(
        "published_by"
    )  # the publisher's name in each row
    return render(
        request,
        "monitoring/federation_publish.html",
        {
            "form": form,
            "may_publish": may_publish,
            "documents": documents.defer("document"),
            "publisher_id": publisher_id(coalition),
            "public_key": signing.public_key_text(),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def federation_download(request, pk: int):
    """A published document as the signed JSON file the region imports."""
    coalition = _reader(request)
    published = PublishedDocument.objects.filter(pk=pk, coalition=coalition).first()
    if published is None:
        raise Http404(_("Dit document bestaat niet (meer)."))
    content = json.dumps(services.published_file(published), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"kansrijk-{published.period}-v{published.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- The region ----------------------------------------------------------------------------------


def _region(request):
    return _reader(request).region


@require_GET
def federation_region(request):
    """The region: the figures of one period side by side and summed, the imported documents
    with their status, and the trusted publishers (five queries whatever the number of
    documents: the region, its periods, the period's documents, the recent imports, the
    publishers)."""
    region = _region(request)
    periods = services.region_periods(region)
    chosen = request.GET.get("periode", "")
    period = chosen if chosen in periods else (periods[0] if periods else "")
    documents = services.region_documents(region, period) if period else []
    imports = ImportedDocument.objects.filter(region=region).defer("document")[:RECENT_IMPORTS]
    return render(
        request,
        "monitoring/federation_region.html",
        {
            "region": region,
            "periods": periods,
            "period": period,
            "documents": documents,
            "tables": side_by_side(documents),
            "imports": imports,
            "publishers": TrustedPublisher.objects.filter(region=region),
            "may_manage": may_coordinate(request),
        },
    )


@require_GET
def federation_national(request):
    """The national view: the accepted documents of every region for one period, a column
    per region and the national total (two queries whatever the number of documents: the
    periods, the period's documents with their regions). Readable by coordinators and
    analysts of any coalition: the documents are published aggregates, suppressed already."""
    _reader(request)
    periods = services.national_periods()
    chosen = request.GET.get("periode", "")
    period = chosen if chosen in periods else (periods[0] if periods else "")
    regions = services.national_documents(period) if period else []
    columns, tables = by_region(regions)
    return render(
        request,
        "monitoring/federation_national.html",
        {"periods": periods, "period": period, "columns": columns, "tables": tables},
    )


@require_http_methods(["GET", "POST"])
def federation_import(request):
    """Import a document by upload or from an address; the outcome (accepted, or refused with
    the reason) is shown on the region page."""
    region = _region(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            if form.cleaned_data["file"]:
                upload = form.cleaned_data["file"]
                imported = services.document_import(
                    actor=request.user,
                    region=region,
                    content=upload.read(),
                    source=upload.name,
                    request=request,
                )
            else:
                imported = services.document_import_url(
                    actor=request.user, region=region, url=form.cleaned_data["url"], request=request
                )
            if imported.status == ImportStatus.ACCEPTED:
                messages.success(
                    request,
                    _("Het document van %(publisher)s over %(period)s is ingelezen.")
                    % {"publisher": imported.publisher, "period": imported.period},
                )
                return redirect(f"{_region_url()}?periode={imported.period}")
            messages.error(
                request, _("Het document is geweigerd: %(reason)s") % {"reason": imported.reason}
            )
            return redirect(f"{_region_url()}#ingelezen")
    else:
        form = ImportForm()
    return render(
        request,
        "monitoring/federation_import.html",
        {"form": form, "region": region},
        status=400 if form.errors else 200,
    )


def _region_url() -> str:
    return reverse("monitoring:federation_region")


@require_http_methods(["GET", "POST"])
def federation_publisher_add(request):
    _coordinator(request)
    region = _region(request)
    if request.method == "POST":
        form = TrustedPublisherForm(request.POST)
        if form.is_valid():
            try:
                trusted = services.trusted_publisher_add(
                    actor=request.user, region=region, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request,
                    _("%(publisher)s is toegevoegd aan de vertrouwde uitgevers.")
                    % {"publisher": trusted.publisher},
                )
                return redirect(f"{_region_url()}#uitgevers")
    else:
        form = TrustedPublisherForm()
    return render(
        request,
        "monitoring/federation_publisher_form.html",
        {"form": form, "region": region},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def federation_publisher_delete(request, pk: int):
    _coordinator(request)
    region = _region(request)
    trusted = TrustedPublisher.objects.filter(pk=pk, region=region).first()
    if trusted is None:
        raise Http404(_("Deze uitgever staat niet (meer) in de lijst."))
    if request.method == "POST":
        services.trusted_publisher_remove(
            actor=request.user, region=region, pk=trusted.pk, request=request
        )
        messages.success(
            request,
            _("%(publisher)s is verwijderd uit de vertrouwde uitgevers.")
            % {"publisher": trusted.publisher},
        )
        return redirect(f"{_region_url()}#uitgevers")
    return render(
        request,
        "monitoring/federation_publisher_delete.html",
        {"trusted": trusted, "region": region},
    )
