"""One builder per FHIR resource of the family export (`export.build_bundle`).

Each takes rows already loaded and the references it needs, and returns the resource as a
dict without `id` (the bundle sets it). Texts meant for people are Dutch (gettext).
"""

from django.utils.translation import gettext as _

from kansrijk.care.models import GoalStatus, HandoverStatus
from kansrijk.families.models import PersonRole
from kansrijk.socialmap.models import ReferralStatus, Urgency

from .identifiers import BSN_SYSTEM, code_system, identifier
from .screening_stored import build_response

V3_ROLE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
V3_ACT = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
LOINC = "http://loinc.org"


def _coding(system: str, code: str, display: str = "") -> dict:
    coding = {"system": system, "code": str(code)}
    if display:
        coding["display"] = str(display)
    return coding


def _concept(system: str, code: str, display: str = "") -> dict:
    concept = {"coding": [_coding(system, code, display)]}
    if display:
        concept["text"] = str(display)
    return concept


def _text(value) -> dict:
    return {"text": str(value)}


def _human_name(first: str, last: str) -> dict:
    name = {"text": f"{first} {last}".strip()}
    if last:
        name["family"] = last
    if first:
        name["given"] = [first]
    return name


def _telecom(phone: str = "", email: str = "") -> list[dict]:
    telecom = []
    if phone:
        telecom.append({"system": "phone", "value": phone})
    if email:
        telecom.append({"system": "email", "value": email})
    return telecom


def _period(start=None, end=None) -> dict:
    period = {}
    if start is not None:
        period["start"] = start.isoformat()
    if end is not None:
        period["end"] = end.isoformat()
    return period


# --- People and organisations ---------------------------------------------------------------

RELATIONSHIPS = {
    PersonRole.PARTNER: ("SIGOTHR", "significant other"),
    PersonRole.OTHER: ("FAMMEMB", "family member"),
}


def person_resource(person, *, subject: dict | None, include_bsn: bool) -> dict:
    """Patient (client, child: `subject` None) or RelatedPerson of `subject` (the others)."""
    identifiers = [identifier("person", person.pk)]
    if include_bsn and person.bsn:
        identifiers.append({"system": BSN_SYSTEM, "value": person.bsn})
    resource = {
        "resourceType": "Patient" if subject is None else "RelatedPerson",
        "identifier": identifiers,
        "active": True,
        "name": [_human_name(person.first_name, person.last_name)],
    }
    telecom = _telecom(person.phone, person.email)
    if telecom:
        resource["telecom"] = telecom
    if person.date_of_birth:
        resource["birthDate"] = person.date_of_birth.isoformat()
    if subject is not None:
        resource["patient"] = subject
        code, display = RELATIONSHIPS.get(person.role, RELATIONSHIPS[PersonRole.OTHER])
        resource["relationship"] = [
            {"coding": [_coding(V3_ROLE, code, display)], "text": person.get_role_display()}
        ]
    return resource


def practitioner_resource(professional) -> dict:
    return {
        "resourceType": "Practitioner",
        "identifier": [identifier("practitioner", professional.pk)],
        "active": professional.is_active,
        "name": [_human_name(professional.first_name, professional.last_name or "")]
        if (professional.first_name or professional.last_name)
        else [{"text": professional.username}],
    }


def organisation_resource(organisation) -> dict:
    resource = {
        "resourceType": "Organization",
        "identifier": [identifier("organization", organisation.pk)],
        "active": organisation.is_active,
        "name": organisation.name,
        "type": [
            _concept(
                code_system("organisation-kind"),
                organisation.kind,
                organisation.get_kind_display(),
            )
        ],
    }
    telecom = _telecom(organisation.phone, organisation.email)
    if telecom:
        resource["telecom"] = telecom
    return resource


