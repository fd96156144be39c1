"""Authorization matrix rows of the family portal's plan pages (issue 14): a family member
sees their own family's plan, team, phase and scores (the other family's member too, their
own); professionals and anonymous visitors are sent to the portal's login."""

from kansrijk.testing.matrix import Row, portal_only

ROWS = {
    "portal:home": Row(portal_only(200)),
    "portal:team": Row(portal_only(200)),
    "portal:phase": Row(portal_only(200)),
    "portal:health": Row(portal_only(200)),
}
