"""Helpers for every page that shows or changes one family, in this app and the apps above.

A page that shows a family fetches it with `family_for_page`, which asks the access policy
and writes the NEN 7513 read event (404 without a ground). A form post fetches it without a
read event (`family_for_form`): the service it calls logs the write, or the refusal.
"""

from django.core.exceptions import ValidationError

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user

from .models import Family
from .selectors import visible_family


def active_coalition(request):
    active = getattr(request, "active", None)
    return active.coalition if active is not None else None


def family_for_page(request, pk: int, *, detail: str = "") -> Family:
    """The family for a page that shows it (logs a read); 404 without access."""
    return get_family_for_user(
        request.user,
        pk,
        AccessEvent.Action.READ,
        request=request,
        coalition=active_coalition(request),
        detail=detail,
    )


ACTIVE = object()  # the request's active coalition (pages); the API passes None: any of yours


def family_for_write(
    request, pk, *, action: str = AccessEvent.Action.UPDATE, coalition=ACTIVE
) -> Family:
    """The family a write is about, without a read event: the write service logs the write.

    Call it before the service. Without a ground it logs the refused attempt and answers 404
    here, outside the service's transaction: a refusal raised inside that transaction would
    be rolled back together with its access event (NEN 7513 logs refusals too).
    """
    if coalition is ACTIVE:
        coalition = active_coalition(request)
    family = visible_family(request.user, pk, coalition=coalition, for_change=True)
    if family is None:
        # Not visible: this logs the refused attempt and raises Http404.
        get_family_for_user(request.user, pk, action, request=request, coalition=coalition)
    return family


def family_for_form(request, pk: int, *, detail: str = "") -> Family:
    """On GET a logged read; on POST the family without a read event (the service logs).

    Without access the refused attempt is logged and the answer is 404.
    """
    if request.method == "POST":
        return family_for_write(request, pk)
    return family_for_page(request, pk, detail=detail)


def add_service_errors(forms, error: ValidationError) -> None:
    """Put a service's errors next to the field of whichever form has it."""
    if not hasattr(error, "error_dict"):
        forms[0].add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = next((form for form in forms if field in form.fields), None)
        if target is None:
            forms[0].add_error(None, errors)
        else:
            target.add_error(field, errors)
