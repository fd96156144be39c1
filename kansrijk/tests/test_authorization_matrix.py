"""Every URL of the project, for every actor, gives exactly the outcome the policy allows.

The matrix below has one row per named URL pattern. A URL without a row fails
`test_every_url_has_a_row`, so nothing new can slip in unguarded. Outcomes are status codes,
or LOGIN for "sent to the login page". Paths are built from the row's kwargs, which are
computed from the shared cast (kansrijk/testing/actors.py) and one family of the first
coalition with the case director and the care-team member on its care team.

Besides the cast there are two break-the-glass actors: professionals of the first coalition
off the care team, one with emergency access to the family that is still running and one
whose access has expired.
"""

from datetime import timedelta
from importlib import import_module

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kansrijk.access.models import BreakTheGlass
from kansrijk.access.services import api_token_create
from kansrijk.families.models import ConsentPurpose, Family
from kansrijk.families.services import consent_record, pregnancy_add
from kansrijk.signaling.services import (
    assessment_record,
    assessment_start,
    route_choose,
    route_step_save,
)
from kansrijk.testing.actors import Cast, logged_in_client
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory, TOTPDeviceFactory
from kansrijk.testing.families import make_family
from kansrijk.testing.matrix import (
    ACTORS,
    CARE_TEAM,
    FAMILY_ACTORS,
    LOGIN,
    Row,
    World,
    everyone,
    family_only,
    only,
    with_family_defaults,
)
from kansrijk.testing.portal import make_account, make_client_person, portal_client


def _organisation_of_coalition(world: World) -> dict:
    return {"pk": world.cast.case_director.memberships.get().organisation_id}


def _membership_in_coalition(world: World) -> dict:
    return {"pk": world.cast.case_director.memberships.get().pk}


def _professional_in_coalition(world: World) -> dict:
    return {"pk": world.cast.case_director.pk}


def _token_of_case_director(world: World) -> dict:
    token, _key = api_token_create(professional=world.cast.case_director, name="koppeling")
    return {"pk": token.pk}


def _family(world: World) -> dict:
    return {"pk": world.family.pk}


def _person(world: World) -> dict:
    person = world.family.persons.create(
        coalition=world.family.coalition, role="client", first_name="Anna", last_name="Test"
    )
    return {"pk": world.family.pk, "person_pk": person.pk}


def _pregnancy(world: World) -> dict:
    """An open pregnancy, so that its birth can still be recorded."""
    pregnancy = pregnancy_add(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        data={"due_date": timezone.localdate(), "gravidity": 1, "parity": 0},
    )
    return {"pk": world.family.pk, "preg_pk": pregnancy.pk}


def _consent_in_force(world: World) -> dict:
    """Withdrawing asks for confirmation only while consent is in force."""
    consent_record(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        purpose=ConsentPurpose.MONITORING,
        given=True,
        method="verbal",
    )
    return {"pk": world.family.pk, "purpose": ConsentPurpose.MONITORING.value}


def _current_member(world: World) -> dict:
    member = world.family.care_team_members.get(professional=world.cast.care_team_member)
    return {"pk": world.family.pk, "member_pk": member.pk}


def _final_assessment(world: World) -> dict:
    """A finished professional judgement (route not chosen yet) of the family."""
    assessment = assessment_record(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        instrument_key="professioneel-oordeel",
        answers={"niveau": "potentially_vulnerable", "reden": "Weinig steun in de buurt."},
    )
    return {"pk": world.family.pk, "assessment_pk": assessment.pk}


def _draft_assessment(world: World) -> dict:
    draft = assessment_start(
        actor=world.cast.case_director, family_pk=world.family.pk, instrument_key="r4u-kansrijk"
    )
    return {"pk": world.family.pk, "assessment_pk": draft.pk}


def _route_step(world: World) -> dict:
    step = route_step_save(
        actor=world.cast.coordinator,
        coalition=world.cast.coalition,
        step_pk=None,
        data={"route": 2, "title": "Kennismaken", "owner_kind": "decider", "due_days": 5},
    )
    return {"step_pk": step.pk}


def _open_task(world: World) -> dict:
    """A route-2 next step of the family (route chosen by the case director)."""
    _final = _final_assessment(world)
    route_choose(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        assessment_pk=_final["assessment_pk"],
        route=2,
    )
    task = world.family.tasks.filter(status="open").first()
    return {"pk": world.family.pk, "task_pk": task.pk}


