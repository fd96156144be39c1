"""The multidisciplinary meeting (MDO) "Zwangeren in een kwetsbare situatie".

A *series* is a standing MDO of a coalition, or of a region serving several coalitions, with
its standing participants, chair and secretary. A *meeting* of the series has an agenda of
*items*, one family each; the meeting moves through an explicit status table: draft agenda →
published → held → minutes final. What the MDO decides about an item is a *decision*; some
decisions act on the family (a case director, a task, an invitation to the care team, a
review on a later agenda) through the services of the apps below.

Families reach the agenda in two ways: route-3 families arrive as candidates by themselves
(asked of `signaling`), and any care-team member submits a family with a question. An item is
discussed by name only while the family's consent for named MDO discussion is in force;
otherwise anonymously (age band, phase, concerns). Participants of a published meeting may
read the files of its named items for a limited time (the "MDO participant" ground,
`grounds.py`).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel

DEFAULT_ACCESS_DAYS = 14
ACCESS_DAYS_LIMIT = 60


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Elke week")
    FORTNIGHTLY = "fortnightly", _("Elke twee weken")
    MONTHLY = "monthly", _("Elke maand")
    BIMONTHLY = "bimonthly", _("Elke twee maanden")
    AD_HOC = "ad_hoc", _("Wanneer nodig")


class ParticipantRole(models.TextChoices):
    CHAIR = "chair", _("Voorzitter")
    SECRETARY = "secretary", _("Notulist")
    MEMBER = "member", _("Deelnemer")
    GUEST = "guest", _("Gast")


class MdoSeries(KansrijkModel):
    """A standing MDO: who meets, how often, and for which coalitions."""

    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.PROTECT,
        related_name="mdo_series",
        verbose_name=_("coalitie"),
        help_text=_("De coalitie die het MDO organiseert."),
    )
    served_coalitions = models.ManyToManyField(
        "organisations.Coalition",
        related_name="served_by_mdo_series",
        blank=True,
        verbose_name=_("ook voor de coalities"),
        help_text=_("Een regionaal MDO bespreekt ook gezinnen van deze coalities."),
    )
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    recurrence = models.CharField(
        _("hoe vaak"), max_length=20, choices=Recurrence.choices, default=Recurrence.MONTHLY
    )
    default_place = models.CharField(_("vaste plaats"), max_length=200, blank=True)
    default_video_link = models.URLField(_("vaste videolink"), blank=True)
    access_days = models.PositiveSmallIntegerField(
        _("dagen toegang na het overleg"),
        default=DEFAULT_ACCESS_DAYS,
        help_text=_(
            "Zo lang na het overleg kunnen deelnemers de dossiers van besproken gezinnen "
            "(met toestemming) nog inzien."
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("MDO-reeks")
        verbose_name_plural = _("MDO-reeksen")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(access_days__lte=ACCESS_DAYS_LIMIT), name="mdo_access_days_limit"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SeriesParticipant(KansrijkModel):
    """A standing participant of a series: a professional through one membership (which
    gives the organisation and discipline), with a role in the series."""

    series = models.ForeignKey(MdoSeries, on_delete=models.CASCADE, related_name="participants")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mdo_series_roles"
    )
    membership = models.ForeignKey(
        "organisations.Membership", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )

    class Meta:
        verbose_name = _("vaste deelnemer")
        verbose_name_plural = _("vaste deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "professional"], name="one_series_role_per_professional"
            ),
            models.UniqueConstraint(
                fields=["series"],
                condition=Q(role="chair"),
                name="one_chair_per_series",
            ),
            models.UniqueConstraint(
                fields=["series"],
                condition=Q(role="secretary"),
                name="one_secretary_per_series",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional} ({self.get_role_display()})"


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Concept-agenda")
    PUBLISHED = "published", _("Agenda gepubliceerd")
    HELD = "held", _("Gehouden")
    FINAL = "final", _("Verslag definitief")
    CANCELLED = "cancelled", _("Geannuleerd")


# status -> the statuses it may move to (one guard: `services.meeting_transition`).
MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingStatus.DRAFT: frozenset({MeetingStatus.PUBLISHED, MeetingStatus.CANCELLED}),
    MeetingStatus.PUBLISHED: frozenset({MeetingStatus.HELD, MeetingStatus.CANCELLED}),
    MeetingStatus.HELD: frozenset({MeetingStatus.FINAL}),
    MeetingStatus.FINAL: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}
# While participants may open the files of named items (with `access_until`).
ACCESS_STATUSES = (MeetingStatus.PUBLISHED, MeetingStatus.HELD, MeetingStatus.FINAL)


class MeetingQuerySet(models.QuerySet):
    def granting_access(self, now: datetime | None = None):
        """Meetings whose participants may open named items' files now."""
        now = now or timezone.now()
        return self.filter(status__in=ACCESS_STATUSES, published_at__lte=now, access_until__gt=now)

    def upcoming(self, now: datetime | None = None):
        return self.filter(
            status__in=(MeetingStatus.DRAFT, MeetingStatus.PUBLISHED),
            starts_at__gte=(now or timezone.now()) - timedelta(hours=12),
        )


