"""One family, one plan (1Gezin1Plan): the care plan, its goals on Positive Health, the
family's own scores and the restricted safety plan.

The plan is written with the family and owned by it (DESIGN.md section 4): what goes well,
the concerns in order of priority, what the family does itself, the support it needs, goals
and agreed actions (the actions are `Task`s with `source="plan"`). Each talk with the family
about the plan is recorded (`PlanDiscussion`).

Edits never lose text (DESIGN.md section 5): the plan and the safety plan carry a `version`
and keep every version (`PlanVersion`, `SafetyPlanVersion`); a write based on an older
version is refused with `kansrijk.families.services.VersionConflict`. Goals carry a version
too; their earlier values are kept in the timeline event of each change.

Every row carries its family's `coalition`, so the data can be sharded by coalition.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel

# The plan's own text fields, in the order the plan shows them.
PLAN_TEXT_FIELDS = ("strengths", "own_contribution", "support_needed")
SAFETY_PLAN_TEXT_FIELDS = ("risks", "agreements", "contacts")

SCORE_MIN = 0
SCORE_MAX = 10

# `Task.source` of the plan's agreed actions; `Task.source_id` holds the goal's pk, if any.
PLAN_TASK_SOURCE = "plan"


class HealthDimension(models.TextChoices):
    """The six dimensions of Positive Health (Huber). A value is also the field name of the
    score on `HealthScore`, so `getattr(score, dimension)` reads it."""

    BODILY_FUNCTIONS = "bodily_functions", _("Lichaamsfuncties")
    MENTAL_WELLBEING = "mental_wellbeing", _("Mentaal welbevinden")
    MEANINGFULNESS = "meaningfulness", _("Zingeving")
    QUALITY_OF_LIFE = "quality_of_life", _("Kwaliteit van leven")
    PARTICIPATION = "participation", _("Meedoen")
    DAILY_FUNCTIONING = "daily_functioning", _("Dagelijks functioneren")


class CarePlan(KansrijkModel):
    """The family's one plan. Created by its first save; a family without one has none yet."""

    family = models.OneToOneField(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="care_plan",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    strengths = models.TextField(_("wat gaat goed"), blank=True)
    own_contribution = models.TextField(_("wat doet het gezin zelf"), blank=True)
    support_needed = models.TextField(_("welke ondersteuning is nodig"), blank=True)
    # Optimistic concurrency, as on the family: every change raises the version.
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")

    def __str__(self) -> str:
        return str(_("Gezinsplan van %(family)s") % {"family": self.family})

    def snapshot(self) -> dict:
        return {name: getattr(self, name) for name in PLAN_TEXT_FIELDS}


class PlanVersion(KansrijkModel):
    """One kept version of a plan's text; the first version is kept too."""

    plan = models.ForeignKey(
        CarePlan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("gezinsplan")
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("gegevens"))
    changes = models.JSONField(
        _("wijzigingen"), default=dict, blank=True, help_text=_("veld: [oud, nieuw]")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        ordering = ["plan", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="one_row_per_plan_version")
        ]
        verbose_name = _("versie van het gezinsplan")
        verbose_name_plural = _("versies van het gezinsplan")

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version}"


