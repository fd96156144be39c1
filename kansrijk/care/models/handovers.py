"""Casusregie and warm handovers (warme overdracht), issue 7.

- `CaseDirector`: who holds the casusregie of a family, one period per row. At most one
  period is current (no end) per family, enforced by a partial unique constraint; ended
  periods are the history. A transfer of the casusregie is a `Handover` of kind
  "casusregie": the old period ends and the new one starts when the receiver accepts.
- `Handover`: proposed by a care-team member to an organisation and/or a professional, with
  a summary and a due date; accepted (the receiver joins the care team) or declined with a
  reason; completed when the warm contact with the family is recorded. The statuses follow
  `TRANSITIONS`; services ask `handover_transition`, the one guard.
- `ChainMoment`: the standard moments of the chain (verloskundige → kraamzorg, → JGZ, ...)
  a coalition configures; until it saves its own, `DEFAULT_CHAIN_MOMENTS` apply (as the
  route steps of `kansrijk.signaling.steps`). A handover keeps the code and name of its
  moment, so a later change of the configuration does not rewrite history.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel
from kansrijk.organisations.models import OrganisationKind

# --- The handover's workflow ----------------------------------------------------------------


class HandoverStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    ACCEPTED = "accepted", _("Geaccepteerd")
    DECLINED = "declined", _("Afgewezen")
    COMPLETED = "completed", _("Afgerond")
    CANCELLED = "cancelled", _("Ingetrokken")


class HandoverAction(models.TextChoices):
    """What someone does to a handover; the labels complete "je kunt hem niet ..."."""

    ACCEPT = "accept", _("accepteren")
    DECLINE = "decline", _("afwijzen")
    COMPLETE = "complete", _("afronden")
    CANCEL = "cancel", _("intrekken")


# (status now, action) -> status after. Everything not listed is refused by the guard.
TRANSITIONS: dict[tuple[str, str], str] = {
    (HandoverStatus.PROPOSED, HandoverAction.ACCEPT): HandoverStatus.ACCEPTED,
    (HandoverStatus.PROPOSED, HandoverAction.DECLINE): HandoverStatus.DECLINED,
    (HandoverStatus.PROPOSED, HandoverAction.CANCEL): HandoverStatus.CANCELLED,
    (HandoverStatus.ACCEPTED, HandoverAction.COMPLETE): HandoverStatus.COMPLETED,
}
# Still running: waiting for an answer, or accepted and waiting for the warm contact.
OPEN_STATUSES = (HandoverStatus.PROPOSED, HandoverStatus.ACCEPTED)


def handover_transition(status: str, action: str) -> str:
    """The status after `action` on a handover in `status`; a Dutch `ValidationError` when
    the transition table does not allow it. The one guard every service calls."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        status_label = HandoverStatus(status).label.lower() if status in HandoverStatus else status
        action_label = HandoverAction(action).label if action in HandoverAction else action
        raise ValidationError(
            _("Een overdracht die %(status)s is, kun je niet %(action)s.")
            % {"status": status_label, "action": action_label},
            code="transition",
        ) from None


class HandoverKind(models.TextChoices):
    REGULAR = "regular", _("Overdracht")
    CASUSREGIE = "casusregie", _("Overdracht van de casusregie")


class WarmContactKind(models.TextChoices):
    JOINT_VISIT = "joint_visit", _("Gezamenlijk bezoek aan het gezin")
    CALL = "call", _("Gezamenlijk (beeld)belgesprek met het gezin")


# --- Chain moments (per coalition, with defaults) ------------------------------------------


class TimingAnchor(models.TextChoices):
    DUE_DATE = "due_date", _("de à terme datum")
    BIRTH_DATE = "birth_date", _("de geboortedatum")
    PROPOSED = "proposed", _("de dag van het voorstel")


OFFSET_LIMIT = 365


@dataclass(frozen=True)
class Moment:
    """A chain moment as services and pages use it, from the defaults or a coalition's row."""

    code: str
    name: str
    from_kinds: tuple[str, ...] = ()
    to_kind: str = ""
    anchor: str = TimingAnchor.PROPOSED
    offset_days: int = 7
    transfers_casusregie: bool = False
    is_active: bool = True
    order: int = 0
    pk: int | None = field(default=None, compare=False)

    @property
    def from_labels(self) -> list[str]:
        return [str(OrganisationKind(kind).label) for kind in self.from_kinds]

    @property
    def to_label(self) -> str:
        return str(OrganisationKind(self.to_kind).label) if self.to_kind else ""

    @property
    def timing_text(self) -> str:
        return timing_text(self.anchor, self.offset_days)


