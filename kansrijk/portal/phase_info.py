"""Short, reliable information for each phase of the 1000 days, written by us for families.

Plain Dutch (B1): short sentences, "je/jullie", no jargon. Only well-known public-health
basics (as the verloskundige, the JGZ and the Rijksoverheid tell every family); no medical
advice beyond that, and always where to get help. English comes from the catalogue.

The phase itself is computed as on the professional side (`kansrijk.families.phases`).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kansrijk.families.phases import PhaseCode


@dataclass(frozen=True)
class Help:
    key: str
    name: Promise
    what: Promise


HELP = {
    help.key: help
    for help in (
        Help(
            "verloskundige",
            _("Verloskundige"),
            _("Voor vragen over je zwangerschap en de bevalling, tot 6 weken na de geboorte."),
        ),
        Help(
            "huisarts",
            _("Huisarts"),
            _("Voor vragen over je eigen gezondheid en als je kind ziek is."),
        ),
        Help(
            "kraamzorg",
            _("Kraamzorg"),
            _("In de eerste week na de geboorte: hulp bij jullie thuis."),
        ),
        Help(
            "jgz",
            _("Consultatiebureau (JGZ)"),
            _("Voor vragen over groeien, eten, slapen en opvoeden. Tot je kind 4 jaar is."),
        ),
    )
}
# Shown under every phase, last.
EMERGENCY = Help(
    "112",
    _("112"),
    _("Bij levensgevaar of een ongeluk: bel meteen 112."),
)


@dataclass(frozen=True)
class PhaseInfo:
    code: PhaseCode
    # A plain name for the phase on the family's timeline.
    title: Promise
    points: tuple[Promise, ...]
    help: tuple[str, ...]  # keys of HELP, most useful first

    @property
    def helpers(self) -> list[Help]:
        return [HELP[key] for key in self.help]


PHASES = (
    PhaseInfo(
        PhaseCode.PRECONCEPTION,
        _("Voor de zwangerschap"),
        (
            _(
                "Wil je zwanger worden? Slik dan elke dag foliumzuur. Begin daar al mee voor je "
                "zwanger bent."
            ),
            _("Rook niet en drink geen alcohol. Dat is beter voor jou en voor een baby."),
            _(
                "Gebruik je medicijnen? Vraag je huisarts of je ze mag blijven gebruiken als je "
                "zwanger wordt."
            ),
            _("Je kunt met de verloskundige of de huisarts praten over zwanger worden."),
        ),
        ("huisarts", "verloskundige"),
    ),
    PhaseInfo(
        PhaseCode.TRIMESTER_1,
        _("Zwanger: tot week 13"),
        (
            _("Maak een afspraak bij de verloskundige zodra je weet dat je zwanger bent."),
            _("Slik foliumzuur tot je 10 weken zwanger bent."),
            _("Rook niet, drink geen alcohol en gebruik geen drugs. Ook niet een beetje."),
            _("Regel op tijd kraamzorg. Dat doe je bij je zorgverzekeraar."),
            _("Verlies je bloed of heb je veel buikpijn? Bel dan meteen de verloskundige."),
        ),
        ("verloskundige", "huisarts"),
    ),
    PhaseInfo(
        PhaseCode.TRIMESTER_2,
        _("Zwanger: week 13 tot 27"),
        (
            _("Ga naar elke controle bij de verloskundige. Ook als je je goed voelt."),
            _("Rond week 20 kun je een echo laten maken. Daarop kijken ze hoe de baby groeit."),
            _("Beweeg elke dag een beetje en eet gezond."),
            _(
                "Voel je je somber of maak je je veel zorgen? Praat erover met de verloskundige. "
                "Dat mag altijd."
            ),
        ),
        ("verloskundige", "huisarts"),
    ),
    PhaseInfo(
        PhaseCode.TRIMESTER_3,
        _("Zwanger: week 27 tot de geboorte"),
        (
            _(
                "Voel je de baby minder bewegen dan anders? Bel meteen de verloskundige, ook 's "
                "nachts."
            ),
            _("Bespreek met de verloskundige waar je wilt bevallen en wie erbij is."),
            _("Zorg dat er een eigen bedje en een autostoeltje voor de baby klaarstaan."),
            _("Verlies je bloed of vruchtwater? Bel dan meteen de verloskundige."),
        ),
        ("verloskundige", "kraamzorg"),
    ),
    PhaseInfo(
        PhaseCode.KRAAMPERIODE,
        _("De kraamweek (dag 0 tot 8)"),
        (
            _("De kraamverzorgende komt bij jullie thuis. Zij helpt jou en de baby."),
            _("Geef de geboorte binnen 3 werkdagen door aan de gemeente."),
            _("In de eerste week krijgt de baby de hielprik en een gehoortest."),
            _("Leg de baby altijd op de rug te slapen, in een eigen bedje."),
            _("Drinkt de baby slecht, is hij erg suf of heeft hij koorts? Bel de verloskundige."),
        ),
        ("kraamzorg", "verloskundige", "huisarts"),
    ),
    PhaseInfo(
        PhaseCode.GAP,
        _("Na de kraamweek (dag 8 tot week 5)"),
        (
            _(
                "De kraamzorg is klaar. Met vragen over je baby kun je het consultatiebureau "
                "bellen."
            ),
            _(
                "Het consultatiebureau maakt een eerste afspraak met jullie. Hoor je niets? Bel "
                "dan zelf."
            ),
            _(
                "Je mag moe zijn en je soms verdrietig voelen. Gaat het na twee weken niet beter? "
                "Praat erover met je huisarts."
            ),
            _("Ongeveer 6 weken na de geboorte heb je een nacontrole bij de verloskundige."),
        ),
        ("jgz", "verloskundige", "huisarts"),
    ),
    PhaseInfo(
        PhaseCode.INFANCY,
        _("Het eerste jaar"),
        (
            _("Ga met je baby naar het consultatiebureau. Daar kijken ze hoe je kind groeit."),
            _("Je kind krijgt gratis vaccinaties. Die beschermen tegen ernstige ziektes."),
            _("Leg je baby altijd op de rug te slapen, in een eigen bedje."),
            _("Rook niet in huis en niet in de auto."),
            _("Is je baby jonger dan 3 maanden en heeft hij koorts? Bel meteen de huisarts."),
        ),
        ("jgz", "huisarts"),
    ),
    PhaseInfo(
        PhaseCode.TODDLER,
        _("Het tweede jaar"),
        (
            _("Op het consultatiebureau kun je vragen stellen over eten, slapen en gedrag."),
            _("Lees samen boekjes en praat veel met je kind. Zo leert je kind praten."),
            _("Zet medicijnen en schoonmaakmiddelen hoog weg. Zet een hekje voor de trap."),
            _(
                "Vanaf 2 jaar kan je kind naar de peuteropvang. Vraag het consultatiebureau wat "
                "er bij jou in de buurt is."
            ),
        ),
        ("jgz", "huisarts"),
    ),
    PhaseInfo(
        PhaseCode.CLOSED,
        _("Na de 1000 dagen"),
        (
            _(
                "De eerste 1000 dagen zijn voorbij. Het consultatiebureau blijft er voor jullie "
                "tot je kind 4 jaar is."
            ),
            _(
                "Heb je vragen over opvoeden of opgroeien? Vraag het consultatiebureau of het "
                "wijkteam van je gemeente."
            ),
            _("Met 4 jaar gaat je kind naar de basisschool."),
        ),
        ("jgz", "huisarts"),
    ),
)
PHASE_INFO = {info.code: info for info in PHASES}
