from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The family's own view ("Mijn gezin"): a family member invited by the case director
    logs in with e-mail, a one-time code and their date of birth, and sees their plan, team,
    choices and access report — never internal notes, the safety plan or MDO discussion."""

    name = "kansrijk.portal"
    label = "portal"
    verbose_name = _("Mijn gezin")

    def ready(self) -> None:
        # "Mijn gezin" on the family file, for the case director the way to the invitations.
        from kansrijk.organisations.demo import register_demo_step

        from . import demo
        from .register_file import register

        register()
        register_demo_step(demo.ORDER, demo.seed_demo_portal)
        # "Vragen van gezinnen" (questions about accesses) in the main menu, for coordinators.
        from .register_questions import register as register_questions

        register_questions()
