"""The audit trail of administrative writes.

Every service that changes organisation data (organisations, memberships, users, API
tokens) records one `AuditEvent` in the same transaction. Family data gets its own NEN 7513
access log in `access`; this table never holds family data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class AuditEvent(KansrijkModel):
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


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        """Mark these notifications read now; those read earlier keep their time."""
        from django.utils import timezone

        return self.unread().update(read_at=timezone.now())


class Notification(KansrijkModel):
    """A message in the app for one person, such as "someone broke the glass on your family".

    Written by the service of the higher app that has something to tell, in the same
    transaction as its action; `core` only stores and shows them. The text holds no family
    data beyond the family's reference: the link leads to a page that applies the policy.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coalitie"),
    )
    text = models.CharField(_("tekst"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        # The header counts a person's unread notifications on every page.
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class IdempotentRequest(KansrijkModel):
    """An API create sent with an `Idempotency-Key` header, and the answer it got: the same
    key from the same caller gets the same answer again instead of a second row. The request's
    fingerprint (method, path, body hash) tells a reused key with another request apart. The
    answer holds what the caller was sent already (ids and fields it may see); kept for a
    day."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.BinaryField(blank=True, default=b"")
    response_headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "key"], name="idempotency_key_per_actor")
        ]
        verbose_name = _("herhaalbaar verzoek")
        verbose_name_plural = _("herhaalbare verzoeken")

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"


class OutgoingMail(KansrijkModel):
    """An e-mail waiting to be sent, written in the same transaction as the action that
    causes it (`mail_outbox.mail_enqueue`), so a mail server that is down or a full disk
    never loses the mail nor undoes the action: the row stays until a send succeeds
    (`mail_outbox.outbox_send_due`, run after commit, by a retried task and by
    `manage.py send_mail_outbox`).

    The body may hold a one-time code: it is blanked once sent, and a mail with an
    `expires_at` (a login code) that was not sent in time is dropped unsent (body blanked),
    as the code in it no longer works. `label` names the mail for administrators without the
    address or content (e.g. "portal.login_code"); `coalition` decides which administrators
    see it when it fails.
    """

    label = models.CharField(_("soort"), max_length=60)
    coalition = models.ForeignKey(
        "organisations.Coalition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("coalitie"),
    )
    to = models.JSONField(_("aan"), default=list)
    from_email = models.CharField(_("van"), max_length=254, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"), blank=True)
    html_body = models.TextField(_("html-tekst"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    dropped_at = models.DateTimeField(_("vervallen op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The sender reads the unsent rows that are due; the faults page the failed ones.
        indexes = [models.Index(fields=["sent_at", "dropped_at", "next_attempt_at"])]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")

    def __str__(self) -> str:
        return f"{self.label} ({self.created_at:%Y-%m-%d %H:%M})"
