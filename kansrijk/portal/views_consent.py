"""The family's choices about their data: consent per purpose, explained in plain words,
changed by the family member themselves (the change applies at once)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.families.models import ConsentPurpose

from .forms_choices import NO, YES, ConsentChoiceForm
from .rendering import log_own_access, render_portal
from .services_consent import consent_in_force, consent_record_by_family
from .session import family_member_required


@dataclass(frozen=True)
class PurposeText:
    """What a purpose means and what yes and no lead to, in plain (B1) Dutch."""

    title: Promise
    meaning: Promise
    if_yes: Promise
    if_no: Promise


PURPOSE_TEXTS = {
    ConsentPurpose.CARE_TEAM: PurposeText(
        title=gettext_lazy("Gegevens delen in jullie zorgteam"),
        meaning=gettext_lazy(
            "Jullie zorgverleners, zoals de verloskundige en de jeugdverpleegkundige, werken "
            "samen. Mogen zij jullie gegevens met elkaar delen?"
        ),
        if_yes=gettext_lazy(
            "Jullie zorgverleners delen wat nodig is voor jullie zorg. Alleen wie in jullie "
            "zorgteam zit, kan het zien. Je hoeft je verhaal niet steeds opnieuw te vertellen."
        ),
        if_no=gettext_lazy(
            "Jullie zorgverleners delen jullie gegevens niet met elkaar. Jullie krijgen "
            "gewoon zorg. Je moet misschien wel vaker zelf iets vertellen."
        ),
    ),
    ConsentPurpose.MDO_NAMED: PurposeText(
        title=gettext_lazy("Met naam besproken worden in een overleg"),
        meaning=gettext_lazy(
            "Soms praten meerdere zorgverleners samen over hoe ze jullie het beste kunnen "
            "helpen. Dat is een overleg met meerdere zorgverleners (MDO). Mogen zij daar "
            "jullie naam noemen?"
        ),
        if_yes=gettext_lazy(
            "In het overleg noemen de zorgverleners jullie naam. Zo kunnen ze samen goede "
            "afspraken maken over jullie hulp."
        ),
        if_no=gettext_lazy(
            "Jullie worden zonder naam besproken. De zorgverleners in het overleg weten dan "
            "niet over welk gezin het gaat."
        ),
    ),
    ConsentPurpose.MONITORING: PurposeText(
        title=gettext_lazy("Meetellen in de cijfers"),
        meaning=gettext_lazy(
            "De gemeente en de zorgverleners willen weten of hun hulp goed werkt. Daarom "
            "tellen ze hoeveel gezinnen welke hulp krijgen. Mag jullie gezin meetellen?"
        ),
        if_yes=gettext_lazy(
            "Jullie gezin telt mee in de cijfers. Jullie worden alleen geteld, nooit met "
            "naam genoemd."
        ),
        if_no=gettext_lazy(
            "Jullie gezin telt niet mee in de cijfers. Jullie zorg blijft hetzelfde."
        ),
    ),
}


def _recorded_by(consent, person) -> str:
    """Who recorded a decision, as the family member reads it."""
    if consent.recorded_by_person_id is not None:
        if consent.recorded_by_person_id == person.pk:
            return _("jijzelf")
        return consent.recorded_by_person.first_name
    professional = consent.recorded_by
    return professional.get_full_name() or professional.username


def _rows(account) -> list[dict]:
    in_force = consent_in_force(account.family)
    rows = []
    for purpose in ConsentPurpose:
        consent = in_force.get(purpose.value)
        rows.append(
            {
                "purpose": purpose.value,
                "text": PURPOSE_TEXTS[purpose],
                "consent": consent,
                "recorded_by": _recorded_by(consent, account.person) if consent else "",
            }
        )
    return rows


@family_member_required
def consent(request):
    log_own_access(request, _("Keuzes over toestemming bekeken"))
    return render_portal(
        request, "portal/choices/consent.html", {"rows": _rows(request.family_account)}
    )


@family_member_required
def consent_change(request, purpose: str):
    if purpose not in ConsentPurpose.values:
        raise Http404
    account = request.family_account
    row = next(row for row in _rows(account) if row["purpose"] == purpose)
    current = row["consent"]
    initial = {"choice": YES if current.given else NO} if current else None
    form = ConsentChoiceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            consent_record_by_family(
                person=account.person, purpose=purpose, given=form.given, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Je keuze is opgeslagen. Dit geldt vanaf nu: %(title)s: %(answer)s.")
                % {"title": row["text"].title, "answer": _("ja") if form.given else _("nee")},
            )
            return redirect("portal:consent")
    if request.method != "POST":
        log_own_access(
            request, _("Keuze over toestemming bekeken: %(title)s") % {"title": row["text"].title}
        )
    return render_portal(
        request,
        "portal/choices/consent_change.html",
        {"row": row, "form": form},
        status=400 if request.method == "POST" else 200,
    )