class MdoMeeting(KansrijkModel):
    series = models.ForeignKey(MdoSeries, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("datum en tijd"))
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    video_link = models.URLField(_("videolink"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    published_at = models.DateTimeField(_("agenda gepubliceerd op"), null=True, blank=True)
    held_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("verslag definitief op"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # Until when participants may open named items' files: the meeting's day plus the
    # series' `access_days`, fixed when the agenda is published (and when the date moves).
    access_until = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(_("verslag"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("MDO-overleg")
        verbose_name_plural = _("MDO-overleggen")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["series", "starts_at"], name="mdo_meeting_series_start"),
            models.Index(fields=["status", "access_until"], name="mdo_meeting_access"),
        ]

    def __str__(self) -> str:
        return f"{self.series.name} {timezone.localtime(self.starts_at):%d-%m-%Y}"

    def may_move_to(self, status: str) -> bool:
        return status in MEETING_TRANSITIONS.get(self.status, frozenset())


class MeetingParticipant(KansrijkModel):
    """Who takes part in one meeting (the series' standing participants, copied when the
    meeting is planned, plus guests), and whether they attended."""

    meeting = models.ForeignKey(MdoMeeting, on_delete=models.CASCADE, related_name="participants")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mdo_meetings"
    )
    membership = models.ForeignKey(
        "organisations.Membership", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "professional"], name="one_meeting_role_per_professional"
            )
        ]
        indexes = [models.Index(fields=["professional", "meeting"], name="mdo_participant_user")]

    def __str__(self) -> str:
        return f"{self.professional} ({self.get_role_display()})"


class ItemSource(models.TextChoices):
    ROUTE_3 = "route_3", _("Route 3 (vanuit de signalering)")
    SUBMITTED = "submitted", _("Aangemeld door het zorgteam")
    URGENT = "urgent", _("Urgent toegevoegd door de voorzitter")
    REVIEW = "review", _("Terug voor evaluatie")


class ItemStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Kandidaat")
    ON_AGENDA = "on_agenda", _("Op de agenda")
    DISCUSSED = "discussed", _("Besproken")
    WITHDRAWN = "withdrawn", _("Van de agenda gehaald")


# Items whose family participants may open (named, with consent) while the meeting grants it.
OPEN_ITEM_STATUSES = (ItemStatus.ON_AGENDA, ItemStatus.DISCUSSED)


class AgendaItem(KansrijkModel):
    meeting = models.ForeignKey(MdoMeeting, on_delete=models.CASCADE, related_name="items")
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="mdo_items"
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("herkomst"), max_length=20, choices=ItemSource.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.ON_AGENDA
    )
    question = models.TextField(_("vraag aan het MDO"), blank=True)
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    urgent = models.BooleanField(_("urgent"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    discussion = models.TextField(_("bespreking"), blank=True)
    discussed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(_("reden"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "family"],
                condition=~Q(status="withdrawn"),
                name="one_open_item_per_family_per_meeting",
            )
        ]
        indexes = [
            models.Index(fields=["family", "status"], name="mdo_item_family"),
            models.Index(fields=["meeting", "position"], name="mdo_item_order"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.position}: {self.family_id}"


class DecisionKind(models.TextChoices):
    ROUTE_CONFIRMED = "route_confirmed", _("Route bevestigd")
    ROUTE_CHANGED = "route_changed", _("Route gewijzigd")
    CASE_DIRECTOR = "case_director", _("Casusregisseur aangewezen")
    INVOLVE = "involve", _("Discipline betrekken")
    TASK = "task", _("Afspraak (taak)")
    REVIEW = "review", _("Terug op de agenda")
    ADVICE = "advice", _("Advies")


class Decision(KansrijkModel):
    """One decision of the MDO about an item, with what it set in motion."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("soort besluit"), max_length=20, choices=DecisionKind.choices)
    text = models.TextField(_("toelichting"), blank=True)
    route = models.PositiveSmallIntegerField(_("route"), null=True, blank=True)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("professional"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("organisatie"),
    )
    discipline = models.CharField(_("discipline"), max_length=40, blank=True)
    due_date = models.DateField(_("uiterlijk op"), null=True, blank=True)
    review_date = models.DateField(_("evaluatie op"), null=True, blank=True)
    # What the decision set in motion (kept for the minutes and "carried out on time").
    task = models.ForeignKey(
        "care.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handover = models.ForeignKey(
        "care.Handover", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()
