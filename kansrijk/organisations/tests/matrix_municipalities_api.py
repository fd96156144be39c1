"""Authorization matrix rows for the API's list of municipalities; merged into the matrix test.

Municipalities are coalition data, no family data: everyone working in a coalition as
professional, coordinator or analyst lists those of their coalitions (200); a technical
administrator without another role gets 403, an anonymous caller 401 (as every API call).
"""

from kansrijk.testing.matrix import Row, everyone

ROWS: dict[str, Row] = {
    "api:municipality_list": Row(everyone(200, anonymous=401, administrator=403)),
}
