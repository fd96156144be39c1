"""Each role gets exactly the management pages the policy allows, and nothing of another
coalition: coordinators manage organisations and memberships, administrators manage
accounts, both read the audit trail; professionals and analysts get 403."""

import pytest
from django.urls import reverse

from kansrijk.organisations.models import Membership, Organisation
from kansrijk.testing.actors import logged_in_client

from .conftest import page

pytestmark = pytest.mark.django_db


def coordinator_urls(cast) -> list[str]:
    organisation = Organisation.objects.get(name="Verloskundigen Eerstedorp")
    membership = Membership.objects.get(professional=cast.case_director)
    return [
        reverse("organisations:organisation_list"),
        reverse("organisations:organisation_create"),
        reverse("organisations:organisation_edit", args=[organisation.pk]),
        reverse("organisations:organisation_status", args=[organisation.pk]),
        reverse("organisations:membership_list"),
        reverse("organisations:membership_add"),
        reverse("organisations:membership_edit", args=[membership.pk]),
        reverse("organisations:membership_end", args=[membership.pk]),
    ]


def administrator_urls(cast) -> list[str]:
    pk = cast.case_director.pk
    return [
        reverse("organisations:professional_list"),
        reverse("organisations:professional_create"),
        reverse("organisations:professional_detail", args=[pk]),
        reverse("organisations:professional_status", args=[pk]),
        reverse("organisations:professional_password", args=[pk]),
        reverse("organisations:professional_second_factor", args=[pk]),
    ]


def shared_urls() -> list[str]:
    return [reverse("organisations:manage"), reverse("organisations:audit_trail")]


def statuses(client, urls) -> dict[str, int]:
    return {url: client.get(url).status_code for url in urls}


def test_a_coordinator_manages_organisations_and_memberships_but_not_accounts(cast):
    client = logged_in_client(cast.coordinator)
    assert set(statuses(client, coordinator_urls(cast) + shared_urls()).values()) == {200}
    assert set(statuses(client, administrator_urls(cast)).values()) == {403}


def test_an_administrator_manages_accounts_but_not_organisations_or_memberships(cast):
    client = logged_in_client(cast.administrator)
    assert set(statuses(client, administrator_urls(cast) + shared_urls()).values()) == {200}
    assert set(statuses(client, coordinator_urls(cast)).values()) == {403}


@pytest.mark.parametrize("actor", ["case_director", "care_team_member", "outsider", "analyst"])
def test_professionals_and_analysts_get_no_access(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    urls = coordinator_urls(cast) + administrator_urls(cast) + shared_urls()
    assert set(statuses(client, urls).values()) == {403}
    assert "Geen toegang" in page(client.get(reverse("organisations:manage")))


def test_posts_without_the_role_change_nothing(cast):
    client = logged_in_client(cast.analyst)
    organisation = Organisation.objects.get(name="Verloskundigen Eerstedorp")
    response = client.post(
        reverse("organisations:organisation_status", args=[organisation.pk]), {"active": "0"}
    )
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.is_active


def test_a_coordinator_of_another_coalition_gets_no_access_here(cast):
    # The other coalition's professional coordinates nothing, so even the overview is refused.
    client = logged_in_client(cast.other_coalition_professional)
    assert client.get(reverse("organisations:manage")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, cast):
    for url in coordinator_urls(cast) + administrator_urls(cast) + shared_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("access:login")), url


def test_objects_of_another_coalition_are_not_found_for_a_coordinator(cast):
    client = logged_in_client(cast.coordinator)
    other_organisation = Organisation.objects.get(name="Verloskundigen Tweededorp")
    other_membership = Membership.objects.get(professional=cast.other_coalition_professional)
    urls = [
        reverse("organisations:organisation_edit", args=[other_organisation.pk]),
        reverse("organisations:organisation_status", args=[other_organisation.pk]),
        reverse("organisations:membership_edit", args=[other_membership.pk]),
        reverse("organisations:membership_end", args=[other_membership.pk]),
    ]
    assert set(statuses(client, urls).values()) == {404}
    response = client.post(urls[1], {"active": "0"})
    assert response.status_code == 404
    other_organisation.refresh_from_db()
    assert other_organisation.is_active


def test_accounts_of_another_coalition_are_not_found_for_an_administrator(cast):
    client = logged_in_client(cast.administrator)
    pk = cast.other_coalition_professional.pk
    urls = [
        reverse("organisations:professional_detail", args=[pk]),
        reverse("organisations:professional_status", args=[pk]),
        reverse("organisations:professional_password", args=[pk]),
        reverse("organisations:professional_second_factor", args=[pk]),
    ]
    assert set(statuses(client, urls).values()) == {404}
    assert client.post(urls[2]).status_code == 404
    assert "anderecoalitie" not in page(client.get(reverse("organisations:professional_list")))


def test_the_menu_shows_beheer_only_to_coordinators_and_administrators(cast):
    manage_link = f'href="{reverse("organisations:manage")}"'
    assert manage_link in page(logged_in_client(cast.coordinator).get("/"))
    assert manage_link in page(logged_in_client(cast.administrator).get("/"))
    assert manage_link not in page(logged_in_client(cast.case_director).get("/"))
    assert manage_link not in page(logged_in_client(cast.analyst).get("/"))


def test_the_menu_marks_beheer_as_the_current_area(cast):
    response = logged_in_client(cast.coordinator).get(reverse("organisations:membership_list"))
    assert f'href="{reverse("organisations:manage")}" aria-current="page"' in page(response)


def test_the_overview_shows_only_the_sections_the_roles_allow(cast):
    coordinator_page = page(logged_in_client(cast.coordinator).get("/beheer/"))
    assert "Organisaties" in coordinator_page
    assert "Medewerkers" in coordinator_page
    assert "Gebruikersaccounts" not in coordinator_page
    assert "Audittrail" in coordinator_page

    administrator_page = page(logged_in_client(cast.administrator).get("/beheer/"))
    assert reverse("organisations:organisation_list") not in administrator_page
    assert reverse("organisations:membership_list") not in administrator_page
    assert "Gebruikersaccounts" in administrator_page
    assert "Audittrail" in administrator_page


def test_roles_count_only_in_the_active_coalition(cast):
    from kansrijk.testing.factories import MembershipFactory

    # A coordinator of the other coalition who is an ordinary professional here, and works
    # here now, gets no management pages.
    MembershipFactory(
        professional=cast.case_director,
        coalition=cast.other_coalition,
        is_professional=False,
        is_coordinator=True,
    )
    client = logged_in_client(cast.case_director)
    session = client.session
    session["active_coalition_id"] = cast.coalition.pk
    session.save()
    assert client.get(reverse("organisations:organisation_list")).status_code == 403
    client.post(
        reverse("organisations:switch_coalition"),
        {"coalition": cast.other_coalition.pk, "next": "/"},
    )
    response = client.get(reverse("organisations:organisation_list"))
    assert response.status_code == 200
    assert "Verloskundigen Tweededorp" in page(response)
    assert "Verloskundigen Eerstedorp" not in page(response)