class PlanDiscussion(KansrijkModel):
    """The plan was discussed with the family on a date (it is written with them)."""

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="plan_discussions",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    discussed_on = models.DateField(_("besproken op"))
    with_whom = models.CharField(_("met wie"), max_length=200, blank=True)
    note = models.TextField(_("wat vond het gezin ervan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["family", "-discussed_on", "-id"]
        indexes = [
            models.Index(fields=["family", "-discussed_on", "-id"], name="plan_discussion_latest")
        ]
        verbose_name = _("bespreking van het gezinsplan")
        verbose_name_plural = _("besprekingen van het gezinsplan")

    def __str__(self) -> str:
        return f"{self.family_id} {self.discussed_on:%Y-%m-%d}"


class ConcernQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Concern(KansrijkModel):
    """A concern (zorgpunt) of the plan; the open ones are kept in order of priority."""

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="plan_concerns",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(_("zorgpunt"), max_length=300)
    # 1 is the most important. Services keep the open concerns numbered 1..n; a resolved
    # concern keeps its last position.
    position = models.PositiveIntegerField(_("volgorde"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(_("opgelost op"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["family", "position", "id"]
        indexes = [
            models.Index(fields=["family", "resolved_at", "position"], name="concern_family_open")
        ]
        verbose_name = _("zorgpunt")
        verbose_name_plural = _("zorgpunten")

    def __str__(self) -> str:
        return self.text


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    ACHIEVED = "achieved", _("Behaald")
    STOPPED = "stopped", _("Gestopt")


class GoalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=GoalStatus.OPEN)


class Goal(KansrijkModel):
    """A goal of the plan, on one Positive Health dimension."""

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="plan_goals",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(_("doel"), max_length=300)
    dimension = models.CharField(
        _("dimensie van Positieve Gezondheid"), max_length=20, choices=HealthDimension.choices
    )
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["family", "status", "target_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=GoalStatus.OPEN, closed_at__isnull=True)
                | (~Q(status=GoalStatus.OPEN) & Q(closed_at__isnull=False)),
                name="goal_closed_at_matches_status",
            )
        ]
        indexes = [models.Index(fields=["family", "status"], name="goal_family_status")]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.status == GoalStatus.OPEN


def _score_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )


class HealthScore(KansrijkModel):
    """One moment at which the family scored itself 0 to 10 on the six dimensions."""

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="health_scores",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    measured_on = models.DateField(_("datum"))
    # The scores are the family's own: who of the family filled them in.
    respondent = models.CharField(_("ingevuld door"), max_length=120)
    bodily_functions = _score_field(HealthDimension.BODILY_FUNCTIONS.label)
    mental_wellbeing = _score_field(HealthDimension.MENTAL_WELLBEING.label)
    meaningfulness = _score_field(HealthDimension.MEANINGFULNESS.label)
    quality_of_life = _score_field(HealthDimension.QUALITY_OF_LIFE.label)
    participation = _score_field(HealthDimension.PARTICIPATION.label)
    daily_functioning = _score_field(HealthDimension.DAILY_FUNCTIONING.label)
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
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["family", "measured_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *(
                        Q(**{f"{name}__gte": SCORE_MIN, f"{name}__lte": SCORE_MAX})
                        for name in HealthDimension.values
                    )
                ),
                name="health_scores_between_0_and_10",
            ),
            models.CheckConstraint(
                condition=Q(recorded_by__isnull=True) ^ Q(recorded_by_person__isnull=True),
                name="health_score_recorded_by_one",
            ),
        ]
        indexes = [models.Index(fields=["family", "measured_on", "id"], name="health_score_family")]
        verbose_name = _("score Positieve Gezondheid")
        verbose_name_plural = _("scores Positieve Gezondheid")

    def __str__(self) -> str:
        return f"{self.family_id} {self.measured_on:%Y-%m-%d}"

    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in HealthDimension.values}


class SafetyPlan(KansrijkModel):
    """The restricted safety plan (veiligheidsplan): only the case director and the care-team
    members the case director granted it see it (`kansrijk.care.selectors`)."""

    family = models.OneToOneField(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="safety_plan",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    risks = models.TextField(_("wat maakt het onveilig"), blank=True)
    agreements = models.TextField(_("afspraken voor veiligheid"), blank=True)
    contacts = models.TextField(_("wie wordt gebeld bij onveiligheid"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("veiligheidsplan")
        verbose_name_plural = _("veiligheidsplannen")

    def __str__(self) -> str:
        return str(_("Veiligheidsplan van %(family)s") % {"family": self.family})

    def snapshot(self) -> dict:
        return {name: getattr(self, name) for name in SAFETY_PLAN_TEXT_FIELDS}


class SafetyPlanVersion(KansrijkModel):
    """One kept version of a safety plan (read under the same restriction as the plan)."""

    safety_plan = models.ForeignKey(
        SafetyPlan,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("veiligheidsplan"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("gegevens"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        ordering = ["safety_plan", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["safety_plan", "version"], name="one_row_per_safety_plan_version"
            )
        ]
        verbose_name = _("versie van het veiligheidsplan")
        verbose_name_plural = _("versies van het veiligheidsplan")

    def __str__(self) -> str:
        return f"{self.safety_plan_id} v{self.version}"


class SafetyPlanGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class SafetyPlanGrant(KansrijkModel):
    """The case director lets one care-team member see the safety plan, until revoked.

    A grant works only while the professional is on the family's care team.
    """

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="safety_plan_grants",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="safety_plan_grants",
        verbose_name=_("professional"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gegeven door"),
    )
    granted_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    objects = SafetyPlanGrantQuerySet.as_manager()

    class Meta:
        ordering = ["family", "-granted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "professional"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_safety_plan_grant",
            )
        ]
        # Asked on every view of the safety plan: "does this professional hold a grant".
        indexes = [
            models.Index(
                fields=["professional", "family", "revoked_at"], name="safety_grant_lookup"
            )
        ]
        verbose_name = _("toegang tot het veiligheidsplan")
        verbose_name_plural = _("toegang tot veiligheidsplannen")

    def __str__(self) -> str:
        return f"{self.professional} ({self.family})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
