"""Authorization matrix rows for the financing-rule writes of the API; merged into the
matrix test.

One rule reads as the list does (api_rules.py): professionals, coordinators and
administrators of the coalition (also a professional who broke the glass: the rules are
coalition data), the other coalition's professional gets 404, analysts 403, and without a
session or token 401. Writing a rule (test_rules_api_write.py) is for administrators only.
"""

from kansrijk.testing.financing import make_rule
from kansrijk.testing.matrix import Row, World, everyone


def _rule_kwargs(world: World) -> dict:
    return {"pk": make_rule(world.cast.coalition).pk}


ROWS: dict[str, Row] = {
    "api:financing_rule_detail": Row(
        everyone(200, anonymous=401, analyst=403, other_coalition_professional=404),
        kwargs=_rule_kwargs,
    ),
}