def _handover_to_outsider(world: World) -> dict:
    """A handover of the family to the outsider by name: the receiver, off the care team."""
    from kansrijk.care.services_handovers import handover_propose

    handover = handover_propose(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        summary="Graag overnemen na de bevalling.",
        to_professional=world.cast.outsider,
    )
    return {"handover_pk": handover.pk}


def _proposed_handover(world: World) -> dict:
    return {"pk": world.family.pk, **_handover_to_outsider(world)}


def _accepted_handover(world: World) -> dict:
    """Proposed by the case director, accepted by the care-team member (both on the team)."""
    from kansrijk.care.services_handovers import handover_accept, handover_propose

    handover = handover_propose(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        summary="Graag de kraamperiode overnemen.",
        to_professional=world.cast.care_team_member,
    )
    handover_accept(actor=world.cast.care_team_member, handover_pk=handover.pk)
    return {"pk": world.family.pk, "handover_pk": handover.pk}


def _plan_concern(world: World) -> dict:
    """A concern of the family's plan, with another below it (so it can move down)."""
    from kansrijk.care.services_plan import concern_add

    concern = concern_add(
        actor=world.cast.case_director, family_pk=world.family.pk, text="Schulden"
    )
    concern_add(actor=world.cast.case_director, family_pk=world.family.pk, text="Slecht slapen")
    return {"pk": world.family.pk, "concern_pk": concern.pk}


def _plan_goal(world: World) -> dict:
    from kansrijk.care.services_plan import goal_add

    goal = goal_add(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        text="Rust in mijn hoofd",
        dimension="mental_wellbeing",
    )
    return {"pk": world.family.pk, "goal_pk": goal.pk}


def _safety_plan_grant(world: World) -> dict:
    """The care-team member may see the safety plan; only the case director can revoke it."""
    from kansrijk.care.services_plan import safety_plan_grant

    grant = safety_plan_grant(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        professional=world.cast.care_team_member,
    )
    return {"pk": world.family.pk, "grant_pk": grant.pk}


def _break_the_glass(world: World) -> dict:
    glass = BreakTheGlass.objects.get(user=world.actors["break_the_glass"])
    return {"pk": glass.pk}


def _api_care_ended_member(world: World) -> dict:
    """A care-team membership that ended today, of a professional outside the cast: ending it
    again is refused the same way for everyone who may see the family."""
    from kansrijk.families.services import care_team_member_add, care_team_member_end

    professional = ProfessionalFactory(username="gestopt")
    MembershipFactory(
        professional=professional,
        coalition=world.cast.coalition,
        organisation=world.cast.case_director.memberships.get().organisation,
    )
    member = care_team_member_add(
        actor=world.cast.case_director, family_pk=world.family.pk, professional=professional
    )
    care_team_member_end(actor=world.cast.case_director, member_pk=member.pk)
    return {"pk": world.family.pk, "member_pk": member.pk}


def _api_plan_done_once() -> dict[str, object]:
    """A one-time action: the case director (first in `ACTORS`) does it; later it is done."""
    return {"care_team_member": 400, "break_the_glass": 400}


