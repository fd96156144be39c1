"""Which coalition and municipality an API call about a coalition is for: the monitoring
figures, the klantroute and landscape (kansrijk.landscape), for coordinators and analysts,
and the coalition's configuration (kansrijk.families.api_coalition_config), for
coordinators. Someone in one such coalition needs not name it; someone in several names it with
`?coalition=`; another coalition's id is "not found"."""

from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from kansrijk.organisations.models import Membership, Municipality


def reader_coalitions(user) -> set[int]:
    """The coalitions in which `user` coordinates or analyses now (one query)."""
    return set(
        Membership.objects.current()
        .filter(professional=user)
        .filter(Q(is_coordinator=True) | Q(is_analyst=True))
        .values_list("coalition_id", flat=True)
    )


def chosen_coalition(request, allowed: set[int]) -> int:
    """The id of the coalition the call is for, out of `allowed`."""
    asked = request.query_params.get("coalition", "")
    if asked:
        if not (asked.isascii() and asked.isdigit()) or int(asked) not in allowed:
            raise exceptions.NotFound(_("Deze coalitie bestaat niet voor jou."))
        return int(asked)
    if len(allowed) > 1:
        raise serializers.ValidationError(
            {"coalition": [_("Je werkt in meer dan één coalitie: geef de coalitie op.")]}
        )
    return next(iter(allowed))


def chosen_municipality(request, coalition) -> Municipality | None:
    """The municipality of `coalition` named by `?municipality=` (CBS code or id), if any."""
    asked = request.query_params.get("municipality", "").strip()
    if not asked:
        return None
    municipalities = Municipality.objects.filter(coalition=coalition)
    found = (
        municipalities.filter(pk=int(asked)).first()
        if asked.isascii() and asked.isdigit() and len(asked) < 10
        else municipalities.filter(cbs_code=asked.upper()).first()
    )
    if found is None:
        raise serializers.ValidationError(
            {"municipality": [_("Deze gemeente hoort niet bij je coalitie.")]}
        )
    return found
