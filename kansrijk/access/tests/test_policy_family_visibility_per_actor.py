"""Need to know: only the care team sees a family; roles alone give nothing."""

import pytest
from django.http import Http404

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import families_visible_to, get_family_for_user
from kansrijk.families.models import Family
from kansrijk.testing.families import make_family

SEES = {
    "case_director": True,
    "care_team_member": True,
    "outsider": False,
    "other_coalition_professional": False,
    "coordinator": False,
    "analyst": False,
    "administrator": False,
}


@pytest.mark.parametrize(("actor", "sees"), SEES.items())
def test_each_actor_sees_exactly_what_the_policy_allows(cast, cast_family, actor, sees):
    user = getattr(cast, actor)

    assert list(Family.objects.visible_to(user)) == ([cast_family] if sees else [])
    if sees:
        assert get_family_for_user(user, cast_family.pk, "R") == cast_family
        event = AccessEvent.objects.latest("id")
        assert (event.user, event.action, event.ground) == (user, "R", "care_team")
        assert event.authorisation
        assert event.treatment_relationship
        assert not event.emergency
    else:
        with pytest.raises(Http404):
            get_family_for_user(user, cast_family.pk, "R")


def test_the_cast_is_covered(cast):
    assert set(SEES) == set(cast.all())


def test_another_coalitions_families_stay_invisible(cast, cast_family):
    from kansrijk.families.services import family_create

    theirs = family_create(
        actor=cast.other_coalition_professional,
        municipality=cast.other_coalition.municipalities.get(),
        data={"postcode": "9876 ZX"},
    )

    assert list(families_visible_to(cast.other_coalition_professional)) == [theirs]
    assert theirs not in families_visible_to(cast.case_director)


def test_a_care_team_member_who_left_the_coalition_sees_nothing(cast, cast_family):
    cast.care_team_member.memberships.update(end_date="2000-01-02", start_date="2000-01-01")
    assert not families_visible_to(cast.care_team_member).exists()


def test_an_inactive_account_sees_nothing(cast, cast_family):
    cast.case_director.is_active = False
    cast.case_director.save()
    assert not families_visible_to(cast.case_director).exists()


def test_anonymous_sees_nothing(cast_family):
    from django.contrib.auth.models import AnonymousUser

    assert not families_visible_to(AnonymousUser()).exists()
    with pytest.raises(Http404):
        get_family_for_user(AnonymousUser(), cast_family.pk, "R")


def test_visibility_can_be_limited_to_the_active_coalition(cast, cast_family):
    assert families_visible_to(cast.case_director, coalition=cast.coalition).exists()
    assert not families_visible_to(cast.case_director, coalition=cast.other_coalition).exists()


def test_the_list_costs_one_query_however_many_families(cast, django_assert_num_queries):
    for _ in range(3):
        make_family(cast)
    # One query: the families, with the coalition check and each ground as EXISTS subqueries.
    with django_assert_num_queries(1):
        assert len(list(families_visible_to(cast.care_team_member))) == 3