def practitioner_role_resource(member, practitioner: dict, organisation: dict | None) -> dict:
    """A care-team member: the professional for an organisation in a discipline."""
    membership = member.membership
    resource = {
        "resourceType": "PractitionerRole",
        "identifier": [identifier("care-team-member", member.pk)],
        "active": member.is_current,
        "period": _period(member.start_date, member.end_date),
        "practitioner": practitioner,
    }
    if organisation is not None:
        resource["organization"] = organisation
    if membership is not None:
        resource["code"] = [
            _concept(
                code_system("discipline"),
                membership.discipline,
                membership.get_discipline_display(),
            )
        ]
    telecom = _telecom(member.phone or (membership.phone if membership else ""))
    if telecom:
        resource["telecom"] = telecom
    return resource


def care_team_resource(family, subject, roles, case_director_pk: int | None) -> dict:
    """The current care team: every member with their role at this family; the case
    director's participation carries the role "casusregisseur" as a coding."""
    participants = []
    for member, role_ref, organisation in roles:
        participant = {"member": role_ref, "period": _period(member.start_date, member.end_date)}
        role = {}
        if member.professional_id == case_director_pk:
            role["coding"] = [
                _coding(code_system("care-team-role"), "casusregisseur", _("Casusregisseur"))
            ]
        if member.role_in_family:
            role["text"] = member.role_in_family
        if role:
            participant["role"] = [role]
        if organisation is not None:
            participant["onBehalfOf"] = organisation
        participants.append(participant)
    resource = {
        "resourceType": "CareTeam",
        "identifier": [identifier("care-team", family.pk)],
        "status": "active" if family.is_open else "inactive",
        "name": _("Zorgteam van gezin %(reference)s") % {"reference": family.reference},
    }
    if subject is not None:
        resource["subject"] = subject
    if participants:
        resource["participant"] = participants
    return resource


def episode_of_care_resource(family, subject, team: dict, case_director: dict | None) -> dict:
    """The family's 1000-day trajectory (de eerste 1000 dagen)."""
    resource = {
        "resourceType": "EpisodeOfCare",
        "identifier": [identifier("family", family.pk)],
        "status": "active" if family.is_open else "finished",
        "type": [
            _concept(
                code_system("trajectory"),
                "kansrijke-start-1000-dagen",
                _("Kansrijke Start: de eerste 1000 dagen"),
            )
        ],
        "patient": subject,
        "period": _period(family.created_at, family.closed_at),
        "team": [team],
    }
    if case_director is not None:
        resource["careManager"] = case_director
    return resource


# --- Signaling -------------------------------------------------------------------------------


def _answer(value) -> dict | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    return {"valueString": str(value)}


def _answer_items(assessment) -> tuple[list[dict], list[dict]]:
    """The answers as the screening endpoint gives them (grouped by domain, typed by the
    instrument: `screening_stored.build_response`), with its level and score extensions;
    for an instrument version no longer shipped, each stored answer under its own key."""
    try:
        shared = build_response(assessment)
    except (LookupError, ValueError, TypeError):
        items = []
        for key, value in sorted((assessment.answers or {}).items()):
            values = value if isinstance(value, list) else [value]
            answers = [a for a in (_answer(v) for v in values) if a is not None]
            if answers:
                items.append({"linkId": str(key), "answer": answers})
        return items, []
    return shared.get("item") or [], shared.get("extension") or []


def questionnaire_response_resource(assessment, url: str, subject, author: dict) -> dict:
    """One assessment: the answers as given, to the instrument's version."""
    items, extensions = _answer_items(assessment)
    resource = {
        "resourceType": "QuestionnaireResponse",
        "identifier": identifier("assessment", assessment.pk),
        "questionnaire": f"{url}|{assessment.instrument_version}",
        "status": "in-progress" if assessment.is_draft else "completed",
        "authored": (assessment.finished_at or assessment.created_at).isoformat(),
        "author": author,
    }
    if extensions:
        resource["extension"] = extensions
    if subject is not None:
        resource["subject"] = subject
    if items:
        resource["item"] = items
    return resource


