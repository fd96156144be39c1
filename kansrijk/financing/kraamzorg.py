"""The kraamzorg calculation as a pure function: no database, no request.

Kraamzorg (maternity care at home) is paid by the insurer under the Zvw, but the family pays
a legal own contribution per hour (€ 4,20 in 2020, seed document 003, knelpunt 1.3). The
indication gives a standard number of hours (45 or 49 in 2020), which may be extended with a
reason up to the maximum of the LIP kraamzorg (80 hours, knelpunt 1.4). Families with a low
income often choose far fewer hours than indicated because of that contribution ("voor 3
uurszorg gekozen in plaats van volledige kraamzorg"): `too_few_hours_risk` flags it, so the
professional can discuss the compensation with the family.

`calculate` assumes input that passed `validate`; both take the year's figures as found by
`services_kraamzorg.kraamzorg_figures` (the latest year with figures up to the year of birth).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
# A birth falls between 37 and 42 weeks: up to three weeks before and two weeks after the
# due date. A due date this close to New Year may mean a birth in the other year, with that
# year's figures.
DAYS_LATE = 14
DAYS_EARLY = 21


@dataclass(frozen=True)
class KraamzorgFigures:
    """A year's kraamzorg hours (`FinancingYear`); each may be unknown (None)."""

    min_hours: int | None = None
    standard_low: int | None = None
    standard_high: int | None = None
    max_hours: int | None = None

    @property
    def standards(self) -> tuple[int, ...]:
        """The standard numbers of hours of the year, lowest first (may be empty)."""
        return tuple(sorted({h for h in (self.standard_low, self.standard_high) if h}))

    @property
    def default_standard(self) -> int | None:
        """The higher standard: the indication a professional starts from."""
        return self.standards[-1] if self.standards else None


@dataclass(frozen=True)
class KraamzorgEstimate:
    year: int
    figures_year: int | None
    standard: int
    extra: int
    indicated: int
    chosen: int
    per_hour: Decimal | None
    cost: Decimal | None
    cost_if_indicated: Decimal | None
    too_few_hours_risk: bool
    figures: KraamzorgFigures | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def hours_short(self) -> int:
        """How many indicated hours the family does not take."""
        return max(self.indicated - self.chosen, 0)


