"""The coalition's klantroute and the regional landscape (issue 15).

- `Partnership`: a regional structure a coalition works with — an obstetric partnership
  (VSV), a kraamzorg partnership (KSV), a regional support structure (ROS), a JGZ
  organisation — with the municipalities it covers and the organisations in it. A region's
  coalitions are `organisations.Coalition` rows already.
- `CentralPoint`: a municipality's central reporting point (as in Friesland): when it is
  the access route for all of the municipality's services, the klantroute and the
  comparison show it instead of each service's own route.
- `Agreement`: an improvement agreement a coordinator records on a gap of the klantroute
  (what, who, by when) with its status; the klantroute shows the open ones, the governance
  report lists them.

The klantroute itself is computed from the social map (services with their phases, needs,
target groups, evidence, payers and access per municipality) and from referrals: nothing
of it is stored.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.care.needs import Need
from kansrijk.core.modelbase import KansrijkModel
from kansrijk.socialmap.vocabulary import Phase, TargetGroup


class PartnershipKind(models.TextChoices):
    VSV = "vsv", _("Verloskundig samenwerkingsverband (VSV)")
    KSV = "ksv", _("Kraamzorgsamenwerkingsverband (KSV)")
    ROS = "ros", _("Regionale ondersteuningsstructuur (ROS)")
    JGZ = "jgz", _("JGZ-organisatie")
    OTHER = "other", _("Ander samenwerkingsverband")


class Partnership(KansrijkModel):
    region = models.ForeignKey(
        "organisations.Region",
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("regio"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=PartnershipKind.choices)
    name = models.CharField(_("naam"), max_length=160)
    description = models.TextField(_("toelichting"), blank=True)
    website = models.URLField(_("website"), blank=True)
    municipalities = models.ManyToManyField(
        "organisations.Municipality",
        related_name="partnerships",
        blank=True,
        verbose_name=_("gemeenten"),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        related_name="partnerships",
        blank=True,
        verbose_name=_("organisaties"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "name"], name="partnership_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CentralPoint(KansrijkModel):
    municipality = models.OneToOneField(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        related_name="central_point",
        verbose_name=_("gemeente"),
    )
    name = models.CharField(_("naam"), max_length=160)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # The access route for all of the municipality's services (else only where a service's
    # own access says "via het centrale meldpunt").
    for_all_services = models.BooleanField(_("toegang voor al het aanbod"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("centraal meldpunt")
        verbose_name_plural = _("centrale meldpunten")

    def __str__(self) -> str:
        return self.name


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("Bezig")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


OPEN_STATUSES = (AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS)


class Agreement(KansrijkModel):
    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("coalitie"),
    )
    target_group = models.CharField(_("doelgroep"), max_length=30, choices=TargetGroup.choices)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    need = models.CharField(_("behoefte"), max_length=30, choices=Need.choices)
    # Empty: the gap is in every municipality of the coalition.
    municipality = models.ForeignKey(
        "organisations.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    what = models.TextField(_("wat spreken we af"))
    who = models.CharField(_("wie"), max_length=200)
    due_date = models.DateField(_("wanneer klaar"))
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("verbeterafspraak")
        verbose_name_plural = _("verbeterafspraken")
        indexes = [
            models.Index(fields=["coalition", "target_group", "status"]),
            models.Index(fields=["coalition", "status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.what[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
