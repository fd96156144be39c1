"""Authorization matrix rows for the social map's referrals part; merged into the matrix test.

The receiving side is built in each row's setup: a buurtteam of the first coalition, linked
to a provider of the map, for which the outsider (off the care team) also works. The world's
family gets a member, referred by the case director to the buurtteam's service. The outsider
then reaches the referral's page and its actions (only what it shares) before joining the
care team; the care team (and break-the-glass) see the referral as part of the family; to
everyone else it does not exist (404). Acting really acts: the first actor allowed changes
the referral, those after them hold a stale version (a message on the page, 409 in the API).
"""

from kansrijk.testing.matrix import CARE_TEAM, Row, World, everyone, family_only, only
from kansrijk.testing.socialmap_referrals import family_member, make_receiving_side, send_referral

RECEIVER = "outsider"


def _sent_referral(world: World):
    side = make_receiving_side(world.cast, receiver=world.cast.outsider)
    family_member(world.family)
    return send_referral(world.cast, world.family, side.service)


def _referral(world: World) -> dict:
    return {"referral_pk": _sent_referral(world).pk}


def _referral_action(action: str):
    def kwargs(world: World) -> dict:
        return {"referral_pk": _sent_referral(world).pk, "action": action}

    return kwargs


def _api_referral(world: World) -> dict:
    return {"pk": _sent_referral(world).pk}


def _api_referral_action(action: str):
    def kwargs(world: World) -> dict:
        return {"pk": _sent_referral(world).pk, "action": action}

    return kwargs


def _family_with_member(world: World) -> dict:
    family_member(world.family)
    return {"pk": world.family.pk}


ROWS: dict[str, Row] = {
    # Sending: whoever may change the family (the care team, break-the-glass).
    "socialmap:referral_create": Row(family_only(), kwargs=_family_with_member),
    # The inbox: professionals of the active coalition (an empty list for most).
    "socialmap:referral_inbox": Row(everyone(200, coordinator=403, analyst=403, administrator=403)),
    # Aggregates only: coordinators and analysts.
    "socialmap:referral_overview": Row(only(["coordinator", "analyst"])),
    "socialmap:referral_detail": Row(
        family_only([*CARE_TEAM, "break_the_glass", RECEIVER]), kwargs=_referral
    ),
    # The receiver marks it received; the care team and break-the-glass are sent back to the
    # page with the service's message (not the receiver / a stale version).
    "socialmap:referral_action": Row(
        family_only([*CARE_TEAM, RECEIVER, "break_the_glass"], outcome=302),
        method="post",
        kwargs=_referral_action("receive"),
        data={"version": "1"},
    ),
    # API: the family's policy, with 401 instead of a login page.
    "api:socialmap_family_referrals": Row(
        {**family_only(), "anonymous": 401}, kwargs=_family_with_member
    ),
    "api:socialmap_referrals_incoming": Row(
        everyone(200, anonymous=401, coordinator=403, analyst=403, administrator=403)
    ),
    "api:socialmap_referral": Row(
        {**family_only([*CARE_TEAM, "break_the_glass", RECEIVER]), "anonymous": 401},
        kwargs=_api_referral,
    ),
    "api:socialmap_referral_action": Row(
        {
            **family_only([RECEIVER]),
            **dict.fromkeys(CARE_TEAM, 400),
            "break_the_glass": 409,
            "anonymous": 401,
        },
        method="post",
        kwargs=_api_referral_action("accept"),
        data={"version": "1"},
    ),
}