def vulnerability_observation(
    assessment, route_decision, subject, response, performer, *, level_label, route_label
) -> dict:
    """The latest finished assessment's vulnerability level, with the current route.

    An Observation, not a Condition: the level is the outcome of a screening at a date, not
    a diagnosis (DESIGN.md section 4: a score is never a verdict).
    """
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": [_concept(OBSERVATION_CATEGORY, "survey", "Survey")],
        "code": _concept(
            code_system("observation"),
            "vulnerability-level",
            _("Kwetsbaarheid (Kansrijke Start)"),
        ),
    }
    if subject is not None:
        resource["subject"] = subject
    if assessment is not None:
        resource["identifier"] = [identifier("vulnerability", assessment.pk)]
        resource["effectiveDateTime"] = assessment.assessed_on.isoformat()
        resource["valueCodeableConcept"] = _concept(
            code_system("vulnerability-level"), assessment.level, level_label
        )
        resource["derivedFrom"] = [response]
        resource["performer"] = [performer]
    if route_decision is not None:
        if assessment is None:
            resource["effectiveDateTime"] = route_decision.decided_at.isoformat()
        resource["component"] = [
            {
                "code": _concept(code_system("observation"), "route", _("Route")),
                "valueCodeableConcept": _concept(
                    code_system("route"), route_decision.route, route_label
                ),
            },
            {
                "code": _concept(code_system("observation"), "priority", _("Met voorrang")),
                "valueBoolean": route_decision.priority,
            },
        ]
    return resource


# --- Care ------------------------------------------------------------------------------------

GOAL_STATUS = {
    GoalStatus.OPEN: "active",
    GoalStatus.ACHIEVED: "completed",
    GoalStatus.STOPPED: "cancelled",
}


def goal_resource(goal, subject) -> dict:
    """A goal of the plan, with its Positive Health dimension as category."""
    resource = {
        "resourceType": "Goal",
        "identifier": [identifier("goal", goal.pk)],
        "lifecycleStatus": GOAL_STATUS.get(goal.status, "active"),
        "description": _text(goal.text),
        "subject": subject,
        "startDate": goal.created_at.date().isoformat(),
    }
    if goal.dimension:
        resource["category"] = [
            _concept(
                code_system("positive-health-dimension"),
                goal.dimension,
                goal.get_dimension_display(),
            )
        ]
    if goal.status == GoalStatus.ACHIEVED:
        resource["achievementStatus"] = _concept(
            "http://terminology.hl7.org/CodeSystem/goal-achievement", "achieved", "Achieved"
        )
    if goal.target_date:
        resource["target"] = [{"dueDate": goal.target_date.isoformat()}]
    if goal.closed_at:
        resource["statusDate"] = goal.closed_at.date().isoformat()
    return resource


def care_plan_resource(family, plan, subject, goals: list[dict], team: dict) -> dict:
    """The family's one plan (1Gezin1Plan) with its goals."""
    resource = {
        "resourceType": "CarePlan",
        "status": "active" if family.is_open else "completed",
        "intent": "plan",
        "title": _("Gezinsplan"),
        "subject": subject,
        "careTeam": [team],
    }
    if plan is not None:
        resource["identifier"] = [identifier("care-plan", plan.pk)]
        resource["created"] = plan.created_at.isoformat()
        if plan.support_needed:
            resource["description"] = plan.support_needed
        notes = [
            (_("Wat gaat goed"), plan.strengths),
            (_("Wat doet het gezin zelf"), plan.own_contribution),
            (_("Welke ondersteuning is nodig"), plan.support_needed),
        ]
        resource_notes = [{"text": f"{label}: {text}"} for label, text in notes if text]
        if resource_notes:
            resource["note"] = resource_notes
    if goals:
        resource["goal"] = goals
    return resource


TASK_STATUS = {
    HandoverStatus.PROPOSED: "requested",
    HandoverStatus.ACCEPTED: "accepted",
    HandoverStatus.DECLINED: "rejected",
    HandoverStatus.COMPLETED: "completed",
    HandoverStatus.CANCELLED: "cancelled",
}


