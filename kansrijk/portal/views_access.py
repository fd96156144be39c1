"""The family's access report ("wie keek in ons dossier?") with a question per entry, and
the professionals' side: the questions and their answers.

Who may do what:
- A family member sees every access event of their own family and asks about one of them;
  an event of another family is "not found".
- The questions are read and answered by the coordinators of the coalition worked in (all
  of its questions) and by a family's case director (that family's questions); everyone else
  gets 403, a question of another coalition (or family) "not found". Reading them is logged.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE
from kansrijk.access.services import access_event_record
from kansrijk.access.views_log import (
    REPORT_COLUMNS,
    REPORT_PAGE_SIZE,
    _is_coordinator,
    _report_rows,
)

from .forms_choices import AccessQuestionForm, AnswerForm
from .rendering import log_own_access, render_portal
from .selectors_access import (
    QUESTION_GROUND_DETAIL,
    family_access_event,
    family_access_events,
    family_events_since,
    family_questions,
    open_first,
    plain_rows,
    questions_visible_to,
)
from .services_questions import access_question_answer, access_question_ask
from .session import family_member_required

QUESTIONS_PAGE_SIZE = 25


@family_member_required
def access_report(request):
    account = request.family_account
    # Logged first, so the family sees their own look at the report at the top.
    log_own_access(request, _("Overzicht wie in het dossier keek bekeken"))
    # A count and one page of plain values (see `selectors_access`), and the questions.
    page_obj = Paginator(family_access_events(account.family), REPORT_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    page_obj.object_list = plain_rows(page_obj.object_list, account=account)
    return render_portal(
        request,
        "portal/choices/access_report.html",
        {"page_obj": page_obj, "questions": family_questions(account.family)},
    )


@family_member_required
def question(request, event: int):
    account = request.family_account
    row = family_access_event(account.family, event)
    if row is None:
        raise Http404
    (row,) = plain_rows([row], account=account)
    form = AccessQuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            access_question_ask(
                account=account,
                access_event_id=row.id,
                access_summary=row.summary,
                message=form.cleaned_data["message"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Je vraag is verstuurd. Je krijgt een antwoord op deze pagina."),
            )
            return redirect("portal:access_report")
    if request.method != "POST":
        log_own_access(request, _("Vraag over een toegang geopend"))
    return render_portal(
        request,
        "portal/choices/access_question.html",
        {"row": row, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- Professionals ---------------------------------------------------------------------------


def _visible_questions(request):
    questions = questions_visible_to(request)
    if questions is None:
        raise PermissionDenied
    return questions


def _log_read(request, *, family=None, detail: str) -> None:
    access_event_record(
        user=request.user,
        action=AccessEvent.Action.READ if family is not None else AccessEvent.Action.SEARCH,
        family=family,
        coalition=request.active.coalition,
        authorisation=True,
        treatment_relationship=False,
        consent=False,
        emergency=False,
        ground_detail=QUESTION_GROUND_DETAIL if family is not None else "",
        detail=detail,
        request=request,
    )


def questions(request):
    """The questions of families about accesses: open ones first, then the answered ones."""
    # The family for its reference, per row; the rest is on the question itself.
    visible = open_first(_visible_questions(request)).select_related("family")
    page_obj = Paginator(visible, QUESTIONS_PAGE_SIZE).get_page(request.GET.get("pagina"))
    _log_read(request, detail=_("Vragen van gezinnen over toegang bekeken"))
    return render(request, "portal/questions/list.html", {"page_obj": page_obj})


def question_answer(request, pk: int):
    visible = _visible_questions(request)
    question = (
        visible.select_related("family", "account__person", "answered_by").filter(pk=pk).first()
    )
    if question is None:
        raise Http404(NOT_FOUND_MESSAGE)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and question.answered_at is None and form.is_valid():
        try:
            access_question_answer(
                actor=request.user,
                questions=visible,
                question_pk=question.pk,
                answer=form.cleaned_data["answer"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Je antwoord is opgeslagen. Het gezin ziet het in Mijn gezin.")
            )
            return redirect("portal:questions")
    _log_read(
        request, family=question.family, detail=_("Vraag van het gezin over een toegang gelezen")
    )
    # The event as in the professional access report (every column, the ground's label).
    event = (
        AccessEvent.objects.filter(
            family=question.family,
            pk=question.access_event_id,
            timestamp__gte=family_events_since(question.family),
        )
        .values(*REPORT_COLUMNS)
        .first()
    )
    return render(
        request,
        "portal/questions/answer.html",
        {
            "question": question,
            "event": _report_rows([event])[0] if event else None,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


def may_answer_questions(request) -> bool:
    """Whether the "Vragen van gezinnen" menu item is shown: coordinators."""
    return _is_coordinator(request)
