"""The family file: household, persons, pregnancies, care team, consent and history.

Every row carries the `coalition` of its family, so that the data can be sharded by
coalition later (DESIGN.md section 2). Writes go through `kansrijk.families.services`;
reads of family data through `kansrijk.access.policy`.
"""

from .care_team import CareTeamMember, CareTeamMemberQuerySet
from .consent import Consent, ConsentMethod, ConsentPurpose, ConsentQuerySet
from .family import (
    Family,
    FamilyQuerySet,
    FamilyStatus,
    FamilyVersion,
    InsuranceKind,
)
from .persons import ContactPreference, Person, PersonRole, Pregnancy, PregnancyOutcome
from .timeline import TimelineEvent, TimelineKind, register_timeline_kind, timeline_kinds

__all__ = [
    "CareTeamMember",
    "CareTeamMemberQuerySet",
    "Consent",
    "ConsentMethod",
    "ConsentPurpose",
    "ConsentQuerySet",
    "ContactPreference",
    "Family",
    "FamilyQuerySet",
    "FamilyStatus",
    "FamilyVersion",
    "InsuranceKind",
    "Person",
    "PersonRole",
    "Pregnancy",
    "PregnancyOutcome",
    "TimelineEvent",
    "TimelineKind",
    "register_timeline_kind",
    "timeline_kinds",
]
