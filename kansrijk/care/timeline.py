"""The care app's kinds of timeline events (registered from `CareConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

TASK_CREATED = "task_created"
TASK_COMPLETED = "task_completed"

KINDS = {
    TASK_CREATED: _("Taak aangemaakt"),
    TASK_COMPLETED: _("Taak afgerond"),
}


def register_kinds() -> None:
    from kansrijk.families.models.timeline import register_timeline_kind

    for code, label in KINDS.items():
        register_timeline_kind(code, label)


# --- One family, one plan (issue 7) ---------------------------------------------------------
# Events about the safety plan never carry its text: the timeline is read by the whole care
# team, the safety plan only by the case director and those granted it.

PLAN_CHANGED = "plan_changed"
PLAN_DISCUSSED = "plan_discussed"
CONCERN_ADDED = "plan_concern_added"
CONCERN_MOVED = "plan_concern_moved"
CONCERN_RESOLVED = "plan_concern_resolved"
GOAL_ADDED = "plan_goal_added"
GOAL_CHANGED = "plan_goal_changed"
GOAL_CLOSED = "plan_goal_closed"
HEALTH_SCORE_RECORDED = "health_score_recorded"
SAFETY_PLAN_CHANGED = "safety_plan_changed"
SAFETY_PLAN_GRANTED = "safety_plan_granted"
SAFETY_PLAN_GRANT_REVOKED = "safety_plan_grant_revoked"

KINDS.update(
    {
        PLAN_CHANGED: _("Gezinsplan gewijzigd"),
        PLAN_DISCUSSED: _("Gezinsplan besproken met het gezin"),
        CONCERN_ADDED: _("Zorgpunt toegevoegd"),
        CONCERN_MOVED: _("Volgorde van de zorgpunten gewijzigd"),
        CONCERN_RESOLVED: _("Zorgpunt opgelost"),
        GOAL_ADDED: _("Doel toegevoegd"),
        GOAL_CHANGED: _("Doel gewijzigd"),
        GOAL_CLOSED: _("Doel afgesloten"),
        HEALTH_SCORE_RECORDED: _("Positieve Gezondheid gescoord"),
        SAFETY_PLAN_CHANGED: _("Veiligheidsplan gewijzigd"),
        SAFETY_PLAN_GRANTED: _("Toegang tot het veiligheidsplan gegeven"),
        SAFETY_PLAN_GRANT_REVOKED: _("Toegang tot het veiligheidsplan ingetrokken"),
    }
)


# --- Casusregie and warm handovers (issue 7) ------------------------------------------------
# A handover's summary is never copied to the timeline: it stays on the handover, where the
# receiver's reads are logged.

CASE_DIRECTOR_SET = "case_director_set"
CASE_DIRECTOR_CHANGED = "case_director_changed"
HANDOVER_PROPOSED = "handover_proposed"
HANDOVER_ACCEPTED = "handover_accepted"
HANDOVER_DECLINED = "handover_declined"
HANDOVER_COMPLETED = "handover_completed"
HANDOVER_CANCELLED = "handover_cancelled"

KINDS.update(
    {
        CASE_DIRECTOR_SET: _("Casusregisseur vastgelegd"),
        CASE_DIRECTOR_CHANGED: _("Casusregie overgedragen"),
        HANDOVER_PROPOSED: _("Overdracht voorgesteld"),
        HANDOVER_ACCEPTED: _("Overdracht geaccepteerd"),
        HANDOVER_DECLINED: _("Overdracht afgewezen"),
        HANDOVER_COMPLETED: _("Warme overdracht afgerond"),
        HANDOVER_CANCELLED: _("Overdracht ingetrokken"),
    }
)
