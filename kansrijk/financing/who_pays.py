"""Who pays for what for one family: the resolution, without the database.

The selector (`selectors_family`) reads the coalition's figures, rules, insurer exceptions
and the municipality's compensation routes into a `FinancingContext`, the family into a
`FamilyProfile`, and what is planned or referred into `Item`s (`build_items`). This module
decides, for every item:

- the kind of care and the rule: a rule for the service itself wins over the rule for its
  kind of care; without a rule, the service's own terms on the social map ("volgens de
  sociale kaart"); without those, "Niet bekend: vraag het na bij de aanbieder";
- the law and payer, whether the eigen risico applies (unless the family's policy has an
  exception "eigen risico geldt niet" for that kind of care), the family's own contribution
  (kraamzorg: chosen hours x amount per hour; a fixed amount; per visit only per visit,
  since nobody knows the number of visits), and whether an indication or referral is needed;
- the insurer exceptions that match: same year (the context holds one year), same kind of
  care, same kind of policy, and the same insurer (case-insensitive) or any insurer when the
  exception names none;
- the municipality's compensation routes, only for items that cost the family something:
  a route for any care or for this kind of care, and routes "alleen voor minima" only for a
  family with a low income;
- one plain-Dutch explanation a professional can read out at the kitchen table.

Amounts are `Decimal`, rounded to cents half up, as on a bill.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from kansrijk.families.models import InsuranceKind
from kansrijk.organisations.models import OrganisationKind
from kansrijk.socialmap.vocabulary import CareKind, Law, OwnCost, Payer

from .models import CompensationKind, ContributionKind, ExceptionEffect

CENT = Decimal("0.01")
# The contribution kind of an item whose map terms name an own contribution without amount.
UNKNOWN_CONTRIBUTION = "unknown"

# The kind of care a chain partner on the care team gives; kinds not listed (the
# municipality, the insurer, "anders") are no care the family gets a bill for.
ORGANISATION_CARE_KIND: dict[str, str] = {
    OrganisationKind.MIDWIFERY: CareKind.VERLOSKUNDIGE_ZORG,
    OrganisationKind.HOSPITAL: CareKind.ZIEKENHUISZORG,
    OrganisationKind.KRAAMZORG: CareKind.KRAAMZORG,
    OrganisationKind.JGZ: CareKind.JGZ,
    OrganisationKind.NEIGHBOURHOOD_TEAM: CareKind.WMO,
    OrganisationKind.GGZ: CareKind.GGZ_VOLWASSENEN,
    OrganisationKind.ADDICTION_CARE: CareKind.VERSLAVINGSZORG,
    OrganisationKind.GP: CareKind.HUISARTS,
    OrganisationKind.WELFARE: CareKind.WELZIJN,
}


class ItemSource:
    CARE_TEAM = "care_team"
    REFERRAL = "referral"
    KRAAMZORG = "kraamzorg"


class Basis:
    """Where the answer comes from."""

    RULE = "rule"  # the coalition's financing rule
    MAP = "map"  # the service's own terms on the social map
    UNKNOWN = "unknown"


def money(amount: Decimal | int | float | str | None) -> str:
    """ "€ 4,20", "€ 1.234,50": Dutch notation, always with cents; "" for None."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"€ {sign}{'.'.join(groups)},{cents}"


# --- The input --------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    """The figures of a `FinancingYear` the family view uses."""

    year: int
    eigen_risico: Decimal | None = None
    eigen_risico_source: str = ""


@dataclass(frozen=True)
class Rule:
    care_kind: str
    law: str
    payer: str
    eigen_risico_applies: bool = False
    contribution_kind: str = ContributionKind.NONE
    contribution_amount: Decimal | None = None
    indication_required: bool = False
    referral_required: bool = False
    interpretation_payer: str = ""
    interpretation_notes: str = ""
    notes: str = ""
    source: str = ""
    service_id: object = None

    @classmethod
    def from_model(cls, rule) -> "Rule":
        return cls(
            care_kind=rule.care_kind,
            law=rule.law,
            payer=rule.payer,
            eigen_risico_applies=rule.eigen_risico_applies,
            contribution_kind=rule.contribution_kind,
            contribution_amount=rule.contribution_amount,
            indication_required=rule.indication_required,
            referral_required=rule.referral_required,
            interpretation_payer=rule.interpretation_payer,
            interpretation_notes=rule.interpretation_notes,
            notes=rule.notes,
            source=rule.source,
            service_id=rule.service_id,
        )


