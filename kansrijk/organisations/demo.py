"""The fictional demo coalition. Every name, code and number here is made up."""

import base64
import binascii
from collections.abc import Callable

DEMO_PASSWORD = "demo-kansrijk"  # noqa: S105 (demo only; seed_demo refuses production)
# Base32 secret shared by every demo login, so any authenticator app can be used in a demo.
DEMO_TOTP_SECRET = "KANSRIJKDEMOTOTPKANSRIJKDEMOTOTP"  # noqa: S105 (demo only, as above)


def demo_totp_key_hex() -> str:
    return binascii.hexlify(base64.b32decode(DEMO_TOTP_SECRET)).decode()


REGION = "VSV Rivierenland-Noord (fictief)"

COALITIONS = {
    "lindeoord": {
        "name": "Kansrijke Start Lindeoord",
        "municipalities": [("GM9901", "Lindeoord"), ("GM9902", "Beekveld")],
    },
    "heuvelrande": {
        "name": "Kansrijke Start Heuvelrande",
        "municipalities": [("GM9903", "Heuvelrande")],
    },
}

# key: (name, kind, coalitions, phone)
ORGANISATIONS = {
    "wieg": (
        "Verloskundigenpraktijk De Wieg",
        "verloskundigenpraktijk",
        ["lindeoord"],
        "0301 234 501",
    ),
    "ziekenhuis": (
        "Rivierenziekenhuis",
        "ziekenhuis",
        ["lindeoord", "heuvelrande"],
        "0301 234 502",
    ),
    "nest": ("Kraamzorg Het Nest", "kraamzorg", ["lindeoord", "heuvelrande"], "0301 234 503"),
    "jgz": ("JGZ Rivierenland", "jgz", ["lindeoord", "heuvelrande"], "0301 234 504"),
    "buurtteam": ("Buurtteam Lindeoord-Zuid", "buurtteam", ["lindeoord"], "0301 234 505"),
    "gemeente": ("Gemeente Lindeoord", "gemeente", ["lindeoord"], "0301 234 506"),
    "ggz": ("GGZ De Oever", "ggz", ["lindeoord"], "0301 234 507"),
    "heuvel": (
        "Verloskundigen Heuvelrande",
        "verloskundigenpraktijk",
        ["heuvelrande"],
        "0301 234 508",
    ),
}

# username: (first, last, e-mail, [(organisation, coalition, discipline, roles, phone)])
PROFESSIONALS = {
    "verloskundige": (
        "Anna",
        "de Vries",
        [("wieg", "lindeoord", "verloskundige", ["professional"], "06 10000001")],
    ),
    "gynaecoloog": (
        "Bram",
        "Jansen",
        [
            ("ziekenhuis", "lindeoord", "gynaecoloog", ["professional"], "06 10000002"),
            ("ziekenhuis", "heuvelrande", "gynaecoloog", ["professional"], "06 10000002"),
        ],
    ),
    "kraamzorg": (
        "Carla",
        "Bakker",
        [("nest", "lindeoord", "kraamverzorgende", ["professional"], "06 10000003")],
    ),
    "jgz": (
        "Dilan",
        "Yilmaz",
        [("jgz", "lindeoord", "jeugdverpleegkundige", ["professional"], "06 10000004")],
    ),
    "buurtteam": (
        "Eva",
        "Smit",
        [("buurtteam", "lindeoord", "buurtteammedewerker", ["professional"], "06 10000005")],
    ),
    "coordinator": (
        "Fatima",
        "El Amrani",
        [("gemeente", "lindeoord", "anders", ["coordinator"], "06 10000006")],
    ),
    "analist": ("Gijs", "Visser", [("gemeente", "lindeoord", "anders", ["analyst"], "")]),
    "beheerder": ("Hanna", "Mulder", [("gemeente", "lindeoord", "anders", ["administrator"], "")]),
    "verloskundige2": (
        "Iris",
        "Peters",
        [("heuvel", "heuvelrande", "verloskundige", ["professional"], "06 10000009")],
    ),
}


# --- Demo steps of other apps ---------------------------------------------------------------
#
# `organisations` is the lowest app and must not import the apps above it (DESIGN.md
# section 2). An app that adds demo data (families, later signalling, MDO, ...) registers a
# step when it is imported, from its `AppConfig.ready`; seed_demo runs the steps by `order`
# after the organisations and logins, in the same transaction. A step is idempotent: it
# adds only what is missing. It may return a line of text for the command's output.

DemoStep = Callable[[], str | None]
_demo_steps: dict[str, tuple[int, DemoStep]] = {}


def register_demo_step(order: int, fn: DemoStep) -> None:
    """Run `fn` in seed_demo after the organisations; registering it again replaces it."""
    _demo_steps[f"{fn.__module__}.{fn.__qualname__}"] = (order, fn)


def demo_steps() -> list[DemoStep]:
    """The registered steps, lowest `order` first (ties in the order they were named)."""
    return [fn for _order, fn in sorted(_demo_steps.values(), key=lambda step: step[0])]
