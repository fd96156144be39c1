"""Writes of the access app: the two-step login, TOTP devices and personal API tokens.

The login is two steps. The password step only remembers, for five minutes, who passed it;
the professional is logged in once the second factor (a TOTP code) is verified too. A failed
code counts as a failed login for the lockout, just like a wrong password.
"""

import time

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import login, logout, update_session_auth_hash, user_login_failed
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Discipline, Professional

from .models import ApiToken, hash_token, new_token_key

PENDING_LOGIN_KEY = "pending_login"
PENDING_LOGIN_SECONDS = 300
DEVICE_NAME = "Authenticator-app"


def login_password_passed(request, *, user: Professional) -> None:
    request.session.cycle_key()
    request.session[PENDING_LOGIN_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "at": int(time.time()),
    }


def pending_login_user(request) -> Professional | None:
    """The professional who passed the password step in the last five minutes, if any."""
    pending = request.session.get(PENDING_LOGIN_KEY)
    if not pending or time.time() - pending["at"] > PENDING_LOGIN_SECONDS:
        request.session.pop(PENDING_LOGIN_KEY, None)
        return None
    user = Professional.objects.filter(pk=pending["user_id"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def confirmed_device(user: Professional) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_locked_out(request, *, user: Professional) -> bool:
    AxesProxyHandler.update_request(request)
    return AxesProxyHandler.is_locked(request, {"username": user.username})


def login_token_failed(request, *, user: Professional) -> None:
    """Count a wrong code as a failed login (django-axes listens to this signal)."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.username}, request=request
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.LOGIN_FAILED,
        obj=user,
        summary=f"Onjuiste code bij inloggen van {user.username}",
        request=request,
    )


@transaction.atomic
def login_complete(request, *, user: Professional, device: TOTPDevice) -> None:
    request.session.pop(PENDING_LOGIN_KEY, None)
    login(request, user, backend=user.backend)
    otp_login(request, device)
    audit_record(
        actor=user,
        action=AuditEvent.Action.LOGIN,
        obj=user,
        summary=f"{user.username} ingelogd met twee factoren",
        request=request,
    )


def totp_device_for_setup(user: Professional) -> TOTPDevice:
    """The unconfirmed device a professional is setting up; the same one on every reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(request, *, user: Professional, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit_record(
        actor=user,
        action=AuditEvent.Action.SECURITY,
        obj=user,
        summary=f"{user.username} heeft een authenticator-app ingesteld",
        request=request,
    )
    login_complete(request, user=user, device=device)


def logout_user(request) -> None:
    user = request.user
    if user.is_authenticated:
        audit_record(
            actor=user,
            action=AuditEvent.Action.LOGOUT,
            obj=user,
            summary=f"{user.username} uitgelogd",
            request=request,
        )
    logout(request)


@transaction.atomic
def other_sessions_end(request, *, user: Professional, password: str) -> None:
    """Log the professional out everywhere but in this session.

    A session stays logged in only while the hash it keeps of the password hash matches
    (Django checks it on every request). Hashing the same password again, with a new salt,
    changes that hash: every other session of the professional is flushed at its next
    request, whatever device holds it. This session gets the new hash and a new key.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    update_session_auth_hash(request, user)
    audit_record(
        actor=user,
        action=AuditEvent.Action.SECURITY,
        obj=user,
        summary=f"{user.username} is uitgelogd op alle andere apparaten",
        request=request,
    )


@transaction.atomic
def password_changed(request, *, user: Professional) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_record(
        actor=user,
        action=AuditEvent.Action.SECURITY,
        obj=user,
        summary=f"{user.username} heeft het wachtwoord gewijzigd",
        request=request,
    )


@transaction.atomic
def api_token_create(
    *, professional: Professional, name: str, request=None
) -> tuple[ApiToken, str]:
    """Make a token; returns it with its key, which is never stored and shown only now."""
    key = new_token_key()
    token = ApiToken.objects.create(
        professional=professional, name=name, key_hash=hash_token(key), key_start=key[:8]
    )
    audit_record(
        actor=professional,
        action=AuditEvent.Action.CREATE,
        obj=token,
        summary=f"API-token '{name}' aangemaakt voor {professional.username}",
        request=request,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, professional: Professional, token: ApiToken, request=None) -> None:
    token = ApiToken.objects.select_for_update().get(pk=token.pk, professional=professional)
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=professional,
        action=AuditEvent.Action.UPDATE,
        obj=token,
        summary=f"API-token '{token.name}' ingetrokken door {professional.username}",
        request=request,
    )


# --- NEN 7513 access log and break-the-glass (issue 4) --------------------------------------


def access_event_record(
    *,
    user: Professional,
    action: str,
    authorisation: bool,
    treatment_relationship: bool,
    consent: bool,
    emergency: bool,
    family=None,
    coalition=None,
    persons=(),
    ground: str = "",
    ground_detail: str = "",
    on_behalf_of: str = "",
    detail: str = "",
    request=None,
    membership=None,
):
    """Append one access event in the caller's transaction (see `AccessEvent`).

    The user's organisation and discipline are those of their current membership in the
    family's coalition (the one as professional first, then the oldest), copied as text;
    a caller that already read that membership, with its organisation, passes it as
    `membership`. The access point is read from `request`.
    """
    import hashlib

    from .models import AccessEvent

    coalition_id = family.coalition_id if family is not None else getattr(coalition, "pk", None)
    if membership is not None and (
        membership.professional_id != user.pk or membership.coalition_id != coalition_id
    ):
        membership = None
    if membership is not None:
        organisation, discipline = membership.organisation.name, membership.discipline
    elif coalition_id:
        organisation, discipline = _capacity_for_log(user, coalition_id, request)
    else:
        organisation, discipline = "", ""
    session_key = getattr(getattr(request, "session", None), "session_key", None) or ""
    meta = getattr(request, "META", {}) if request is not None else {}
    return AccessEvent.objects.create(
        user=user,
        user_display=f"{user.get_full_name() or user.username} ({user.username})"[:160],
        organisation=organisation,
        discipline=str(Discipline(discipline).label)
        if discipline in Discipline.values
        else discipline,
        on_behalf_of=on_behalf_of[:160],
        coalition_id=coalition_id,
        family=family,
        persons=sorted({int(pk) for pk in persons}),
        action=action,
        detail=detail[:300],
        ip_address=meta.get("REMOTE_ADDR") or None,
        user_agent=(meta.get("HTTP_USER_AGENT") or "")[:300],
        session_hash=hashlib.sha256(session_key.encode()).hexdigest() if session_key else "",
        ground=ground,
        ground_detail=ground_detail[:300],
        authorisation=authorisation,
        treatment_relationship=treatment_relationship,
        consent=consent,
        emergency=emergency,
    )


def access_event_record_self(*, person, action: str, detail: str = "", request=None):
    """Append one access event for family member `person` looking at (or changing) their own
    family's file through the portal: no professional, ground `SELF_GROUND`, all four checks
    hold (it is their own data)."""
    import hashlib

    from .models import SELF_GROUND, AccessEvent

    session_key = getattr(getattr(request, "session", None), "session_key", None) or ""
    meta = getattr(request, "META", {}) if request is not None else {}
    return AccessEvent.objects.create(
        user=None,
        user_display=f"{person} (gezinslid zelf)"[:160],
        coalition_id=person.family.coalition_id,
        family_id=person.family_id,
        persons=[person.pk],
        action=action,
        detail=detail[:300],
        ip_address=meta.get("REMOTE_ADDR") or None,
        user_agent=(meta.get("HTTP_USER_AGENT") or "")[:300],
        session_hash=hashlib.sha256(session_key.encode()).hexdigest() if session_key else "",
        ground=SELF_GROUND,
        authorisation=True,
        treatment_relationship=False,
        consent=True,
        emergency=False,
    )


def _capacity_for_log(user: Professional, coalition_id: int, request) -> tuple[str, str]:
    """The organisation name and discipline (code) an event names: those of the user's
    current membership in the coalition, the one as professional first, then the oldest;
    ("", "") without one.

    Taken from the memberships a page already loaded for its header when the event is about
    the coalition worked in; otherwise one query for the two values (no model instances).
    """
    from kansrijk.organisations.models import Membership

    from .policy import loaded_memberships

    mine = loaded_memberships(user, coalition_id, request)
    if mine:
        membership = min(mine, key=lambda m: (not m.is_professional, m.pk))
        return membership.organisation.name, membership.discipline
    row = (
        Membership.objects.current()
        .filter(professional=user, coalition_id=coalition_id)
        .order_by("-is_professional", "pk")
        .values_list("organisation__name", "discipline")
        .first()
    )
    return row or ("", "")


@transaction.atomic
def break_the_glass_start(
    *, user: Professional, family_pk: int, reason: str, explanation: str, request=None
):
    """Give `user` emergency access to one family of their own coalition for a few hours.

    Only a professional of the family's coalition can break the glass; for anyone else the
    family is "not found", as everywhere. A reason from the list and an explanation are
    required (Dutch messages). Notifying the case director and the coordinators is done by
    the caller once notifications exist (issue 4).
    """
    from datetime import timedelta

    from django.apps import apps
    from django.core.exceptions import ValidationError
    from django.http import Http404
    from django.utils.translation import gettext as _

    from .models import FAMILY_MODEL, BreakTheGlass, BreakTheGlassReason, break_the_glass_hours
    from .policy import NOT_FOUND_MESSAGE, professional_coalition_ids

    errors = {}
    if reason not in BreakTheGlassReason.values:
        errors["reason"] = _("Kies een reden voor de noodtoegang.")
    if len((explanation or "").strip()) < 10:
        errors["explanation"] = _("Licht in minstens één zin toe waarom je noodtoegang nodig hebt.")
    if errors:
        raise ValidationError(errors)
    family = (
        apps.get_model(FAMILY_MODEL)
        .objects.filter(pk=family_pk, coalition_id__in=professional_coalition_ids(user))
        .first()
    )
    if family is None:
        raise Http404(NOT_FOUND_MESSAGE)
    now = timezone.now()
    glass = BreakTheGlass.objects.create(
        user=user,
        family=family,
        coalition_id=family.coalition_id,
        reason=reason,
        explanation=explanation.strip(),
        started_at=now,
        expires_at=now + timedelta(hours=break_the_glass_hours()),
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.SECURITY,
        obj=glass,
        coalition=family.coalition,
        summary=f"Noodtoegang gestart door {user.username}: {glass.get_reason_display()}",
        request=request,
    )
    return glass


# --- Break-the-glass: start with notifications, and the coordinator's review ----------------

CASE_DIRECTOR_ROLE = "casusregisseur"


class BreakTheGlassNotNeeded(Exception):
    """The professional already sees the family on another ground; nothing to break."""


def _break_the_glass_recipients(*, glass) -> tuple[set[int], set[int]]:
    """Who hears of an emergency access: (care team side, coordinators).

    On the care team side, in this order of preference:

    1. the family's recorded case director (`care.CaseDirector`, the current period), set
       and transferred through handovers; when there is one, only they are told, even if
       another member's role text still says "casusregisseur";
    2. else, as files were opened before casusregie was recorded, every current care-team
       member whose role in the family mentions "casusregisseur" (the same rule as
       `care.selectors.is_case_director`);
    3. else every current care-team member.

    And the coalition's coordinators (DESIGN.md section 5). Only active accounts; never the
    professional who broke the glass. `access` must not import `care` (DESIGN.md section 2),
    so the case director's model is looked up by name; one query answers all three.
    """
    from django.apps import apps
    from django.db.models import Exists, OuterRef

    from kansrijk.organisations.models import Membership

    care_team = apps.get_model("families", "CareTeamMember")
    case_director = apps.get_model("care", "CaseDirector")
    members = care_team.objects.current().filter(
        family_id=glass.family_id, professional=OuterRef("pk")
    )
    recorded = case_director.objects.current().filter(
        family_id=glass.family_id, professional=OuterRef("pk")
    )
    rows = list(
        Professional.objects.filter(is_active=True)
        .filter(Exists(members) | Exists(recorded))
        .annotate(
            recorded=Exists(recorded),
            marked=Exists(members.filter(role_in_family__icontains=CASE_DIRECTOR_ROLE)),
            on_team=Exists(members),
        )
        .values_list("pk", "recorded", "marked", "on_team")
    )
    team = (
        {pk for pk, is_recorded, _marked, _on_team in rows if is_recorded}
        or {pk for pk, _recorded, marked, _on_team in rows if marked}
        or {pk for pk, _recorded, _marked, on_team in rows if on_team}
    )
    coordinators = set(
        Membership.objects.current()
        .filter(coalition_id=glass.coalition_id, is_coordinator=True, professional__is_active=True)
        .values_list("professional_id", flat=True)
    )
    return team - {glass.user_id}, coordinators - team - {glass.user_id}


def break_the_glass_notify(*, glass, organisation: str = "") -> list:
    """Tell the case director and the coordinators, in the caller's transaction.

    The text names the family only by its reference and gives the reason from the list,
    not the free-text explanation: that may hold family data, and coordinators see it on
    the review page, where reading it is logged.
    """
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from kansrijk.core.models import Notification

    team, coordinators = _break_the_glass_recipients(glass=glass)
    who = glass.user.get_full_name() or glass.user.username
    if organisation:
        who = f"{who} ({organisation})"
    # Stored once for several readers, so in the source language.
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "who": who,
            "reference": glass.family.reference,
            "reason": glass.get_reason_display(),
        }
        team_text = (
            _(
                "%(who)s heeft noodtoegang gestart tot gezin %(reference)s "
                "(reden: %(reason)s). In het toegangsrapport zie je wat er is ingezien."
            )
            % values
        )
        coordinator_text = (
            _(
                "%(who)s heeft noodtoegang gestart tot gezin %(reference)s "
                "(reden: %(reason)s). Beoordeel deze noodtoegang."
            )
            % values
        )
    team_link = reverse("access:family_access_report", args=[glass.family_id])
    review_link = reverse("access:break_the_glass_review")
    notifications = [
        Notification(
            recipient_id=pk, coalition_id=glass.coalition_id, text=team_text, link=team_link
        )
        for pk in sorted(team)
    ] + [
        Notification(
            recipient_id=pk,
            coalition_id=glass.coalition_id,
            text=coordinator_text,
            link=review_link,
        )
        for pk in sorted(coordinators)
    ]
    return Notification.objects.bulk_create(notifications)


@transaction.atomic
def break_the_glass_open(
    *, user: Professional, family_pk: int, reason: str, explanation: str, request=None
):
    """Start emergency access, log it and report it, all in one transaction.

    Refuses (`BreakTheGlassNotNeeded`) when the professional already sees the family on an
    ordinary ground; otherwise the rules of `break_the_glass_start` apply ("not found" for
    anyone who may not break the glass). The start is logged in the NEN 7513 log as a read
    on the break-the-glass ground: from now on the family's reference is shown to them.
    """
    from django.utils.translation import gettext as _

    from kansrijk.organisations.models import Membership

    from .models import AccessEvent
    from .policy import families_visible_to, get_family_for_user

    if families_visible_to(user).filter(pk=family_pk).exists():
        raise BreakTheGlassNotNeeded
    glass = break_the_glass_start(
        user=user, family_pk=family_pk, reason=reason, explanation=explanation, request=request
    )
    get_family_for_user(
        user,
        glass.family_id,
        AccessEvent.Action.READ,
        request=request,
        detail=_("Noodtoegang gestart"),
    )
    membership = (
        Membership.objects.current()
        .filter(professional=user, coalition_id=glass.coalition_id, is_professional=True)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    break_the_glass_notify(
        glass=glass, organisation=membership.organisation.name if membership else ""
    )
    return glass


@transaction.atomic
def break_the_glass_review(
    *, reviewer: Professional, coalition, glass_pk: int, note: str, request=None
):
    """A coordinator marks an emergency access of their coalition as reviewed, with a note.

    The row is locked: two coordinators reviewing at once give one review, and the second
    gets a clear message instead of overwriting the first.
    """
    from django.core.exceptions import ValidationError
    from django.shortcuts import get_object_or_404
    from django.utils.translation import gettext as _

    from .models import BreakTheGlass

    glass = get_object_or_404(
        BreakTheGlass.objects.select_for_update().filter(coalition=coalition), pk=glass_pk
    )
    if glass.reviewed_at is not None:
        raise ValidationError(_("Deze noodtoegang is al beoordeeld."))
    glass.reviewed_at = timezone.now()
    glass.reviewed_by = reviewer
    glass.review_note = note.strip()
    glass.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    audit_record(
        actor=reviewer,
        action=AuditEvent.Action.UPDATE,
        obj=glass,
        coalition=coalition,
        summary=f"Noodtoegang van {glass.user.username} beoordeeld door {reviewer.username}",
        request=request,
    )
    return glass
