"""Authorization matrix rows for "log out everywhere else" on the account page.

Every professional may end their own other sessions (a POST without the password answers the
account page with the error, 200); without a session the POST is sent to the login page.
"""

from kansrijk.testing.matrix import Row, everyone

ROWS: dict[str, Row] = {
    "access:end_other_sessions": Row(everyone(200), method="post"),
}
