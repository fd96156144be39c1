"""Regions, coalitions (the tenant), municipalities, chain partners and professionals.

A professional can work for several organisations in several coalitions; each
`Membership` says in which coalition, for which organisation, in which discipline and with
which roles. The roles decide what someone may manage; which families someone may see is
decided by the access policy in `kansrijk.access`, never by role alone.
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class Region(KansrijkModel):
    """A group of coalitions, for example an obstetric partnership (VSV)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name


class Coalition(KansrijkModel):
    """A local coalition Kansrijke Start: the tenant every family row belongs to."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="coalitions", verbose_name=_("regio")
    )
    name = models.CharField(_("naam"), max_length=120, unique=True)
    # How long a closed family file is kept before its personal data is anonymised
    # (`kansrijk.families.retention`). The default follows the WGBO term for medical files
    # (20 years since 2020), which the youth health care (JGZ) file also follows.
    retention_years = models.PositiveSmallIntegerField(
        _("bewaartermijn (jaren)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Zoveel jaar na het sluiten van het dossier worden de persoonsgegevens geanonimiseerd."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")

    def __str__(self) -> str:
        return self.name

    def retention_cutoff(self, now, years: int | None = None):
        """Files closed at or before this moment are past the retention period (`years`, by
        default the coalition's own): `now` that many years earlier, 29 February becoming
        28 February. The one rule for the anonymisation run and the settings page."""
        years = self.retention_years if years is None else years
        try:
            return now.replace(year=now.year - years)
        except ValueError:
            return now.replace(year=now.year - years, day=28)


class Municipality(KansrijkModel):
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(r"^GM\d{4}$", _("Een CBS-code is GM gevolgd door vier cijfers."))
        ],
    )
    name = models.CharField(_("naam"), max_length=120)
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("coalitie"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    MIDWIFERY = "verloskundigenpraktijk", _("Verloskundigenpraktijk")
    HOSPITAL = "ziekenhuis", _("Ziekenhuis")
    KRAAMZORG = "kraamzorg", _("Kraamzorg")
    JGZ = "jgz", _("Jeugdgezondheidszorg (JGZ)")
    NEIGHBOURHOOD_TEAM = "buurtteam", _("Buurtteam / sociaal wijkteam")
    GGZ = "ggz", _("GGZ")
    ADDICTION_CARE = "verslavingszorg", _("Verslavingszorg")
    GP = "huisarts", _("Huisartsenpraktijk")
    MUNICIPALITY = "gemeente", _("Gemeente")
    INSURER = "zorgverzekeraar", _("Zorgverzekeraar")
    WELFARE = "welzijn", _("Welzijn")
    OTHER = "anders", _("Anders")


class Organisation(KansrijkModel):
    """A chain partner (ketenpartner); it may work in several coalitions of a region."""

    name = models.CharField(_("naam"), max_length=160)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    coalitions = models.ManyToManyField(
        Coalition, related_name="organisations", verbose_name=_("coalities")
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Discipline(models.TextChoices):
    MIDWIFE = "verloskundige", _("Verloskundige")
    GYNAECOLOGIST = "gynaecoloog", _("Gynaecoloog")
    PAEDIATRICIAN = "kinderarts", _("Kinderarts")
    MATERNITY_CARER = "kraamverzorgende", _("Kraamverzorgende")
    YOUTH_NURSE = "jeugdverpleegkundige", _("Jeugdverpleegkundige")
    YOUTH_DOCTOR = "jeugdarts", _("Jeugdarts")
    SOCIAL_WORKER = "maatschappelijk_werker", _("Maatschappelijk werker")
    NEIGHBOURHOOD_WORKER = "buurtteammedewerker", _("Buurtteammedewerker")
    MENTAL_HEALTH = "ggz_professional", _("GGZ-professional")
    GP = "huisarts", _("Huisarts")
    EXPERIENCE_EXPERT = "ervaringsdeskundige", _("Ervaringsdeskundige")
    OTHER = "anders", _("Anders")


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    COORDINATOR = "coordinator", _("Coördinator")
    ANALYST = "analyst", _("Analist")
    ADMINISTRATOR = "administrator", _("Beheerder")


class Professional(AbstractUser):
    """Everyone who logs in: professionals, coordinators, analysts and administrators."""

    must_change_password = models.BooleanField(
        _("moet wachtwoord wijzigen"),
        default=False,
        help_text=_("Na inloggen met een tijdelijk wachtwoord eerst een eigen wachtwoord kiezen."),
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class MembershipQuerySet(models.QuerySet):
    def current(self, today=None):
        """Memberships in force on `today` (today by default; a `Slot` in a compiled
        query), of active professionals and organisations."""
        today = today or timezone.localdate()
        return self.filter(
            Q(end_date__isnull=True) | Q(end_date__gt=today),
            start_date__lte=today,
            professional__is_active=True,
            organisation__is_active=True,
        )

    def with_role(self, role: str):
        return self.filter(**{Membership.ROLE_FIELDS[role]: True})


class Membership(KansrijkModel):
    """A professional working for an organisation in a coalition, in one discipline."""

    ROLE_FIELDS = {
        Role.PROFESSIONAL: "is_professional",
        Role.COORDINATOR: "is_coordinator",
        Role.ANALYST: "is_analyst",
        Role.ADMINISTRATOR: "is_administrator",
    }

    professional = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("professional"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("coalitie"),
    )
    discipline = models.CharField(_("discipline"), max_length=30, choices=Discipline.choices)
    is_professional = models.BooleanField(_("professional"), default=True)
    is_coordinator = models.BooleanField(_("coördinator"), default=False)
    is_analyst = models.BooleanField(_("analist"), default=False)
    is_administrator = models.BooleanField(_("beheerder"), default=False)
    phone = models.CharField(
        _("telefoon (direct bereikbaar)"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ()-]{10,20}$",
                _("Vul een telefoonnummer in met 10 cijfers, bijvoorbeeld 06 12345678."),
            )
        ],
    )
    start_date = models.DateField(_("startdatum"), default=timezone.localdate)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["professional__last_name", "professional__first_name", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["professional", "organisation", "coalition"],
                condition=Q(end_date__isnull=True),
                name="one_open_membership_per_organisation_and_coalition",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["coalition", "professional"])]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.professional} — {self.organisation} ({self.get_discipline_display()})"

    @property
    def roles(self) -> list[str]:
        return [role for role, field in self.ROLE_FIELDS.items() if getattr(self, field)]

    def get_roles_display(self) -> str:
        return ", ".join(str(Role(role).label) for role in self.roles)

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date > today)
