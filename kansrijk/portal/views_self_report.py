"""The self-report questionnaire in the portal: the family member answers the questions
meant for them; a professional discusses the answers with them. The family never sees a
score, level or route."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.signaling.forms import initial_answers
from kansrijk.signaling.services import AssessmentConflict

from .forms_choices import SelfReportForm
from .rendering import log_own_access, render_portal
from .services_self_report import (
    open_self_report,
    self_report_instrument,
    self_report_items,
    self_report_submit,
)
from .session import family_member_required

SENT_MESSAGE = gettext_lazy(
    "Je antwoorden zijn verstuurd. Jullie zorgverlener bespreekt ze met jullie."
)


@family_member_required
def self_report(request):
    account = request.family_account
    instrument = self_report_instrument(account.coalition, account.person)
    if instrument is None:
        log_own_access(request, _("Vragenlijst bekeken"))
        return render_portal(request, "portal/choices/self_report.html", {"form": None})
    items = self_report_items(instrument, account.person)
    draft = open_self_report(account.family, instrument)
    asked = {item.key for item in items}
    initial = {"version": draft.version if draft else 0}
    if draft is not None:
        initial.update(initial_answers({k: v for k, v in draft.answers.items() if k in asked}))
    data = request.POST if request.method == "POST" else None
    form = SelfReportForm(data, initial=initial, instrument=instrument, items=items)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                self_report_submit(
                    account=account,
                    answers=form.answers(),
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except AssessmentConflict as conflict:
                status = 409
                # The answers typed stay in the form; the hidden version is the new one.
                form = SelfReportForm(
                    {**request.POST.dict(), "version": conflict.assessment.version},
                    instrument=instrument,
                    items=items,
                )
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "Je antwoorden zijn intussen ook ergens anders veranderd, bijvoorbeeld "
                        "in een ander venster. Kijk je antwoorden na en verstuur ze opnieuw."
                    ),
                )
            except ValidationError as error:
                form.add_answer_errors(
                    error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
                )
            else:
                messages.success(request, str(SENT_MESSAGE))
                return redirect("portal:self_report")
    else:
        log_own_access(request, _("Vragenlijst bekeken"))
    return render_portal(
        request,
        "portal/choices/self_report.html",
        {"form": form, "draft": draft},
        status=status,
    )
