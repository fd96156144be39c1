"""Authorization matrix rows for the social map's HSDS export and import through the API;
merged into the matrix test.

Only coordinators of a coalition export and import its whole map (`CoordinatesTheMap`);
every professional (on a care team or not, of this coalition or another, with broken glass or
not), the analyst and the administrator get 403, and without a session or token the API
answers 401. The matrix's client posts no file, which the coordinator's import refuses (400)
after the permission check; the real uploads per actor are in
test_api_hsds_transfer_permissions.py.
"""

from kansrijk.testing.matrix import Row, only

COORDINATOR = ["coordinator"]

ROWS: dict[str, Row] = {
    "api:socialmap_hsds_export": Row(only(COORDINATOR, anonymous=401)),
    "api:socialmap_hsds_import": Row(only(COORDINATOR, 400, anonymous=401), method="post"),
}
