"""Reads of the access log for the family's own access report ("wie keek er?") and for the
questions families ask about it.

The rows are the same as the professional access report's (`kansrijk.access.views_log`:
copied text on the event, no joins, bounded in time so that only the months the family
existed are read); here each row is also put in plain words for the family.
"""

from types import SimpleNamespace

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.access.models import SELF_GROUND, AccessEvent
from kansrijk.access.policy import ground_labels
from kansrijk.access.views_log import FAMILY_EVENTS_MARGIN, REPORT_COLUMNS, RETENTION, _report_rows
from kansrijk.organisations.models import Role

from .models import AccessQuestion

ACTION_WORDS = {
    AccessEvent.Action.CREATE: gettext_lazy("heeft iets nieuws in jullie dossier gezet"),
    AccessEvent.Action.READ: gettext_lazy("heeft in jullie dossier gekeken"),
    AccessEvent.Action.UPDATE: gettext_lazy("heeft iets in jullie dossier veranderd"),
    AccessEvent.Action.DELETE: gettext_lazy("heeft iets uit jullie dossier weggehaald"),
    AccessEvent.Action.EXPORT: gettext_lazy("heeft gegevens uit jullie dossier opgehaald"),
    AccessEvent.Action.PRINT: gettext_lazy("heeft iets uit jullie dossier geprint"),
    AccessEvent.Action.SEARCH: gettext_lazy("heeft jullie dossier gezocht"),
}
# Why someone could look, per ground of the access policy, in the family's words.
GROUND_WORDS = {
    "care_team": gettext_lazy("zit in jullie zorgteam"),
    "mdo_participant": gettext_lazy("bespreking in een overleg met meerdere zorgverleners (MDO)"),
    "mdo_decision": gettext_lazy("voert een afspraak uit het overleg met zorgverleners (MDO) uit"),
    "handover_receiver": gettext_lazy("neemt jullie zorg over van een andere zorgverlener"),
    "referral_receiver": gettext_lazy("jullie zijn naar deze zorgverlener verwezen"),
    SELF_GROUND: gettext_lazy("jullie eigen dossier"),
}
BREAK_THE_GLASS = "break_the_glass"
# The ground detail of a professional reading a family's question about an access.
QUESTION_GROUND_DETAIL = "Vraag van het gezin over een toegang"


def family_events_since(family):
    """The oldest moment the log can hold events of `family` (see `views_log`)."""
    return max(timezone.now() - RETENTION, family.created_at - FAMILY_EVENTS_MARGIN)


def family_access_events(family) -> QuerySet:
    """The family's access events, newest first, as the report's columns (plain values)."""
    return (
        AccessEvent.objects.filter(family=family, timestamp__gte=family_events_since(family))
        .order_by("-timestamp", "-id")
        .values(*REPORT_COLUMNS, "persons")
    )


def family_access_event(family, event_id: int) -> dict | None:
    """One event of `family` (None for an event of another family or none at all)."""
    return family_access_events(family).filter(pk=event_id).first()


def _why(row, ground_labels: dict) -> str:
    if not row["authorisation"]:
        return _("mocht niet kijken; er is niets getoond")
    if row["ground"] == BREAK_THE_GLASS:
        reason = row["ground_detail"].split(":", 1)[0].strip()
        return _("noodtoegang: %(reason)s") % {"reason": reason} if reason else _("noodtoegang")
    if row["ground"] in GROUND_WORDS:
        return str(GROUND_WORDS[row["ground"]])
    if row["ground"] in ground_labels:
        return ground_labels[row["ground"]]
    if row["ground"] == "" and row["ground_detail"] == QUESTION_GROUND_DETAIL:
        return _("beantwoordt jullie vraag over wie in jullie dossier keek")
    return _("geen reden vastgelegd")


