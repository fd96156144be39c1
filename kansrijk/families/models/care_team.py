"""The care team (zorgteam): the professionals around a family, with direct phone numbers.

Being a current member is the first ground of the access policy (`kansrijk.families.grounds`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel

from .persons import phone_validator


class CareTeamMemberQuerySet(models.QuerySet):
    def current(self, today=None):
        """Members from their start date up to (not including) their end date, as memberships."""
        today = today or timezone.localdate()
        return self.filter(
            Q(end_date__isnull=True) | Q(end_date__gt=today),
            start_date__lte=today,
        )


class CareTeamMember(KansrijkModel):
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="care_team_members",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="care_team_memberships",
        verbose_name=_("professional"),
    )
    membership = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_team_memberships",
        verbose_name=_("namens"),
        help_text=_("De organisatie en discipline waarvoor de professional in het zorgteam zit."),
    )
    role_in_family = models.CharField(_("rol bij dit gezin"), max_length=120, blank=True)
    phone = models.CharField(
        _("telefoon (direct bereikbaar)"), max_length=30, blank=True, validators=[phone_validator]
    )
    start_date = models.DateField(_("startdatum"), default=timezone.localdate)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CareTeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["family", "start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "professional"],
                condition=Q(end_date__isnull=True),
                name="one_open_care_team_membership_per_professional",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="care_team_member_ends_after_it_starts",
            ),
        ]
        # The access policy asks "is this professional on this family's team" on every read.
        indexes = [models.Index(fields=["professional", "family", "end_date"])]
        verbose_name = _("zorgteamlid")
        verbose_name_plural = _("zorgteamleden")

    def __str__(self) -> str:
        return f"{self.professional} ({self.family})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date > today)
