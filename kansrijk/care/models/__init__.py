"""The care app's data, one module per concept (tasks; later the plan, casusregie, handovers)."""

from .tasks import Task, TaskQuerySet, TaskStatus

__all__ = ["Task", "TaskQuerySet", "TaskStatus"]
