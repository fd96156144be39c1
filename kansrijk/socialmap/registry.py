"""Everything the social map registers with the apps below it when Django starts: the menu
entries, the family-file sections, the timeline kinds, the referral ground, the seed_demo
step and the synthetic-data hook. Each part lives in its own module; `register_all` only
calls them, so that the parts can grow without touching each other.
"""

from importlib import import_module

# Modules with a `register()` function; each is optional until its part is built.
PARTS = (
    "kansrijk.socialmap.register_search",
    "kansrijk.socialmap.register_maintenance",
    "kansrijk.socialmap.register_paths",
    "kansrijk.socialmap.register_referrals",
    "kansrijk.socialmap.register_demo",
)


def register_all() -> None:
    for name in PARTS:
        import_module(name).register()
