"""Personal API tokens.

Only a SHA-256 hash of a token is stored; the token itself is shown once, when it is made.
A token acts as the professional who made it, through the same access policy as the pages.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel

TOKEN_PREFIX = "kr_"  # noqa: S105 (a public prefix, not a secret)


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_token_key() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(KansrijkModel):
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("naam"), max_length=80)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_start = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_start}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def mark_used(self) -> None:
        """Record use at most once a minute, so a busy client does not write on every call."""
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


# --- Break-the-glass and the NEN 7513 access log --------------------------------------------
#
# Both point at a family through the lazy reference "families.Family": `access` is a lower
# app than `families` and never imports it (DESIGN.md section 2).

FAMILY_MODEL = "families.Family"


def break_the_glass_hours() -> int:
    return getattr(settings, "BREAK_THE_GLASS_HOURS", 3)


class BreakTheGlassReason(models.TextChoices):
    ACUTE_CARE = "acute_care", _("Acute zorgsituatie")
    CHILD_SAFETY = "child_safety", _("Zorg over de veiligheid van het kind")
    COVERING = "covering", _("Waarneming voor een collega uit het zorgteam")
    CARE_TEAM_UNREACHABLE = "unreachable", _("Zorgteam niet bereikbaar")
    OTHER = "other", _("Anders")


class BreakTheGlassQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(started_at__lte=at, expires_at__gt=at)

    def unreviewed(self):
        return self.filter(reviewed_at__isnull=True)


class BreakTheGlass(KansrijkModel):
    """Emergency access to one family, for a limited time, with a reason (as DHIS2 Tracker).

    Access lasts `BREAK_THE_GLASS_HOURS` (default 3). Every use is reported and reviewed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="broken_glasses",
        verbose_name=_("professional"),
    )
    family = models.ForeignKey(
        FAMILY_MODEL,
        on_delete=models.PROTECT,
        related_name="broken_glasses",
        verbose_name=_("gezin"),
    )
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reden"), max_length=20, choices=BreakTheGlassReason.choices)
    explanation = models.TextField(_("toelichting"))
    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    review_note = models.TextField(_("beoordeling"), blank=True)

    objects = BreakTheGlassQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["user", "family", "expires_at"]),
            models.Index(fields=["coalition", "-started_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("started_at")),
                name="break_the_glass_expires_after_start",
            )
        ]
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_reason_display()} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.started_at <= timezone.now() < self.expires_at


class AccessLogIsAppendOnly(Exception):
    """The NEN 7513 access log is never changed or deleted through the application."""


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AccessLogIsAppendOnly("Het toegangslog kan niet worden gewijzigd.")

    def delete(self):
        raise AccessLogIsAppendOnly("Het toegangslog kan niet worden verwijderd.")

    def for_family(self, family):
        return self.filter(family=family)

    def authorised(self):
        return self.filter(authorisation=True)


# The ground of an access by family members to their own file (the portal): no professional.
SELF_GROUND = "self"


class AccessEvent(KansrijkModel):
    """One access to family data, as NEN 7513 asks: what, when, whose data, who, from where,
    on what ground, and the four checks.

    Append-only: `save()` refuses to change a stored row and `delete()` refuses, on the model
    and on querysets. The user's organisation and discipline are copied as text, so the log
    still says who acted in which capacity after memberships change. Kept five years.

    Designed for monthly partitioning on PostgreSQL: no table points at this one, rows are
    never updated, and reports always bound their query by `timestamp`.
    """

    class Action(models.TextChoices):
        CREATE = "C", _("aangemaakt")
        READ = "R", _("ingezien")
        UPDATE = "U", _("gewijzigd")
        DELETE = "D", _("verwijderd")
        EXPORT = "E", _("geëxporteerd")
        PRINT = "P", _("afgedrukt")
        SEARCH = "S", _("gezocht")

    timestamp = models.DateTimeField(_("tijdstip"), default=None, editable=False)
    # Empty when family members look at their own file (ground `SELF_GROUND`); the person is
    # then in `persons` and their name in `user_display`.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_events",
        verbose_name=_("gebruiker"),
    )
    user_display = models.CharField(_("naam gebruiker"), max_length=160)
    organisation = models.CharField(_("organisatie"), max_length=160, blank=True)
    discipline = models.CharField(_("discipline"), max_length=60, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=160, blank=True)
    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coalitie"),
    )
    # Empty for a search over several families.
    family = models.ForeignKey(
        FAMILY_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_events",
        verbose_name=_("gezin"),
    )
    persons = models.JSONField(_("betrokken personen"), default=list, blank=True)
    action = models.CharField(_("handeling"), max_length=1, choices=Action.choices)
    detail = models.CharField(_("omschrijving"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser / programma"), max_length=300, blank=True)
    session_hash = models.CharField(_("sessie (hash)"), max_length=64, blank=True)
    ground = models.CharField(_("grondslag"), max_length=30, blank=True)
    ground_detail = models.CharField(_("toelichting grondslag"), max_length=300, blank=True)
    authorisation = models.BooleanField(_("geautoriseerd"))
    treatment_relationship = models.BooleanField(_("behandelrelatie"))
    consent = models.BooleanField(_("toestemming"))
    emergency = models.BooleanField(_("noodtoegang"))

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["family", "-timestamp"]),
            models.Index(fields=["user", "-timestamp"]),
            models.Index(fields=["coalition", "-timestamp"]),
        ]
        verbose_name = _("toegangsgebeurtenis")
        verbose_name_plural = _("toegangslog")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%dT%H:%M:%S} {self.user_display} {self.get_action_display()}"

    @property
    def ground_label(self) -> str:
        """The ground's label in the current language ("" for one no app registers)."""
        from .policy import ground_label

        return ground_label(self.ground)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AccessLogIsAppendOnly("Het toegangslog kan niet worden gewijzigd.")
        if self.timestamp is None:
            # NEN 7513 asks for the time to the second.
            self.timestamp = timezone.now().replace(microsecond=0)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogIsAppendOnly("Het toegangslog kan niet worden verwijderd.")


