"""The family (household) and the kept history of its earlier versions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel
from kansrijk.families.validators import normalise_postcode, validate_postcode

# Fields a professional edits on the family itself; everything else is set by services.
FAMILY_EDITABLE_FIELDS = (
    "municipality",
    "postcode",
    "main_language",
    "interpreter_needed",
    "interpreter_language",
    "health_insurer",
    "insurance_kind",
    "low_income",
    "strengths",
)


class InsuranceKind(models.TextChoices):
    BASIC = "basis", _("Basisverzekering")
    BASIC_AND_SUPPLEMENTARY = "basis_aanvullend", _("Basis- en aanvullende verzekering")
    MUNICIPAL = "gemeentepolis", _("Gemeentepolis (collectieve verzekering minima)")
    UNINSURED = "onverzekerd", _("Onverzekerd")
    UNKNOWN = "onbekend", _("Onbekend")


class FamilyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")


class FamilyQuerySet(models.QuerySet):
    def visible_to(self, user, *, coalition=None):
        """The families `user` may see now; the rules are in `kansrijk.access.policy`."""
        from kansrijk.access.policy import families_visible_to

        return families_visible_to(user, coalition=coalition, queryset=self)

    def open(self):
        return self.filter(status=FamilyStatus.OPEN)


class Family(KansrijkModel):
    """A household followed over the first 1000 days (gezin / huishouden)."""

    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.PROTECT,
        related_name="families",
        verbose_name=_("coalitie"),
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="families",
        verbose_name=_("gemeente"),
    )
    reference = models.CharField(_("dossiernummer"), max_length=20, editable=False)
    postcode = models.CharField(
        _("postcode"), max_length=7, validators=[validate_postcode], help_text=_("Bijv. 1234 AB")
    )
    # The four-digit area, for monitoring per PC4 without the full postcode; always derived.
    pc4 = models.GeneratedField(
        expression=Substr("postcode", 1, 4),
        output_field=models.CharField(max_length=4),
        db_persist=True,
        verbose_name=_("PC4-gebied"),
    )
    main_language = models.CharField(_("voertaal"), max_length=60, blank=True)
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    interpreter_language = models.CharField(_("taal van de tolk"), max_length=60, blank=True)
    health_insurer = models.CharField(_("zorgverzekeraar"), max_length=120, blank=True)
    insurance_kind = models.CharField(
        _("soort verzekering"),
        max_length=20,
        choices=InsuranceKind.choices,
        default=InsuranceKind.UNKNOWN,
    )
    low_income = models.BooleanField(
        _("laag inkomen (minima)"),
        default=False,
        help_text=_("Het gezin heeft een inkomen rond het sociaal minimum."),
    )
    strengths = models.TextField(_("wat gaat goed"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FamilyStatus.choices, default=FamilyStatus.OPEN
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closed_reason = models.TextField(_("reden van sluiten"), blank=True)
    # Set when the personal data was anonymised (`kansrijk.families.retention`): after the
    # coalition's retention period, or on erasure; what monitoring counts stays.
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    # Optimistic concurrency: every change raises the version; a write that was based on an
    # older version is refused (`services.VersionConflict`), never silently applied.
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "reference"], name="family_reference_unique_in_coalition"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=FamilyStatus.OPEN, closed_at__isnull=True)
                    | models.Q(status=FamilyStatus.CLOSED, closed_at__isnull=False)
                ),
                name="family_closed_at_matches_status",
            ),
        ]
        indexes = [
            models.Index(fields=["coalition", "status"]),
            models.Index(fields=["coalition", "pc4"]),
        ]
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")

    def __str__(self) -> str:
        return self.reference or _("nieuw gezin")

    @property
    def is_open(self) -> bool:
        return self.status == FamilyStatus.OPEN

    def clean_fields(self, exclude=None) -> None:
        # Normalise before the field checks, so " 1234  ab " is not refused for its length.
        self.postcode = normalise_postcode(self.postcode)
        self.interpreter_language = self.interpreter_language.strip()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors = {}
        if self.interpreter_needed and not self.interpreter_language:
            errors["interpreter_language"] = _("Vul in voor welke taal een tolk nodig is.")
        if (
            self.municipality_id
            and self.coalition_id
            and self.municipality.coalition_id != self.coalition_id
        ):
            errors["municipality"] = _("Deze gemeente hoort niet bij de coalitie van het gezin.")
        if errors:
            raise ValidationError(errors)

    def snapshot(self) -> dict:
        """The family's own fields as plain JSON, as kept in `FamilyVersion`."""
        data = {}
        for name in (*FAMILY_EDITABLE_FIELDS, "status", "closed_at", "closed_reason"):
            field = self._meta.get_field(name)
            value = getattr(self, field.attname)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return data


class FamilyVersion(KansrijkModel):
    """One kept version of a family: nothing is lost by an edit (DESIGN.md section 5).

    A row is written for every version, the first one included, so the history is complete
    and a conflict page can show the stored version next to the one that was submitted.
    """

    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="versions", verbose_name=_("gezin")
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("gegevens"))
    changes = models.JSONField(
        _("wijzigingen"), default=dict, blank=True, help_text=_("veld: [oud, nieuw]")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)

    class Meta:
        ordering = ["family", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="one_row_per_family_version")
        ]
        verbose_name = _("gezinsversie")
        verbose_name_plural = _("gezinsversies")

    def __str__(self) -> str:
        return f"{self.family} v{self.version}"