EXTRA_ROW_MODULES = (
    "kansrijk.mdo.tests.matrix_agenda",
    "kansrijk.mdo.tests.matrix_meeting",
    "kansrijk.mdo.tests.matrix_api",
    "kansrijk.socialmap.tests.matrix_search",
    "kansrijk.socialmap.tests.matrix_maintenance",
    "kansrijk.socialmap.tests.matrix_paths",
    "kansrijk.socialmap.tests.matrix_referrals",
    "kansrijk.socialmap.tests.matrix_api",
    "kansrijk.socialmap.tests.matrix_hsds_transfer",
    "kansrijk.financing.tests.matrix_rules",
    "kansrijk.financing.tests.matrix_family",
    "kansrijk.financing.tests.matrix_kraamzorg",
    "kansrijk.financing.tests.matrix_business",
    "kansrijk.monitoring.tests.matrix_dashboard",
    "kansrijk.monitoring.tests.matrix_federation",
    "kansrijk.monitoring.tests.matrix_api",
    "kansrijk.landscape.tests.matrix_klantroute",
    "kansrijk.landscape.tests.matrix_agreements",
    "kansrijk.landscape.tests.matrix_landscape",
    "kansrijk.landscape.tests.matrix_api",
    "kansrijk.interop.tests.matrix_fhir_export",
    "kansrijk.interop.tests.matrix_fhir_screening",
    "kansrijk.interop.tests.matrix_webhooks",
    "kansrijk.portal.tests.matrix_login",
    "kansrijk.portal.tests.matrix_plan",
    "kansrijk.portal.tests.matrix_choices",
    "kansrijk.access.tests.matrix_sessions",
    "kansrijk.interop.tests.matrix_webhooks_api",
    "kansrijk.financing.tests.matrix_rules_api",
    "kansrijk.landscape.tests.matrix_api_write",
    "kansrijk.core.tests.matrix_api_notifications",
    "kansrijk.families.tests.matrix_api_lifecycle",
    "kansrijk.families.tests.matrix_api_people",
    "kansrijk.interop.tests.matrix_fhir_read",
    "kansrijk.organisations.tests.matrix_municipalities_api",
    "kansrijk.mdo.tests.matrix_series_api",
    "kansrijk.core.tests.matrix_tasks",
    "kansrijk.access.tests.matrix_oidc",
    "kansrijk.financing.tests.matrix_rules_api_more",
    "kansrijk.interop.tests.matrix_inzage",
    "kansrijk.mdo.tests.matrix_mdo_api_more",
    "kansrijk.organisations.tests.matrix_coalition_settings",
    "kansrijk.worklist.tests.matrix_api_actions",
    "kansrijk.financing.tests.matrix_api_kraamzorg_write",
    "kansrijk.mdo.tests.matrix_api_meeting_write",
    "kansrijk.signaling.tests.matrix_api_config",
    "kansrijk.care.tests.matrix_api_config",
    "kansrijk.worklist.tests.matrix_api_config",
    "kansrijk.socialmap.tests.matrix_api_maintenance",
    "kansrijk.access.tests.matrix_api_privacy",
    "kansrijk.interop.tests.matrix_api_erasure",
    "kansrijk.organisations.tests.matrix_api_admin",
    "kansrijk.access.tests.matrix_api_admin",
    "kansrijk.financing.tests.matrix_api_years",
    "kansrijk.signaling.tests.matrix_api_overview",
    "kansrijk.socialmap.tests.matrix_api_referral_overview",
    "kansrijk.mdo.tests.matrix_api_overview",
    "kansrijk.monitoring.tests.matrix_api_federation",
    "kansrijk.care.tests.matrix_picker",
    "kansrijk.families.tests.matrix_api_timeline",
    "kansrijk.signaling.tests.matrix_api_drafts",
    "kansrijk.portal.tests.matrix_api_portal",
    "kansrijk.mdo.tests.matrix_api_submit",
    "kansrijk.organisations.tests.matrix_api_operations",
)

