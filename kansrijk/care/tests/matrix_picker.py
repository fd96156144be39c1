"""Authorization matrix rows for the professional picker's suggestions
(kansrijk/organisations/views_picker.py); merged into the matrix test.

Every logged-in professional gets the suggestions of the coalition they work in now (200):
on the family's care team or not, of the other coalition (their own coalition's names),
with running or expired emergency access. Coordinators, analysts and administrators without
a professional membership get 403; without a session, the login page (family members of the
portal are anonymous here).
"""

from kansrijk.testing.matrix import PROFESSIONALS, Row, only

SUGGESTING = only([*PROFESSIONALS, "break_the_glass", "break_the_glass_expired"])

ROWS: dict[str, Row] = {
    "organisations:professional_search": Row(SUGGESTING, data={"q": "Testpersoon"}),
}
