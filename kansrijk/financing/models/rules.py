"""Financing rules as data, per coalition and calendar year (DESIGN.md: `Payer`, `Law`).

- `FinancingYear`: the year's figures that are not tied to one kind of care: the compulsory
  eigen risico and the kraamzorg hours (standard and maximum under the LIP), each with its
  source.
- `FinancingRule`: per kind of care (`CareKind`, which services on the social map carry), or
  for one service, which law finances it, who pays, whether the eigen risico applies, the
  family's own contribution, whether an indication or referral is needed, and how an
  interpreter is paid for at that provider.
- `InsurerException`: an insurer's policy (or any insurer's policy of a kind) that covers more
  than the basic package, e.g. the own contribution from a supplementary policy.
- `CompensationRoute`: what a municipality offers to pay a family's own costs back
  (bijzondere bijstand, gemeentepolis, a local fund) and on which conditions.

A figure without a source is not shown as official: every amount carries its source, and the
shipped figures (`kansrijk.financing.defaults`) are only those named in the source documents.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel
from kansrijk.families.models import InsuranceKind
from kansrijk.socialmap.vocabulary import CareKind, Law, Payer

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def _amount(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **kwargs,
    )


class Versioned(KansrijkModel):
    """Who changed a row last, when, and its version for the conflict check."""

    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        abstract = True


class FinancingYear(Versioned):
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="financing_years"
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    eigen_risico = _amount(_("verplicht eigen risico per jaar (€)"))
    eigen_risico_source = models.TextField(_("bron eigen risico"), blank=True)
    kraamzorg_min_hours = models.PositiveSmallIntegerField(
        _("kraamzorg: minimum aantal uren"), null=True, blank=True
    )
    kraamzorg_standard_hours_low = models.PositiveSmallIntegerField(
        _("kraamzorg: standaard uren (laag)"), null=True, blank=True
    )
    kraamzorg_standard_hours_high = models.PositiveSmallIntegerField(
        _("kraamzorg: standaard uren (hoog)"), null=True, blank=True
    )
    kraamzorg_max_hours = models.PositiveSmallIntegerField(
        _("kraamzorg: maximum aantal uren"), null=True, blank=True
    )
    kraamzorg_source = models.TextField(_("bron kraamzorguren"), blank=True)
    notes = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["coalition", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "year"], name="financing_year_unique")
        ]
        verbose_name = _("financieringsjaar")
        verbose_name_plural = _("financieringsjaren")

    def __str__(self) -> str:
        return str(self.year)


class ContributionKind(models.TextChoices):
    NONE = "none", _("Geen eigen bijdrage")
    PER_HOUR = "per_hour", _("Per uur")
    PER_VISIT = "per_visit", _("Per bezoek")
    FIXED = "fixed", _("Vast bedrag")


class FinancingRule(Versioned):
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="financing_rules"
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    care_kind = models.CharField(_("soort zorg"), max_length=30, choices=CareKind.choices)
    # A rule for one service overrides the rule for its kind of care.
    service = models.ForeignKey(
        "socialmap.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="financing_rules",
        verbose_name=_("aanbod (alleen voor dit aanbod)"),
    )
    law = models.CharField(_("wet"), max_length=20, choices=Law.choices)
    payer = models.CharField(_("wie betaalt"), max_length=20, choices=Payer.choices)
    eigen_risico_applies = models.BooleanField(_("telt mee voor het eigen risico"), default=False)
    contribution_kind = models.CharField(
        _("eigen bijdrage"),
        max_length=10,
        choices=ContributionKind.choices,
        default=ContributionKind.NONE,
    )
    contribution_amount = _amount(_("bedrag eigen bijdrage (€)"))
    indication_required = models.BooleanField(_("indicatie nodig"), default=False)
    referral_required = models.BooleanField(_("verwijzing nodig"), default=False)
    interpretation_payer = models.CharField(
        _("wie betaalt een tolk"), max_length=20, choices=Payer.choices, blank=True
    )
    interpretation_notes = models.TextField(_("tolk: toelichting"), blank=True)
    notes = models.TextField(
        _("uitleg in gewone woorden"),
        blank=True,
        help_text=_("Zoals u het aan de keukentafel uitlegt."),
    )
    source = models.TextField(_("bron"), blank=True)

    class Meta:
        ordering = ["coalition", "-year", "care_kind", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "year", "care_kind"],
                condition=Q(service__isnull=True),
                name="financing_rule_unique_kind",
            ),
            models.UniqueConstraint(
                fields=["coalition", "year", "service"],
                condition=Q(service__isnull=False),
                name="financing_rule_unique_service",
            ),
            models.CheckConstraint(
                condition=Q(contribution_kind=ContributionKind.NONE)
                | Q(contribution_amount__isnull=False),
                name="financing_rule_contribution_has_amount",
            ),
        ]
        indexes = [models.Index(fields=["coalition", "year"], name="financing_rule_year")]
        verbose_name = _("financieringsregel")
        verbose_name_plural = _("financieringsregels")

    def __str__(self) -> str:
        return f"{self.get_care_kind_display()} {self.year}"


class ExceptionEffect(models.TextChoices):
    COVERS_CONTRIBUTION = "contribution", _("Vergoedt de eigen bijdrage")
    NO_EIGEN_RISICO = "eigen_risico", _("Eigen risico geldt niet")
    COVERS_CARE = "care", _("Vergoedt de zorg buiten het basispakket")
    EXTRA_HOURS = "extra_hours", _("Vergoedt extra uren")


class InsurerException(Versioned):
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="insurer_exceptions"
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    insurer = models.CharField(
        _("zorgverzekeraar"),
        max_length=120,
        blank=True,
        help_text=_("Leeg: geldt voor elke verzekeraar met deze soort polis."),
    )
    insurance_kind = models.CharField(
        _("soort polis"), max_length=20, choices=InsuranceKind.choices
    )
    care_kind = models.CharField(_("soort zorg"), max_length=30, choices=CareKind.choices)
    effect = models.CharField(
        _("wat de polis doet"), max_length=20, choices=ExceptionEffect.choices
    )
    max_amount = _amount(_("tot maximaal (€)"))
    conditions = models.TextField(_("voorwaarden"), blank=True)
    source = models.TextField(_("bron"))

    class Meta:
        ordering = ["coalition", "-year", "care_kind", "insurer", "id"]
        indexes = [
            models.Index(fields=["coalition", "year", "care_kind"], name="insurer_exception_kind")
        ]
        verbose_name = _("uitzondering van een verzekeraar")
        verbose_name_plural = _("uitzonderingen van verzekeraars")

    def __str__(self) -> str:
        return f"{self.insurer or _('Elke verzekeraar')}: {self.get_effect_display()}"


class CompensationKind(models.TextChoices):
    BIJZONDERE_BIJSTAND = "bijzondere_bijstand", _("Bijzondere bijstand")
    GEMEENTEPOLIS = "gemeentepolis", _("Gemeentepolis")
    LOCAL_FUND = "local_fund", _("Lokaal fonds")
    OTHER = "other", _("Anders")


class CompensationRoute(Versioned):
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="compensation_routes"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        related_name="compensation_routes",
        verbose_name=_("gemeente"),
    )
    kind = models.CharField(_("soort regeling"), max_length=20, choices=CompensationKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    # Codes of `CareKind` whose own costs it pays back; empty: any own costs.
    care_kinds = models.JSONField(_("voor welke zorg"), default=list, blank=True)
    minima_only = models.BooleanField(_("alleen voor minima"), default=True)
    conditions = models.TextField(_("voorwaarden"), blank=True)
    how_to_apply = models.TextField(_("zo vraagt het gezin het aan"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    source = models.TextField(_("bron"), blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["municipality__name", "kind", "name"]
        indexes = [
            models.Index(fields=["municipality", "is_active"], name="compensation_municipality")
        ]
        verbose_name = _("vergoedingsregeling")
        verbose_name_plural = _("vergoedingsregelingen")

    def __str__(self) -> str:
        return self.name