MATRIX: dict[str, Row] = {
    "core:home": Row(everyone(200)),
    # The login pages are public; a logged-in professional is sent on to the start page.
    "access:login": Row(everyone(302, anonymous=200)),
    "access:login_verify": Row(everyone(302, anonymous=302)),
    "access:totp_setup": Row(everyone(302, anonymous=302)),
    "access:logout": Row(everyone(302, anonymous=302), method="post"),
    "access:account": Row(everyone(200)),
    "access:password_change": Row(everyone(200)),
    # Only the owner can revoke a token; to anyone else it does not exist.
    "access:api_token_revoke": Row(
        everyone(404, case_director=200), kwargs=_token_of_case_director
    ),
    "organisations:switch_coalition": Row(
        everyone(302, anonymous=LOGIN), method="post", data={"coalition": "0"}
    ),
    "set_language": Row(everyone(302, anonymous=302), method="post", data={"language": "en"}),
    "healthz": Row(everyone(200, anonymous=200)),
    # The API answers 401 instead of redirecting.
    "api:schema": Row(everyone(200, anonymous=401)),
    "api:docs": Row(everyone(200, anonymous=LOGIN)),
    "api:me": Row(everyone(200, anonymous=401)),
    # Management ("Beheer"): coordinators manage their coalition's organisations and
    # memberships; administrators manage accounts; both see the administrative audit trail.
    "organisations:manage": Row(only(["coordinator", "administrator"])),
    "organisations:audit_trail": Row(only(["coordinator", "administrator"])),
    # Shows a temporary password once; with none waiting it sends managers back to Beheer.
    "organisations:temporary_password": Row(only(["coordinator", "administrator"], 302)),
    "organisations:organisation_list": Row(only(["coordinator"])),
    "organisations:organisation_create": Row(only(["coordinator"])),
    "organisations:organisation_edit": Row(
        only(["coordinator"]), kwargs=_organisation_of_coalition
    ),
    "organisations:organisation_status": Row(
        only(["coordinator"]), kwargs=_organisation_of_coalition
    ),
    "organisations:membership_list": Row(only(["coordinator"])),
    "organisations:membership_add": Row(only(["coordinator"])),
    "organisations:membership_edit": Row(only(["coordinator"]), kwargs=_membership_in_coalition),
    "organisations:membership_end": Row(only(["coordinator"]), kwargs=_membership_in_coalition),
    "organisations:professional_list": Row(only(["administrator"])),
    "organisations:professional_create": Row(only(["administrator"])),
    "organisations:professional_detail": Row(
        only(["administrator"]), kwargs=_professional_in_coalition
    ),
    "organisations:professional_status": Row(
        only(["administrator"]), kwargs=_professional_in_coalition
    ),
    "organisations:professional_password": Row(
        only(["administrator"]), kwargs=_professional_in_coalition
    ),
    "organisations:professional_second_factor": Row(
        only(["administrator"]), kwargs=_professional_in_coalition
    ),
    # Families. The list shows everyone only their own families (an empty list is no
    # refusal); only professionals open a file. A file is seen by its care team and, while it
    # runs, by someone who broke the glass; to everyone else it does not exist.
    "families:list": Row(everyone(200)),
    "families:create": Row(
        everyone(200, coordinator=403, analyst=403, administrator=403),
    ),
    "families:detail": Row(family_only(), kwargs=_family),
    "families:edit": Row(family_only(), kwargs=_family),
    "families:history": Row(family_only(), kwargs=_family),
    "families:close": Row(family_only(), kwargs=_family),
    # The family is open, so "reopen" sends those with access back to the file.
    "families:reopen": Row(family_only(outcome=302), kwargs=_family),
    "families:person_add": Row(family_only(), kwargs=_family),
    "families:person_edit": Row(family_only(), kwargs=_person),
    "families:pregnancy_add": Row(family_only(), kwargs=_family),
    "families:pregnancy_edit": Row(family_only(), kwargs=_pregnancy),
    "families:birth_record": Row(family_only(), kwargs=_pregnancy),
    "families:consent": Row(family_only(), kwargs=_family),
    "families:consent_withdraw": Row(family_only(), kwargs=_consent_in_force),
    "families:care_team": Row(family_only(), kwargs=_family),
    "families:care_team_end": Row(family_only(), kwargs=_current_member),
    "families:timeline": Row(family_only(), kwargs=_family),
    # Break-the-glass: a professional of the family's coalition off its care team may start
    # it (an expired access may be renewed); those who already have access are sent to the
    # file; to everyone else the family does not exist.
    "access:break_the_glass": Row(
        {
            **family_only(["outsider", "break_the_glass_expired"]),
            **dict.fromkeys([*CARE_TEAM, "break_the_glass"], 302),
        },
        kwargs=_family,
    ),
    # Searching by reference works in one's own coalition; managers have no emergency access.
    "access:break_the_glass_search": Row(
        everyone(200, coordinator=403, analyst=403, administrator=403)
    ),
    # Who looked at this file: the care team only.
    "access:family_access_report": Row(family_only(CARE_TEAM), kwargs=_family),
    "access:log_search": Row(only(["coordinator"])),
    "access:break_the_glass_review": Row(only(["coordinator"])),
    "access:break_the_glass_review_mark": Row(
        only(["coordinator"], 302), method="post", kwargs=_break_the_glass
    ),
    "core:notifications": Row(everyone(200)),
    # The families API: the same policy, with 401 instead of a login page.
    "api:family_list": Row(everyone(200, anonymous=401)),
    "api:family_detail": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:family_access_log": Row({**family_only(CARE_TEAM), "anonymous": 401}, kwargs=_family),
    # Signaling API: a family's assessments follow the family's policy; an instrument's
    # definition (no family data) is for everyone working in a coalition.
    "api:assessment_list": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    # A ground passes the policy; the matrix's form-encoded body is then refused (JSON only).
    "api:assessment_route": Row(
        {**family_only(outcome=415), "anonymous": 401}, method="post", kwargs=_final_assessment
    ),
    "api:instrument_list": Row(everyone(200, anonymous=401)),
    "api:instrument_detail": Row(
        everyone(200, anonymous=401), kwargs=lambda world: {"key": "r4u-kansrijk"}
    ),
    # API: care team, casusregie and handovers (issue 7).
    # The family's policy, with 401 instead of a login page. The receiver of a handover (the
    # outsider, named) reads it and answers it before joining the care team. Ending a
    # membership that already ended and a warm contact without its fields are refused (400)
    # for everyone who may act. Accepting, declining and withdrawing really act: the first
    # actor allowed changes the handover, those after them hold a stale version (409).
    "api:care_team": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:care_team_member_end": Row(
        {**family_only(outcome=400), "anonymous": 401},
        method="post",
        kwargs=_api_care_ended_member,
    ),
    "api:case_director": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:handover_list": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:handover_detail": Row(
        {**family_only([*CARE_TEAM, "break_the_glass", "outsider"]), "anonymous": 401},
        kwargs=_proposed_handover,
    ),
    "api:handover_accept": Row(
        {
            **family_only(["outsider"]),
            **dict.fromkeys(CARE_TEAM, 400),
            "break_the_glass": 409,
            "anonymous": 401,
        },
        method="post",
        kwargs=_proposed_handover,
        data={"version": "1"},
    ),
    "api:handover_decline": Row(
        {
            **family_only(["outsider"]),
            **dict.fromkeys(CARE_TEAM, 400),
            "break_the_glass": 409,
            "anonymous": 401,
        },
        method="post",
        kwargs=_proposed_handover,
        data={"version": "1", "reason": "Geen plek in deze wijk."},
    ),
    "api:handover_complete": Row(
        {**family_only(outcome=400), "anonymous": 401},
        method="post",
        kwargs=_accepted_handover,
        data={"version": "2"},
    ),
    "api:handover_cancel": Row(
        {
            **family_only(["case_director"]),
            "care_team_member": 409,
            "break_the_glass": 409,
            "anonymous": 401,
        },
        method="post",
        kwargs=_proposed_handover,
        data={"version": "1"},
    ),
    "api:handovers_incoming": Row(
        everyone(200, anonymous=401, coordinator=403, analyst=403, administrator=403)
    ),
    # Signaling: a family's assessments and routes follow the family's policy; a form post
    # without valid input gets the form back (autosave: its status line, 200).
    "signaling:family": Row(family_only(), kwargs=_family),
    "signaling:assessment": Row(family_only(), kwargs=_final_assessment),
    "signaling:autosave": Row(family_only(), method="post", kwargs=_draft_assessment),
    "signaling:route": Row(family_only(outcome=400), method="post", kwargs=_final_assessment),
    "signaling:discard": Row(family_only(), kwargs=_draft_assessment),
    "care:task_complete": Row(family_only(outcome=302), method="post", kwargs=_open_task),
    # Handovers and casusregie follow the family's policy. The receiver of a handover (here
    # the outsider, named) reaches its page, accept and decline before joining the care team;
    # others who may see the family are sent to its handovers; to everyone else it does not
    # exist. Completing is for the sender and the acceptor, withdrawing for the sender.
    "care:handovers": Row(family_only(), kwargs=_family),
    "care:case_director": Row(family_only(), kwargs=_family),
    "care:handover_complete": Row(
        {**family_only(CARE_TEAM), "break_the_glass": 302}, kwargs=_accepted_handover
    ),
    "care:handover_cancel": Row(
        {**family_only(["case_director"]), "care_team_member": 302, "break_the_glass": 302},
        kwargs=_proposed_handover,
    ),
    "care:handovers_incoming": Row(everyone(200, coordinator=403, analyst=403, administrator=403)),
    "care:handover_incoming": Row(
        {**family_only(["outsider"]), **dict.fromkeys([*CARE_TEAM, "break_the_glass"], 302)},
        kwargs=_handover_to_outsider,
    ),
    "care:handover_accept": Row(
        family_only(["outsider", *CARE_TEAM, "break_the_glass"], outcome=302),
        method="post",
        kwargs=_handover_to_outsider,
        data={"version": "1"},
    ),
    "care:handover_decline": Row(
        {**family_only(["outsider"]), **dict.fromkeys([*CARE_TEAM, "break_the_glass"], 302)},
        kwargs=_handover_to_outsider,
    ),
    "care:chain_moments": Row(only(["coordinator"])),
    "care:chain_moment_add": Row(only(["coordinator"])),
    "care:chain_moment_edit": Row(
        only(["coordinator"]), kwargs=lambda world: {"code": "casusregie"}
    ),
    # The care plan follows the family's policy; a form post that changes the plan sends
    # back to it. The safety plan is for the case director (and whom they grant it) only.
    "care:plan": Row(family_only(), kwargs=_family),
    "care:plan_edit": Row(family_only(), kwargs=_family),
    "care:plan_history": Row(family_only(), kwargs=_family),
    "care:plan_discussed": Row(family_only(), kwargs=_family),
    "care:plan_print": Row(family_only(), kwargs=_family),
    "care:concern_add": Row(family_only(), kwargs=_family),
    "care:concern_move": Row(
        family_only(outcome=302), method="post", kwargs=_plan_concern, data={"richting": "omlaag"}
    ),
    "care:concern_resolve": Row(family_only(outcome=302), method="post", kwargs=_plan_concern),
    "care:goal_add": Row(family_only(), kwargs=_family),
    "care:goal_edit": Row(family_only(), kwargs=_plan_goal),
    "care:goal_close": Row(family_only(), kwargs=_plan_goal),
    "care:score_add": Row(family_only(), kwargs=_family),
    "care:action_add": Row(family_only(), kwargs=_family),
    "care:safety_plan": Row(family_only(["case_director"]), kwargs=_family),
    "care:safety_grants": Row(family_only(["case_director"]), kwargs=_family),
    "care:safety_grant_revoke": Row(
        family_only(["case_director"], outcome=302), method="post", kwargs=_safety_plan_grant
    ),
    # Aggregates for coordinators and analysts; coalition settings for coordinators; an
    # instrument's definition (no family data) for everyone working in a coalition.
    "signaling:overview": Row(only(["coordinator", "analyst"])),
    "signaling:instrument_detail": Row(
        everyone(200), kwargs=lambda world: {"key": "r4u-kansrijk", "version": 1}
    ),
    "signaling:instruments": Row(only(["coordinator"])),
    "signaling:route_steps": Row(only(["coordinator"])),
    "signaling:route_step_add": Row(only(["coordinator"])),
    "signaling:route_step_edit": Row(only(["coordinator"]), kwargs=_route_step),
    # The work queue: a professional sees the signals of their own families (an empty queue
    # is no refusal), a coordinator the coalition's without names; analysts and
    # administrators have none. "My tasks" is for professionals, the thresholds for
    # coordinators. An action on a signal follows the family's policy and sends back.
    "worklist:queue": Row(everyone(200, analyst=403, administrator=403)),
    "worklist:my_tasks": Row(everyone(200, coordinator=403, analyst=403, administrator=403)),
    "worklist:signal_settings": Row(only(["coordinator"])),
    "worklist:plan_jgz_contact": Row(family_only(outcome=302), method="post", kwargs=_family),
    "worklist:record_aftercare": Row(family_only(outcome=302), method="post", kwargs=_family),
    # API: plan, goals, tasks and chain signals (issue 7).
    # Every family endpoint follows the family's policy (404 without a ground, 401 for
    # anonymous); a post without valid input gets 400. Resolving a concern and completing a
    # task work once: the first with access does it, after that it is already done (400).
    "api:plan": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:plan_history": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:plan_discussed": Row(
        {**family_only(outcome=400), "anonymous": 401}, method="post", kwargs=_family
    ),
    "api:concern_list": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:concern_move": Row(
        {**family_only(), "anonymous": 401},
        method="post",
        kwargs=_plan_concern,
        data={"direction": "down"},
    ),
    "api:concern_resolve": Row(
        {**family_only(), "anonymous": 401, **_api_plan_done_once()},
        method="post",
        kwargs=_plan_concern,
    ),
    "api:goal_list": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:goal_detail": Row({**family_only(), "anonymous": 401}, kwargs=_plan_goal),
    "api:goal_close": Row(
        {**family_only(outcome=400), "anonymous": 401}, method="post", kwargs=_plan_goal
    ),
    "api:health_score_list": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:task_list": Row({**family_only(), "anonymous": 401}, kwargs=_family),
    "api:task_complete": Row(
        {**family_only(), "anonymous": 401, **_api_plan_done_once()},
        method="post",
        kwargs=_open_task,
    ),
    # "My tasks" is for professionals (an empty list is no refusal); the work queue for
    # professionals and coordinators, as their pages.
    "api:my_tasks": Row(
        everyone(200, anonymous=401, coordinator=403, analyst=403, administrator=403)
    ),
    "api:chain_signals": Row(everyone(200, anonymous=401, analyst=403, administrator=403)),
    # Django admin: none of the cast is staff; admin sends them to its (our) login.
    "admin:index": Row(everyone(302, anonymous=302)),
}

