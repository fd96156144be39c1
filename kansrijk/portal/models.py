"""The family portal's accounts, one-time login codes and questions about accesses.

A family member is not a Django user: the portal keeps its own session key
(`kansrijk.portal.session`), so no professional page or API ever accepts a family session.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class FamilyAccountQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class FamilyAccount(KansrijkModel):
    """The invitation of one family member (client or partner) to the portal, and from then
    on their account. Revoking ends it; a new invitation makes a new account."""

    person = models.ForeignKey(
        "families.Person",
        on_delete=models.CASCADE,
        related_name="portal_accounts",
        verbose_name=_("gezinslid"),
    )
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="portal_accounts",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    # Stored lower-case; the login looks it up case-insensitively.
    email = models.EmailField(_("e-mailadres"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    # The first successful login.
    activated_at = models.DateTimeField(_("eerste keer ingelogd"), null=True, blank=True)
    last_login_at = models.DateTimeField(_("laatst ingelogd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    objects = FamilyAccountQuerySet.as_manager()

    class Meta:
        ordering = ["family", "-invited_at", "-id"]
        constraints = [
            # One active account per person, and an e-mail address leads to one person.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(revoked_at__isnull=True),
                name="portal_one_active_account_per_person",
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(revoked_at__isnull=True),
                name="portal_one_active_account_per_email",
            ),
        ]
        verbose_name = _("gezinsaccount")
        verbose_name_plural = _("gezinsaccounts")

    def __str__(self) -> str:
        return f"{self.person_id} <{self.email}>"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class LoginCode(KansrijkModel):
    """A one-time code sent by e-mail; only its hash is kept. Valid for a few minutes, for a
    few attempts, once."""

    account = models.ForeignKey(FamilyAccount, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["account", "-created_at"])]

    def __str__(self) -> str:
        return f"code {self.account_id} {self.created_at:%Y-%m-%d %H:%M}"


class AccessQuestion(KansrijkModel):
    """A family member's question about one entry of their access report. It goes to the
    coalition's coordinators and the case director; the answer is shown in the portal."""

    account = models.ForeignKey(FamilyAccount, on_delete=models.CASCADE, related_name="questions")
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="+", verbose_name=_("gezin")
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    # The access event asked about: an id, not a foreign key (no table points at the
    # partitioned access log), with what the family saw of it copied as text.
    access_event_id = models.BigIntegerField(_("toegang"))
    access_summary = models.CharField(_("over de toegang"), max_length=300)
    message = models.TextField(_("vraag"), max_length=2000)
    asked_at = models.DateTimeField(_("gesteld op"), default=timezone.now)
    answer = models.TextField(_("antwoord"), blank=True, max_length=4000)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["coalition", "answered_at", "-asked_at"])]
        verbose_name = _("vraag over een toegang")
        verbose_name_plural = _("vragen over toegang")

    def __str__(self) -> str:
        return f"{self.family_id} {self.asked_at:%Y-%m-%d}"
