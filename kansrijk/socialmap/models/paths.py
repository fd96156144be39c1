"""Care paths (zorgpaden, after Pharos): for a need and a route, the recommended steps.

A coalition keeps its care paths as data. A step names what to do and, optionally, the
services that carry it out: one for every municipality, or alternatives per municipality
(`CarePathStepService.municipality`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.care.needs import Need
from kansrijk.core.modelbase import KansrijkModel


class CarePathRoute(models.IntegerChoices):
    ANY = 0, _("Elke route")
    ROUTE_1 = 1, _("Route 1")
    ROUTE_2 = 2, _("Route 2")
    ROUTE_3 = 3, _("Route 3")


class CarePath(KansrijkModel):
    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.CASCADE,
        related_name="care_paths",
        verbose_name=_("coalitie"),
    )
    need = models.CharField(_("behoefte"), max_length=30, choices=Need.choices)
    route = models.PositiveSmallIntegerField(
        _("route"), choices=CarePathRoute.choices, default=CarePathRoute.ANY
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["need", "route", "name"]
        verbose_name = _("zorgpad")
        verbose_name_plural = _("zorgpaden")
        indexes = [models.Index(fields=["coalition", "need", "is_active"])]

    def __str__(self) -> str:
        return self.name


class CarePathStep(KansrijkModel):
    care_path = models.ForeignKey(CarePath, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("stap"))
    title = models.CharField(_("wat"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["care_path", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["care_path", "position"], name="care_path_step_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class CarePathStepService(KansrijkModel):
    """A service for a step; with a municipality, the alternative for that municipality."""

    step = models.ForeignKey(CarePathStep, on_delete=models.CASCADE, related_name="services")
    service = models.ForeignKey(
        "socialmap.Service", on_delete=models.CASCADE, related_name="care_path_steps"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alleen in gemeente"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["step", "service", "municipality"],
                name="care_path_step_service_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.step_id}: {self.service_id}"
