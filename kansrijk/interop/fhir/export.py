"""The family file as a FHIR R4 Bundle (issue 12): pure building, no queries.

`build_bundle(file, now=...)` turns a `FamilyFile` (loaded by `export_data`) into a Bundle
as a plain dict; `api_export` validates it with the fhir.resources R4B models and returns it.

The Bundle is of type "collection": a set of resources exported together, for another
system to read. It is not a "document": that would need a Composition as first entry,
attested by an author, with every entry reachable from it, and a signature for its use as
a legal document; the file is a working record, not an attested document.

Every entry's `fullUrl` is `urn:uuid:` + a UUID derived from the row (`identifiers`), and
every reference between entries uses that URL, so references resolve inside the bundle.
The BSN is added to Patient and RelatedPerson only when `file.include_bsn` (decided by the
view from the caller's ground of access).
"""

import uuid
from datetime import datetime

from kansrijk.families.models import PersonRole
from kansrijk.signaling.instruments import registry
from kansrijk.signaling.levels import Level, Route

from .export_parts import (
    care_plan_resource,
    care_team_resource,
    consent_resource,
    episode_of_care_resource,
    goal_resource,
    handover_task_resource,
    organisation_resource,
    person_resource,
    practitioner_resource,
    practitioner_role_resource,
    questionnaire_response_resource,
    referral_resource,
    vulnerability_observation,
)
from .identifiers import URI_SYSTEM, full_url, questionnaire_url, resource_id
from .screening import build_questionnaire
from .screening_stored import FAMILY_MEMBER_AUTHOR

__all__ = ["build_bundle"]


def _entry(kind: str, pk, resource: dict) -> dict:
    resource = {**resource, "id": resource_id(kind, pk)}
    return {"fullUrl": full_url(kind, pk), "resource": resource}


class _Entries:
    """The bundle's entries, each row once (a practitioner is referenced from many places)."""

    def __init__(self) -> None:
        self.items: dict[str, dict] = {}

    def add(self, kind: str, pk, build) -> dict:
        url = full_url(kind, pk)
        if url not in self.items:
            self.items[url] = _entry(kind, pk, build())
        return {"reference": url}


