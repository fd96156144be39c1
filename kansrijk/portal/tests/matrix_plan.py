"""Authorization matrix rows of the family portal (placeholder: being built)."""

from kansrijk.testing.matrix import Row, everyone

ROWS = {
    "portal:home": Row(everyone(501, anonymous=501)),
    "portal:team": Row(everyone(501, anonymous=501)),
    "portal:phase": Row(everyone(501, anonymous=501)),
    "portal:health": Row(everyone(501, anonymous=501)),
}
