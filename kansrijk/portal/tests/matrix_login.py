"""Authorization matrix rows of the portal's login and of the case director's invitations.

The login pages are open to everyone (a family member already logged in is sent on to the
portal's home; the code page without a pending login back to step 1); logging out is a POST
that always lands on the login page. Inviting and revoking are the case director's: others
with a ground on the family get 403, everyone else "not found", and to professional pages a
family member is anonymous (sent to the professionals' login).
"""

from kansrijk.testing.matrix import Row, everyone, family_only

_director_only = {
    **family_only(["case_director", "care_team_member", "break_the_glass"]),
    "care_team_member": 403,
    "break_the_glass": 403,
}

ROWS = {
    "portal:login": Row(
        {**everyone(200, anonymous=200), "family_member": 302, "other_family_member": 302}
    ),
    "portal:login_code": Row(
        {**everyone(302, anonymous=302), "family_member": 302, "other_family_member": 302}
    ),
    "portal:logout": Row(
        {**everyone(302, anonymous=302), "family_member": 302, "other_family_member": 302},
        method="post",
    ),
    "portal:invitations": Row(_director_only, kwargs=lambda world: {"pk": world.family.pk}),
    # The confirmation page (GET): the revocation itself is the service's, tested on its own.
    "portal:invitation_revoke": Row(
        _director_only,
        kwargs=lambda world: {"pk": world.family.pk, "account": world.actors["family_member"].pk},
    ),
}