def timing_text(anchor: str, offset_days: int) -> str:
    """'6 weken voor de à terme datum' style text for a timing rule."""
    anchor_label = TimingAnchor(anchor).label
    days = abs(offset_days)
    if days and days % 7 == 0:
        amount = _("%(count)d weken") % {"count": days // 7} if days > 7 else _("1 week")
    else:
        amount = _("%(count)d dagen") % {"count": days} if days != 1 else _("1 dag")
    if offset_days == 0:
        return _("op %(anchor)s") % {"anchor": anchor_label}
    if offset_days < 0:
        return _("%(amount)s voor %(anchor)s") % {"amount": amount, "anchor": anchor_label}
    return _("%(amount)s na %(anchor)s") % {"amount": amount, "anchor": anchor_label}


# The Basisstructuur Kansrijke Start (seeds 000/001): the kraamzorg intake before the due
# date; the JGZ before the end of the kraamzorg (day 8) so that nobody falls in the gap until
# the first JGZ visit; back from the hospital to the first line; and the casusregie.
DEFAULT_CHAIN_MOMENTS: tuple[Moment, ...] = (
    Moment(
        code="verloskundige-kraamzorg",
        name=_("Verloskundige → kraamzorg"),
        from_kinds=(OrganisationKind.MIDWIFERY,),
        to_kind=OrganisationKind.KRAAMZORG,
        anchor=TimingAnchor.DUE_DATE,
        offset_days=-42,
        order=10,
    ),
    Moment(
        code="geboorte-jgz",
        name=_("Verloskundige/kraamzorg → JGZ (rond de geboorte)"),
        from_kinds=(OrganisationKind.MIDWIFERY, OrganisationKind.KRAAMZORG),
        to_kind=OrganisationKind.JGZ,
        anchor=TimingAnchor.BIRTH_DATE,
        offset_days=7,
        order=20,
    ),
    Moment(
        code="ziekenhuis-eerstelijn",
        name=_("Ziekenhuis → eerstelijn"),
        from_kinds=(OrganisationKind.HOSPITAL,),
        to_kind="",
        anchor=TimingAnchor.PROPOSED,
        offset_days=3,
        order=30,
    ),
    Moment(
        code="casusregie",
        name=_("Overdracht van de casusregie"),
        anchor=TimingAnchor.PROPOSED,
        offset_days=7,
        transfers_casusregie=True,
        order=40,
    ),
)


class ChainMoment(KansrijkModel):
    """A coalition's own chain moment; once it has one, the defaults no longer apply."""

    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.PROTECT,
        related_name="chain_moments",
        verbose_name=_("coalitie"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=120)
    from_kinds = models.JSONField(
        _("van (soort organisatie)"),
        default=list,
        blank=True,
        help_text=_("Leeg: van elke organisatie."),
    )
    to_kind = models.CharField(
        _("naar (soort organisatie)"),
        max_length=30,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_("Leeg: naar elke organisatie."),
    )
    transfers_casusregie = models.BooleanField(
        _("draagt de casusregie over"),
        default=False,
        help_text=_("Wie deze overdracht accepteert, wordt de nieuwe casusregisseur."),
    )
    anchor = models.CharField(
        _("termijn vanaf"),
        max_length=20,
        choices=TimingAnchor.choices,
        default=TimingAnchor.PROPOSED,
    )
    offset_days = models.SmallIntegerField(
        _("dagen ervoor (-) of erna (+)"),
        default=7,
        validators=[MinValueValidator(-OFFSET_LIMIT), MaxValueValidator(OFFSET_LIMIT)],
        help_text=_("Bijvoorbeeld -42: zes weken voor de à terme datum."),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        ordering = ["coalition", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "code"], name="one_chain_moment_per_code"),
        ]
        verbose_name = _("ketenmoment")
        verbose_name_plural = _("ketenmomenten")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = [kind for kind in self.from_kinds or [] if kind not in OrganisationKind.values]
        if unknown or not isinstance(self.from_kinds, list):
            raise ValidationError({"from_kinds": _("Kies bestaande soorten organisaties.")})

    def as_moment(self) -> Moment:
        return Moment(
            code=self.code,
            name=self.name,
            from_kinds=tuple(self.from_kinds or ()),
            to_kind=self.to_kind,
            anchor=self.anchor,
            offset_days=self.offset_days,
            transfers_casusregie=self.transfers_casusregie,
            is_active=self.is_active,
            order=self.order,
            pk=self.pk,
        )


# --- Handovers -------------------------------------------------------------------------------


class HandoverQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def proposed(self):
        return self.filter(status=HandoverStatus.PROPOSED)

    def overdue(self, today: date | None = None):
        """Proposed and not answered although the due date has passed (a chain signal)."""
        return self.proposed().filter(due_date__lt=today or timezone.localdate())


class Handover(KansrijkModel):
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="handovers",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=HandoverKind.choices, default=HandoverKind.REGULAR
    )
    # The chain moment as it was when proposed; empty for "another moment".
    moment_code = models.CharField(_("ketenmoment (code)"), max_length=40, blank=True)
    moment_name = models.CharField(_("ketenmoment"), max_length=120, blank=True)
    from_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="handovers_sent",
        verbose_name=_("van"),
    )
    from_membership = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens"),
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handovers_received",
        verbose_name=_("aan organisatie"),
    )
    to_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handovers_received",
        verbose_name=_("aan professional"),
    )
    summary = models.TextField(_("samenvatting voor de ontvanger"))
    due_date = models.DateField(_("accepteren vóór"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HandoverStatus.choices,
        default=HandoverStatus.PROPOSED,
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geaccepteerd door"),
    )
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgewezen door"),
    )
    declined_at = models.DateTimeField(_("afgewezen op"), null=True, blank=True)
    decline_reason = models.TextField(_("reden van afwijzen"), blank=True)
    warm_contact_kind = models.CharField(
        _("warm contact"), max_length=20, choices=WarmContactKind.choices, blank=True
    )
    warm_contact_on = models.DateField(_("datum van het warme contact"), null=True, blank=True)
    warm_contact_note = models.TextField(_("toelichting"), blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    cancelled_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    cancel_reason = models.TextField(_("reden van intrekken"), blank=True)
    # Raised by every transition: a form loaded before someone else acted is refused.
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        ordering = ["family", "-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_organisation__isnull=False) | Q(to_professional__isnull=False),
                name="handover_has_a_receiver",
            ),
            models.CheckConstraint(
                condition=~Q(status=HandoverStatus.DECLINED) | ~Q(decline_reason=""),
                name="declined_handover_has_a_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[HandoverStatus.ACCEPTED, HandoverStatus.COMPLETED])
                | Q(accepted_by__isnull=False, accepted_at__isnull=False),
                name="accepted_handover_has_an_acceptor",
            ),
            models.CheckConstraint(
                condition=~Q(status=HandoverStatus.COMPLETED)
                | (Q(warm_contact_on__isnull=False) & ~Q(warm_contact_kind="")),
                name="completed_handover_has_a_warm_contact",
            ),
        ]
        indexes = [
            # The worklist asks per coalition for proposed handovers past their due date.
            models.Index(
                fields=["coalition", "status", "due_date"], name="handover_coal_status_due"
            ),
            # "Incoming handovers": to me, or to my organisations.
            models.Index(fields=["to_professional", "status"], name="handover_to_prof_status"),
            models.Index(fields=["to_organisation", "status"], name="handover_to_org_status"),
            models.Index(fields=["from_professional", "status"], name="handover_from_status"),
        ]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.receiver_label}"

    @property
    def receiver_label(self) -> str:
        if self.to_professional_id and self.to_organisation_id:
            return f"{self.to_professional} ({self.to_organisation})"
        if self.to_professional_id:
            return str(self.to_professional)
        return str(self.to_organisation)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_casusregie(self) -> bool:
        return self.kind == HandoverKind.CASUSREGIE

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status == HandoverStatus.PROPOSED and self.due_date < (
            today or timezone.localdate()
        )

    def allows(self, action: str) -> bool:
        return (self.status, action) in TRANSITIONS


# --- Casusregie -------------------------------------------------------------------------------


class CaseDirectorQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)


class CaseDirector(KansrijkModel):
    """One period in which `professional` held the casusregie of `family`."""

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="case_directors",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_directorships",
        verbose_name=_("casusregisseur"),
    )
    membership = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens"),
    )
    started_at = models.DateTimeField(_("sinds"), default=timezone.now)
    ended_at = models.DateTimeField(_("tot"), null=True, blank=True)
    via_handover = models.ForeignKey(
        Handover,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("via overdracht"),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    objects = CaseDirectorQuerySet.as_manager()

    class Meta:
        ordering = ["family", "-started_at", "-id"]
        constraints = [
            # Exactly one case director at a time, or none (issue 7).
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(ended_at__isnull=True),
                name="one_current_case_director_per_family",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="case_director_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["professional", "ended_at"], name="case_director_prof_end")]
        verbose_name = _("casusregisseur")
        verbose_name_plural = _("casusregisseurs")

    def __str__(self) -> str:
        return f"{self.professional} ({self.family})"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None
