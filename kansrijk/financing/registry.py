"""Everything financing registers with the apps below it when Django starts: the menu
entries, the family-file section, the timeline kinds, the seed_demo step and the
synthetic-data hook. Each part lives in its own module; `register_all` only calls them."""

from importlib import import_module

PARTS = (
    "kansrijk.financing.register_rules",
    "kansrijk.financing.register_family",
    "kansrijk.financing.register_kraamzorg",
    "kansrijk.financing.register_business",
    "kansrijk.financing.register_synthetic",
    "kansrijk.financing.register_demo",
)


def register_all() -> None:
    for name in PARTS:
        import_module(name).register()