@dataclass(frozen=True)
class InsurerPolicy:
    """An insurer exception: what a policy covers beyond the basic package."""

    insurance_kind: str
    care_kind: str
    effect: str
    insurer: str = ""
    max_amount: Decimal | None = None
    conditions: str = ""
    source: str = ""

    @classmethod
    def from_model(cls, exception) -> "InsurerPolicy":
        return cls(
            insurance_kind=exception.insurance_kind,
            care_kind=exception.care_kind,
            effect=exception.effect,
            insurer=exception.insurer,
            max_amount=exception.max_amount,
            conditions=exception.conditions,
            source=exception.source,
        )

    @property
    def effect_label(self) -> str:
        return str(ExceptionEffect(self.effect).label)

    @property
    def insurer_label(self) -> str:
        return self.insurer or _("Elke verzekeraar")

    def matches(self, profile: "FamilyProfile", care_kind: str | None) -> bool:
        if care_kind is None or self.care_kind != care_kind:
            return False
        if self.insurance_kind != profile.insurance_kind:
            return False
        if not self.insurer.strip():
            return True
        return self.insurer.strip().casefold() == profile.insurer.strip().casefold()


@dataclass(frozen=True)
class Route:
    """A compensation route of the family's municipality."""

    name: str
    kind: str = CompensationKind.OTHER
    care_kinds: tuple[str, ...] = ()
    minima_only: bool = True
    conditions: str = ""
    how_to_apply: str = ""
    contact: str = ""
    source: str = ""

    @classmethod
    def from_model(cls, route) -> "Route":
        return cls(
            name=route.name,
            kind=route.kind,
            care_kinds=tuple(route.care_kinds or ()),
            minima_only=route.minima_only,
            conditions=route.conditions,
            how_to_apply=route.how_to_apply,
            contact=route.contact,
            source=route.source,
        )

    @property
    def kind_label(self) -> str:
        return str(CompensationKind(self.kind).label)

    def fits(self, profile: "FamilyProfile", care_kind: str | None) -> bool:
        if self.minima_only and not profile.low_income:
            return False
        return not self.care_kinds or care_kind in self.care_kinds


@dataclass(frozen=True)
class FinancingContext:
    """The coalition's financing for one year, as far as this family's municipality goes.

    `year` is the year asked for, `figures_year` the year whose figures apply (the latest
    year up to `year` that has any; None when there are none)."""

    year: int
    figures_year: int | None = None
    figures: YearFigures | None = None
    rules_by_kind: Mapping[str, Rule] = field(default_factory=dict)
    rules_by_service: Mapping[object, Rule] = field(default_factory=dict)
    exceptions: tuple[InsurerPolicy, ...] = ()
    routes: tuple[Route, ...] = ()

    @property
    def year_label(self) -> str:
        if self.figures_year is None:
            return _("Voor %(year)s zijn nog geen bedragen ingevoerd.") % {"year": self.year}
        if self.figures_year == self.year:
            return _("Bedragen van %(year)s.") % {"year": self.year}
        return _("Bedragen van %(figures)s: voor %(year)s zijn nog geen cijfers ingevoerd.") % {
            "figures": self.figures_year,
            "year": self.year,
        }

    @property
    def eigen_risico(self) -> Decimal | None:
        return self.figures.eigen_risico if self.figures is not None else None


@dataclass(frozen=True)
class FamilyProfile:
    insurer: str = ""
    insurance_kind: str = InsuranceKind.UNKNOWN
    low_income: bool = False
    interpreter_needed: bool = False
    interpreter_language: str = ""

    @classmethod
    def from_family(cls, family) -> "FamilyProfile":
        return cls(
            insurer=family.health_insurer,
            insurance_kind=family.insurance_kind,
            low_income=family.low_income,
            interpreter_needed=family.interpreter_needed,
            interpreter_language=family.interpreter_language,
        )


@dataclass(frozen=True)
class Item:
    """Something planned or referred for the family."""

    what: str
    source: str
    care_kind: str | None = None
    provider: str = ""
    detail: str = ""
    service_id: object = None
    organisation_id: int | None = None
    # The service's own kansrijk terms on the social map ({"laws": [...], ...}).
    map_terms: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # Kraamzorg: the hours the family intends to take, from the latest calculation, and the
    # year of the birth they fall in.
    hours: int | None = None
    hours_year: int | None = None


