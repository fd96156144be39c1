"""A need source (see `needs.py`): the needs the plan's open concerns (zorgpunten) speak of.

A concern is free text ("Huurachterstand, dreigt uit huis gezet te worden"), so the source
recognises needs by Dutch keywords. Each need has a list of regular expressions, matched
case-insensitively anywhere in the text; most are word stems, so that compounds and
inflections match too ("schuld" finds "schulden", "huurschuld", "schuldhulp"). Short or
ambiguous stems are anchored at the start of a word (`\\b`) or exclude the words they would
wrongly find: "taal" must not find "totaal", "geld" must not find "geldt" or "geldig",
"schuld" must not find "schuldgevoel", and "dreiging" is unsafety where "dreigt" is not
("dreigt uit huis gezet te worden").

Deliberately left out: smoking ("roken") is lifestyle and prenatal care, not one of the
needs the social map offers help for; words as common as "alleen", "steun" or "huis" say
too little on their own ("huis" would also find "huiselijk geweld"), so only phrases with
them count ("weinig steun", "alleenstaand").

The result is a suggestion for the professional, never a verdict: a matched concern only
makes the family file show the care paths and services for that need.
"""

import re

from django.utils.translation import gettext as _

from kansrijk.core.compiled import CompiledQuery
from kansrijk.core.expressions import Slot
from kansrijk.core.together import Reader, read_now

from .models import Concern
from .needs import Need

KEYWORDS: dict[str, tuple[str, ...]] = {
    Need.FINANCES: (
        r"schuld(?!gevoel)",
        r"\bgeld(?!t\b|ig|en\b)",
        r"inkomen",
        r"rondkom",
        r"uitkering",
        r"bijstand",
        r"toeslag",
        r"armoede",
        r"(huur|betalings|energie)achterstand",
        r"voedselbank",
        r"\bbeslag",
        r"\bwerkloos",
        r"\bbudget",
    ),
    Need.HOUSING: (
        r"\bhuur",
        r"woning",
        r"\bwonen\b",
        r"\bwoon(ruimte|situatie|plek|adres)",
        r"dakloos",
        r"thuisloos",
        r"huisvesting",
        r"ontruim",
        r"uitzetting",
        r"uit huis gezet",
        r"(maatschappelijke|dak(lozen)?|nacht)opvang",
        r"inwonend",
        r"\bbankslap",
    ),
    Need.MENTAL_HEALTH: (
        r"depressi",
        r"angst",
        r"somber",
        r"psychisch",
        r"psychiatr",
        r"\bstress",
        r"overspannen",
        r"burn-?out",
        r"suïcid",
        r"suicid",
        r"zelfmoord",
        r"zelfbeschadig",
        r"postpartum",
        r"postnata",
        r"trauma",
        r"paniek",
        r"\bggz\b",
    ),
    Need.SUBSTANCE_USE: (
        r"alcohol",
        r"drugs",
        r"verslav",
        r"cannabis",
        r"\bblow",
        r"\bwiet\b",
        r"cocaïne",
        r"cocaine",
        r"\bxtc\b",
        r"middelengebruik",
    ),
    Need.SAFETY: (
        r"geweld",
        r"\bonveilig",
        r"veilig thuis",
        r"veiligheid",
        r"mishandel",
        r"\bdreiging",
        r"bedreig",
        r"uitbuit",
        r"loverboy",
        r"\bstalk",
    ),
    Need.SOCIAL_NETWORK: (
        r"eenzaam",
        r"isolement",
        r"geïsoleerd",
        r"geisoleerd",
        r"netwerk",
        r"alleenstaand",
        r"er alleen voor",
        r"(weinig|geen|nauwelijks) (sociale )?steun",
        r"(weinig|geen) (vrienden|familie|contacten)",
    ),
    Need.LANGUAGE: (
        r"\btaal",
        r"\btolk",
        r"laaggeletterd",
        r"analfabe",
        r"(geen|weinig|slecht) nederlands",
        r"lezen en schrijven",
        r"inburger",
        r"gezondheidsvaardig",
        r"statushouder",
        r"nieuwkomer",
    ),
    Need.PARENTING: (
        r"opvoed",
        r"hechting",
        r"ouderschap",
        r"band met (de |het |haar |zijn )?(baby|kind)",
        r"\bouderrol",
        r"kinderbescherming",
        r"uithuisplaats",
    ),
    Need.CONTRACEPTION: (
        r"anticonceptie",
        r"kinderwens",
        r"zwanger (te )?worden",
        r"nu niet zwanger",
        r"ongewenst zwanger",
        r"ongewenste zwangerschap",
        r"ongeplande zwangerschap",
        r"\bspiraal",
        r"\bprikpil",
        r"\bde pil\b",
        r"sterilisatie",
    ),
    Need.MEDICAL: (
        r"diabetes",
        r"bloeddruk",
        r"hypertensie",
        r"pre-?eclampsie",
        r"\bmedisch",
        r"chronisch ziek",
        r"complicatie",
        r"vroeggeboorte",
        r"prematu",
        r"epilepsie",
    ),
}

_PATTERNS: dict[str, re.Pattern] = {
    need: re.compile("|".join(f"(?:{keyword})" for keyword in keywords), re.IGNORECASE)
    for need, keywords in KEYWORDS.items()
}


def needs_in_text(text: str) -> list[str]:
    """The need codes whose keywords occur in `text`, in the order of `Need`."""
    return [need for need in Need.values if _PATTERNS[need].search(text or "")]


# Compiled once (`CompiledQuery`): the family file reads it on every visit.
_OPEN_CONCERN_TEXTS = CompiledQuery(
    lambda: (
        Concern.objects.open()
        .filter(family_id=Slot("family"))
        .order_by("position", "pk")
        .values_list("text")
    )
)


def concern_needs(family) -> dict[str, list[str]]:
    """{need: ["zorgpunt: <text>", ...]} for the family's open concerns (one query)."""
    return read_now(concern_needs_reads(family))


def concern_needs_reads(family) -> Reader:
    """A reader (`kansrijk.core.together`) of `concern_needs`: the need source."""
    texts = yield from _OPEN_CONCERN_TEXTS.reads(family=family.pk)
    found: dict[str, list[str]] = {}
    for (text,) in texts:
        for need in needs_in_text(text):
            found.setdefault(need, []).append(_("zorgpunt: %(text)s") % {"text": text})
    return found
