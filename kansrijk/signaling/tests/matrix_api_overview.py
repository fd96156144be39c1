"""Authorization matrix rows for the signaling overview through the API
(kansrijk/signaling/api_overview.py); merged into the matrix test.

As on the page: coordinators and analysts of a coalition (the other coalition's professional
coordinates nowhere: 403), everyone else 403, without a session or token 401.
"""

from kansrijk.testing.matrix import Row, only

ROWS: dict[str, Row] = {
    "api:signaling_overview": Row(only(["coordinator", "analyst"], anonymous=401)),
}