class AccessLogSeal(KansrijkModel):
    """The seal of one UTC day of the access log: a SHA-256 digest over the previous day's
    digest and every event of the day, in id order (kansrijk/access/integrity.py).

    Written once a day by `python manage.py seal_access_log`, one row per day with no day
    left out (a day without events gets a seal with count 0), so that
    `python manage.py verify_access_log` detects a changed, deleted or added event and a
    deleted seal. `previous_digest` repeats the digest the day was chained to, so that the
    chain stays verifiable from the oldest seal left after old years are removed
    (kansrijk/access/retention.py).
    """

    day = models.DateField(_("dag"), unique=True)
    event_count = models.PositiveIntegerField(_("aantal gebeurtenissen"))
    first_event_id = models.BigIntegerField(_("eerste gebeurtenis"), null=True, blank=True)
    last_event_id = models.BigIntegerField(_("laatste gebeurtenis"), null=True, blank=True)
    previous_digest = models.CharField(_("vorige digest"), max_length=64)
    digest = models.CharField(_("digest"), max_length=64)
    sealed_at = models.DateTimeField(_("verzegeld op"), default=timezone.now)

    class Meta:
        ordering = ["day"]
        verbose_name = _("zegel van het toegangslog")
        verbose_name_plural = _("zegels van het toegangslog")

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.event_count} {self.digest[:12]}…"


# --- Single sign-on per organisation (OpenID Connect) ----------------------------------------


class OidcProvider(KansrijkModel):
    """An organisation's identity provider (OpenID Connect), shown as a button on the login page.

    A professional who logs in through it is matched by the verified e-mail address the
    provider asserts, to an existing active professional with a current membership in the
    organisation; no account is ever created. When the provider asserts a second factor
    (`amr`, or an `acr` value in `accepted_acr_values`) the login counts as two factors;
    otherwise the professional still enters the code of their own authenticator app.
    The client secret is stored encrypted (kansrijk/access/oidc.py) and never shown back.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="oidc_providers",
        verbose_name=_("organisatie"),
    )
    name = models.CharField(
        _("naam op de knop"),
        max_length=80,
        help_text=_("Staat op de knop: 'Inloggen via …'."),
    )
    issuer = models.URLField(_("issuer-adres"), max_length=300)
    client_id = models.CharField(_("client-id"), max_length=200)
    client_secret_encrypted = models.TextField(editable=False, blank=True)
    authorization_endpoint = models.URLField(max_length=300, editable=False)
    token_endpoint = models.URLField(max_length=300, editable=False)
    jwks_uri = models.URLField(max_length=300, editable=False)
    accepted_acr_values = models.CharField(
        _("acr-waarden die als twee factoren tellen"),
        max_length=300,
        blank=True,
        help_text=_("Gescheiden door spaties. Leeg: alleen amr-waarden als 'mfa' of 'otp' tellen."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("inlogdienst (OpenID Connect)")
        verbose_name_plural = _("inlogdiensten (OpenID Connect)")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def acr_values(self) -> set[str]:
        return set(self.accepted_acr_values.split())


from django_otp.models import Device  # noqa: E402 (kept with the single sign-on models)


class OidcIdentity(Device):
    """A professional's identity at a provider, and the django-otp device of a login whose
    second factor the provider asserted: its `persistent_id` in the session makes the login
    verified the way django-otp expects. It takes no codes (`verify_token` is always false),
    so it can never stand in for the authenticator app."""

    provider = models.ForeignKey(OidcProvider, on_delete=models.CASCADE, related_name="identities")
    subject = models.CharField(max_length=255)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="one_oidc_subject"),
            models.UniqueConstraint(fields=["provider", "user"], name="one_oidc_identity_per_user"),
        ]

    def verify_token(self, token) -> bool:
        return False
