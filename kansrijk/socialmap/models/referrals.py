"""Closed-loop referrals (verwijzingen): a care-team member refers a family member to a
service; the receiving organisation's professionals answer and report back.

Statuses follow `TRANSITIONS`; services ask `referral_transition`, the one guard. The
receiving side sees only what the referral shares (`shared_data`, with the family's consent)
until its professional joins the care team. Each step is kept as a `ReferralEvent`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Verstuurd")
    RECEIVED = "received", _("Ontvangen")
    ACCEPTED = "accepted", _("Geaccepteerd")
    DECLINED = "declined", _("Afgewezen")
    STARTED = "started", _("Gestart")
    COMPLETED = "completed", _("Afgerond")
    NO_SHOW = "no_show", _("Niet verschenen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class ReferralAction(models.TextChoices):
    """What someone does to a referral; the labels complete "je kunt hem niet ..."."""

    RECEIVE = "receive", _("als ontvangen markeren")
    ACCEPT = "accept", _("accepteren")
    DECLINE = "decline", _("afwijzen")
    START = "start", _("starten")
    COMPLETE = "complete", _("afronden")
    NO_SHOW = "no_show", _("als niet verschenen markeren")
    WITHDRAW = "withdraw", _("intrekken")


S, A = ReferralStatus, ReferralAction
# (status now, action) -> status after. Everything not listed is refused by the guard.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SENT, A.RECEIVE): S.RECEIVED,
    (S.SENT, A.ACCEPT): S.ACCEPTED,
    (S.SENT, A.DECLINE): S.DECLINED,
    (S.SENT, A.WITHDRAW): S.WITHDRAWN,
    (S.RECEIVED, A.ACCEPT): S.ACCEPTED,
    (S.RECEIVED, A.DECLINE): S.DECLINED,
    (S.RECEIVED, A.WITHDRAW): S.WITHDRAWN,
    (S.ACCEPTED, A.START): S.STARTED,
    (S.ACCEPTED, A.NO_SHOW): S.NO_SHOW,
    (S.ACCEPTED, A.WITHDRAW): S.WITHDRAWN,
    (S.STARTED, A.COMPLETE): S.COMPLETED,
    (S.STARTED, A.WITHDRAW): S.WITHDRAWN,
}
# Who may take each action: the receiving organisation, or the referring side (care team).
RECEIVER_ACTIONS = (A.RECEIVE, A.ACCEPT, A.DECLINE, A.START, A.COMPLETE, A.NO_SHOW)
SENDER_ACTIONS = (A.WITHDRAW,)
# Waiting for the receiving organisation's answer (overdue ones become chain signals).
AWAITING_RESPONSE = (S.SENT, S.RECEIVED)
OPEN_STATUSES = (S.SENT, S.RECEIVED, S.ACCEPTED, S.STARTED)
CLOSED_STATUSES = (S.DECLINED, S.COMPLETED, S.NO_SHOW, S.WITHDRAWN)
del S, A


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normaal (antwoord binnen 10 werkdagen)")
    SOON = "soon", _("Snel (antwoord binnen 5 werkdagen)")
    URGENT = "urgent", _("Urgent (antwoord binnen 2 werkdagen)")


RESPONSE_WORKING_DAYS = {Urgency.NORMAL: 10, Urgency.SOON: 5, Urgency.URGENT: 2}


class Referral(KansrijkModel):
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "families.Person",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("voor wie"),
    )
    service = models.ForeignKey(
        "socialmap.Service",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("aanbod"),
    )
    # The chain partner whose professionals answer: the service's provider's organisation
    # at the time of sending (kept, so a later change of the map does not move referrals).
    receiving_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="incoming_referrals",
        verbose_name=_("ontvangende organisatie"),
    )
    reason = models.TextField(_("reden van verwijzing"))
    urgency = models.CharField(
        _("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    shared_data = models.TextField(
        _("gedeelde gegevens"),
        blank=True,
        help_text=_("Wat de ontvanger over het gezin mag weten; alleen met toestemming."),
    )
    consent_to_share = models.BooleanField(_("gezin geeft toestemming om te delen"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verwezen door"),
    )
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    respond_by = models.DateField(_("antwoord uiterlijk"))
    responded_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )
    decline_reason = models.TextField(_("reden van afwijzing"), blank=True)
    outcome = models.TextField(_("terugkoppeling"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        indexes = [
            models.Index(fields=["family", "-sent_at"]),
            models.Index(fields=["receiving_organisation", "status", "-sent_at"]),
            models.Index(fields=["coalition", "status", "respond_by"]),
            models.Index(fields=["service", "sent_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ReferralStatus]),
                name="referral_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="referral_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"


class ReferralEvent(KansrijkModel):
    """One step of a referral: who moved it from which status to which, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
