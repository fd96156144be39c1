"""Daily reminders of new chain signals by e-mail (run as a background task, `tasks.py`).

Each professional on the care team of a family with a signal gets at most one e-mail a day,
listing the signals they were not told about before (`ReminderLog`). E-mail is not a safe
channel for family data, so a reminder holds only the family's reference, the signal's title
and a link into kansrijk, where the access policy applies; never a name or the "why".

A reminder is logged in the same transaction as its mail is put in the outbox
(`kansrijk.core.mail_outbox`), which sends it after the commit and retries it while the mail
server fails: a mail is never lost nor sent twice. When storing fails, nothing is logged and
the same signals are sent the next time; one failure does not stop the others, and the run
ends with an error that names how many failed, so the task shows as failed (and is retried).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kansrijk.core.mail_outbox import mail_enqueue, outgoing_mail_send
from kansrijk.core.models import OutgoingMail
from kansrijk.families.models import CareTeamMember
from kansrijk.organisations.models import Coalition, Membership

from .models import ReminderLog
from .selectors import ChainSignal, chain_signals, open_families_of_coalition

logger = logging.getLogger(__name__)


class RemindersFailed(RuntimeError):
    """Some reminder e-mails could not be sent (they are tried again next time)."""


@dataclass
class ReminderRun:
    sent: int = 0  # e-mails
    signals: int = 0  # signals listed in them
    failed: list[int] = field(default_factory=list)  # professionals whose mail failed

    def as_dict(self) -> dict:
        return {"sent": self.sent, "signals": self.signals, "failed": len(self.failed)}


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def signal_reminders_send(*, today: date | None = None) -> ReminderRun:
    """Send each professional one e-mail with their new chain signals, in Dutch.

    Queries: the coalitions (1); per coalition its thresholds and one per rule; then the
    current care teams of the families with a signal (1) and the reminders sent before for
    them (1); one insert per e-mail sent.
    """
    today = today or timezone.localdate()
    signals: dict[int, list[ChainSignal]] = defaultdict(list)
    for coalition in Coalition.objects.order_by("pk"):
        for signal in chain_signals(open_families_of_coalition(coalition), coalition, today=today):
            signals[signal.family_id].append(signal)
    run = ReminderRun()
    if not signals:
        return run
    coalition_of = {}
    per_professional: dict[int, list[ChainSignal]] = defaultdict(list)
    people = {}
    for member in _care_teams(signals.keys()):
        coalition_of[member.family_id] = member.coalition_id
        people[member.professional_id] = member.professional
        per_professional[member.professional_id].extend(signals[member.family_id])
    told = set(
        ReminderLog.objects.filter(
            professional_id__in=per_professional, family_id__in=signals.keys()
        ).values_list("professional_id", "family_id", "rule_code", "signal_since")
    )
    for professional_id, theirs in sorted(per_professional.items()):
        new = [s for s in _unique(theirs) if (professional_id, *s.key) not in told]
        if not new:
            continue
        professional = people[professional_id]
        try:
            # The mail goes to the outbox with its log, in one transaction: a mail server
            # that is down delays the mail (the outbox retries it), never loses it.
            with transaction.atomic():
                queued = _send(professional, new, coalition_id=coalition_of[new[0].family_id])
                _log(professional_id, new, coalition_of)
            # The run is a task outside any transaction: the mail is stored, send it now (a
            # failure stays in the outbox for its retry; the commit hook then finds it sent).
            outgoing_mail_send(mail_pk=queued.pk)
        except Exception:
            # Nothing is logged, so these signals are sent again next time.
            logger.exception("Reminder e-mail to professional %s failed", professional_id)
            run.failed.append(professional_id)
            continue
        run.sent += 1
        run.signals += len(new)
    if run.failed:
        raise RemindersFailed(
            f"{len(run.failed)} reminder e-mail(s) failed; {run.sent} sent. "
            "The failed ones are tried again on the next run."
        )
    return run


def _log(professional_id: int, new: list[ChainSignal], coalition_of: dict) -> None:
    ReminderLog.objects.bulk_create(
        [
            ReminderLog(
                professional_id=professional_id,
                coalition_id=coalition_of[s.family_id],
                family_id=s.family_id,
                rule_code=s.rule.code,
                signal_since=s.basis,
            )
            for s in new
        ],
        ignore_conflicts=True,
    )


def _care_teams(family_ids):
    """Current care-team members of these families who can be reminded: an active account
    with an e-mail address and a current professional membership in the family's coalition
    (the access policy's rule 2), with the professional joined."""
    works_there = Membership.objects.current().filter(
        professional=OuterRef("professional"),
        coalition=OuterRef("coalition"),
        is_professional=True,
    )
    return (
        CareTeamMember.objects.current()
        .filter(family_id__in=list(family_ids), professional__is_active=True)
        .exclude(professional__email="")
        .filter(Exists(works_there))
        .select_related("professional")
        .order_by("professional_id", "family_id")
    )


def _unique(signals: list[ChainSignal]) -> list[ChainSignal]:
    seen, result = set(), []
    for signal in sorted(signals, key=lambda s: (s.rule.order, s.reference)):
        if signal.key not in seen:
            seen.add(signal.key)
            result.append(signal)
    return result


def _send(professional, signals: list[ChainSignal], *, coalition_id: int) -> OutgoingMail:
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "kansrijk: %(count)s nieuw ketensignaal",
            "kansrijk: %(count)s nieuwe ketensignalen",
            len(signals),
        ) % {"count": len(signals)}
        body = render_to_string(
            "worklist/email/reminder.txt",
            {
                "professional": professional,
                "rows": [
                    {
                        "reference": s.reference,
                        "title": str(s.rule.title),
                        "url": _site_url(reverse("families:detail", args=[s.family_id])),
                    }
                    for s in signals
                ],
                "queue_url": _site_url(reverse("worklist:queue")),
                "greeting": _("Beste %(name)s,")
                % {"name": professional.first_name or professional.username},
            },
        )
    return mail_enqueue(
        label="worklist: reminder",
        to=[professional.email],
        subject=subject,
        body=body,
        coalition=Coalition(pk=coalition_id),
    )
