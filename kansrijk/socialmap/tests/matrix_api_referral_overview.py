"""Authorization matrix rows for the referral overview through the API
(kansrijk/socialmap/api_referral_overview.py); merged into the matrix test.

As on the page: coordinators and analysts of a coalition, everyone else 403, without a
session or token 401.
"""

from kansrijk.testing.matrix import Row, only

ROWS: dict[str, Row] = {
    "api:socialmap_referral_overview": Row(only(["coordinator", "analyst"], anonymous=401)),
}