def build_bundle(file, *, now: datetime) -> dict:
    """The Bundle (type "collection") of `file`, as a dict ready for validation."""
    entries = _Entries()
    family = file.family
    people = _people(file)
    subject = people["subject"]

    def practitioner(professional) -> dict:
        return entries.add(
            "practitioner", professional.pk, lambda: practitioner_resource(professional)
        )

    def organisation(organisation) -> dict:
        return entries.add(
            "organization", organisation.pk, lambda: organisation_resource(organisation)
        )

    roles = []
    for member in file.care_team:
        membership = member.membership
        org_ref = organisation(membership.organisation) if membership else None
        prac_ref = practitioner(member.professional)
        roles.append(
            (
                member,
                entries.add(
                    "care-team-member",
                    member.pk,
                    lambda m=member, p=prac_ref, o=org_ref: practitioner_role_resource(m, p, o),
                ),
                org_ref,
            )
        )
    case_director_ref = None
    if file.case_director is not None:
        case_director_ref = practitioner(file.case_director.professional)
    team_ref = entries.add(
        "care-team",
        family.pk,
        lambda: care_team_resource(
            family,
            subject,
            roles,
            file.case_director.professional_id if file.case_director else None,
        ),
    )
    if subject is not None:
        entries.add(
            "episode-of-care",
            family.pk,
            lambda: episode_of_care_resource(family, subject, team_ref, case_director_ref),
        )

    responses = {}
    for assessment in file.assessments:
        url = questionnaire_url(assessment.instrument_key)
        entries.add(
            "questionnaire",
            f"{assessment.instrument_key}-{assessment.instrument_version}",
            lambda a=assessment, u=url: _questionnaire(a, u),
        )
        responses[assessment.pk] = entries.add(
            "assessment",
            assessment.pk,
            lambda a=assessment, u=url: questionnaire_response_resource(
                a,
                u,
                subject,
                practitioner(a.recorded_by) if a.recorded_by_id else FAMILY_MEMBER_AUTHOR,
            ),
        )
    latest = next((a for a in file.assessments if a.status == "final"), None)
    if latest is not None or file.route_decision is not None:
        key = latest.pk if latest is not None else f"route-{file.route_decision.pk}"
        entries.add(
            "vulnerability",
            key,
            lambda: vulnerability_observation(
                latest,
                file.route_decision,
                subject,
                responses.get(latest.pk) if latest else None,
                practitioner(latest.recorded_by) if latest else None,
                level_label=_label(Level, latest.level if latest else None),
                route_label=_label(Route, getattr(file.route_decision, "route", None)),
            ),
        )

    if subject is not None:
        goal_refs = [
            entries.add("goal", goal.pk, lambda g=goal: goal_resource(g, subject))
            for goal in file.goals
        ]
        if file.care_plan is not None or goal_refs:
            plan_pk = file.care_plan.pk if file.care_plan else f"family-{family.pk}"
            entries.add(
                "care-plan",
                plan_pk,
                lambda: care_plan_resource(family, file.care_plan, subject, goal_refs, team_ref),
            )
        for referral in file.referrals:
            person_ref = people["by_pk"].get(referral.person_id)
            entries.add(
                "referral",
                referral.pk,
                lambda r=referral, p=person_ref: referral_resource(
                    r,
                    {"reference": p["reference"]} if p and p["type"] == "Patient" else subject,
                    practitioner(r.sent_by),
                    organisation(r.receiving_organisation),
                ),
            )
        for handover in file.handovers:
            owner = None
            if handover.to_professional_id:
                owner = practitioner(handover.to_professional)
            elif handover.to_organisation_id:
                owner = organisation(handover.to_organisation)
            entries.add(
                "handover",
                handover.pk,
                lambda h=handover, o=owner: handover_task_resource(
                    h, subject, practitioner(h.from_professional), o
                ),
            )
        for consent in file.consents:
            entries.add("consent", consent.pk, lambda c=consent: consent_resource(c, subject))

    ordered = [*people["entries"], *entries.items.values()]
    # Each export is its own snapshot of the file: a new identifier every time (the entries'
    # ids, in contrast, stay the same for the same rows).
    bundle_id = str(uuid.uuid4())
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "identifier": {"system": URI_SYSTEM, "value": f"urn:uuid:{bundle_id}"},
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": ordered,
    }


def _label(choices, value) -> str:
    if value in (None, ""):
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _questionnaire(assessment, url: str) -> dict:
    """The published instrument version the answers were given to, as the screening endpoint
    serves it (`screening.build_questionnaire`); a version no longer shipped is named only."""
    try:
        instrument = registry.get_instrument(
            assessment.instrument_key, assessment.instrument_version
        )
    except LookupError:
        return {
            "resourceType": "Questionnaire",
            "url": url,
            "version": str(assessment.instrument_version),
            "title": assessment.instrument_key,
            "status": "retired",
        }
    latest = registry.get_instrument(assessment.instrument_key)
    return build_questionnaire(instrument, latest=latest.version == instrument.version)


def _people(file) -> dict:
    """Patient for the client and each child, RelatedPerson for the partner and the others.

    The subject of the file (EpisodeOfCare, CarePlan, ...) is the client, or without one
    the first child; a family without either has no subject and exports its persons only.
    """
    persons = file.persons
    patients = [p for p in persons if p.role in (PersonRole.CLIENT, PersonRole.CHILD)]
    client = next((p for p in patients if p.role == PersonRole.CLIENT), None)
    subject_person = client or (patients[0] if patients else None)
    subject = {"reference": full_url("person", subject_person.pk)} if subject_person else None
    built, by_pk = [], {}
    for person in persons:
        is_patient = person in patients
        if not is_patient and subject is None:
            continue
        resource = person_resource(
            person, subject=None if is_patient else subject, include_bsn=file.include_bsn
        )
        built.append(_entry("person", person.pk, resource))
        by_pk[person.pk] = {
            "reference": full_url("person", person.pk),
            "type": resource["resourceType"],
        }
    return {"subject": subject, "entries": built, "by_pk": by_pk}
