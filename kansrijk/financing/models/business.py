"""The coalition's social business case (maatschappelijke businesscase, MKBA): scenarios of
interventions with their reach and cost per payer, and the outcomes they are expected to
avoid, with the saving per avoided outcome for each payer and an effect size with a low, base
and high estimate. Every number is the coalition's own input with its stated source; the
arithmetic is in `kansrijk.financing.business_case`.

Business cases are coalition data, not family data: no family appears in them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel

from .rules import YEAR_VALIDATORS

MAX_HORIZON = 15


class BusinessPayer(models.TextChoices):
    """Who invests or saves; the municipality split by budget, since the 'wrong pocket'
    runs between them too."""

    INSURER = "insurer", _("Zorgverzekeraar")
    MUNICIPALITY_WPG = "gemeente_wpg", _("Gemeente: publieke gezondheid (Wpg)")
    MUNICIPALITY_YOUTH = "gemeente_jeugd", _("Gemeente: jeugdhulp (Jeugdwet)")
    MUNICIPALITY_WMO = "gemeente_wmo", _("Gemeente: ondersteuning (Wmo)")
    MUNICIPALITY_INCOME = "gemeente_inkomen", _("Gemeente: bijstand en schulden")
    NATIONAL = "rijk", _("Rijk")
    EMPLOYER = "werkgever", _("Werkgevers")
    FAMILIES = "gezinnen", _("Gezinnen zelf")
    OTHER = "overig", _("Overig")


class BusinessCase(KansrijkModel):
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="business_cases"
    )
    name = models.CharField(_("naam van het scenario"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("eerste jaar"), validators=YEAR_VALIDATORS)
    horizon_years = models.PositiveSmallIntegerField(
        _("aantal jaren"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HORIZON)],
    )
    is_example = models.BooleanField(
        _("fictief voorbeeld"),
        default=False,
        help_text=_("Een verzonnen voorbeeld om mee te oefenen; geen echte cijfers."),
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        ordering = ["coalition", "name", "id"]
        verbose_name = _("businesscase")
        verbose_name_plural = _("businesscases")

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.start_year + self.horizon_years))


class BusinessCaseIntervention(KansrijkModel):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="interventions")
    name = models.CharField(_("interventie"), max_length=200)
    reach_per_year = models.PositiveIntegerField(_("bereik (gezinnen per jaar)"))
    cost_per_family = models.DecimalField(
        _("kosten per gezin (€)"),
        max_digits=11,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    payer = models.CharField(_("wie betaalt"), max_length=20, choices=BusinessPayer.choices)
    source = models.TextField(_("bron"))

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    def __str__(self) -> str:
        return self.name


class BusinessCaseEffect(KansrijkModel):
    """An outcome the intervention is expected to avoid: per family reached, how many such
    outcomes are avoided (low, base, high), from which year after the start."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="effects")
    intervention = models.ForeignKey(
        BusinessCaseIntervention,
        on_delete=models.CASCADE,
        related_name="effects",
        verbose_name=_("interventie"),
    )
    outcome = models.CharField(_("vermeden uitkomst"), max_length=200)
    effect_low = models.DecimalField(
        _("effect laag"), max_digits=7, decimal_places=4, validators=[MinValueValidator(0)]
    )
    effect_base = models.DecimalField(
        _("effect basis"), max_digits=7, decimal_places=4, validators=[MinValueValidator(0)]
    )
    effect_high = models.DecimalField(
        _("effect hoog"), max_digits=7, decimal_places=4, validators=[MinValueValidator(0)]
    )
    lag_years = models.PositiveSmallIntegerField(
        _("effect vanaf jaar"),
        default=0,
        validators=[MaxValueValidator(MAX_HORIZON)],
        help_text=_("0: in het eerste jaar; 2: vanaf het derde jaar."),
    )
    source = models.TextField(_("bron"))

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("effect")
        verbose_name_plural = _("effecten")

    def __str__(self) -> str:
        return self.outcome


class BusinessCaseSaving(KansrijkModel):
    """What one avoided outcome saves one payer."""

    effect = models.ForeignKey(BusinessCaseEffect, on_delete=models.CASCADE, related_name="savings")
    payer = models.CharField(_("wie bespaart"), max_length=20, choices=BusinessPayer.choices)
    amount_per_outcome = models.DecimalField(
        _("besparing per vermeden uitkomst (€)"),
        max_digits=11,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    source = models.TextField(_("bron"))

    class Meta:
        ordering = ["effect", "id"]
        constraints = [
            models.UniqueConstraint(fields=["effect", "payer"], name="business_saving_unique")
        ]
        verbose_name = _("besparing")
        verbose_name_plural = _("besparingen")

    def __str__(self) -> str:
        return f"{self.get_payer_display()}: € {self.amount_per_outcome}"
