"""Authorization matrix rows for monitoring's API; merged into the matrix test.

The figures are aggregates of the coalition: its coordinator and analyst read them; every
professional (on the care team or not, of this or another coalition, after breaking the
glass) and the administrator get 403; without a session or token the answer is 401.
"""

from kansrijk.testing.matrix import Row, only

ROWS: dict[str, Row] = {
    "api:monitoring_indicators": Row(only(["coordinator", "analyst"], anonymous=401)),
}
