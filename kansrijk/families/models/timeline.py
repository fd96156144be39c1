"""The family's timeline: every event on the file in one chronological list (issue 4).

The kinds of this app are `TimelineKind`; later apps (signaling, care, mdo, socialmap) add
their own with `register_timeline_kind` from their `AppConfig.ready`. That is why `kind` has
no `choices` on the field: a kind added later needs no migration of this app, and an event of
a kind whose app is gone still shows (with its code as label).

Events are written by the services, in the same transaction as the change they describe.
They never hold a full BSN: a person's BSN appears only masked in `changes`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class TimelineKind(models.TextChoices):
    FAMILY_CREATED = "family_created", _("Dossier aangemaakt")
    FAMILY_CHANGED = "family_changed", _("Gezinsgegevens gewijzigd")
    FAMILY_CLOSED = "family_closed", _("Dossier gesloten")
    FAMILY_REOPENED = "family_reopened", _("Dossier heropend")
    CONSENT_GIVEN = "consent_given", _("Toestemming gegeven")
    CONSENT_REFUSED = "consent_refused", _("Toestemming geweigerd")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Toestemming ingetrokken")
    PERSON_ADDED = "person_added", _("Persoon toegevoegd")
    PERSON_CHANGED = "person_changed", _("Persoonsgegevens gewijzigd")
    PREGNANCY_ADDED = "pregnancy_added", _("Zwangerschap toegevoegd")
    PREGNANCY_CHANGED = "pregnancy_changed", _("Zwangerschap gewijzigd")
    BIRTH_RECORDED = "birth_recorded", _("Geboorte vastgelegd")
    CARE_TEAM_MEMBER_ADDED = "care_team_added", _("Zorgteamlid toegevoegd")
    CARE_TEAM_MEMBER_ENDED = "care_team_ended", _("Zorgteamlid gestopt")


_kinds: dict[str, object] = dict(TimelineKind.choices)


def register_timeline_kind(code: str, label) -> None:
    """Add a kind of event (from another app's `AppConfig.ready`); labels are lazy texts."""
    if len(code) > TimelineEvent._meta.get_field("kind").max_length:
        raise ValueError(f"Timeline kind too long: {code}")
    _kinds[code] = label


def timeline_kinds() -> list[tuple[str, object]]:
    """Every registered kind as (code, label), for the filter on the timeline page."""
    return list(_kinds.items())


class TimelineEvent(KansrijkModel):
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="timeline_events",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    # No `choices`: kinds are registered at start-up by several apps (module docstring).
    kind = models.CharField(_("soort"), max_length=40)
    summary = models.CharField(_("omschrijving"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    # What the event is about, as label + primary key (the object may live in a later app).
    object_type = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object"), max_length=40, blank=True)
    changes = models.JSONField(
        _("wijzigingen"), default=dict, blank=True, help_text=_("veld: [oud, nieuw]")
    )

    class Meta:
        ordering = ["-at", "-id"]
        # The timeline page reads one family newest first, with or without a kind filter.
        indexes = [
            models.Index(fields=["family", "-at", "-id"], name="timeline_family_at"),
            models.Index(fields=["family", "kind", "-at"], name="timeline_family_kind_at"),
        ]
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijngebeurtenissen")

    def __str__(self) -> str:
        return f"{self.kind_label}: {self.summary}"

    @property
    def kind_label(self) -> str:
        return str(_kinds.get(self.kind, self.kind))