def plain_rows(values, *, account) -> list[SimpleNamespace]:
    """The events as the family reads them: when, who (a family member's own access as
    "jijzelf" or their first name), organisation, discipline, what and why in words."""
    labels = ground_labels()
    rows = _report_rows(values)
    names = None
    for row in rows:
        raw = vars(row)
        row.what = str(ACTION_WORDS.get(row.action, row.get_action_display))
        row.why = _why(raw, labels)
        row.is_self = row.ground == SELF_GROUND
        if row.is_self:
            persons = row.persons or []
            if account.person_id in persons:
                row.who = _("jijzelf")
            else:
                if names is None:
                    names = dict(account.family.persons.values_list("pk", "first_name"))
                row.who = ", ".join(names.get(pk, "") for pk in persons) or _("een gezinslid")
        else:
            # "Name (username)": the family reads the name.
            row.who = row.user_display.rsplit(" (", 1)[0] if row.user_display else ""
        row.summary = summary(row)
    return rows


def summary(row) -> str:
    """What the family saw of an event, as one line of text (kept with their question)."""
    moment = date_format(timezone.localtime(row.timestamp), "j F Y H:i")
    who = row.who + (f" ({row.organisation})" if row.organisation else "")
    return f"{moment} · {who} · {row.what} · {row.why}"[:300]


def family_questions(family) -> list[AccessQuestion]:
    """The family's questions about accesses with their answers, newest first."""
    return list(AccessQuestion.objects.filter(family=family).order_by("-asked_at", "-id"))


# --- The professionals' side -----------------------------------------------------------------


def questions_visible_to(request) -> QuerySet[AccessQuestion] | None:
    """The questions the professional may read and answer in the coalition worked in now:
    all of it for a coordinator; those of the families they are case director of for a case
    director; None for anyone else (the pages answer 403)."""
    from kansrijk.care.models import CaseDirector

    active = getattr(request, "active", None)
    if active is None or active.coalition is None:
        return None
    questions = AccessQuestion.objects.filter(coalition=active.coalition)
    if active.has_role(Role.COORDINATOR):
        return questions
    directed = CaseDirector.objects.current().filter(
        professional=request.user, coalition=active.coalition
    )
    if not directed.exists():
        return None
    return questions.filter(family_id__in=directed.values("family_id"))


def open_first(questions: QuerySet[AccessQuestion]) -> QuerySet[AccessQuestion]:
    return questions.order_by(F("answered_at").asc(nulls_first=True), "-asked_at", "-id")


def questions_answerable_by(user) -> tuple[QuerySet[AccessQuestion] | None, set[int]]:
    """The questions `user` may read and answer in any coalition they work in now (the API
    has no "coalition worked in"), with those coalitions: all of a coalition they coordinate,
    and those of the families they are case director of in a coalition they work in. None
    for anyone who is neither (the API answers 403). Two queries."""
    from kansrijk.care.models import CaseDirector
    from kansrijk.organisations.models import Membership

    memberships = list(
        Membership.objects.current()
        .filter(professional=user)
        .values_list("coalition_id", "is_coordinator")
    )
    working = {coalition for coalition, _coordinator in memberships}
    coordinating = {coalition for coalition, coordinator in memberships if coordinator}
    directed = list(
        CaseDirector.objects.current()
        .filter(professional=user, coalition_id__in=working)
        .values_list("family_id", "coalition_id")
    )
    if not coordinating and not directed:
        return None, set()
    scope = Q(coalition_id__in=coordinating) | Q(family_id__in=[f for f, _c in directed])
    coalitions = coordinating | {coalition for _f, coalition in directed}
    return AccessQuestion.objects.filter(scope), coalitions


def question_event(question: AccessQuestion):
    """The access event a question is about, as the professional access report shows it
    (None when it is no longer in the log)."""
    event = (
        AccessEvent.objects.filter(
            family=question.family,
            pk=question.access_event_id,
            timestamp__gte=family_events_since(question.family),
        )
        .values(*REPORT_COLUMNS)
        .first()
    )
    return _report_rows([event])[0] if event else None
