from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    """Exchange with partners' record systems: the family file and screening as FHIR R4."""

    name = "kansrijk.interop"
    label = "interop"
    verbose_name = _("Uitwisseling")
