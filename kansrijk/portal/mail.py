"""The portal's e-mails to family members: plain Dutch first, the same in English below it.

Sent after the transaction that made them commits (`transaction.on_commit`), so a rolled-back
invitation or code sends nothing; a mail server that fails is logged, never raised into the
page, and what was saved stays saved (the case director can send an invitation again, the
family member can ask for a new code).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
SEPARATOR = "\n\n----------------------------------------\n\n"


def portal_mail_render(*, subject, template: str, context: dict) -> tuple[str, str]:
    """The subject and body: each language once, Dutch first (`subject` is a lazy text)."""
    subjects, bodies = [], []
    for language in LANGUAGES:
        with translation.override(language):
            subjects.append(str(subject))
            bodies.append(render_to_string(template, context).strip())
    return " / ".join(dict.fromkeys(subjects)), SEPARATOR.join(bodies) + "\n"


def portal_mail_send_on_commit(*, to: str, subject, template: str, context: dict, what: str):
    """Send the mail once the caller's transaction commits; `what` names it in the log (never
    the address or the content: a code must not end up in a log file)."""

    def send() -> None:
        try:
            rendered_subject, body = portal_mail_render(
                subject=subject, template=template, context=context
            )
            send_mail(rendered_subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        except Exception:
            logger.exception("The portal could not send an e-mail (%s).", what)

    transaction.on_commit(send)
