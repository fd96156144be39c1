"""Pages for inzage (the client's right to see their data) and erasure on request."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kansrijk.core.reversing import reverse
from kansrijk.core.together import Reader
from kansrijk.families.pages import family_for_page
from kansrijk.organisations.models import Role
from kansrijk.organisations.permissions import role_required

from . import inzage, inzage_services

coordinator_required = role_required(Role.COORDINATOR)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": gettext_lazy("Vul een reden in.")},
    )


def inzage_file_section(request, family) -> Reader:
    """The link on the family file, for the case director only (a reader: the casusregie is
    asked with the other sections' reads, `kansrijk.core.together`)."""
    director = yield from inzage_services.is_case_director_reads(request.user, family, request)
    if not director:
        return None
    return {"url": reverse("interop:inzage", args=[family.pk])}


def inzage_page(request, pk: int):
    family = family_for_page(request, pk, detail=_("Inzage en wissen"))
    if not inzage_services.is_case_director(request.user, family):
        raise PermissionDenied
    return render(
        request,
        "interop/inzage/page.html",
        {
            "family": family,
            "pending": inzage_services.pending_erasure(family.pk),
            "form": ReasonForm(),
        },
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def inzage_json(request, pk: int):
    family = inzage_services.family_for_inzage(request, pk, detail=_("Inzage-export (JSON)"))
    data = inzage.family_inzage(family)
    return _download(
        inzage.inzage_json(data), "application/json", f"inzage-{family.reference}.json"
    )


def inzage_pdf(request, pk: int):
    family = inzage_services.family_for_inzage(request, pk, detail=_("Inzage-export (PDF)"))
    data = inzage.family_inzage(family)
    return _download(inzage.inzage_pdf(data), "application/pdf", f"inzage-{family.reference}.pdf")


@require_http_methods(["GET", "POST"])
def erasure_request(request, pk: int):
    family = family_for_page(request, pk, detail=_("Verzoek tot wissen"))
    if not inzage_services.is_case_director(request.user, family):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inzage_services.erasure_request(
                request=request, family_pk=family.pk, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het verzoek tot wissen staat klaar voor een coördinator."))
            return redirect("interop:inzage", pk=family.pk)
    return render(request, "interop/inzage/erasure_request.html", {"family": family, "form": form})


@coordinator_required
def erasure_list(request):
    return render(
        request,
        "interop/inzage/erasure_list.html",
        {"requests": inzage_services.pending_erasures(request.active.coalition)},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def erasure_confirm(request, pk: int):
    family = inzage_services._coalition_family(request, pk)
    asked = inzage_services.pending_erasure(family.pk)
    form = ReasonForm(request.POST or None)
    error = ""
    if request.method == "POST" and asked is not None:
        try:
            if request.POST.get("decision") == "reject":
                if form.is_valid():
                    inzage_services.erasure_reject(
                        request=request, family_pk=family.pk, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Het verzoek tot wissen is afgewezen."))
                    return redirect("interop:erasure_list")
            else:
                form = ReasonForm()
                inzage_services.erasure_confirm(request=request, family_pk=family.pk)
                messages.success(request, _("De persoonsgegevens van het gezin zijn gewist."))
                return redirect("interop:erasure_list")
        except ValidationError as problem:
            error = " ".join(problem.messages)
    if request.method == "GET":
        form = ReasonForm()
    return render(
        request,
        "interop/inzage/erasure_confirm.html",
        {"family": family, "asked": asked, "form": form, "error": error},
    )


def may_confirm_erasure(request) -> bool:
    active = getattr(request, "active", None)
    return bool(active and active.coalition and active.has_role(Role.COORDINATOR))