# Rows kept beside the app whose URLs they cover (one module each, so that work on several
# apps never edits the same lines).
for module in EXTRA_ROW_MODULES:
    MATRIX.update(import_module(module).ROWS)

# Django admin guards every one of its views with `admin_site.admin_view`; its index stands
# for all of them.
COVERED_BY_PREFIX = ("admin:",)


def _named_patterns(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _named_patterns(pattern, namespace)
        elif isinstance(pattern, URLPattern):
            names.add(f"{prefix}{pattern.name or pattern.pattern}")
    return names


def test_every_url_has_a_row():
    missing = {
        name
        for name in _named_patterns()
        if name not in MATRIX and not name.startswith(COVERED_BY_PREFIX)
    }
    assert not missing, f"URLs without a row in the authorization matrix: {sorted(missing)}"
    stale = set(MATRIX) - _named_patterns()
    assert not stale, f"Rows for URLs that no longer exist: {sorted(stale)}"


def _glass_actor(cast: Cast, family: Family, username: str, *, hours_left: int):
    """A professional of the family's coalition, off its care team, with emergency access."""
    professional = ProfessionalFactory(username=username)
    MembershipFactory(
        professional=professional,
        coalition=cast.coalition,
        organisation=cast.outsider.memberships.get().organisation,
    )
    TOTPDeviceFactory(user=professional)
    now = timezone.now()
    BreakTheGlass.objects.create(
        user=professional,
        family=family,
        coalition=cast.coalition,
        reason="acute_care",
        explanation="Acute situatie, zorgteam niet bereikbaar.",
        started_at=now - timedelta(hours=3) + timedelta(hours=hours_left),
        expires_at=now + timedelta(hours=hours_left),
    )
    return professional


@pytest.fixture
def world(cast) -> World:
    family = make_family(cast)
    actors = cast.all()
    actors["break_the_glass"] = _glass_actor(cast, family, "noodtoegang", hours_left=2)
    actors["break_the_glass_expired"] = _glass_actor(cast, family, "verlopen", hours_left=-1)
    actors["family_member"] = make_account(
        make_client_person(family, cast.case_director), cast.case_director
    )
    other_family = make_family(cast)
    actors["other_family_member"] = make_account(
        make_client_person(
            other_family, cast.case_director, first_name="Noor", email="noor@example.org"
        ),
        cast.case_director,
    )
    return World(cast=cast, family=family, actors=actors)


def _client_for(actor: str, world: World) -> Client:
    if actor == "anonymous":
        return Client()
    if actor in FAMILY_ACTORS:
        return portal_client(world.actors[actor])
    return logged_in_client(world.actors[actor])


def _outcome(response) -> object:
    if response.status_code == 302 and "/inloggen/?next=" in response.get("Location", ""):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_actor_gets_exactly_what_the_policy_allows(url_name, world):
    row = MATRIX[url_name]
    path = reverse(url_name, kwargs=row.kwargs(world))
    outcomes = {}
    for actor in ACTORS:
        client = _client_for(actor, world)
        response = getattr(client, row.method)(path, data=row.data, headers=row.headers)
        outcomes[actor] = _outcome(response)
    assert outcomes == with_family_defaults(row.expect)
