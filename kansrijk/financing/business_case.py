"""The arithmetic of the social business case (maatschappelijke businesscase): pure functions
on plain values, in `Decimal`, so that the pages, the export and the API show the same numbers
and the tests can check them against hand-computed examples.

For each year t = 0..H-1 of the horizon (calendar year start_year + t) and each estimate
(low, base, high):

- investment[payer][t] = the sum over the interventions that payer pays of
  reach_per_year * cost_per_family;
- savings[payer][t] = the sum over the effects that have started (t >= lag_years), over their
  savings for that payer, of the intervention's reach_per_year * the effect (avoided outcomes
  per family reached, in the chosen estimate) * amount_per_outcome;
- net = savings - investment; totals per payer over the horizon; the total net is the sum of
  the payers' nets; the cumulative total net per year; the break-even year is the first
  calendar year whose cumulative total net is at least zero (None: not within the horizon);
- the "wrong pocket": a payer that invests more than it saves while another payer saves
  more than it invests.

Nothing is rounded here; the pages round only for display (`euro`).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from .models import BusinessPayer

ZERO = Decimal(0)
LOW, BASE, HIGH = "low", "base", "high"
ESTIMATES = (LOW, BASE, HIGH)
ESTIMATE_LABELS = {LOW: _("laag"), BASE: _("basis"), HIGH: _("hoog")}
# The pages' ?schatting= parameter in Dutch, the API's ?estimate= in English.
ESTIMATE_BY_DUTCH = {"laag": LOW, "basis": BASE, "hoog": HIGH}
DUTCH_BY_ESTIMATE = {value: key for key, value in ESTIMATE_BY_DUTCH.items()}
PAYER_ORDER = {value: index for index, value in enumerate(BusinessPayer.values)}


# --- Inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavingInput:
    payer: str
    amount_per_outcome: Decimal


@dataclass(frozen=True)
class EffectInput:
    reach_per_year: int
    low: Decimal
    base: Decimal
    high: Decimal
    lag_years: int
    savings: tuple[SavingInput, ...] = ()

    def size(self, estimate: str) -> Decimal:
        return {LOW: self.low, BASE: self.base, HIGH: self.high}[estimate]


@dataclass(frozen=True)
class InterventionInput:
    reach_per_year: int
    cost_per_family: Decimal
    payer: str


@dataclass(frozen=True)
class CaseInput:
    start_year: int
    horizon_years: int
    interventions: tuple[InterventionInput, ...] = ()
    effects: tuple[EffectInput, ...] = ()


def case_input(case) -> CaseInput:
    """The inputs of a stored case. Reads `case.interventions.all()` and, per effect,
    `effect.savings.all()`: prefetch them (see `selectors_business`) to stay query-free."""
    interventions = list(case.interventions.all())
    reach = {intervention.pk: intervention.reach_per_year for intervention in interventions}
    effects = []
    for intervention in interventions:
        for effect in intervention.effects.all():
            effects.append(
                EffectInput(
                    reach_per_year=reach[effect.intervention_id],
                    low=effect.effect_low,
                    base=effect.effect_base,
                    high=effect.effect_high,
                    lag_years=effect.lag_years,
                    savings=tuple(
                        SavingInput(saving.payer, saving.amount_per_outcome)
                        for saving in effect.savings.all()
                    ),
                )
            )
    return CaseInput(
        start_year=case.start_year,
        horizon_years=case.horizon_years,
        interventions=tuple(
            InterventionInput(
                reach_per_year=intervention.reach_per_year,
                cost_per_family=intervention.cost_per_family,
                payer=intervention.payer,
            )
            for intervention in interventions
        ),
        effects=tuple(effects),
    )


# --- Results ---------------------------------------------------------------------------------


@dataclass
class PayerYear:
    year: int
    investment: Decimal = ZERO
    savings: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.savings - self.investment


@dataclass
class PayerResult:
    payer: str
    years: list[PayerYear]
    wrong_pocket: bool = False

    @property
    def label(self) -> str:
        return str(BusinessPayer(self.payer).label)

    @property
    def total_investment(self) -> Decimal:
        return sum((row.investment for row in self.years), ZERO)

    @property
    def total_savings(self) -> Decimal:
        return sum((row.savings for row in self.years), ZERO)

    @property
    def total_net(self) -> Decimal:
        return self.total_savings - self.total_investment


@dataclass
class YearTotal:
    year: int
    investment: Decimal
    savings: Decimal
    net: Decimal
    cumulative_net: Decimal


@dataclass
class Result:
    estimate: str
    years: list[int]
    payers: list[PayerResult] = field(default_factory=list)
    totals: list[YearTotal] = field(default_factory=list)
    break_even_year: int | None = None

    @property
    def estimate_label(self) -> str:
        return str(ESTIMATE_LABELS[self.estimate])

    @property
    def total_investment(self) -> Decimal:
        return sum((payer.total_investment for payer in self.payers), ZERO)

    @property
    def total_savings(self) -> Decimal:
        return sum((payer.total_savings for payer in self.payers), ZERO)

    @property
    def total_net(self) -> Decimal:
        return sum((payer.total_net for payer in self.payers), ZERO)

    @property
    def wrong_pocket(self) -> bool:
        return any(payer.wrong_pocket for payer in self.payers)

    def payer(self, code: str) -> PayerResult | None:
        return next((payer for payer in self.payers if payer.payer == code), None)


def compute(inputs: CaseInput, estimate: str = BASE) -> Result:
    """The result of one estimate; payers that neither invest nor save are left out, the
    others in the order of `BusinessPayer`."""
    if estimate not in ESTIMATES:
        raise ValueError(f"Unknown estimate {estimate!r}")
    horizon = inputs.horizon_years
    years = [inputs.start_year + t for t in range(horizon)]
    rows: dict[str, list[PayerYear]] = {}

    def payer_rows(payer: str) -> list[PayerYear]:
        if payer not in rows:
            rows[payer] = [PayerYear(year) for year in years]
        return rows[payer]

    for intervention in inputs.interventions:
        cost = Decimal(intervention.reach_per_year) * intervention.cost_per_family
        for row in payer_rows(intervention.payer):
            row.investment += cost
    for effect in inputs.effects:
        avoided = Decimal(effect.reach_per_year) * effect.size(estimate)
        for saving in effect.savings:
            amount = avoided * saving.amount_per_outcome
            for t, row in enumerate(payer_rows(saving.payer)):
                if t >= effect.lag_years:
                    row.savings += amount

    payers = [
        PayerResult(payer=payer, years=rows[payer])
        for payer in sorted(rows, key=lambda code: PAYER_ORDER.get(code, len(PAYER_ORDER)))
    ]
    _mark_wrong_pocket(payers)
    result = Result(estimate=estimate, years=years, payers=payers)
    cumulative = ZERO
    for t, year in enumerate(years):
        investment = sum((payer.years[t].investment for payer in payers), ZERO)
        savings = sum((payer.years[t].savings for payer in payers), ZERO)
        net = savings - investment
        cumulative += net
        result.totals.append(YearTotal(year, investment, savings, net, cumulative))
        if result.break_even_year is None and cumulative >= 0:
            result.break_even_year = year
    return result


def _mark_wrong_pocket(payers: list[PayerResult]) -> None:
    gainers = {payer.payer for payer in payers if payer.total_net > 0}
    for payer in payers:
        payer.wrong_pocket = payer.total_net < 0 and bool(gainers - {payer.payer})


def compute_all(inputs: CaseInput) -> dict[str, Result]:
    return {estimate: compute(inputs, estimate) for estimate in ESTIMATES}


# --- Display ---------------------------------------------------------------------------------


def euro(value: Decimal | int | None, decimals: int = 0) -> str:
    """Dutch money: "€ 1.234", "€ -1.234", "€ 4,20" (rounded half up, only here)."""
    if value is None:
        return "—"
    exponent = Decimal(1).scaleb(-decimals)
    rounded = Decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "€ -0"
    text = f"{rounded:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def number(value: Decimal | int, decimals: int = 4) -> str:
    """A Dutch decimal without trailing zeros: 0,05 or 12."""
    text = f"{Decimal(value):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def totals_by_payer(results: Iterable[Result]) -> set[str]:
    """Every payer that appears in any of `results` (for a comparison's rows)."""
    return {payer.payer for result in results for payer in result.payers}
