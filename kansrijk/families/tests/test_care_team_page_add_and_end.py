from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import CareTeamMember, Family, TimelineEvent
from kansrijk.organisations.selectors_picker import membership_label
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory


def test_the_page_lists_members_with_organisation_discipline_and_phone_link(cast, cast_family):
    CareTeamMember.objects.filter(professional=cast.care_team_member).update(phone="06 11122233")

    response = logged_in_client(cast.case_director).get(
        reverse("families:care_team", args=[cast_family.pk])
    )

    html = response.content.decode()
    assert "JGZ Eerstedorp" in html
    assert "Jeugdverpleegkundige" in html
    assert 'href="tel:0611122233"' in html
    assert "casusregisseur" in html


def test_only_professionals_of_the_coalition_not_yet_on_the_team_can_be_chosen(cast, cast_family):
    response = logged_in_client(cast.case_director).get(
        reverse("families:care_team", args=[cast_family.pk])
    )

    memberships = response.context["form"].fields["professional"].queryset
    assert {membership.professional for membership in memberships} == {cast.outsider}


def test_adding_a_member_gives_access_and_is_on_the_timeline(cast, cast_family):
    response = logged_in_client(cast.care_team_member).post(
        reverse("families:care_team", args=[cast_family.pk]),
        {
            "professional": "buitenst",
            "role_in_family": "verloskundige",
            "phone": "",
            "start_date": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 302
    assert list(Family.objects.visible_to(cast.outsider)) == [cast_family]
    assert AccessEvent.objects.latest("id").action == "U"
    event = TimelineEvent.objects.filter(kind="care_team_added").latest("id")
    assert event.summary == "Buitenstaander Testpersoon, verloskundige, Verloskundigen Eerstedorp"
    assert event.actor == cast.care_team_member


def test_choosing_someone_outside_the_coalition_is_refused_in_dutch(cast, cast_family):
    client = logged_in_client(cast.case_director)
    url = reverse("families:care_team", args=[cast_family.pk])
    stranger = cast.other_coalition_professional
    by_name = client.post(url, {"professional": "anderecoalitie", "start_date": "2026-01-01"})
    by_id = client.post(
        url,
        {"professional_keuze": stranger.memberships.get().pk, "start_date": "2026-01-01"},
    )

    assert by_name.status_code == by_id.status_code == 400
    assert by_name.context["form"].errors["professional"] == [
        "Er is geen professional met deze naam in de coalitie."
    ]
    assert by_id.context["form"].errors["professional"] == ["Kies een professional uit de lijst."]
    assert not CareTeamMember.objects.filter(professional=stranger)


def test_someone_already_on_the_team_is_not_found_again(cast, cast_family):
    response = logged_in_client(cast.case_director).post(
        reverse("families:care_team", args=[cast_family.pk]),
        {"professional": "teamlid", "start_date": "2026-01-01"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["professional"] == [
        "Er is geen professional met deze naam in de coalitie."
    ]


def test_several_matches_are_offered_to_choose_from(cast, cast_family):
    """Everyone of the cast is called Testpersoon; only the outsider is off the team."""
    newcomer = MembershipFactory(
        coalition=cast.coalition,
        organisation=cast.outsider.memberships.get().organisation,
    )
    client = logged_in_client(cast.case_director)
    url = reverse("families:care_team", args=[cast_family.pk])

    response = client.post(url, {"professional": "Testpersoon", "role_in_family": "kraam"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Er zijn meer professionals met deze naam: kies er een." in html
    assert 'value="kraam"' in html
    assert response.context["form"].fields["professional"].widget.matches == [
        (membership.pk, membership_label(membership))
        for membership in (cast.outsider.memberships.get(), newcomer)
    ]
    chosen = client.post(
        url,
        {
            "professional": "Testpersoon",
            "professional_keuze": newcomer.pk,
            "start_date": timezone.localdate().isoformat(),
        },
    )
    assert chosen.status_code == 302
    assert CareTeamMember.objects.current().filter(professional=newcomer.professional).exists()


def test_ending_a_membership_asks_for_confirmation_and_ends_access(cast, cast_family):
    member = CareTeamMember.objects.get(professional=cast.care_team_member)
    url = reverse("families:care_team_end", args=[cast_family.pk, member.pk])
    client = logged_in_client(cast.case_director)

    assert "Ja, beëindigen" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.end_date is not None
    assert not Family.objects.visible_to(cast.care_team_member).exists()
    assert TimelineEvent.objects.filter(kind="care_team_ended").count() == 1
    page = client.get(reverse("families:care_team", args=[cast_family.pk]))
    assert page.context["former"] == [member]


def test_the_last_member_cannot_leave(cast, cast_family):
    other = CareTeamMember.objects.get(professional=cast.care_team_member)
    client = logged_in_client(cast.case_director)
    client.post(reverse("families:care_team_end", args=[cast_family.pk, other.pk]))
    last = CareTeamMember.objects.current().get(family=cast_family)

    response = client.post(
        reverse("families:care_team_end", args=[cast_family.pk, last.pk]), follow=True
    )

    assert "Het zorgteam kan niet leeg worden" in response.content.decode()
    last.refresh_from_db()
    assert last.end_date is None
    assert TimelineEvent.objects.filter(kind="care_team_ended").count() == 1
