"""Consent (toestemming) per purpose, recorded and withdrawable (DESIGN.md section 5).

At most one record per family and purpose is in force (`withdrawn_at` empty); recording a
new decision ends the previous one, so the history of decisions is kept.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class ConsentPurpose(models.TextChoices):
    CARE_TEAM = "care_team", _("Gegevens delen binnen het zorgteam")
    MDO_NAMED = "mdo_named", _("Bespreking in een MDO met naam (anders anoniem)")
    MONITORING = "monitoring", _("Meetellen in de monitoring")


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", _("Mondeling")
    WRITTEN = "written", _("Schriftelijk")


class ConsentQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(withdrawn_at__isnull=True)

    def given(self):
        """Records in force in which the family said yes."""
        return self.in_force().filter(given=True)


class Consent(KansrijkModel):
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("doel"), max_length=12, choices=ConsentPurpose.choices)
    given = models.BooleanField(_("toestemming gegeven"))
    method = models.CharField(_("hoe vastgelegd"), max_length=10, choices=ConsentMethod.choices)
    # A professional, or (through the family portal) a family member themselves: exactly one.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_by_person = models.ForeignKey(
        "families.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door gezinslid"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    # Set when the family withdraws, or when a later decision for the same purpose replaces
    # this one: from then on this record no longer applies.
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["family", "purpose", "-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_consent_in_force_per_purpose",
            ),
            models.CheckConstraint(
                condition=Q(recorded_by__isnull=True) ^ Q(recorded_by_person__isnull=True),
                name="consent_recorded_by_one",
            ),
        ]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        answer = _("ja") if self.given else _("nee")
        return f"{self.get_purpose_display()}: {answer}"