def money(amount: Decimal) -> Decimal:
    """An amount in euros, rounded to the cent (half up, as on an invoice)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def _cost(hours: int, per_hour: Decimal | None) -> Decimal | None:
    return None if per_hour is None else money(Decimal(hours) * per_hour)


def _euro(amount: Decimal) -> str:
    return "€ " + f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def calculate(
    *,
    year: int,
    figures_year: int | None,
    figures: KraamzorgFigures | None,
    per_hour: Decimal | None,
    standard_hours: int,
    extra_hours: int,
    chosen_hours: int,
    low_income: bool,
    due_date: date | None = None,
) -> KraamzorgEstimate:
    """The indicated hours, what the chosen hours cost the family, and the notes a
    professional needs to explain the figures (see the module docstring)."""
    indicated = standard_hours + extra_hours
    notes: list[str] = []
    if figures_year is None:
        notes.append(
            _(
                "Voor %(year)s en de jaren ervoor zijn geen financieringscijfers ingevoerd. "
                "De uren zijn niet gecontroleerd en de kosten zijn niet te berekenen."
            )
            % {"year": year}
        )
    else:
        if figures_year < year:
            notes.append(
                _(
                    "Voor %(year)s zijn nog geen cijfers ingevoerd. De berekening gebruikt de "
                    "cijfers van %(figures_year)s; die kunnen in %(year)s anders zijn."
                )
                % {"year": year, "figures_year": figures_year}
            )
        if figures is None:
            notes.append(
                _(
                    "Voor %(figures_year)s zijn geen kraamzorguren ingevoerd (standaard en "
                    "maximum); de uren zijn niet gecontroleerd."
                )
                % {"figures_year": figures_year}
            )
        if per_hour is None:
            notes.append(
                _(
                    "Voor %(figures_year)s is geen eigen bijdrage per uur voor kraamzorg bekend; "
                    "de kosten voor het gezin zijn niet te berekenen."
                )
                % {"figures_year": figures_year}
            )
    if due_date is not None:
        notes.extend(_year_change_notes(year, due_date))
    cost = _cost(chosen_hours, per_hour)
    cost_if_indicated = _cost(indicated, per_hour)
    if per_hour is not None and per_hour == 0:
        notes.append(_("Het gezin betaalt geen eigen bijdrage voor kraamzorg."))
    too_few = bool(low_income) and chosen_hours < indicated
    if too_few and cost is not None and cost_if_indicated is not None:
        notes.append(
            _(
                "Alle %(indicated)s geïndiceerde uren kosten het gezin %(full)s, %(difference)s "
                "meer dan de %(chosen)s gekozen uren."
            )
            % {
                "indicated": indicated,
                "full": _euro(cost_if_indicated),
                "difference": _euro(cost_if_indicated - cost),
                "chosen": chosen_hours,
            }
        )
    return KraamzorgEstimate(
        year=year,
        figures_year=figures_year,
        standard=standard_hours,
        extra=extra_hours,
        indicated=indicated,
        chosen=chosen_hours,
        per_hour=per_hour,
        cost=cost,
        cost_if_indicated=cost_if_indicated,
        too_few_hours_risk=too_few,
        figures=figures,
        notes=notes,
    )


def _year_change_notes(year: int, due_date: date) -> list[str]:
    if year != due_date.year:
        return [
            _(
                "Je rekent met %(year)s, maar de à terme datum valt in %(due_year)s. Controleer "
                "het jaar: de cijfers van het jaar van de bevalling gelden."
            )
            % {"year": year, "due_year": due_date.year}
        ]
    if (date(year, 12, 31) - due_date).days < DAYS_LATE:
        return [
            _(
                "De à terme datum ligt vlak voor de jaarwisseling. Wordt het kind in "
                "%(next)s geboren, dan gelden de cijfers van %(next)s: reken dan met %(next)s."
            )
            % {"next": year + 1}
        ]
    if (due_date - date(year, 1, 1)).days < DAYS_EARLY:
        return [
            _(
                "De à terme datum ligt vlak na de jaarwisseling. Wordt het kind nog in "
                "%(previous)s geboren, dan gelden de cijfers van %(previous)s: reken dan met "
                "%(previous)s."
            )
            % {"previous": year - 1}
        ]
    return []


def validate(
    *,
    figures_year: int | None,
    figures: KraamzorgFigures | None,
    standard_hours: int | None,
    extra_hours: int | None,
    extra_reason: str = "",
    chosen_hours: int | None,
    prenatal_requested: bool = False,
    prenatal_reason: str = "",
) -> dict[str, str]:
    """Dutch errors per field name; empty when the input can be calculated.

    The standard must be one of the year's standards when those are known, otherwise at
    least 1 (and at most the maximum); standard plus extra hours stay within the maximum of
    the LIP kraamzorg; extra hours and prenatal kraamzorg need a reason; the family takes at
    least 1 hour (and the year's minimum) and no more than indicated.
    """
    errors: dict[str, str] = {}
    figures = figures or KraamzorgFigures()
    standards = figures.standards
    max_hours = figures.max_hours
    if standard_hours is not None:
        if standards and standard_hours not in standards:
            if len(standards) == 1:
                message = _("Kies %(hours)s uur: de standaard van %(year)s.")
                values = {"hours": standards[0]}
            else:
                message = _("Kies %(low)s of %(high)s uur: de standaard van %(year)s.")
                values = {"low": standards[0], "high": standards[-1]}
            errors["standard_hours"] = message % {**values, "year": figures_year}
        elif standard_hours < 1:
            errors["standard_hours"] = _("Vul een standaard van minstens 1 uur in.")
        elif max_hours is not None and standard_hours > max_hours:
            errors["standard_hours"] = _(
                "Meer dan %(max)s uur kan niet: dat is het maximum volgens de LIP kraamzorg."
            ) % {"max": max_hours}
    if extra_hours is not None:
        if extra_hours < 0:
            errors["extra_hours"] = _("Extra uren kunnen niet minder dan 0 zijn.")
        elif extra_hours > 0 and not (extra_reason or "").strip():
            errors["extra_reason"] = _(
                "Schrijf op waarom het gezin extra uren nodig heeft; zonder reden vergoedt de "
                "verzekeraar ze niet."
            )
    indicated = None
    if standard_hours is not None and extra_hours is not None and "standard_hours" not in errors:
        indicated = standard_hours + max(extra_hours, 0)
        if max_hours is not None and indicated > max_hours and "extra_hours" not in errors:
            errors["extra_hours"] = _(
                "Meer dan %(max)s uur kan niet: dat is het maximum volgens de LIP kraamzorg."
            ) % {"max": max_hours}
    if chosen_hours is not None:
        if chosen_hours < 1:
            errors["chosen_hours"] = _("Het gezin neemt minstens 1 uur kraamzorg af.")
        elif figures.min_hours is not None and chosen_hours < figures.min_hours:
            errors["chosen_hours"] = _(
                "Minder dan %(min)s uur kan niet: dat is het minimum van %(year)s."
            ) % {"min": figures.min_hours, "year": figures_year}
        elif indicated is not None and chosen_hours > indicated:
            errors["chosen_hours"] = _(
                "Het gezin kan niet meer uren afnemen dan er geïndiceerd zijn (%(indicated)s uur)."
            ) % {"indicated": indicated}
    if prenatal_requested and not (prenatal_reason or "").strip():
        errors["prenatal_reason"] = _(
            "Schrijf op waarom het gezin prenatale kraamzorg nodig heeft."
        )
    return errors
