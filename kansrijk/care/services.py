"""Writes of the care app: one function per use case, in a transaction, with a trail.

Every change to a family's tasks is an update of the family file: it goes through the access
policy (`get_family_for_user`, which logs the NEN 7513 event) and lands on the timeline.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.services import timeline_record
from kansrijk.organisations.models import Organisation, Professional

from .models import Task, TaskStatus
from .timeline import TASK_COMPLETED, TASK_CREATED

Action = AccessEvent.Action


def task_create(
    *,
    actor: Professional,
    family,
    title: str,
    owner: Professional | None = None,
    owner_organisation: Organisation | None = None,
    due_date: date | None = None,
    priority: bool = False,
    description: str = "",
    source: str = "",
    source_id: str = "",
) -> Task:
    """Add a task to a family the caller already fetched through the access policy.

    Meant to be called inside another service's transaction (for example choosing a route),
    which has logged the access; it writes the timeline event itself.
    """
    task = Task.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        title=title,
        description=description,
        owner=owner,
        owner_organisation=owner_organisation,
        due_date=due_date,
        priority=priority,
        source=source,
        source_id=source_id,
        created_by=actor,
    )
    timeline_record(
        family=family,
        kind=TASK_CREATED,
        actor=actor,
        obj=task,
        summary=_task_summary(task),
    )
    return task


@transaction.atomic
def task_complete(*, actor: Professional, family_pk: int, task_pk: int, request=None) -> Task:
    """Mark an open task of the family done, by anyone on its care team."""
    family = get_family_for_user(
        actor, family_pk, Action.UPDATE, request=request, lock=True, detail=_("Taak afgerond")
    )
    task = Task.objects.select_for_update().filter(pk=task_pk, family=family).first()
    if task is None:
        raise ValidationError(_("Deze taak bestaat niet (meer)."))
    if not task.is_open:
        raise ValidationError(_("Deze taak is al afgerond of vervallen."))
    task.status = TaskStatus.DONE
    task.completed_at = timezone.now()
    task.completed_by = actor
    task.save(update_fields=["status", "completed_at", "completed_by"])
    timeline_record(
        family=family, kind=TASK_COMPLETED, actor=actor, obj=task, summary=_task_summary(task)
    )
    return task


def tasks_cancel(*, actor: Professional, tasks, reason: str) -> int:
    """Mark open tasks as no longer needed (e.g. the route changed), in the caller's transaction."""
    count = 0
    for task in tasks.select_for_update().filter(status=TaskStatus.OPEN):
        task.status = TaskStatus.CANCELLED
        task.completed_at = timezone.now()
        task.completed_by = actor
        task.description = "\n".join(filter(None, [task.description, reason]))
        task.save(update_fields=["status", "completed_at", "completed_by", "description"])
        count += 1
    return count


def _task_summary(task: Task) -> str:
    parts = [task.title, task.owner_label]
    if task.due_date:
        parts.append(_("uiterlijk %(date)s") % {"date": task.due_date.strftime("%d-%m-%Y")})
    return " — ".join(parts)
