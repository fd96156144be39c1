"""Signaling: which instruments a coalition uses, assessments, route decisions, route steps.

An assessment stores the instrument's key *and version* with its answers and the computed
result, so a new version of an instrument never changes a past assessment. A route decision
keeps both what the level proposed and what the professional chose, with the reason when
they differ (DESIGN.md section 4: a score is never a verdict).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel

from .levels import Level, Route


class CoalitionInstrument(KansrijkModel):
    """A coalition's choice to use an instrument or not; without a row it is in use."""

    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="instrument_choices"
    )
    instrument_key = models.CharField(_("instrument"), max_length=60)
    enabled = models.BooleanField(_("in gebruik"), default=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "instrument_key"], name="one_choice_per_instrument"
            )
        ]
        verbose_name = _("instrumentkeuze")
        verbose_name_plural = _("instrumentkeuzes")

    def __str__(self) -> str:
        return f"{self.instrument_key}: {'aan' if self.enabled else 'uit'}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    FINAL = "final", _("Afgerond")


class Assessment(KansrijkModel):
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    pregnancy = models.ForeignKey(
        "families.Pregnancy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("zwangerschap"),
    )
    instrument_key = models.CharField(_("instrument"), max_length=60)
    instrument_version = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)
    partner_present = models.BooleanField(_("partner doet mee"), default=False)
    # The scoring result (`instruments.Result.as_dict()`), kept as computed on finishing.
    result = models.JSONField(_("uitkomst"), null=True, blank=True)
    total_score = models.IntegerField(_("score"), null=True, blank=True)
    level = models.CharField(
        _("kwetsbaarheid"), max_length=30, choices=Level.choices, blank=True, default=""
    )
    assessed_on = models.DateField(_("datum signalering"), default=timezone.localdate)
    # 280 - (due date - assessed_on) in days, when the pregnancy has a due date.
    gestational_age_days = models.IntegerField(
        _("zwangerschapsduur (dagen)"), null=True, blank=True
    )
    # A self-report filled in by a family member in the family portal arrives as a draft with
    # `recorded_by_person` set and `recorded_by` empty, until a professional takes it up.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    # Set instead of `recorded_by` when a family member entered it in the family portal.
    recorded_by_person = models.ForeignKey(
        "families.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door gezinslid"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # Optimistic lock: a draft open in two tabs must not silently overwrite itself.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(level="") & Q(finished_at__isnull=False)),
                name="final_assessment_has_level",
            ),
            models.CheckConstraint(
                # A self-report is a draft until a professional takes it up.
                condition=Q(recorded_by__isnull=False)
                | Q(status="draft", recorded_by_person__isnull=False),
                name="assessment_recorded_by_someone",
            ),
        ]
        # The file reads a family's assessments newest first; the coordinator's overview
        # counts a coalition's final assessments per period.
        indexes = [
            models.Index(fields=["family", "status", "-assessed_on"], name="assessment_family"),
            models.Index(fields=["coalition", "status", "assessed_on"], name="assessment_period"),
        ]
        verbose_name = _("signalering")
        verbose_name_plural = _("signaleringen")

    def __str__(self) -> str:
        return f"{self.instrument_key} v{self.instrument_version} ({self.assessed_on})"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    @property
    def level_choice(self) -> Level | None:
        return Level(self.level) if self.level else None

    @property
    def gestational_age_text(self) -> str:
        if self.gestational_age_days is None:
            return ""
        weeks, days = divmod(self.gestational_age_days, 7)
        return f"{weeks}+{days}"


class RouteDecision(KansrijkModel):
    """The route chosen for a family, at one moment; the newest one is the current route."""

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="route_decisions",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="route_decisions",
        verbose_name=_("signalering"),
    )
    proposed_route = models.PositiveSmallIntegerField(
        _("voorgestelde route"), choices=Route.choices
    )
    proposed_priority = models.BooleanField(_("voorstel met voorrang"), default=False)
    route = models.PositiveSmallIntegerField(_("gekozen route"), choices=Route.choices)
    priority = models.BooleanField(_("met voorrang (urgent)"), default=False)
    reason = models.TextField(_("reden"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    # Route 3 waits for the MDO until a meeting has discussed the family (the MDO app clears it).
    awaiting_mdo = models.BooleanField(_("wacht op MDO"), default=False)

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(route=models.F("proposed_route"), priority=models.F("proposed_priority"))
                    | ~Q(reason="")
                ),
                name="route_override_has_reason",
            )
        ]
        indexes = [
            models.Index(fields=["family", "-decided_at", "-id"], name="route_family_latest"),
            models.Index(fields=["coalition", "route", "awaiting_mdo"], name="route_awaiting"),
        ]
        verbose_name = _("routekeuze")
        verbose_name_plural = _("routekeuzes")

    def __str__(self) -> str:
        return self.get_route_display()

    @property
    def is_override(self) -> bool:
        return self.route != self.proposed_route or self.priority != self.proposed_priority


class StepOwner(models.TextChoices):
    DECIDER = "decider", _("Wie de route kiest")
    JGZ = "jgz", _("De JGZ-organisatie van de coalitie")
    ORGANISATION = "organisation", _("Een vaste organisatie")


class RouteStep(KansrijkModel):
    """A next step a coalition wants when a route is chosen; becomes a task on the family."""

    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="route_steps"
    )
    route = models.PositiveSmallIntegerField(_("route"), choices=Route.choices)
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("taak"), max_length=200)
    owner_kind = models.CharField(
        _("eigenaar"), max_length=20, choices=StepOwner.choices, default=StepOwner.DECIDER
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    due_days = models.PositiveSmallIntegerField(_("termijn (werkdagen)"), default=5)
    is_active = models.BooleanField(_("actief"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=10)

    class Meta:
        ordering = ["route", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "route", "code"], name="route_step_code")
        ]
        verbose_name = _("routestap")
        verbose_name_plural = _("routestappen")

    def __str__(self) -> str:
        return self.title
