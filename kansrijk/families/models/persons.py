"""The people of a household and the pregnancies over time."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import format_date
from kansrijk.core.modelbase import KansrijkModel
from kansrijk.families.validators import mask_bsn, normalise_bsn, validate_bsn

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{10,20}$",
    _("Vul een telefoonnummer in met 10 cijfers, bijvoorbeeld 06 12345678."),
)

# Plausibility limits for pregnancy dates (issue 4): a due date is at most 44 weeks after
# entering care (or today), and a birth at most 24 weeks before the due date.
MAX_WEEKS_DUE_DATE_AHEAD = 44
MAX_WEEKS_BIRTH_BEFORE_DUE_DATE = 24


class PersonRole(models.TextChoices):
    CLIENT = "client", _("Zwangere / cliënt")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Kind")
    OTHER = "other", _("Ander gezinslid")


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    SMS = "sms", _("Sms / berichtje")
    EMAIL = "email", _("E-mail")
    HOME_VISIT = "home_visit", _("Huisbezoek")


class Person(KansrijkModel):
    """Someone in the household. The BSN is never part of str() or repr(); show `bsn_masked`."""

    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="persons", verbose_name=_("gezin")
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("rol in het gezin"), max_length=10, choices=PersonRole.choices)
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=120, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    bsn = models.CharField(
        _("burgerservicenummer (BSN)"), max_length=9, blank=True, validators=[validate_bsn]
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_contact = models.CharField(
        _("voorkeur voor contact"), max_length=12, choices=ContactPreference.choices, blank=True
    )
    pregnancy = models.ForeignKey(
        "families.Pregnancy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("geboren uit zwangerschap"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family", "role", "date_of_birth", "id"]
        indexes = [models.Index(fields=["coalition", "last_name", "date_of_birth"])]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __repr__(self) -> str:
        # Explicit, so a debugger, log line or error report never prints the BSN.
        return f"<Person {self.pk}: {self.get_role_display()}>"

    @property
    def bsn_masked(self) -> str:
        return mask_bsn(self.bsn)

    def clean_fields(self, exclude=None) -> None:
        # Normalise before the field checks, so "1112.22.333" is not refused for its length.
        self.bsn = normalise_bsn(self.bsn)
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            raise ValidationError(
                {"date_of_birth": _("Een geboortedatum kan niet in de toekomst liggen.")}
            )


class PregnancyOutcome(models.TextChoices):
    LIVE_BIRTH = "live_birth", _("Levend geboren")
    STILLBIRTH = "stillbirth", _("Doodgeboren")
    MISCARRIAGE = "miscarriage", _("Miskraam")
    TERMINATION = "termination", _("Zwangerschapsafbreking")


class Pregnancy(KansrijkModel):
    """One pregnancy of the family; a family can have several over the 1000 days."""

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        related_name="pregnancies",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("à terme datum"), null=True, blank=True)
    gravidity = models.PositiveSmallIntegerField(_("graviditeit"), null=True, blank=True)
    parity = models.PositiveSmallIntegerField(_("pariteit"), null=True, blank=True)
    entered_care_on = models.DateField(_("in zorg sinds"), null=True, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=12, choices=PregnancyOutcome.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family", "-due_date", "-id"]
        indexes = [
            models.Index(fields=["coalition", "due_date"]),
            models.Index(fields=["coalition", "birth_date"]),
        ]
        verbose_name = _("zwangerschap")
        verbose_name_plural = _("zwangerschappen")

    def __str__(self) -> str:
        if self.due_date:
            return _("Zwangerschap, à terme %(date)s") % {"date": _format(self.due_date)}
        return str(_("Zwangerschap"))

    def clean(self) -> None:
        errors: dict[str, object] = {}
        today = timezone.localdate()
        if self.due_date is None and self.birth_date is None:
            errors["due_date"] = _("Vul de à terme datum in (of de geboortedatum).")
        if self.due_date is not None:
            reference = self.entered_care_on or today
            latest = reference + timedelta(weeks=MAX_WEEKS_DUE_DATE_AHEAD)
            if self.due_date > latest:
                errors["due_date"] = _(
                    "De à terme datum ligt meer dan %(weeks)s weken na %(date)s. "
                    "Controleer de datum."
                ) % {"weeks": MAX_WEEKS_DUE_DATE_AHEAD, "date": _format(reference)}
        if self.birth_date is not None:
            if self.birth_date > today:
                errors["birth_date"] = _("Een geboortedatum kan niet in de toekomst liggen.")
            elif self.due_date is not None and self.birth_date < self.due_date - timedelta(
                weeks=MAX_WEEKS_BIRTH_BEFORE_DUE_DATE
            ):
                errors["birth_date"] = _(
                    "De geboortedatum ligt meer dan %(weeks)s weken vóór de à terme datum "
                    "(%(date)s). Controleer beide datums."
                ) % {"weeks": MAX_WEEKS_BIRTH_BEFORE_DUE_DATE, "date": _format(self.due_date)}
            if not self.outcome:
                errors["outcome"] = _("Vul de uitkomst van de zwangerschap in.")
        elif self.outcome:
            errors["birth_date"] = _("Vul de datum van de bevalling of het einde in.")
        if self.entered_care_on and self.entered_care_on > today:
            errors["entered_care_on"] = _("De datum in zorg kan niet in de toekomst liggen.")
        if self.gravidity is not None and self.gravidity < 1:
            errors["gravidity"] = _("De graviditeit is minstens 1 (deze zwangerschap).")
        if self.gravidity is not None and self.parity is not None and self.parity >= self.gravidity:
            # Both count as at entering care: gravidity includes this pregnancy, parity only
            # earlier births, so parity is always smaller.
            errors["parity"] = _("De pariteit is kleiner dan de graviditeit.")
        if errors:
            raise ValidationError(errors)


def _format(value: date) -> str:
    return format_date(value, "j F Y")
