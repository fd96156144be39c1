"""The audit trail of administrative writes.

Every service that changes organisation data (organisations, memberships, users, API
tokens) records one `AuditEvent` in the same transaction. Family data gets its own NEN 7513
access log in `access`; this table never holds family data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("aangemaakt")
        UPDATE = "update", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        LOGIN = "login", _("ingelogd")
        LOGOUT = "logout", _("uitgelogd")
        LOGIN_FAILED = "login_failed", _("inloggen mislukt")
        SECURITY = "security", _("beveiliging")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    coalition = models.ForeignKey(
        "organisations.Coalition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["coalition", "-at"]), models.Index(fields=["actor", "-at"])]
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_action_display()} {self.summary}"