# --- Building the items -----------------------------------------------------------------------


@dataclass(frozen=True)
class TeamOrganisation:
    organisation_id: int
    name: str
    kind: str


@dataclass(frozen=True)
class PlannedReferral:
    service_id: object
    service_name: str
    provider: str
    organisation_id: int | None
    status_label: str
    terms: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class KraamzorgHours:
    chosen_hours: int
    year: int


def build_items(
    team: Iterable[TeamOrganisation],
    referrals: Iterable[PlannedReferral],
    kraamzorg: KraamzorgHours | None,
    rules_by_service: Mapping[object, Rule],
) -> list[Item]:
    """The items of a family: one per referred service (newest referral first; a service
    referred twice counts once), one per organisation on the care team that gives care (not
    when a referral to that organisation for the same kind of care is already an item), and
    the kraamzorg hours on the first kraamzorg item, or as an item of their own."""
    referral_items: list[Item] = []
    seen_services = set()
    for referral in referrals:
        if referral.service_id in seen_services:
            continue
        seen_services.add(referral.service_id)
        rule = rules_by_service.get(referral.service_id)
        care_kinds = list(referral.terms.get("care_kinds", ()))
        care_kind = rule.care_kind if rule is not None else (care_kinds[0] if care_kinds else None)
        referral_items.append(
            Item(
                what=referral.service_name,
                source=ItemSource.REFERRAL,
                care_kind=care_kind,
                provider=referral.provider,
                detail=_("Verwijzing: %(status)s") % {"status": referral.status_label.lower()},
                service_id=referral.service_id,
                organisation_id=referral.organisation_id,
                map_terms=referral.terms,
            )
        )
    referred = {(item.organisation_id, item.care_kind) for item in referral_items}
    team_items: list[Item] = []
    seen_organisations = set()
    for member in team:
        care_kind = ORGANISATION_CARE_KIND.get(member.kind)
        if care_kind is None or member.organisation_id in seen_organisations:
            continue
        seen_organisations.add(member.organisation_id)
        if (member.organisation_id, care_kind) in referred:
            continue
        team_items.append(
            Item(
                what=member.name,
                source=ItemSource.CARE_TEAM,
                care_kind=care_kind,
                provider=member.name,
                detail=_("In het zorgteam: %(kind)s") % {"kind": CareKind(care_kind).label},
                organisation_id=member.organisation_id,
            )
        )
    items = team_items + referral_items
    if kraamzorg is not None:
        for index, item in enumerate(items):
            if item.care_kind == CareKind.KRAAMZORG:
                items[index] = replace(
                    item, hours=kraamzorg.chosen_hours, hours_year=kraamzorg.year
                )
                break
        else:
            items.append(
                Item(
                    what=_("Kraamzorg"),
                    source=ItemSource.KRAAMZORG,
                    care_kind=CareKind.KRAAMZORG,
                    detail=_("Uit de kraamzorgberekening"),
                    hours=kraamzorg.chosen_hours,
                    hours_year=kraamzorg.year,
                )
            )
    return items


# --- The answer -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    item: Item
    basis: str
    care_kind: str | None
    law: str  # one law's code; "" when from the map or unknown
    law_label: str
    payer: str  # one payer's code; "" when from the map or unknown
    payer_label: str
    eigen_risico: bool
    eigen_risico_waived: bool  # the family's policy takes it away
    contribution_kind: str
    contribution_amount: Decimal | None  # per hour, per visit or fixed
    contribution_text: str  # "€ 4,20 per uur", "Geen", ...
    own_amount: Decimal | None  # what the contribution comes to, when it can be computed
    covered_amount: Decimal  # of that, what the family's policy pays
    family_amount: Decimal | None  # what is left for the family
    counts_this_year: bool
    indication_required: bool
    referral_required: bool
    exceptions: tuple[InsurerPolicy, ...]
    routes: tuple[Route, ...]
    explanation: str
    notes: str = ""
    source: str = ""
    rule: Rule | None = None

    @property
    def care_kind_label(self) -> str:
        return str(CareKind(self.care_kind).label) if self.care_kind else ""

    @property
    def has_own_costs(self) -> bool:
        return self.eigen_risico or self._pays_contribution

    @property
    def _pays_contribution(self) -> bool:
        if self.contribution_kind == ContributionKind.NONE:
            return False
        return self.family_amount is None or self.family_amount > 0

    @property
    def cost_text(self) -> str:
        """The family's own costs in a few words, for the table and the file section."""
        parts = []
        if self._pays_contribution:
            if self.family_amount is not None and self.own_amount is not None:
                parts.append(money(self.family_amount))
            else:
                parts.append(self.contribution_text)
        if self.eigen_risico:
            parts.append(_("eigen risico"))
        if not parts:
            return _("Geen") if self.basis != Basis.UNKNOWN else _("Niet bekend")
        return " + ".join(parts)


