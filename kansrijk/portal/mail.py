"""The portal's e-mails to family members: plain Dutch first, the same in English below it.

Stored in the outbox (`kansrijk.core.mail_outbox`) in the transaction that made them, so a
rolled-back invitation or code sends nothing, and a mail server that fails loses neither the
action nor the mail: it is sent after the commit and retried. A login code's mail expires
with the code: not sent in time, it is dropped and its text removed (a late code no longer
works, and the code is not kept in clear text); sent, its text is removed too.
"""

from django.template.loader import render_to_string
from django.utils import translation

from kansrijk.core.mail_outbox import mail_enqueue

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


def portal_mail_send_on_commit(
    *, to: str, subject, template: str, context: dict, what: str, expires_at=None, coalition=None
):
    """Put the mail in the outbox, sent once the caller's transaction commits; `what` names it
    for logs and administrators (never the address or the content: a code must not end up in
    a log file)."""
    rendered_subject, body = portal_mail_render(subject=subject, template=template, context=context)
    mail_enqueue(
        label=f"portal: {what}"[:60],
        to=[to],
        subject=rendered_subject,
        body=body,
        coalition=coalition,
        expires_at=expires_at,
    )
