"""Test data and plumbing for the API contract test (kansrijk/tests/test_contract_api.py).

`seed_contract_world` fills the database with one realistic row behind every path parameter
of the API: a family of the cast's first coalition with a household, a pregnancy, a
screening with a route (and so a task), a proposed handover, a plan with a concern and a
goal, a referral, an MDO series with a meeting and an agenda item, a business case, a
financing year and a social map. `real_path_parameters` gives, for one path template of the
schema, the ids of those rows, so that generated requests reach real objects and not only
"not found".
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.core import signals
from django.db import close_old_connections
from django.utils import timezone

from kansrijk.access.services import api_token_create
from kansrijk.families.models import Family
from kansrijk.families.services import pregnancy_add
from kansrijk.testing.actors import Cast
from kansrijk.testing.families import make_family

# The actors whose tokens the contract test sends: a care-team professional (the case
# director) sees family files; the coordinator, the analyst and the administrator reach the
# coalition-wide endpoints; a professional of another coalition gets "not found" and
# "forbidden" answers, whose bodies are part of the contract as well.
CONTRACT_ACTORS = [
    "case_director",
    "coordinator",
    "analyst",
    "administrator",
    "other_coalition_professional",
]


@dataclass
class ContractWorld:
    cast: Cast
    family: Family
    tokens: dict[str, str] = field(default_factory=dict)
    # Path template prefix (without the API prefix) -> parameter name -> a real value.
    ids: dict[str, dict[str, object]] = field(default_factory=dict)

    def authorization(self, actor: str) -> dict[str, str]:
        return {"Authorization": f"Token {self.tokens[actor]}"}


def _seed_family_file(cast: Cast, family: Family) -> dict[str, object]:
    from kansrijk.care.services_handovers import handover_propose
    from kansrijk.care.services_plan import concern_add, goal_add
    from kansrijk.signaling.services import assessment_record, route_choose
    from kansrijk.testing.socialmap_referrals import family_member

    person = family_member(family, born=date(1998, 3, 2))
    pregnancy = pregnancy_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={"due_date": timezone.localdate(), "gravidity": 1, "parity": 0},
    )
    assessment = assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key="professioneel-oordeel",
        answers={"niveau": "potentially_vulnerable", "reden": "Weinig steun in de buurt."},
    )
    route_choose(
        actor=cast.case_director, family_pk=family.pk, assessment_pk=assessment.pk, route=2
    )
    handover = handover_propose(
        actor=cast.case_director,
        family_pk=family.pk,
        summary="Graag overnemen na de bevalling.",
        to_professional=cast.care_team_member,
    )
    concern = concern_add(actor=cast.case_director, family_pk=family.pk, text="Schulden")
    concern_add(actor=cast.case_director, family_pk=family.pk, text="Slecht slapen")
    goal = goal_add(
        actor=cast.case_director,
        family_pk=family.pk,
        text="Rust in mijn hoofd",
        dimension="mental_wellbeing",
    )
    return {
        "id": family.pk,
        "member_pk": family.care_team_members.get(professional=cast.care_team_member).pk,
        "handover_pk": handover.pk,
        "concern_pk": concern.pk,
        "goal_pk": goal.pk,
        "task_pk": family.tasks.filter(status="open").first().pk,
        "person_pk": person.pk,
        "pregnancy_pk": pregnancy.pk,
        "assessment_pk": assessment.pk,
    }


def _seed_map_maintenance(cast: Cast, organization) -> dict[str, dict[str, object]]:
    """A delegated editor of the map's provider, and a care path whose step has one of its
    services (kansrijk/socialmap/api_maintenance.py, api_paths.py)."""
    from kansrijk.testing.socialmap_maintenance import delegate
    from kansrijk.testing.socialmap_paths import make_path

    service = organization.services.first()
    editor = delegate(organization, cast.care_team_member, by=cast.coordinator)
    path = make_path(cast.coalition, steps=[("Aanmelden", [service])])
    step = path.steps.get()
    return {
        "socialmap/maintenance/organizations": {"id": organization.pk, "editor_pk": editor.pk},
        "socialmap/maintenance/services": {"id": service.pk},
        "care-paths": {"id": path.pk, "step_pk": step.pk, "link_pk": step.services.get().pk},
    }


def _seed_management(cast: Cast) -> dict[str, dict[str, object]]:
    """An organisation of the coalition with an account working there, its sign-on provider,
    and a token of the case director (the management API, kansrijk/organisations/api_admin_*.py
    and kansrijk/access/api_admin_oidc.py, api_tokens.py). Rows of their own, so that the
    generated writes (deactivating, resetting a password, revoking) never touch the actors or
    the tokens the contract test signs in with."""
    from kansrijk.testing.factories import MembershipFactory, OrganisationFactory
    from kansrijk.testing.oidc_provider import make_provider

    organisation = OrganisationFactory(name="Contract Kraamzorg", coalitions=[cast.coalition])
    membership = MembershipFactory(organisation=organisation, coalition=cast.coalition)
    token, _key = api_token_create(professional=cast.case_director, name="contract-intrekken")
    return {
        "admin/organisations": {"id": organisation.pk},
        "admin/memberships": {"id": membership.pk},
        "admin/professionals": {"id": membership.professional_id},
        "admin/oidc-providers": {"id": make_provider(organisation).pk},
        "me/tokens": {"id": token.pk},
    }


def _seed_operations(cast: Cast) -> dict[str, dict[str, object]]:
    """A failed task and a failed mail of the coalition, for "opnieuw proberen"
    (kansrijk/organisations/api_admin_operations.py)."""
    from kansrijk.testing.operations import failed_mail, failed_task

    return {
        "admin/operations/tasks": {"id": str(failed_task().pk)},
        "admin/operations/mails": {"id": failed_mail(cast.coalition).pk},
    }


def seed_contract_world(cast: Cast) -> ContractWorld:
    from kansrijk.organisations.models import Municipality
    from kansrijk.testing.financing import make_business_case, make_year
    from kansrijk.testing.landscape import make_agreement, make_central_point, make_partnership
    from kansrijk.testing.mdo import consent_to_named_discussion, make_series, plan_meeting, submit
    from kansrijk.testing.socialmap_hsds import make_full_map
    from kansrijk.testing.socialmap_referrals import make_receiving_side, send_referral

    family = make_family(cast)
    world = ContractWorld(cast=cast, family=family)
    world.ids["families"] = _seed_family_file(cast, family)

    side = make_receiving_side(cast)
    referral = send_referral(cast, family, side.service)
    world.ids["referrals"] = {"id": referral.pk, "action": "accept"}
    organization = make_full_map(cast.coalition)
    world.ids["socialmap/services"] = {"id": organization.services.first().pk}
    world.ids["socialmap/organizations"] = {"id": organization.pk}
    world.ids["socialmap/locations"] = {"id": organization.locations.first().pk}
    world.ids.update(_seed_map_maintenance(cast, organization))

    consent_to_named_discussion(cast, family)
    series = make_series(cast)
    meeting = plan_meeting(cast, series)
    item = submit(cast, family, meeting)
    world.ids["mdo/series"] = {"id": series.pk}
    world.ids["mdo/meetings"] = {"id": meeting.pk, "item_pk": item.pk}

    year = timezone.localdate().year
    make_year(cast.coalition, year=year)
    case = make_business_case(cast.coalition, cast.coordinator, start_year=year)
    world.ids["financing/business-cases"] = {"id": case.pk}
    world.ids["financing/years"] = {"year": year}
    world.ids["instruments"] = {"key": "r4u-kansrijk"}
    world.ids["fhir/Questionnaire"] = {"key": "r4u-kansrijk"}
    world.ids["fhir/QuestionnaireResponse"] = {"id": family.assessments.get().pk}
    world.ids["klantroute/afspraken"] = {"id": make_agreement(cast.coalition).pk}
    world.ids["regio/landschap/samenwerkingsverbanden"] = {
        "id": make_partnership(cast.coalition.region).pk
    }
    world.ids["regio/landschap/meldpunten"] = {
        "id": make_central_point(Municipality.objects.get(coalition=cast.coalition)).pk
    }

    # A year's figures, an insurer's exception and a compensation route (api_rules_more).
    from kansrijk.testing.financing import make_compensation, make_exception

    world.ids["financing/year-figures"] = {
        "id": cast.coalition.financing_years.get(year=year).pk,
    }
    world.ids["financing/insurer-exceptions"] = {"id": make_exception(cast.coalition).pk}
    world.ids["financing/compensation-routes"] = {
        "id": make_compensation(
            cast.coalition, Municipality.objects.get(coalition=cast.coalition)
        ).pk
    }

    # The standing participant of the series (api_manage: removing one).
    world.ids["mdo/series/{id}/participants"] = {
        "id": series.pk,
        "participant_pk": series.participants.first().pk,
    }
    # A family's consents (api_lifecycle): withdrawing one for a purpose of the seeded family.
    world.ids["families/{id}/consents"] = {"id": family.pk, "purpose": "monitoring"}
    # The client's invitation to Mijn gezin (portal api_invite: revoking it), and her question
    # about an access to the file (portal api_questions: reading and answering it).
    from kansrijk.access.models import AccessEvent
    from kansrijk.portal.models import AccessQuestion
    from kansrijk.testing.portal import make_account

    account = make_account(
        family.persons.get(pk=world.ids["families"]["person_pk"]),
        cast.case_director,
        email="anna@example.org",
    )
    world.ids["families/{id}/portal-invitations"] = {"id": family.pk, "account": account.pk}
    world.ids["access-questions"] = {
        "id": AccessQuestion.objects.create(
            account=account,
            family=family,
            coalition=family.coalition,
            access_event_id=AccessEvent.objects.filter(family=family).latest("id").pk,
            access_summary="2 maart 2027 10:15 · Regisseur · heeft in jullie dossier gekeken",
            message="Wie is dit?",
        ).pk
    }
    # A notification of the case director (api_notifications: marking it read).
    from kansrijk.core.models import Notification

    world.ids["notifications"] = {
        "id": Notification.objects.create(
            recipient=cast.case_director, coalition=cast.coalition, text="Nieuwe overdracht."
        ).pk
    }
    # A route step of the coalition, and a (default) chain moment's code (api_config).
    from kansrijk.care.models import DEFAULT_CHAIN_MOMENTS
    from kansrijk.signaling.services import route_step_save

    world.ids["route-steps"] = {
        "step_pk": route_step_save(
            actor=cast.coordinator,
            coalition=cast.coalition,
            step_pk=None,
            data={"route": 2, "title": "Huisbezoek", "owner_kind": "decider", "due_days": 5},
        ).pk
    }
    world.ids["chain-moments"] = {"code": DEFAULT_CHAIN_MOMENTS[0].code}
    # An indicator's code, a published document and a trusted publisher of the region
    # (monitoring's api_definitions and api_federation).
    from kansrijk.monitoring import indicators as monitoring_indicators
    from kansrijk.monitoring.federation import signing
    from kansrijk.monitoring.models import PublishedDocument, TrustedPublisher
    from kansrijk.testing.monitoring_federation import sample_document

    world.ids["monitoring/definitions"] = {"code": monitoring_indicators.indicators()[0].code}
    world.ids["monitoring/federation/publications"] = {
        "id": PublishedDocument.objects.create(
            coalition=cast.coalition,
            period="2026-Q3",
            version=1,
            document=sample_document(),
            signature="test",
            published_by=cast.coordinator,
        ).pk
    }
    world.ids["monitoring/federation/publishers"] = {
        "id": TrustedPublisher.objects.create(
            region=cast.coalition.region,
            publisher="test.example/coalities/99",
            public_key=signing.public_key_text(),
        ).pk
    }

    # An emergency access to review, and an open erasure request of a throwaway family
    # (api_privacy, api_erasure): confirming it also needs the reference typed over.
    from kansrijk.testing.privacy import seed_privacy_ids

    world.ids.update(seed_privacy_ids(cast, family))

    world.ids.update(_seed_management(cast))
    world.ids.update(_seed_operations(cast))

    for actor in CONTRACT_ACTORS:
        _token, key = api_token_create(professional=getattr(cast, actor), name="contracttest")
        world.tokens[actor] = key
    return world


_API_PREFIX = re.compile(r"^/api/v1/")


def real_path_parameters(world: ContractWorld, path: str) -> dict[str, object]:
    """The seeded ids for the path template `path` (as in the schema), longest prefix first."""
    relative = _API_PREFIX.sub("", path)
    for prefix in sorted(world.ids, key=len, reverse=True):
        if relative.startswith(prefix + "/"):
            return dict(world.ids[prefix])
    return {}


@contextmanager
def in_process_requests() -> Iterator[None]:
    """Serve WSGI requests inside the test's transaction, as Django's test client does.

    Django's handler closes "old" database connections when a request starts and ends; inside
    a test transaction that would close the test's connection and lose its data, so the
    test client disconnects that receiver while it runs, and so does this.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
