"""Telling professionals what a family member did in the portal: a core `Notification`, in
the service's transaction. The text names the family by its reference only (see
`Notification`); the link leads to a page that applies the access policy."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import translation

from kansrijk.care.models import CaseDirector
from kansrijk.core.models import Notification
from kansrijk.organisations.models import Membership


def case_director_ids(family) -> list[int]:
    return list(
        CaseDirector.objects.current()
        .filter(family=family)
        .values_list("professional_id", flat=True)
    )


def coordinator_ids(coalition_id: int) -> list[int]:
    return list(
        Membership.objects.current()
        .filter(coalition_id=coalition_id, is_coordinator=True)
        .values_list("professional_id", flat=True)
        .distinct()
    )


def notify(recipients: Iterable[int], *, family, text, link: str) -> list[Notification]:
    """One notification per recipient. `text` is a lazy or %-formatted string built inside
    `source_language()`: stored once for several readers, so in the source language."""
    return Notification.objects.bulk_create(
        Notification(
            recipient_id=pk, coalition_id=family.coalition_id, text=str(text)[:500], link=link
        )
        for pk in sorted(set(recipients))
    )


def source_language():
    return translation.override(settings.LANGUAGE_CODE)
