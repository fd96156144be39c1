"""A need source (see `kansrijk/care/needs.py`): the needs the family's latest assessment shows.

The newest *final* assessment (by assessment date, as the file shows it) counts; a draft
says nothing yet, and an older assessment is superseded by the newer one. Every domain of
its stored result (`instruments.Result.as_dict()`: `domains` with `key` and `level`) whose
level is above "none" gives a need: by default the need of the domain (`DOMAIN_NEEDS`).
Some domains hold items that point at a different need (the R4U family situation asks about
unsafety, housing and support); each answer that drove the domain's level (the result's
`drivers`) gives the need of its item (`ITEM_NEEDS`) or else the domain's default.

Domains that answer no need (the professional judgement's single "oordeel" domain) give
nothing: the level alone does not say what the family needs.

One query: the newest final assessment's result. Instrument titles come from the loaded
instrument files (in memory).
"""

from django.utils.translation import gettext as _

from kansrijk.care.needs import Need
from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader, read_now

from . import instruments as registry
from .instruments import t
from .levels import Level
from .models import Assessment, AssessmentStatus, RouteDecision

# R4U-kansrijk's domains (instruments/data/r4u-kansrijk/v1.yaml).
DOMAIN_NEEDS: dict[str, tuple[str, ...]] = {
    "gezinssituatie": (Need.SOCIAL_NETWORK,),
    "werk_en_inkomen": (Need.FINANCES,),
    "communicatie_en_opleiding": (Need.LANGUAGE,),
    "leefstijl": (Need.SUBSTANCE_USE,),
    "vorige_zwangerschappen": (Need.MEDICAL,),
    "huidige_zwangerschap": (Need.MEDICAL,),
    "mentaal_welzijn": (Need.MENTAL_HEALTH,),
    "hechting_en_ouderschap": (Need.PARENTING,),
}

# Items whose answer points at another need than their domain's.
ITEM_NEEDS: dict[str, tuple[str, ...]] = {
    "gs_onveilig_thuis": (Need.SAFETY,),
    "gs_woonsituatie": (Need.HOUSING,),
    "gs_steun": (Need.SOCIAL_NETWORK,),
    "gs_partner_steun": (Need.SOCIAL_NETWORK,),
    "lf_voeding_beweging": (Need.MEDICAL,),
    # A new pregnancy within 18 months, or an unwanted one: family planning (Nu Niet Zwanger).
    "vz_kort_geleden": (Need.CONTRACEPTION,),
    "hz_gewenst": (Need.CONTRACEPTION,),
    "vz_kinderbescherming": (Need.PARENTING,),
}


def _domain_title(instrument_key: str, version: int, domain_key: str) -> str:
    try:
        return t(registry.get_instrument(instrument_key, version).domain(domain_key).title)
    except (LookupError, KeyError):
        return domain_key


# Compiled once (`CompiledQuery`): the family file reads it on every visit.
_LATEST_FINAL = CompiledQuery(
    lambda: (
        Assessment.objects.filter(family_id=Slot("family"), status=AssessmentStatus.FINAL)
        .order_by("-assessed_on", "-id")
        .values("instrument_key", "instrument_version", "result")[:1]
    )
)


def assessment_needs(family) -> dict[str, list[str]]:
    """{need: ["signalering: domein Werk en inkomen", ...]} from the newest final assessment."""
    return read_now(assessment_needs_reads(family))


def assessment_needs_reads(family) -> Reader:
    """A reader (`kansrijk.core.together`) of `assessment_needs`: the need source."""
    latest = yield from _LATEST_FINAL.reads_first(family=family.pk)
    result = (latest or {}).get("result") or {}
    drivers: dict[str, list[str]] = {}
    for driver in result.get("drivers", ()):
        if driver.get("weight", 0) > 0 or driver.get("sets_level") not in (None, Level.NONE):
            drivers.setdefault(driver.get("domain_key"), []).append(driver.get("item_key"))
    found: dict[str, list[str]] = {}
    for domain in result.get("domains", ()):
        key = domain.get("key")
        if key not in DOMAIN_NEEDS or domain.get("level", Level.NONE) == Level.NONE:
            continue
        items = drivers.get(key) or [None]
        needs = [n for item in items for n in ITEM_NEEDS.get(item, DOMAIN_NEEDS[key])]
        reason = _("signalering: domein %(domain)s") % {
            "domain": _domain_title(latest["instrument_key"], latest["instrument_version"], key)
        }
        for need in dict.fromkeys(needs):
            found.setdefault(need, []).append(reason)
    return found


def current_route_subquery(family_pk):
    """The family's current route (its newest route decision) as a one-column subquery."""
    return (
        RouteDecision.objects.filter(family_id=family_pk)
        .order_by("-decided_at", "-id")
        .values("route")[:1]
    )
