"""A referral waiting for an answer after its respond-by date is flagged in the receiving
organisation's inbox and in the family file's section (the chain signal is tested in
kansrijk/worklist/tests/test_rule_referral_overdue.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.socialmap.models import Referral
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.socialmap_referrals import family_member, make_receiving_side, send_referral

pytestmark = pytest.mark.django_db


def test_an_overdue_referral_is_flagged_in_the_inbox_and_the_file(cast):
    family = make_family(cast)
    family_member(family)
    side = make_receiving_side(cast)
    late = send_referral(cast, family, side.service)
    send_referral(cast, family, side.service)  # in time
    Referral.objects.filter(pk=late.pk).update(respond_by=timezone.localdate() - timedelta(days=2))

    inbox = logged_in_client(side.receiver).get(reverse("socialmap:referral_inbox"))
    assert inbox.content.decode().count('data-testid="referral-overdue"') == 1
    # Oldest answer date first: the late one on top.
    rows = inbox.content.decode().split('data-testid="incoming-referral"')[1:]
    assert 'data-testid="referral-overdue"' in rows[0]

    file_page = logged_in_client(cast.case_director).get(
        reverse("families:detail", args=[family.pk])
    )
    assert file_page.content.decode().count('data-testid="referral-overdue"') == 1
