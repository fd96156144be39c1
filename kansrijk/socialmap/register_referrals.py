"""Registrations of the social map's referrals part (see registry.py): the receiver's ground
of the access policy, the timeline kinds, the family-file section and the "Verwijzingen"
menu area."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_area
    from kansrijk.families.sections import FileSection, register_file_section

    from . import timeline
    from .selectors_referrals import register_referral_receiver_ground
    from .views_referrals import may_use_referral_inbox, referral_file_section

    register_referral_receiver_ground()
    timeline.register()
    register_file_section(
        FileSection(
            code="socialmap_referrals",
            template="socialmap/_file_section_referrals.html",
            context=referral_file_section,
            order=45,
        )
    )
    register_area(
        label=_("Verwijzingen"),
        url_name="socialmap:referral_inbox",
        order=39,
        visible=may_use_referral_inbox,
    )
