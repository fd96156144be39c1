"""The case director's page to invite the family's adults to "Mijn gezin" and to end their
access.

Who may, in plain words: only the family's case director (`kansrijk.care.selectors.
is_case_director`). Someone else with a ground on the family (the care team, break-the-glass)
gets 403 and the refusal is logged; someone without a ground gets 404, as the access policy
answers everywhere (the policy logs that refusal). A page logs the read; a form post leaves
the logging of the change to the service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user
from kansrijk.access.services import access_event_record
from kansrijk.care.selectors import is_case_director
from kansrijk.families.models import Family
from kansrijk.families.pages import active_coalition, add_service_errors, family_for_page
from kansrijk.families.selectors import visible_family

from . import services_invite as services
from .forms_invite import InviteForm, RevokeForm
from .models import FamilyAccount
from .selectors_invite import family_member_access

SECTION = "portal"


def director_family(request, pk: int, *, detail: str) -> Family:
    """The family for its case director: on GET with the read logged, on POST unlogged (the
    service logs the change). 404 without a ground, 403 with one but not as case director."""
    coalition = active_coalition(request)
    action = AccessEvent.Action.UPDATE if request.method == "POST" else AccessEvent.Action.READ
    family = visible_family(request.user, pk, coalition=coalition)
    if family is None:
        # Logs the refused attempt and raises Http404.
        get_family_for_user(request.user, pk, action, request=request, coalition=coalition)
    if not is_case_director(request.user, family):
        access_event_record(
            user=request.user,
            action=action,
            family=family,
            authorisation=False,
            treatment_relationship=False,
            consent=False,
            emergency=False,
            detail=_("Geweigerd: alleen de casusregisseur beheert Mijn gezin"),
            request=request,
        )
        raise PermissionDenied(_("Alleen de casusregisseur kan gezinsleden uitnodigen."))
    if request.method == "POST":
        return family
    return family_for_page(request, pk, detail=detail)


def _render(request, template: str, family, *, status: int = 200, **context):
    return render(
        request, template, {"family": family, "section": SECTION, **context}, status=status
    )


@require_http_methods(["GET", "POST"])
def invitations(request, pk: int):
    """The family's client and partner, each with the state of their access and a button."""
    family = director_family(request, pk, detail=_("Uitnodigingen voor Mijn gezin ingezien"))
    members = family_member_access(family)
    form = InviteForm(request.POST if request.method == "POST" else None, members=members)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                account = services.family_account_invite(
                    actor=request.user,
                    family_pk=family.pk,
                    person_pk=form.cleaned_data["person"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request,
                    _("%(name)s is uitgenodigd. De e-mail met de link gaat naar %(email)s.")
                    % {"name": account.person.first_name, "email": account.email},
                )
                return redirect("portal:invitations", pk=family.pk)
        status = 400
        family = family_for_page(request, pk, detail=_("Uitnodigingen voor Mijn gezin ingezien"))
        members = family_member_access(family)
    return _render(
        request,
        "portal/invite/invitations.html",
        family,
        status=status,
        members=members,
        form=form,
        chosen=_posted_person(request, members),
    )


def _posted_person(request, members) -> int | None:
    """The adult whose button was pressed, to show an error beside them (None: at the top)."""
    posted = request.POST.get("person", "")
    return next((m.person.pk for m in members if str(m.person.pk) == posted), None)


@require_http_methods(["GET", "POST"])
def revoke(request, pk: int, account: int):
    """Confirm, then end a family member's access at once."""
    family = director_family(request, pk, detail=_("Intrekken van Mijn gezin ingezien"))
    found = FamilyAccount.objects.filter(pk=account, family=family).select_related("person").first()
    if found is None:
        raise Http404(NOT_FOUND_MESSAGE)
    if found.revoked_at is not None:
        messages.info(
            request,
            _("De toegang van %(name)s is al ingetrokken.") % {"name": found.person.first_name},
        )
        return redirect("portal:invitations", pk=family.pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_account_revoke(
                actor=request.user, family_pk=family.pk, account_pk=found.pk, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s kan niet meer inloggen bij Mijn gezin.")
                % {"name": found.person.first_name},
            )
        return redirect("portal:invitations", pk=family.pk)
    return _render(request, "portal/invite/revoke.html", family, account=found, form=form)
