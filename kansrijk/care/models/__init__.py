"""The care app's data, one module per concept (tasks; later the plan, casusregie, handovers)."""

from .tasks import Task, TaskQuerySet, TaskStatus

__all__ = ["Task", "TaskQuerySet", "TaskStatus"]

# One family, one plan (issue 7).
from .plan import (
    PLAN_TASK_SOURCE,
    PLAN_TEXT_FIELDS,
    SAFETY_PLAN_TEXT_FIELDS,
    CarePlan,
    Concern,
    Goal,
    GoalStatus,
    HealthDimension,
    HealthScore,
    PlanDiscussion,
    PlanVersion,
    SafetyPlan,
    SafetyPlanGrant,
    SafetyPlanVersion,
)

__all__ += [
    "PLAN_TASK_SOURCE",
    "PLAN_TEXT_FIELDS",
    "SAFETY_PLAN_TEXT_FIELDS",
    "CarePlan",
    "Concern",
    "Goal",
    "GoalStatus",
    "HealthDimension",
    "HealthScore",
    "PlanDiscussion",
    "PlanVersion",
    "SafetyPlan",
    "SafetyPlanGrant",
    "SafetyPlanVersion",
]

# Casusregie and warm handovers (issue 7).
from .handovers import (  # noqa: E402
    DEFAULT_CHAIN_MOMENTS,
    OPEN_STATUSES,
    TRANSITIONS,
    CaseDirector,
    ChainMoment,
    Handover,
    HandoverAction,
    HandoverKind,
    HandoverStatus,
    Moment,
    TimingAnchor,
    WarmContactKind,
    handover_transition,
)

__all__ += [
    "DEFAULT_CHAIN_MOMENTS",
    "OPEN_STATUSES",
    "TRANSITIONS",
    "CaseDirector",
    "ChainMoment",
    "Handover",
    "HandoverAction",
    "HandoverKind",
    "HandoverStatus",
    "Moment",
    "TimingAnchor",
    "WarmContactKind",
    "handover_transition",
]
