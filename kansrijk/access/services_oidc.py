"""Writes of single sign-on: a login through an organisation's provider, and the providers.

A login through a provider that asserted a second factor is complete; otherwise it counts as
the password step and the professional continues to the code of their own authenticator app
(`services.login_password_passed`). Refusals count for the lockout like a wrong password.
"""

from django.contrib.auth import login, user_login_failed
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login

from kansrijk.core.audit import audit_record, changed_fields
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Organisation, Professional

from . import oidc, services
from .models import OidcIdentity, OidcProvider

BACKEND = "django.contrib.auth.backends.ModelBackend"


def oidc_login_failed(request, *, provider: OidcProvider | None, reason: str, user=None) -> None:
    """Count a refused login for the lockout (django-axes listens to the signal) and audit it.
    Without a matched professional the attempt counts against the provider and address."""
    username = user.username if user is not None else f"oidc:{getattr(provider, 'pk', '-')}"
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    audit_record(
        actor=user,
        action=AuditEvent.Action.LOGIN_FAILED,
        obj=user or provider,
        summary=f"Inloggen via {getattr(provider, 'name', 'een inlogdienst')} geweigerd: {reason}",
        request=request,
    )


@transaction.atomic
def oidc_login_passed(request, *, oidc_login: oidc.OidcLogin, user: Professional) -> bool:
    """Link the provider's `sub` to the professional and log in; True when the login is
    complete (two factors asserted by the provider), False when the TOTP step follows."""
    provider = oidc_login.provider
    identity, _created = OidcIdentity.objects.get_or_create(
        provider=provider,
        user=user,
        defaults={"subject": str(oidc_login.claims["sub"]), "name": provider.name[:64]},
    )
    identity.last_login_at = timezone.now()
    identity.save(update_fields=["last_login_at"])
    user.backend = BACKEND
    if not oidc_login.mfa_asserted:
        services.login_password_passed(request, user=user)
        audit_record(
            actor=user,
            action=AuditEvent.Action.SECURITY,
            obj=user,
            summary=f"{user.username} aangemeld via {provider.name}; code van de app volgt",
            request=request,
        )
        return False
    login(request, user, backend=BACKEND)
    otp_login(request, identity)
    audit_record(
        actor=user,
        action=AuditEvent.Action.LOGIN,
        obj=user,
        summary=f"{user.username} ingelogd via {provider.name} met twee factoren",
        request=request,
    )
    return True


@transaction.atomic
def oidc_provider_save(
    *,
    actor: Professional,
    provider: OidcProvider | None,
    organisation: Organisation,
    values: dict,
    client_secret: str,
    endpoints: dict[str, str],
    request=None,
) -> OidcProvider:
    """Create (`provider` None) or change a provider. The endpoints were discovered by the
    caller (a network call stays outside the transaction); an empty `client_secret` on a
    change keeps the stored one. The secret never goes into the audit trail."""
    if provider is None:
        provider = OidcProvider(organisation=organisation, **values, **endpoints)
        provider.client_secret_encrypted = oidc.secret_encrypt(client_secret)
        provider.save()
        action, changes = AuditEvent.Action.CREATE, {"issuer": provider.issuer}
    else:
        provider = OidcProvider.objects.select_for_update().get(pk=provider.pk)
        changes = changed_fields(provider, {**values, "organisation": organisation})
        for field, value in {**values, **endpoints}.items():
            setattr(provider, field, value)
        provider.organisation = organisation
        if client_secret:
            provider.client_secret_encrypted = oidc.secret_encrypt(client_secret)
            changes["client_secret"] = ["…", "…"]
        provider.version += 1
        provider.save()
        action = AuditEvent.Action.UPDATE
    audit_record(
        actor=actor,
        action=action,
        obj=provider,
        summary=f"Inlogdienst '{provider.name}' van {organisation.name} opgeslagen",
        changes=changes,
        request=request,
    )
    return provider


@transaction.atomic
def oidc_provider_delete(*, actor: Professional, provider: OidcProvider, request=None) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETE,
        obj=provider,
        summary=f"Inlogdienst '{provider.name}' van {provider.organisation.name} verwijderd",
        request=request,
    )
    provider.delete()
