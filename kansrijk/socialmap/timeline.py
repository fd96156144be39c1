"""The referrals' kinds of timeline events. `register()` is called from
`register_referrals.register`; the services call it too (an idempotent dict write), so the
labels are there whichever code path runs first.

An event says what happened to a referral (service, receiver, who acted); the shared data
itself stays on the referral, where the receiver's reads are logged.
"""

from django.utils.translation import gettext_lazy as _

from .models import ReferralStatus

REFERRAL_SENT = "referral_sent"
REFERRAL_RECEIVED = "referral_received"
REFERRAL_ACCEPTED = "referral_accepted"
REFERRAL_DECLINED = "referral_declined"
REFERRAL_STARTED = "referral_started"
REFERRAL_COMPLETED = "referral_completed"
REFERRAL_NO_SHOW = "referral_no_show"
REFERRAL_WITHDRAWN = "referral_withdrawn"

KINDS = {
    REFERRAL_SENT: _("Verwijzing verstuurd"),
    REFERRAL_RECEIVED: _("Verwijzing ontvangen"),
    REFERRAL_ACCEPTED: _("Verwijzing geaccepteerd"),
    REFERRAL_DECLINED: _("Verwijzing afgewezen"),
    REFERRAL_STARTED: _("Hulp na verwijzing gestart"),
    REFERRAL_COMPLETED: _("Hulp na verwijzing afgerond"),
    REFERRAL_NO_SHOW: _("Niet verschenen na verwijzing"),
    REFERRAL_WITHDRAWN: _("Verwijzing ingetrokken"),
}

# The timeline kind of each status a referral moves to.
KIND_OF_STATUS = {
    ReferralStatus.SENT: REFERRAL_SENT,
    ReferralStatus.RECEIVED: REFERRAL_RECEIVED,
    ReferralStatus.ACCEPTED: REFERRAL_ACCEPTED,
    ReferralStatus.DECLINED: REFERRAL_DECLINED,
    ReferralStatus.STARTED: REFERRAL_STARTED,
    ReferralStatus.COMPLETED: REFERRAL_COMPLETED,
    ReferralStatus.NO_SHOW: REFERRAL_NO_SHOW,
    ReferralStatus.WITHDRAWN: REFERRAL_WITHDRAWN,
}


def register() -> None:
    from kansrijk.families.models.timeline import register_timeline_kind

    for code, label in KINDS.items():
        register_timeline_kind(code, label)
