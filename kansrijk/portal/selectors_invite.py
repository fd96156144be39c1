"""Reads for the professionals' side of the portal: which adults of a family can use "Mijn
gezin", and in what state their invitation is. The family comes from the access policy."""

from dataclasses import dataclass

from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader, read_now
from kansrijk.families.models import Family, Person

from .models import FamilyAccount
from .services_invite import INVITABLE_ROLES, missing_for_invitation


class AccountState:
    NOT_INVITED = "not_invited"
    INVITED = "invited"
    ACTIVE = "active"
    REVOKED = "revoked"


@dataclass
class MemberAccess:
    person: Person
    # The person's newest account (active or revoked), None when never invited.
    account: FamilyAccount | None
    missing: list[str]

    @property
    def state(self) -> str:
        if self.account is None:
            return AccountState.NOT_INVITED
        if self.account.revoked_at is not None:
            return AccountState.REVOKED
        if self.account.activated_at is None:
            return AccountState.INVITED
        return AccountState.ACTIVE

    @property
    def may_invite(self) -> bool:
        return not self.missing and self.state in (
            AccountState.NOT_INVITED,
            AccountState.REVOKED,
            AccountState.INVITED,  # sent again
        )


# Compiled once (`CompiledQuery`): the family file reads it on every visit.
_ACCOUNTS = CompiledQuery(
    lambda: FamilyAccount.objects.filter(family_id=Slot("family")).order_by("-invited_at", "-id")
)


def family_member_access(family: Family, persons: list[Person] | None = None) -> list[MemberAccess]:
    """The client and partner of `family` with their newest account: two queries (one when the
    caller passes the family's `persons`, e.g. prefetched by the file page), whatever the
    number of people and invitations."""
    if persons is None:
        persons = list(family.persons.all())
    return read_now(family_member_access_reads(family, persons))


def family_member_access_reads(family: Family, persons: list[Person]) -> Reader:
    """A reader (`kansrijk.core.together`) of `family_member_access` with the persons."""
    # Always one query, also for a file without adults: the family file costs the same for
    # every family.
    accounts = yield from _ACCOUNTS.reads(family=family.pk)
    adults = [person for person in persons if person.role in INVITABLE_ROLES]
    newest: dict[int, FamilyAccount] = {}
    # Newest first, so the first one seen per person wins.
    for account in accounts:
        newest.setdefault(account.person_id, account)
    return [
        MemberAccess(
            person=person, account=newest.get(person.pk), missing=missing_for_invitation(person)
        )
        for person in sorted(adults, key=lambda p: (p.role != "client", p.first_name, p.pk))
    ]


def family_account_of(family: Family, account_pk: int) -> FamilyAccount | None:
    """An account (invitation) of `family`, with its person; None for any other."""
    accounts = FamilyAccount.objects.filter(pk=account_pk, family=family)
    return accounts.select_related("person").first()
