"""Authorization matrix rows for the chain-signal settings API; merged into the matrix test.

As on the page, only coordinators of the coalition read the settings; every professional (on
the care team or not, of this or another coalition, after breaking the glass), the analyst and
the administrator get 403; without a session or token 401. The write (PUT: coordinators only)
is covered by `test_api_config.py`.
"""

from kansrijk.testing.matrix import Row, only

ROWS: dict[str, Row] = {
    "api:signal_settings": Row(only(["coordinator"], anonymous=401)),
}
