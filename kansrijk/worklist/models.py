"""The work queue's own data: the coalition's thresholds, and which reminders were sent.

Chain signals themselves are not stored: they are computed from the domain apps whenever
they are read (`kansrijk.worklist.rules`), so they can never disagree with the data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class SignalSetting(KansrijkModel):
    """A coalition's own threshold for one chain-signal rule, or the rule switched off.

    Without a row the rule's default applies (`rules.Rule.default_days`, active).
    """

    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.CASCADE,
        related_name="signal_settings",
        verbose_name=_("coalitie"),
    )
    rule_code = models.CharField(_("signaal"), max_length=40)
    days = models.PositiveSmallIntegerField(_("termijn (dagen)"))
    is_active = models.BooleanField(_("actief"), default=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["coalition", "rule_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "rule_code"], name="one_signal_setting_per_rule"
            )
        ]
        verbose_name = _("instelling ketensignaal")
        verbose_name_plural = _("instellingen ketensignalen")

    def __str__(self) -> str:
        return f"{self.rule_code}: {self.days} ({'aan' if self.is_active else 'uit'})"


class ReminderLog(KansrijkModel):
    """One chain signal that was in a reminder e-mail to one professional.

    A signal is known by its family, its rule and the day it started (`signal_since`): when
    it goes away and comes back later, it is new again. A row is written only after the
    e-mail was handed to the mail backend, so a failed send is tried again the next day.
    """

    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("professional"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="+", verbose_name=_("gezin")
    )
    rule_code = models.CharField(_("signaal"), max_length=40)
    signal_since = models.DateField(_("signaal sinds"))
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["professional", "family", "rule_code", "signal_since"],
                name="one_reminder_per_signal_and_professional",
            )
        ]
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")

    def __str__(self) -> str:
        return f"{self.rule_code} {self.signal_since} → {self.professional_id}"