@dataclass(frozen=True)
class Totals:
    own_total: Decimal
    eigen_risico_applies: bool
    eigen_risico: Decimal | None
    not_counted: tuple[str, ...]  # what costs something but has no amount to add up

    @property
    def eigen_risico_text(self) -> str:
        if not self.eigen_risico_applies:
            return ""
        if self.eigen_risico is None:
            return _("eigen risico: bedrag niet ingevoerd")
        return _("eigen risico tot maximaal %(amount)s") % {"amount": money(self.eigen_risico)}

    @property
    def text(self) -> str:
        text = _("%(amount)s aan eigen bijdragen") % {"amount": money(self.own_total)}
        if self.eigen_risico_applies:
            text = _("%(text)s, plus %(eigen_risico)s") % {
                "text": text,
                "eigen_risico": self.eigen_risico_text,
            }
        return text


@dataclass(frozen=True)
class InterpreterLine:
    provider: str
    payer_label: str
    notes: str
    known: bool


@dataclass(frozen=True)
class FamilyFinancing:
    context: FinancingContext
    profile: FamilyProfile
    items: tuple[Resolution, ...]
    totals: Totals
    interpreter: tuple[InterpreterLine, ...]
    # The latest kraamzorg calculation (a model row), for the page's link and summary.
    calculation: object = None

    @property
    def year(self) -> int:
        return self.context.year

    @property
    def figures_year(self) -> int | None:
        return self.context.figures_year

    @property
    def year_label(self) -> str:
        return self.context.year_label

    @property
    def with_own_costs(self) -> list[Resolution]:
        return [item for item in self.items if item.has_own_costs]


LAW_NAMES = {
    Law.ZVW: "Zorgverzekeringswet",
    Law.WPG: "Wet publieke gezondheid",
    Law.JEUGDWET: "Jeugdwet",
    Law.WMO: "Wmo",
    Law.PARTICIPATIEWET: "Participatiewet",
}


