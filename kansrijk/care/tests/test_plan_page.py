"""The plan page as the care team sees it: the spider web with its data table, concerns in
order, goals, agreed actions (overdue ones highlighted), the talk with the family, and the
plan on the family file."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.care import services_plan
from kansrijk.care.models import Concern, Goal, GoalStatus, PlanDiscussion, Task
from kansrijk.care.models.plan import PLAN_TEXT_FIELDS
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def scores(**values):
    base = dict.fromkeys(
        [
            "bodily_functions",
            "mental_wellbeing",
            "meaningfulness",
            "quality_of_life",
            "participation",
            "daily_functioning",
        ],
        5,
    )
    return {**base, **values}


def plan_page(client, family) -> str:
    response = client.get(reverse("care:plan", args=[family.pk]))
    assert response.status_code == 200
    return response.content.decode()


def table_rows(page: str, testid: str) -> list[list[str]]:
    """The rows of a table as lists of cell texts (tags stripped, spaces collapsed)."""
    table = page.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells])
    return rows


def test_the_plan_page_is_a_logged_read(cast, cast_family):
    plan_page(logged_in_client(cast.care_team_member), cast_family)
    event = AccessEvent.objects.order_by("-pk").first()
    assert (event.action, event.detail) == ("R", "Gezinsplan ingezien")


def test_the_spider_web_and_its_table_compare_the_first_and_latest_moment(cast, cast_family):
    today = timezone.localdate()
    for days_ago, mental in [(60, 3), (30, 5), (0, 8)]:
        services_plan.health_score_record(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            measured_on=today - timedelta(days=days_ago),
            respondent="moeder",
            scores=scores(mental_wellbeing=mental, participation=7 if days_ago == 0 else 6),
        )
    page = plan_page(logged_in_client(cast.case_director), cast_family)
    svg = page.split('data-testid="spider-web-svg"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in page.split('data-testid="spider-web-svg"', 1)[0].rsplit("<svg", 1)[1]
    assert "<title" in svg
    assert "<desc" in svg
    first = (today - timedelta(days=60)).strftime("%-d")
    assert svg.count("<polygon") == 5 + 2  # five rings, the first and the latest moment
    assert 'data-testid="spider-first"' in svg
    assert 'data-testid="spider-latest"' in svg
    assert 'stroke-dasharray="6 4"' in svg  # the first moment is dashed, not only a colour
    # Coordinates carry a decimal point; a Dutch decimal comma would split them in two.
    coordinates = re.findall(r' (?:x|y|x1|y1|x2|y2|cx|cy)="([^"]*)"', svg)
    assert coordinates
    assert all(re.fullmatch(r"\d+\.\d", value) for value in coordinates), coordinates
    rows = table_rows(page, "spider-web-table")
    assert rows[0][0] == "Dimensie"
    assert rows[0][1].startswith("Eerste meting")
    assert first in rows[0][1]
    assert rows[0][2].startswith("Laatste meting")
    assert ["Mentaal welbevinden", "3", "8", "+5"] in rows
    assert ["Meedoen", "6", "7", "+1"] in rows
    assert ["Zingeving", "5", "5", "0"] in rows
    assert len(rows) == 7  # header and six dimensions; the middle moment is not compared
    assert "Alle 3 metingen" in page


def test_one_moment_draws_one_web(cast, cast_family):
    services_plan.health_score_record(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        measured_on=timezone.localdate(),
        respondent="moeder",
        scores=scores(meaningfulness=9),
    )
    page = plan_page(logged_in_client(cast.case_director), cast_family)
    assert 'data-testid="spider-first"' in page
    assert 'data-testid="spider-latest"' not in page
    assert ["Zingeving", "9"] in table_rows(page, "spider-web-table")


def test_without_scores_there_is_no_web(cast, cast_family):
    page = plan_page(logged_in_client(cast.case_director), cast_family)
    assert "Nog geen scores." in page
    assert "spider-web" not in page


def test_an_overdue_action_is_highlighted(cast, cast_family):
    today = timezone.localdate()
    for title, days in [("Aanmelden bij het buurtteam", 1), ("Afspraak schuldhulp", 20)]:
        services_plan.plan_action_add(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            title=title,
            owner=cast.care_team_member,
            due_date=today + timedelta(days=days),
        )
    page = plan_page(logged_in_client(cast.case_director), cast_family)
    assert "Te laat" not in page
    # Three days later (a fresh login: the session would have timed out).
    with time_machine.travel(today + timedelta(days=3), tick=False):
        page = plan_page(logged_in_client(cast.case_director), cast_family)
    overdue = re.findall(r'<tr class="[^"]*kr-plan-overdue[^"]*"[^>]*>(.*?)</tr>', page, re.S)
    assert len(overdue) == 1
    assert "Aanmelden bij het buurtteam" in overdue[0]
    assert "Te laat" in overdue[0]
    assert page.count("Te laat") == 1
    row = next(r for r in table_rows(page, "actions") if r[0] == "Aanmelden bij het buurtteam")
    assert row[1] == "Teamlid Testpersoon"
    assert row[3] == "Open"


def test_a_completed_action_is_no_longer_overdue(cast, cast_family):
    today = timezone.localdate()
    task = services_plan.plan_action_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        title="Aanmelden bij het buurtteam",
        owner=cast.care_team_member,
        due_date=today,
    )
    with time_machine.travel(today + timedelta(days=2), tick=False):
        client = logged_in_client(cast.care_team_member)
        response = client.post(
            reverse("care:task_complete", args=[cast_family.pk, task.pk]),
            {"next": reverse("care:plan", args=[cast_family.pk])},
        )
        assert response.status_code == 302
        page = plan_page(client, cast_family)
    assert "Te laat" not in page
    assert table_rows(page, "actions")[1][3] == "Afgerond"


def test_an_action_is_agreed_with_an_owner_from_the_care_team(cast, cast_family):
    goal = services_plan.goal_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        text="Rust in mijn hoofd",
        dimension="mental_wellbeing",
    )
    client = logged_in_client(cast.case_director)
    url = reverse("care:action_add", args=[cast_family.pk])
    form = client.get(url, {"doel": goal.pk}).content.decode()
    assert "Teamlid Testpersoon (jeugdverpleegkundige)" in form
    assert "Buitenstaander" not in form  # not on the care team
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    # Someone off the care team is no valid owner; the input stays.
    response = client.post(
        url, {"title": "Bellen met de POH-GGZ", "owner": cast.outsider.pk, "due_date": due}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies iemand die nu in het zorgteam zit." in page
    assert 'value="Bellen met de POH-GGZ"' in page
    response = client.post(
        url,
        {
            "title": "Bellen met de POH-GGZ",
            "owner": cast.care_team_member.pk,
            "due_date": due,
            "goal": goal.pk,
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.source, task.source_id, task.owner) == (
        "plan",
        str(goal.pk),
        cast.care_team_member,
    )
    row = table_rows(plan_page(client, cast_family), "actions")[1]
    assert row[0] == "Bellen met de POH-GGZ"
    assert row[4] == "Rust in mijn hoofd"


def test_an_action_needs_a_due_date_not_in_the_past(cast, cast_family):
    response = logged_in_client(cast.case_director).post(
        reverse("care:action_add", args=[cast_family.pk]),
        {
            "title": "Bellen",
            "owner": cast.case_director.pk,
            "due_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Deze datum ligt in het verleden." in response.content.decode()
    assert not Task.objects.exists()


def test_concerns_are_added_at_the_bottom_and_moved_with_buttons(cast, cast_family):
    client = logged_in_client(cast.case_director)
    for text in ["Schulden", "Slecht slapen", "Weinig contact met buren"]:
        response = client.post(reverse("care:concern_add", args=[cast_family.pk]), {"text": text})
        assert response.status_code == 302
    concerns = {c.text: c for c in Concern.objects.all()}
    move = reverse("care:concern_move", args=[cast_family.pk, concerns["Slecht slapen"].pk])
    response = client.post(move, {"richting": "omhoog"})
    assert response.status_code == 302
    assert response["Location"].endswith("#zorgpunten")
    page = client.get(response["Location"]).content.decode()
    assert "“Slecht slapen” staat nu op plaats 1." in page
    concerns_list = page.split('data-testid="concerns"', 1)[1].split("</ol>", 1)[0]
    texts = re.findall(r'kr-plan-concerns__text">([^<]+)<', concerns_list)
    assert texts == ["Slecht slapen", "Schulden", "Weinig contact met buren"]
    # The first has no "up" button, the last no "down" button.
    items = concerns_list.split("<li")[1:]
    assert 'value="omhoog"' not in items[0]
    assert 'value="omlaag"' in items[0]
    assert 'value="omhoog"' in items[2]
    assert 'value="omlaag"' not in items[2]
    # Resolving one closes the gap.
    resolve = reverse("care:concern_resolve", args=[cast_family.pk, concerns["Schulden"].pk])
    client.post(resolve)
    assert list(Concern.objects.open().order_by("position").values_list("text", "position")) == [
        ("Slecht slapen", 1),
        ("Weinig contact met buren", 2),
    ]


def test_an_empty_concern_gets_a_dutch_message(cast, cast_family):
    response = logged_in_client(cast.case_director).post(
        reverse("care:concern_add", args=[cast_family.pk]), {"text": "  "}
    )
    assert response.status_code == 400
    assert "Beschrijf het zorgpunt." in response.content.decode()


def test_goals_on_positive_health_are_added_and_closed(cast, cast_family):
    client = logged_in_client(cast.case_director)
    response = client.post(
        reverse("care:goal_add", args=[cast_family.pk]),
        {"text": "", "dimension": "", "target_date": "2020-01-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Beschrijf het doel in de woorden van het gezin." in page
    assert "Kies bij welke dimensie van Positieve Gezondheid het doel hoort." in page
    response = client.post(
        reverse("care:goal_add", args=[cast_family.pk]),
        {"text": "Weer plezier in dingen", "dimension": "mental_wellbeing", "target_date": ""},
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    rows = table_rows(plan_page(client, cast_family), "goals")
    assert rows[1][:4] == ["Weer plezier in dingen", "Mentaal welbevinden", "—", "Loopt"]
    response = client.post(
        reverse("care:goal_close", args=[cast_family.pk, goal.pk]), {"status": "achieved"}
    )
    assert response.status_code == 302
    rows = table_rows(plan_page(client, cast_family), "goals")
    assert rows[1][3].startswith("Behaald")


def test_the_talk_with_the_family_is_recorded(cast, cast_family):
    client = logged_in_client(cast.case_director)
    assert "Dit plan is nog niet met het gezin besproken." in plan_page(client, cast_family)
    url = reverse("care:plan_discussed", args=[cast_family.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(url, {"discussed_on": tomorrow.isoformat(), "with_whom": "moeder"})
    assert response.status_code == 400
    assert "De datum van het gesprek kan niet in de toekomst liggen." in response.content.decode()
    today = timezone.localdate()
    response = client.post(
        url, {"discussed_on": today.isoformat(), "with_whom": "moeder en partner", "note": ""}
    )
    assert response.status_code == 302
    page = plan_page(client, cast_family)
    assert "Besproken met het gezin op" in page
    assert "(met moeder en partner)" in page
    assert PlanDiscussion.objects.get().recorded_by == cast.case_director


def test_the_family_file_shows_the_top_concerns_goals_and_a_link(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    detail = reverse("families:detail", args=[cast_family.pk])
    page = client.get(detail).content.decode()
    assert "Er is nog geen gezinsplan." in page
    assert "Gezinsplan opstellen" in page
    for text in ["Schulden", "Slecht slapen", "Weinig contact", "Geen werk"]:
        services_plan.concern_add(actor=cast.case_director, family_pk=cast_family.pk, text=text)
    services_plan.goal_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        text="Rust in mijn hoofd",
        dimension="mental_wellbeing",
    )
    page = client.get(detail).content.decode()
    section = page.split('data-testid="plan-section"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<li>([^<]+)</li>", section) == [
        "Schulden",
        "Slecht slapen",
        "Weinig contact",
    ]
    assert "4 zorgpunten in totaal" in section
    assert "1 lopend doel" in section
    assert reverse("care:plan", args=[cast_family.pk]) in section
    # And the family's menu links to the plan.
    nav = client.get(reverse("families:care_team", args=[cast_family.pk])).content.decode()
    assert f'href="{reverse("care:plan", args=[cast_family.pk])}"' in nav


def test_the_family_file_counts_goals_and_knows_a_plan_without_concerns_or_goals(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    detail = reverse("families:detail", args=[cast_family.pk])

    def section() -> str:
        page = client.get(detail).content.decode()
        return page.split('data-testid="plan-section"', 1)[1].split("</section>", 1)[0]

    services_plan.care_plan_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=0,
        data={PLAN_TEXT_FIELDS[0]: "Samen aan de slag"},
    )
    assert "Naar het gezinsplan" in section()
    assert "Er is nog geen gezinsplan." not in section()
    assert "0 lopende doelen" in section()
    goals = [
        services_plan.goal_add(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            text=text,
            dimension="mental_wellbeing",
        )
        for text in ["Rust", "Slapen", "Werk"]
    ]
    services_plan.goal_close(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        goal_pk=goals[0].pk,
        status=GoalStatus.ACHIEVED,
    )
    shown = section()
    assert "2 lopende doelen" in shown
    assert "(3 in totaal)" in shown


def test_a_closed_file_shows_the_plan_without_edit_buttons(cast, cast_family):
    from kansrijk.families.services import family_close

    family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="Verhuisd"
    )
    client = logged_in_client(cast.case_director)
    page = plan_page(client, cast_family)
    assert "Plan bewerken" not in page
    assert "Plan opstellen" not in page
    response = client.get(reverse("care:plan_edit", args=[cast_family.pk]))
    assert response.status_code == 302


def test_dates_are_shown_in_dutch(cast, cast_family):
    services_plan.goal_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        text="Samen naar de peuterspeelzaal",
        dimension="participation",
        target_date=timezone.localdate() + timedelta(days=40),
    )
    page = plan_page(logged_in_client(cast.case_director), cast_family)
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    target = timezone.localdate() + timedelta(days=40)
    assert f"{target.day} {months[target.month - 1]} {target.year}" in page
