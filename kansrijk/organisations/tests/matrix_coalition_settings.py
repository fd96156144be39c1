"""Authorization matrix rows for the coalition settings page; merged into the matrix test.

Only coordinators of the active coalition see and change the coalition's retention period;
every professional (also one of another coalition), the analyst and the administrator get
403; without a session the page sends to the login page.
"""

from kansrijk.testing.matrix import Row, only

ROWS: dict[str, Row] = {
    "organisations:coalition_settings": Row(only(["coordinator"])),
}