def handover_task_resource(handover, subject, requester: dict, owner: dict | None) -> dict:
    """A warm handover (warme overdracht) as a Task for the receiver."""
    resource = {
        "resourceType": "Task",
        "identifier": [identifier("handover", handover.pk)],
        "status": TASK_STATUS.get(handover.status, "requested"),
        "businessStatus": _text(handover.get_status_display()),
        "intent": "order",
        "code": _concept(code_system("handover-kind"), handover.kind, handover.get_kind_display()),
        "description": handover.summary,
        "for": subject,
        "authoredOn": handover.proposed_at.isoformat(),
        "requester": requester,
        "restriction": {"period": {"end": handover.due_date.isoformat()}},
    }
    if owner is not None:
        resource["owner"] = owner
    reason = handover.decline_reason or handover.cancel_reason
    if reason:
        resource["statusReason"] = _text(reason)
    if handover.moment_name:
        resource["reasonCode"] = _text(handover.moment_name)
    return resource


# --- Referrals -------------------------------------------------------------------------------

SERVICE_REQUEST_STATUS = {
    ReferralStatus.SENT: "active",
    ReferralStatus.RECEIVED: "active",
    ReferralStatus.ACCEPTED: "active",
    ReferralStatus.STARTED: "active",
    ReferralStatus.COMPLETED: "completed",
    ReferralStatus.DECLINED: "revoked",
    ReferralStatus.NO_SHOW: "revoked",
    ReferralStatus.WITHDRAWN: "revoked",
}
PRIORITY = {Urgency.NORMAL: "routine", Urgency.SOON: "urgent", Urgency.URGENT: "asap"}


def referral_resource(referral, subject, requester: dict, performer: dict) -> dict:
    """A referral to a service of the social map, answered by the receiving organisation."""
    notes = [{"text": _("Status: %(status)s") % {"status": referral.get_status_display()}}]
    if referral.decline_reason:
        notes.append(
            {"text": _("Reden van afwijzing: %(text)s") % {"text": referral.decline_reason}}
        )
    if referral.outcome:
        notes.append({"text": _("Terugkoppeling: %(text)s") % {"text": referral.outcome}})
    return {
        "resourceType": "ServiceRequest",
        "identifier": [identifier("referral", referral.pk)],
        "status": SERVICE_REQUEST_STATUS.get(referral.status, "unknown"),
        "intent": "order",
        "priority": PRIORITY.get(referral.urgency, "routine"),
        "code": {
            "coding": [
                _coding(
                    code_system("socialmap-service"), referral.service_id, referral.service.name
                )
            ],
            "text": referral.service.name,
        },
        "subject": subject,
        "authoredOn": referral.sent_at.isoformat(),
        "requester": requester,
        "performer": [performer],
        "reasonCode": [_text(referral.reason)],
        "note": notes,
    }


# --- Consent ---------------------------------------------------------------------------------


def consent_resource(consent, subject) -> dict:
    """One recorded decision: "permit" or "deny" for a purpose; inactive once replaced or
    withdrawn."""
    return {
        "resourceType": "Consent",
        "identifier": [identifier("consent", consent.pk)],
        "status": "inactive" if consent.withdrawn_at else "active",
        "scope": _concept(CONSENT_SCOPE, "patient-privacy", "Privacy Consent"),
        "category": [_concept(LOINC, "59284-0", "Patient Consent")],
        "patient": subject,
        "dateTime": consent.recorded_at.isoformat(),
        "policyRule": {
            "coding": [_coding(V3_ACT, "OPTIN" if consent.given else "OPTOUT")],
            "text": consent.get_method_display(),
        },
        "provision": {
            "type": "permit" if consent.given else "deny",
            "purpose": [
                _coding(
                    code_system("consent-purpose"), consent.purpose, consent.get_purpose_display()
                )
            ],
        },
    }
