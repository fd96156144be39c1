"""Authorization matrix rows for the klantroute part; merged into the matrix test.

The klantroute, its poster and its XLSX export are for coordinators and analysts of the active
coalition (no family data; referral counts suppressed); every professional (also one who broke
the glass for a family, or of another coalition) and the administrator get 403; without a
session the pages send to the login page.
"""

from kansrijk.testing.matrix import Row, only

READERS = only(["coordinator", "analyst"])

ROWS: dict[str, Row] = {
    "landscape:klantroute": Row(READERS),
    "landscape:klantroute_print": Row(READERS),
    "landscape:klantroute_xlsx": Row(READERS),
}
