"""Authorization matrix rows of the family portal (placeholder: being built)."""

from kansrijk.testing.matrix import Row, everyone

ROWS = {
    "portal:login": Row(everyone(501, anonymous=501)),
    "portal:login_code": Row(everyone(501, anonymous=501)),
    "portal:logout": Row(everyone(501, anonymous=501)),
    "portal:invitations": Row(
        everyone(501, anonymous=501), kwargs=lambda world: {"pk": world.family.pk}
    ),
    "portal:invitation_revoke": Row(
        everyone(501, anonymous=501),
        kwargs=lambda world: {"pk": world.family.pk, "account": world.actors["family_member"].pk},
    ),
}
