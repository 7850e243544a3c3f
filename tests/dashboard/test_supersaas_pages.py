"""SuperSaaS on the dashboard: accounts, schedules as day and week calendars (resources as columns,
capacity slots with places taken and waiting lists), a booking's details, users and forms; the view
models read as plain data, and the pages the dashboard draws from them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.core.panels import Calendar, Details, Table, Tone
from fakesaas.core.views import ViewNotFound, ViewQuery
from fakesaas.core.world import World
from fakesaas.dashboard import PREFIX
from fakesaas.supersaas.views import SupersaasViews
from tests.dashboard.support import fetch, text, texts
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_ROOM_1,
    API_KEY,
    CLASSES,
    POTTERY_TOMORROW,
    ROOMS,
    SPINNING_TOMORROW,
    TOMORROW,
    WORKSHOPS,
    supersaas_state,
)

AUTH = (ACCOUNT, API_KEY)
SUPERSAAS = f"{PREFIX}/supersaas"


def _page(world: World, path: str, **params: str):
    return SupersaasViews().page(supersaas_state(world), ViewQuery(path, params, world.clock.now()))


def _calendar(world: World, path: str, **params: str) -> Calendar:
    (calendar,) = [panel for panel in _page(world, path, **params).panels if isinstance(panel, Calendar)]
    return calendar


def test_a_resource_day_has_a_column_per_resource_and_each_booking_in_its_column(app, world) -> None:
    calendar = _calendar(world, f"demo/schedules/{ROOMS}", date=TOMORROW)

    assert [column.label for column in calendar.columns] == ["Room 1", "Room 2"]
    placed = sorted((entry.column, entry.start.strftime("%H:%M"), entry.title) for entry in calendar.entries)
    assert placed == [("200001", "10:00", "Alice Archer"), ("200002", "14:00", "Bob Baker")]
    assert calendar.timezone == "Europe/Amsterdam"
    assert calendar.hours == (8, 18)  # Rooms opens 08:00-18:00 on weekdays


def test_a_resource_week_shows_one_resource_a_day_per_column(app, world) -> None:
    calendar = _calendar(world, f"demo/schedules/{ROOMS}", view="week", date=TOMORROW, resource="200001")

    assert [column.label for column in calendar.columns] == [
        "Mon 07 Jan",
        "Tue 08 Jan",
        "Wed 09 Jan",
        "Thu 10 Jan",
        "Fri 11 Jan",
        "Sat 12 Jan",
        "Sun 13 Jan",
    ]
    assert sorted((entry.column, entry.title) for entry in calendar.entries) == [
        ("2030-01-08", "Alice Archer"),
        ("2030-01-09", "Carol Chen"),
    ]
    (choice,) = calendar.choices
    assert choice.options == (("200001", "Room 1"), ("200002", "Room 2"))
    assert choice.selected == "200001"


def test_capacity_slots_show_places_taken_and_waiting(app, world) -> None:
    classes = _calendar(world, f"demo/schedules/{CLASSES}", date=TOMORROW)
    workshops = _calendar(world, f"demo/schedules/{WORKSHOPS}", date=TOMORROW)

    by_title = {entry.title: entry for entry in classes.entries}
    assert by_title["Morning yoga"].lines == ("1/10 taken", "Studio A")
    assert by_title["Morning yoga"].tone is Tone.FREE
    assert by_title["Spinning"].lines == ("2/2 taken", "Studio B")
    assert by_title["Spinning"].tone is Tone.FULL
    (pottery,) = workshops.entries
    assert pottery.lines == ("3/3 taken", "1 waiting", "Workshop")


def test_a_slot_opens_with_who_is_seated_and_who_waits(app, world) -> None:
    page = _page(world, f"demo/schedules/{WORKSHOPS}", date=TOMORROW, slot=str(POTTERY_TOMORROW))

    details, people = page.aside
    assert isinstance(details, Details)
    assert dict((label, value.text) for label, value in details.items)["Waiting list"] == "1 waiting"
    assert isinstance(people, Table)
    assert [(row[1].text, row[2].text) for row in people.rows] == [
        ("Alice Archer", "seated"),
        ("Bob Baker", "seated"),
        ("Carol Chen", "seated"),
        ("Walk-in Wendy", "waiting"),
    ]


def test_a_booking_opens_beside_the_calendar_with_its_details(app, world) -> None:
    page = _page(world, f"demo/schedules/{ROOMS}", date=TOMORROW, booking=str(ALICE_ROOM_1))

    (details,) = page.aside
    shown = {label: value.text for label, value in details.items}
    assert shown["Start"] == f"{TOMORROW} 10:00"
    assert shown["Resource"] == "Room 1"
    assert shown["User"] == "alice@example.com"
    (calendar,) = page.panels
    assert isinstance(calendar, Calendar)
    assert [entry.selected for entry in calendar.entries if entry.title == "Alice Archer"] == [True]


def test_a_booking_of_another_schedule_is_not_opened(app, world) -> None:
    page = _page(world, f"demo/schedules/{CLASSES}", date=TOMORROW, booking=str(ALICE_ROOM_1))

    assert page.aside == ()


def test_the_day_steps_and_today_follow_the_worlds_clock(app, world, clock: ManualClock) -> None:
    clock.advance(timedelta(days=3))

    calendar = _calendar(world, f"demo/schedules/{ROOMS}")

    assert calendar.title == "Thursday 10 January 2030"
    assert [(link.label, dict(link.params)["date"]) for link in calendar.navigation] == [
        ("Previous", "2030-01-09"),
        ("Today", "2030-01-10"),
        ("Next", "2030-01-11"),
    ]


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "2030-02-30", "yesterday", ""])
def test_any_date_given_shows_a_calendar(client, date: str) -> None:
    page = fetch(client, f"{SUPERSAAS}/demo/schedules/{ROOMS}?view=week&date={date}")

    assert page.xpath("//section[contains(@class, 'calendar')]")


@pytest.mark.parametrize(
    "path",
    ["nobody", "demo/schedules/1", "demo/schedules/abc", "demo/users/1", "demo/nothing", "demo/schedules"],
)
def test_an_unknown_page_is_not_found(app, world, path: str) -> None:
    with pytest.raises(ViewNotFound):
        _page(world, path)


def test_users_are_paged_and_one_opens_with_upcoming_bookings(app, world) -> None:
    (users,) = _page(world, "demo/users").panels
    user = _page(world, f"demo/users/{ALICE}")

    assert isinstance(users, Table)
    assert [row[1].text for row in users.rows] == [
        "alice@example.com",
        "bob@example.com",
        "carol@example.com",
    ]
    assert users.pager is None
    _, upcoming = user.panels
    assert isinstance(upcoming, Table)
    assert [(row[1].text, row[3].text) for row in upcoming.rows] == [
        ("Rooms", "Room 1"),
        ("Classes", "Morning yoga"),
        ("Classes", "Spinning"),
        ("Workshops", "Pottery"),
    ]


def test_forms_list_templates_and_open_a_filled_in_form(app, world) -> None:
    page = _page(world, "demo/forms", super_form="450001", form="460002")

    templates, filled = page.panels
    assert isinstance(templates, Table)
    assert [(row[0].text, row[3].text) for row in templates.rows] == [
        ("Intake questionnaire", "2"),
        ("Feedback", "1"),
    ]
    assert isinstance(filled, Table)
    assert len(filled.rows) == 2
    (opened,) = page.aside
    assert opened.title == "Form 460002"


# --- the pages drawn ----------------------------------------------------------------------------------


def test_the_calendar_page_draws_entries_as_links_to_their_details(client) -> None:
    page = fetch(client, f"{SUPERSAAS}/demo/schedules/{ROOMS}?date={TOMORROW}")

    columns = texts(page, "//div[@class='cal-colhead']/strong")
    assert columns == ["Room 1", "Room 2"]
    (alice,) = page.xpath("//div[contains(@class, 'cal-entry')][.//span[@class='cal-title']='Alice Archer']")
    assert alice.xpath("./a/@href") == [
        f"{SUPERSAAS}/demo/schedules/{ROOMS}?view=day&date={TOMORROW}&booking={ALICE_ROOM_1}"
    ]
    assert "top: 20.0%" in alice.get("style")  # 10:00 in a day drawn from 08:00 to 18:00
    assert "height: 10.0%" in alice.get("style")
    assert texts(page, "//nav[@aria-label='Views']/a[@aria-current='page']") == ["Day"]


def test_a_booking_made_through_the_api_appears_in_the_calendar(client) -> None:
    when = {"start": f"{TOMORROW} 12:00:00", "finish": f"{TOMORROW} 13:00:00"}
    body = {"schedule_id": ROOMS, "booking": {**when, "full_name": "Ann New", "resource_id": 200002}}
    assert client.post("/api/bookings.json", json=body, auth=AUTH).status_code == 201

    page = fetch(client, f"{SUPERSAAS}/demo/schedules/{ROOMS}?date={TOMORROW}")

    titles = texts(page, "//div[contains(@class, 'cal-col')][@aria-label='Room 2']//span[@class='cal-title']")
    assert titles == ["Ann New", "Bob Baker"]


def test_the_week_page_offers_the_resources_to_choose_from(client) -> None:
    page = fetch(client, f"{SUPERSAAS}/demo/schedules/{ROOMS}?view=week&date={TOMORROW}&resource=200002")

    (form,) = page.xpath("//form[@class='choice']")
    assert form.get("action") == f"{SUPERSAAS}/demo/schedules/{ROOMS}"
    assert form.xpath(".//select/option[@selected]/text()") == ["Room 2"]
    hidden = form.xpath(".//input[@type='hidden']")
    assert {field.get("name"): field.get("value") for field in hidden} == {"view": "week", "date": TOMORROW}
    assert texts(page, "//span[@class='cal-title']") == ["Bob Baker"]


def test_the_account_page_lists_schedules_with_their_bookings(client) -> None:
    page = fetch(client, f"{SUPERSAAS}/demo")

    rows = [texts(row, "./td") for row in page.xpath("//section[@id='panel-schedules']//tbody/tr")]
    assert [(row[0], row[2], row[5]) for row in rows] == [
        ("Rooms", "resource", "3"),
        ("Classes", "capacity", "3"),
        ("Services", "service", "1"),
        ("Workshops", "capacity, waiting list", "4"),
    ]
    assert texts(page, "//nav[@class='tabs']//a") == [
        "Schedules",
        "Rooms",
        "Classes",
        "Services",
        "Workshops",
        "Users",
        "Forms",
    ]


def test_the_service_index_lists_accounts(client) -> None:
    page = fetch(client, f"{SUPERSAAS}/")

    assert texts(page, "//tbody/tr/td[1]") == ["demo"]
    assert text(page, "//tbody/tr/td[5]") == "demo-api-key"


def test_a_full_slot_is_marked_and_opens(client) -> None:
    page = fetch(client, f"{SUPERSAAS}/demo/schedules/{CLASSES}?date={TOMORROW}&slot={SPINNING_TOMORROW}")

    (spinning,) = page.xpath("//div[contains(@class, 'cal-entry')][.//span[@class='cal-title']='Spinning']")
    assert "tone-full" in spinning.get("class")
    assert "selected" in spinning.get("class")
    assert texts(page, "//section[@id='panel-slot-bookings']//tbody/tr/td[2]") == [
        "Alice Archer",
        "Bob Baker",
    ]
