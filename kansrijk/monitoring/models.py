"""Monitoring's own rows: computed figures kept per period (so the dashboard does not
recompute them on every view), the documents a coalition publishes for its region, the
publishers a region trusts, and the documents a region imported.

Nothing here is personal data: figures are counts over families with monitoring consent,
and a published or imported document holds suppressed figures only.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class IndicatorSnapshot(KansrijkModel):
    """The raw cells of one indicator for one scope and period (unsuppressed: suppression
    depends on who looks and what else is shown). `stale` marks it for recomputation in the
    background after the data changed."""

    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="+"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.CharField(_("periode"), max_length=10)
    indicator = models.CharField(_("indicator"), max_length=60)
    indicator_version = models.PositiveSmallIntegerField(_("versie van de definitie"))
    cells = models.JSONField(_("cellen"), default=list)
    computed_at = models.DateTimeField(_("berekend op"), default=timezone.now)
    stale = models.BooleanField(_("verouderd"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "period", "indicator"],
                condition=models.Q(municipality__isnull=True),
                name="snapshot_unique_coalition",
            ),
            models.UniqueConstraint(
                fields=["coalition", "municipality", "period", "indicator"],
                condition=models.Q(municipality__isnull=False),
                name="snapshot_unique_municipality",
            ),
        ]
        indexes = [models.Index(fields=["coalition", "stale"], name="snapshot_stale")]
        verbose_name = _("berekende indicator")
        verbose_name_plural = _("berekende indicatoren")

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}"


class PublishedDocument(KansrijkModel):
    """A coalition's signed aggregate document for one period (a new version when it is
    published again)."""

    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="published_documents"
    )
    period = models.CharField(_("periode"), max_length=10)
    version = models.PositiveIntegerField(_("versie"))
    document = models.JSONField(_("document"))
    signature = models.TextField(_("handtekening"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)

    class Meta:
        ordering = ["coalition", "-period", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "period", "version"], name="published_document_unique"
            )
        ]
        verbose_name = _("gepubliceerd document")
        verbose_name_plural = _("gepubliceerde documenten")

    def __str__(self) -> str:
        return f"{self.coalition} {self.period} v{self.version}"


class TrustedPublisher(KansrijkModel):
    """A publisher (a coalition, here or on another installation) whose documents a region
    accepts, with the public key its signatures are checked against."""

    region = models.ForeignKey(
        "organisations.Region", on_delete=models.CASCADE, related_name="trusted_publishers"
    )
    publisher = models.CharField(_("uitgever"), max_length=200)
    public_key = models.TextField(_("publieke sleutel"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "publisher"]
        constraints = [
            models.UniqueConstraint(fields=["region", "publisher"], name="trusted_publisher_unique")
        ]
        verbose_name = _("vertrouwde uitgever")
        verbose_name_plural = _("vertrouwde uitgevers")

    def __str__(self) -> str:
        return self.publisher


class ImportStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Geldig")
    REFUSED = "refused", _("Geweigerd")


class ImportedDocument(KansrijkModel):
    """A document a region imported (uploaded or fetched), accepted or refused with the
    reason; a refused document keeps no figures."""

    region = models.ForeignKey(
        "organisations.Region", on_delete=models.CASCADE, related_name="imported_documents"
    )
    publisher = models.CharField(_("uitgever"), max_length=200, blank=True)
    period = models.CharField(_("periode"), max_length=10, blank=True)
    version = models.PositiveIntegerField(_("versie"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    reason = models.TextField(_("reden"), blank=True)
    document = models.JSONField(_("document"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("ingelezen op"), default=timezone.now)

    class Meta:
        ordering = ["region", "-imported_at", "-id"]
        indexes = [models.Index(fields=["region", "period", "status"], name="imported_period")]
        verbose_name = _("ingelezen document")
        verbose_name_plural = _("ingelezen documenten")

    def __str__(self) -> str:
        return f"{self.publisher} {self.period}"
