"""Care for a family after signaling: for now the tasks (next steps) on a family.

A task has one owner: a professional, or — while nobody has been named yet — an organisation
(for example the coalition's JGZ for a prenatal home visit). Tasks are created by services,
for example when a route is chosen (`kansrijk.signaling`), and later by the care plan.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=TaskStatus.OPEN)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Task(KansrijkModel):
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="tasks", verbose_name=_("gezin")
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("taak"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("eigenaar"),
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("organisatie"),
    )
    due_date = models.DateField(_("uiterlijk op"), null=True, blank=True)
    priority = models.BooleanField(_("met voorrang"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    # What made the task, e.g. "route:2:jgz_prenatal_visit", so a later app can find its own.
    source = models.CharField(_("bron"), max_length=60, blank=True)
    source_id = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_at__isnull=False),
                name="task_done_has_completed_at",
            ),
        ]
        # The family file lists a family's open tasks; "my tasks" lists a person's open tasks
        # by due date.
        indexes = [
            models.Index(fields=["family", "status", "due_date"], name="task_family_status_due"),
            models.Index(fields=["owner", "status", "due_date"], name="task_owner_status_due"),
            models.Index(
                fields=["owner_organisation", "status", "due_date"], name="task_org_status_due"
            ),
        ]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN

    def is_overdue(self, today=None) -> bool:
        return (
            self.is_open
            and self.due_date is not None
            and self.due_date < (today or timezone.localdate())
        )

    @property
    def owner_label(self) -> str:
        if self.owner_id:
            return str(self.owner)
        if self.owner_organisation_id:
            return str(self.owner_organisation)
        return str(_("nog niemand"))