def _label(choices, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def law_name(code: str) -> str:
    """The law's own name ("Jeugdwet"); the choice labels add the payer in brackets."""
    return LAW_NAMES.get(code) or _label(Law, code)


def _contribution_text(kind: str, amount: Decimal | None) -> str:
    if kind == ContributionKind.NONE or amount is None:
        return _("Geen")
    if kind == ContributionKind.PER_HOUR:
        return _("%(amount)s per uur") % {"amount": money(amount)}
    if kind == ContributionKind.PER_VISIT:
        return _("%(amount)s per bezoek") % {"amount": money(amount)}
    return money(amount)


def _own_amount(kind: str, amount: Decimal | None, hours: int | None) -> Decimal | None:
    """What the contribution comes to: kraamzorg hours x amount, or a fixed amount."""
    if amount is None or kind == ContributionKind.NONE:
        return Decimal("0.00")
    if kind == ContributionKind.FIXED:
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if kind == ContributionKind.PER_HOUR and hours is not None:
        return (amount * hours).quantize(CENT, rounding=ROUND_HALF_UP)
    return None  # per visit, or per hour without a number of hours


def _covered(own: Decimal | None, policies: Sequence[InsurerPolicy]) -> tuple[Decimal, bool]:
    """(what the policies pay of the own contribution, whether they pay all of it)."""
    covering = [p for p in policies if p.effect == ExceptionEffect.COVERS_CONTRIBUTION]
    if not covering:
        return Decimal("0.00"), False
    if any(policy.max_amount is None for policy in covering):
        return (own if own is not None else Decimal("0.00")), True
    limit = max(policy.max_amount for policy in covering)
    if own is None:
        return Decimal("0.00"), False
    return min(own, limit), own <= limit


def _left_for_family(own: Decimal | None, covered: Decimal, all_covered: bool) -> Decimal | None:
    if all_covered:
        return Decimal("0.00")
    return None if own is None else own - covered


def _join(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s of %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _payer_sentence(law: str, payer: str) -> str:
    if payer == Payer.INSURER:
        if law == Law.ZVW:
            return _("De zorgverzekeraar betaalt dit uit het basispakket.")
        return _("De zorgverzekeraar betaalt dit.")
    if payer == Payer.MUNICIPALITY:
        if law in LAW_NAMES:
            return _("De gemeente betaalt dit (%(law)s).") % {"law": LAW_NAMES[law]}
        return _("De gemeente betaalt dit.")
    if payer == Payer.FUND:
        return _("Een fonds of subsidiegever betaalt dit.")
    return _("Dit is gratis voor het gezin.")


def _policy_sentence(policy: InsurerPolicy, profile: FamilyProfile) -> str:
    whose = (
        _("Uw polis bij %(insurer)s") % {"insurer": profile.insurer}
        if profile.insurer
        else _("Uw polis")
    )
    limit = (
        _(" tot %(amount)s") % {"amount": money(policy.max_amount)}
        if policy.max_amount is not None
        else ""
    )
    if policy.effect == ExceptionEffect.COVERS_CONTRIBUTION:
        return _("%(whose)s vergoedt de eigen bijdrage%(limit)s.") % {
            "whose": whose,
            "limit": limit,
        }
    if policy.effect == ExceptionEffect.COVERS_CARE:
        return _("%(whose)s vergoedt deze zorg%(limit)s.") % {"whose": whose, "limit": limit}
    if policy.effect == ExceptionEffect.EXTRA_HOURS:
        return _("%(whose)s vergoedt extra uren%(limit)s.") % {"whose": whose, "limit": limit}
    return ""  # the eigen risico: said where the eigen risico is explained


def _routes_sentence(routes: Sequence[Route], profile: FamilyProfile) -> str:
    minima = [route.name for route in routes if route.minima_only]
    everyone = [route.name for route in routes if not route.minima_only]
    sentences = []
    if minima:
        sentences.append(
            _("Met een laag inkomen kunt u dit terugvragen via %(routes)s.")
            % {"routes": _join(minima)}
        )
    if everyone:
        sentences.append(_("U kunt dit terugvragen via %(routes)s.") % {"routes": _join(everyone)})
    if not routes and profile.low_income:
        sentences.append(
            _("In uw gemeente is geen regeling bekend om dit terug te vragen; vraag het na.")
        )
    return " ".join(sentences)


def resolve_item(item: Item, context: FinancingContext, profile: FamilyProfile) -> Resolution:
    rule = context.rules_by_service.get(item.service_id) if item.service_id is not None else None
    if rule is None and item.care_kind is not None:
        rule = context.rules_by_kind.get(item.care_kind)
    care_kind = rule.care_kind if rule is not None else item.care_kind
    policies = tuple(policy for policy in context.exceptions if policy.matches(profile, care_kind))
    counts_this_year = item.hours_year is None or item.hours_year == context.year
    if rule is not None:
        return _from_rule(item, rule, care_kind, policies, counts_this_year, context, profile)
    return _from_map(item, care_kind, policies, counts_this_year, context, profile)


def _eigen_risico_sentence(applies: bool, waived: bool, context: FinancingContext) -> str:
    if waived:
        return _("Bij uw polis telt dit niet mee voor het eigen risico.")
    if not applies:
        return ""
    if context.eigen_risico is None:
        return _(
            "Dit telt mee voor het eigen risico: u betaalt de eerste zorgkosten van het jaar zelf."
        )
    return _(
        "Dit telt mee voor het eigen risico: u betaalt de eerste zorgkosten van het jaar zelf, "
        "tot maximaal %(amount)s."
    ) % {"amount": money(context.eigen_risico)}


def _from_rule(item, rule, care_kind, policies, counts_this_year, context, profile) -> Resolution:
    waived = rule.eigen_risico_applies and any(
        policy.effect == ExceptionEffect.NO_EIGEN_RISICO for policy in policies
    )
    eigen_risico = rule.eigen_risico_applies and not waived
    own = _own_amount(rule.contribution_kind, rule.contribution_amount, item.hours)
    covered, all_covered = _covered(own, policies)
    family_amount = _left_for_family(own, covered, all_covered)
    contribution_text = _contribution_text(rule.contribution_kind, rule.contribution_amount)

    sentences = [_payer_sentence(rule.law, rule.payer)]
    if profile.insurance_kind == InsuranceKind.UNINSURED and rule.payer == Payer.INSURER:
        sentences.append(
            _("Let op: het gezin heeft geen zorgverzekering; vraag na hoe dit betaald wordt.")
        )
    if rule.indication_required and rule.referral_required:
        sentences.append(_("Hiervoor is een verwijzing en een indicatie nodig."))
    elif rule.referral_required:
        sentences.append(_("Hiervoor is een verwijzing nodig."))
    elif rule.indication_required:
        sentences.append(_("Hiervoor is een indicatie nodig."))
    sentences.append(_eigen_risico_sentence(eigen_risico, waived, context))
    if rule.contribution_kind != ContributionKind.NONE:
        if rule.contribution_kind == ContributionKind.PER_HOUR and own is not None:
            sentences.append(
                _("U betaalt zelf %(rate)s: voor %(hours)s uur is dat %(amount)s.")
                % {"rate": contribution_text, "hours": item.hours, "amount": money(own)}
            )
        else:
            sentences.append(_("U betaalt zelf %(rate)s.") % {"rate": contribution_text})
    sentences.extend(_policy_sentence(policy, profile) for policy in policies)
    if covered and not all_covered and family_amount is not None:
        sentences.append(_("U betaalt dan zelf nog %(amount)s.") % {"amount": money(family_amount)})
    elif all_covered and rule.contribution_kind != ContributionKind.NONE:
        sentences.append(_("De eigen bijdrage betaalt u dan niet zelf."))
    resolution = Resolution(
        item=item,
        basis=Basis.RULE,
        care_kind=care_kind,
        law=rule.law,
        law_label=law_name(rule.law),
        payer=rule.payer,
        payer_label=_label(Payer, rule.payer),
        eigen_risico=eigen_risico,
        eigen_risico_waived=waived,
        contribution_kind=rule.contribution_kind,
        contribution_amount=rule.contribution_amount,
        contribution_text=contribution_text,
        own_amount=own,
        covered_amount=covered,
        family_amount=family_amount,
        counts_this_year=counts_this_year,
        indication_required=rule.indication_required,
        referral_required=rule.referral_required,
        exceptions=policies,
        routes=(),
        explanation="",
        notes=rule.notes,
        source=rule.source,
        rule=rule,
    )
    return _finish(resolution, sentences, context, profile)


def _from_map(item, care_kind, policies, counts_this_year, context, profile) -> Resolution:
    terms = item.map_terms or {}
    laws = list(terms.get("laws", ()))
    payers = list(terms.get("payers", ()))
    own_costs = [code for code in terms.get("own_costs", ()) if code != OwnCost.NONE]
    says_no_costs = OwnCost.NONE in terms.get("own_costs", ())
    if not (laws or payers or own_costs or says_no_costs):
        return Resolution(
            item=item,
            basis=Basis.UNKNOWN,
            care_kind=care_kind,
            law="",
            law_label=_("Niet bekend"),
            payer="",
            payer_label=_("Niet bekend"),
            eigen_risico=False,
            eigen_risico_waived=False,
            contribution_kind=ContributionKind.NONE,
            contribution_amount=None,
            contribution_text=_("Niet bekend"),
            own_amount=None,
            covered_amount=Decimal("0.00"),
            family_amount=None,
            counts_this_year=counts_this_year,
            indication_required=False,
            referral_required=False,
            exceptions=policies,
            routes=(),
            explanation=_("Niet bekend: vraag het na bij de aanbieder."),
        )
    waived = OwnCost.EIGEN_RISICO in own_costs and any(
        policy.effect == ExceptionEffect.NO_EIGEN_RISICO for policy in policies
    )
    eigen_risico = OwnCost.EIGEN_RISICO in own_costs and not waived
    contribution = OwnCost.OWN_CONTRIBUTION in own_costs
    # The map says there is a contribution, not how much: nothing to add up.
    contribution_kind = UNKNOWN_CONTRIBUTION if contribution else ContributionKind.NONE
    contribution_text = _("Eigen bijdrage, bedrag niet bekend") if contribution else _("Geen")
    law_label = ", ".join(law_name(code) for code in laws) or _("Niet bekend")
    payer_label = ", ".join(_label(Payer, code) for code in payers) or _("Niet bekend")
    sentences = []
    if len(payers) == 1:
        sentences.append(
            _("Volgens de sociale kaart: %(sentence)s")
            % {"sentence": _payer_sentence(laws[0] if len(laws) == 1 else "", payers[0])}
        )
    else:
        sentences.append(
            _("Volgens de sociale kaart betaalt: %(payers)s (%(laws)s).")
            % {"payers": payer_label.lower(), "laws": law_label}
        )
    sentences.append(_eigen_risico_sentence(eigen_risico, waived, context))
    if contribution:
        sentences.append(
            _("Er is een eigen bijdrage; het bedrag is niet bekend: vraag het na bij de aanbieder.")
        )
    sentences.extend(_policy_sentence(policy, profile) for policy in policies)
    resolution = Resolution(
        item=item,
        basis=Basis.MAP,
        care_kind=care_kind,
        law=laws[0] if len(laws) == 1 else "",
        law_label=law_label,
        payer=payers[0] if len(payers) == 1 else "",
        payer_label=payer_label,
        eigen_risico=eigen_risico,
        eigen_risico_waived=waived,
        contribution_kind=contribution_kind,
        contribution_amount=None,
        contribution_text=contribution_text,
        own_amount=None if contribution else Decimal("0.00"),
        covered_amount=Decimal("0.00"),
        family_amount=None if contribution else Decimal("0.00"),
        counts_this_year=counts_this_year,
        indication_required=False,
        referral_required=False,
        exceptions=policies,
        routes=(),
        explanation="",
        source=_("volgens de sociale kaart"),
    )
    return _finish(resolution, sentences, context, profile)


def _finish(resolution: Resolution, sentences: list[str], context, profile) -> Resolution:
    """Add the compensation routes (only for own costs) and the explanation."""
    routes: tuple[Route, ...] = ()
    if resolution.has_own_costs:
        routes = tuple(
            route for route in context.routes if route.fits(profile, resolution.care_kind)
        )
        sentences.append(_routes_sentence(routes, profile))
    if not resolution.counts_this_year and resolution.item.hours_year is not None:
        sentences.append(
            _("De kraamzorg valt in %(birth)s: dit bedrag telt niet mee voor %(year)s.")
            % {"birth": resolution.item.hours_year, "year": context.year}
        )
    explanation = " ".join(sentence for sentence in sentences if sentence)
    return replace(resolution, routes=routes, explanation=explanation)


def _totals(resolutions: Sequence[Resolution], context: FinancingContext) -> Totals:
    total = Decimal("0.00")
    not_counted = []
    for resolution in resolutions:
        if resolution.contribution_kind == ContributionKind.NONE:
            continue
        if resolution.family_amount is None:
            not_counted.append(f"{resolution.item.what}: {resolution.contribution_text}")
        elif not resolution.counts_this_year:
            not_counted.append(
                _("%(what)s: %(amount)s in %(year)s")
                % {
                    "what": resolution.item.what,
                    "amount": money(resolution.family_amount),
                    "year": resolution.item.hours_year,
                }
            )
        else:
            total += resolution.family_amount
    return Totals(
        own_total=total,
        eigen_risico_applies=any(resolution.eigen_risico for resolution in resolutions),
        eigen_risico=context.eigen_risico,
        not_counted=tuple(not_counted),
    )


def _interpreter(resolutions: Sequence[Resolution], profile: FamilyProfile):
    """How interpretation is paid at each provider involved (care team and referrals)."""
    if not profile.interpreter_needed:
        return ()
    lines: dict[str, InterpreterLine] = {}
    for resolution in resolutions:
        provider = resolution.item.provider
        if not provider or provider in lines:
            continue
        rule = resolution.rule
        if rule is not None and rule.interpretation_payer:
            lines[provider] = InterpreterLine(
                provider=provider,
                payer_label=_label(Payer, rule.interpretation_payer),
                notes=rule.interpretation_notes,
                known=True,
            )
        else:
            lines[provider] = InterpreterLine(
                provider=provider,
                payer_label=_("niet vastgelegd"),
                notes=rule.interpretation_notes if rule is not None else "",
                known=False,
            )
    return tuple(lines.values())


def resolve_family(
    context: FinancingContext, profile: FamilyProfile, items: Iterable[Item]
) -> FamilyFinancing:
    resolutions = tuple(resolve_item(item, context, profile) for item in items)
    return FamilyFinancing(
        context=context,
        profile=profile,
        items=resolutions,
        totals=_totals(resolutions, context),
        interpreter=_interpreter(resolutions, profile),
    )
