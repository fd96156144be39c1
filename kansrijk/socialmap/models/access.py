"""kansrijk's additions to the map: access per municipality and delegated editors."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel

from ..vocabulary import AccessRoute


class MunicipalityAccess(KansrijkModel):
    """How a family in one municipality gets into one service, and on what conditions."""

    service = models.ForeignKey(
        "socialmap.Service",
        on_delete=models.CASCADE,
        related_name="municipality_access",
        verbose_name=_("aanbod"),
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    route = models.CharField(
        _("toegang"), max_length=20, choices=AccessRoute.choices, default=AccessRoute.DIRECT
    )
    conditions = models.TextField(_("voorwaarden"), blank=True)
    waiting_weeks = models.PositiveSmallIntegerField(_("wachttijd (weken)"), null=True, blank=True)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("toegang per gemeente")
        verbose_name_plural = _("toegang per gemeente")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "municipality"], name="municipality_access_unique"
            )
        ]
        indexes = [models.Index(fields=["municipality", "route"])]

    def __str__(self) -> str:
        return f"{self.service_id} in {self.municipality_id}: {self.route}"


class MapEditor(KansrijkModel):
    """A professional a coordinator lets maintain the services of one provider."""

    organization = models.ForeignKey(
        "socialmap.Organization",
        on_delete=models.CASCADE,
        related_name="editors",
        verbose_name=_("aanbieder"),
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="map_editor_of",
        verbose_name=_("professional"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("redacteur sociale kaart")
        verbose_name_plural = _("redacteuren sociale kaart")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "professional"], name="map_editor_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.professional_id} → {self.organization_id}"
