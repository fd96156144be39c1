from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The family's own view ("Mijn gezin"): a family member invited by the case director
    logs in with e-mail, a one-time code and their date of birth, and sees their plan, team,
    choices and access report — never internal notes, the safety plan or MDO discussion."""

    name = "kansrijk.portal"
    label = "portal"
    verbose_name = _("Mijn gezin")
