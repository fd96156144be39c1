"""The kraamzorg calculation of a family: the hours indicated (standard plus extra hours with
a reason, up to the maximum of the year), the hours the family intends to take, and what that
costs the family in the year of the birth. Each calculation is kept (a new one does not
overwrite the last); the latest counts on the family's financing view."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel

from .rules import YEAR_VALIDATORS


class KraamzorgCalculation(KansrijkModel):
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="kraamzorg_calculations",
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
        related_name="+",
        verbose_name=_("zwangerschap"),
    )
    year = models.PositiveSmallIntegerField(_("jaar van de bevalling"), validators=YEAR_VALIDATORS)
    # The year whose figures were used (the latest year with figures, up to `year`).
    figures_year = models.PositiveSmallIntegerField(_("cijfers van"), null=True, blank=True)
    standard_hours = models.PositiveSmallIntegerField(_("standaard uren"))
    extra_hours = models.PositiveSmallIntegerField(_("extra uren"), default=0)
    extra_reason = models.TextField(_("reden voor extra uren"), blank=True)
    chosen_hours = models.PositiveSmallIntegerField(_("uren die het gezin wil afnemen"))
    prenatal_requested = models.BooleanField(_("prenatale kraamzorg aanvragen"), default=False)
    prenatal_reason = models.TextField(_("reden voor prenatale kraamzorg"), blank=True)
    contribution_per_hour = models.DecimalField(
        _("eigen bijdrage per uur (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    estimated_cost = models.DecimalField(
        _("geschatte kosten voor het gezin (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
    )
    too_few_hours_risk = models.BooleanField(_("risico op te weinig uren"), default=False)
    task = models.ForeignKey(
        "care.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taak"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("berekend op"), default=timezone.now)

    class Meta:
        ordering = ["family", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["family", "-created_at"], name="kraamzorg_calc_family"),
        ]
        verbose_name = _("kraamzorgberekening")
        verbose_name_plural = _("kraamzorgberekeningen")

    def __str__(self) -> str:
        return f"{self.indicated_hours} uur kraamzorg ({self.year})"

    @property
    def indicated_hours(self) -> int:
        return self.standard_hours + self.extra_hours
