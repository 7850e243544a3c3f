"""The availability API over HTTP (/api/free), and the waiting list that decides what is free.

Seed 001: "This API allows you to retrieve a list of free spaces"; "from: Only return free spaces
later than this time ... in local time"; "length: ... The default length is used if this parameter
is not present"; "resource: Limit the search for free spaces to the named resource"; "full: Set
to 'true' to return full slots as well"; "maxresults: ... Default is 10"; "count: ... For resource
type schedule this will always be 1"; "If-Modified-Since ... will result in a 304".
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_POTTERY,
    ALICE_ROOM_1,
    BOB_POTTERY,
    CLASSES,
    NEXT_BOOKING_ID,
    POTTERY_TOMORROW,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    SPINNING_TOMORROW,
    T0,
    WENDY_WAITING,
    WORKSHOPS,
    YOGA_TOMORROW,
    checksum,
    error_titles,
    id_from_location,
)

FORMAT = "%Y-%m-%d %H:%M:%S"
# The demo's Rooms: Mon-Fri 08:00-18:00, Sat 10:00-14:00, closed on Sunday (Monday first).
ROOMS_HOURS: tuple[tuple[time, time] | None, ...] = (
    *((time(8), time(18)),) * 5,
    (time(10), time(14)),
    None,
)
NOW_LOCAL = datetime(2030, 1, 7, 9, 0)  # T0 in Amsterdam


def parse(text: str) -> datetime:
    return datetime.strptime(text, FORMAT)


def stretches(body: dict[str, Any]) -> list[tuple[str, str, int]]:
    return [(slot["start"], slot["finish"], slot["resource_id"]) for slot in body["slots"]]


def free(
    api: Api, schedule: int = ROOMS, ext: str = "json", headers: dict[str, str] | None = None, **query: Any
) -> Any:
    return api.get(f"/api/free/{schedule}.{ext}", query_string=query, headers=headers or {})


def active_bookings(api: Api) -> list[dict[str, Any]]:
    response = api.get(f"/api/bookings.json?schedule_id={ROOMS}&limit=500")
    assert response.status_code == 200
    return response.get_json()


def assert_in_opening_hours(start: datetime, finish: datetime) -> None:
    hours = ROOMS_HOURS[start.weekday()]
    assert hours is not None, f"free time on a closed day: {start}"
    assert start.date() == finish.date(), (start, finish)
    assert hours[0] <= start.time(), (start, finish)
    assert finish.time() <= hours[1], (start, finish)


def assert_clear_of_bookings(slot: dict[str, Any], bookings: list[dict[str, Any]]) -> None:
    start, finish = parse(slot["start"]), parse(slot["finish"])
    for booking in bookings:
        if booking["resource_id"] == slot["resource_id"]:
            taken = parse(booking["start"]), parse(booking["finish"])
            assert not (taken[0] < finish and start < taken[1]), (slot, booking)


def assert_error(response: Any, status: int) -> None:
    assert response.status_code == status
    assert response.get_json()["errors"][0]["status"] == str(status)


# --- resource schedules ---------------------------------------------------------------------


def test_free_stretches_lie_in_opening_hours_and_never_overlap_a_booking(api) -> None:
    body = free(api, maxresults=60).get_json()
    assert len(body["slots"]) == 60
    bookings = active_bookings(api)
    for slot in body["slots"]:
        assert_in_opening_hours(parse(slot["start"]), parse(slot["finish"]))
        assert_clear_of_bookings(slot, bookings)
        assert slot["count"] == 1  # "For resource type schedule this will always be 1"


def test_free_on_the_demo_day_after_tomorrow_is_open_hours_minus_bookings(api) -> None:
    query = {"from": "2030-01-08 00:00:00", "maxresults": 6}
    assert stretches(free(api, **query).get_json()) == [
        ("2030-01-08 08:00:00", "2030-01-08 10:00:00", ROOM_1),
        ("2030-01-08 08:00:00", "2030-01-08 14:00:00", ROOM_2),
        ("2030-01-08 11:00:00", "2030-01-08 18:00:00", ROOM_1),
        ("2030-01-08 15:30:00", "2030-01-08 18:00:00", ROOM_2),
        ("2030-01-09 08:00:00", "2030-01-09 09:00:00", ROOM_1),
        ("2030-01-09 08:00:00", "2030-01-09 18:00:00", ROOM_2),
    ]


def test_free_name_the_resource_and_count_one(api) -> None:
    [slot] = free(api, maxresults=1).get_json()["slots"]
    assert slot == {
        "start": "2030-01-07 09:00:00",
        "finish": "2030-01-07 18:00:00",
        "name": "Room 1",
        "resource_id": ROOM_1,
        "count": 1,
    }


def test_free_gives_nothing_on_a_sunday_when_rooms_are_closed(api) -> None:
    body = free(api, **{"from": "2030-01-13 00:00:00", "maxresults": 2}).get_json()
    # Sunday the 13th is closed: the first free time is Monday morning.
    assert stretches(body) == [
        ("2030-01-14 08:00:00", "2030-01-14 18:00:00", ROOM_1),
        ("2030-01-14 08:00:00", "2030-01-14 18:00:00", ROOM_2),
    ]


def test_free_on_a_saturday_follows_the_short_opening_hours(api) -> None:
    body = free(api, **{"from": "2030-01-12 00:00:00", "maxresults": 2}).get_json()
    assert stretches(body) == [
        ("2030-01-12 10:00:00", "2030-01-12 14:00:00", ROOM_1),
        ("2030-01-12 10:00:00", "2030-01-12 14:00:00", ROOM_2),
    ]


def test_free_length_leaves_out_shorter_stretches(api) -> None:
    body = free(api, **{"from": "2030-01-08 00:00:00", "length": 300, "maxresults": 3}).get_json()
    assert stretches(body) == [
        ("2030-01-08 08:00:00", "2030-01-08 14:00:00", ROOM_2),
        ("2030-01-08 11:00:00", "2030-01-08 18:00:00", ROOM_1),
        ("2030-01-09 08:00:00", "2030-01-09 18:00:00", ROOM_2),
    ]


def test_free_without_length_uses_the_schedules_default_of_sixty_minutes(api) -> None:
    gap = {"start": "2030-01-08 08:00", "finish": "2030-01-08 09:30", "resource_id": ROOM_1}
    assert api.post("/api/bookings.json", json={"schedule_id": ROOMS, "booking": gap}).status_code == 201
    query = {"from": "2030-01-08 00:00:00", "resource": "Room 1", "maxresults": 1}
    # 09:30-10:00 is only half an hour: too short for the default length.
    assert stretches(free(api, **query).get_json()) == [
        ("2030-01-08 11:00:00", "2030-01-08 18:00:00", ROOM_1)
    ]
    short = free(api, **query, length=30).get_json()
    assert stretches(short) == [("2030-01-08 09:30:00", "2030-01-08 10:00:00", ROOM_1)]


def test_free_resource_limits_the_search_to_the_named_resource(api) -> None:
    body = free(api, **{"from": "2030-01-08 00:00:00", "resource": "Room 2", "maxresults": 3}).get_json()
    assert stretches(body) == [
        ("2030-01-08 08:00:00", "2030-01-08 14:00:00", ROOM_2),
        ("2030-01-08 15:30:00", "2030-01-08 18:00:00", ROOM_2),
        ("2030-01-09 08:00:00", "2030-01-09 18:00:00", ROOM_2),
    ]
    assert {slot["name"] for slot in body["slots"]} == {"Room 2"}
    by_id = free(api, **{"from": "2030-01-08 00:00:00", "resource": ROOM_2, "maxresults": 3}).get_json()
    assert by_id == body


def test_free_time_returns_when_a_booking_is_deleted(api) -> None:
    query = {"from": "2030-01-08 00:00:00", "resource": "Room 1", "maxresults": 1}
    assert api.delete(f"/api/bookings/{ALICE_ROOM_1}.json").status_code == 200
    assert stretches(free(api, **query).get_json()) == [
        ("2030-01-08 08:00:00", "2030-01-08 18:00:00", ROOM_1)
    ]


def test_free_time_resumes_when_an_overnight_booking_ends(api) -> None:
    night = {"start": "2030-01-09 17:00", "finish": "2030-01-10 09:00", "resource_id": ROOM_2}
    assert api.post("/api/bookings.json", json={"schedule_id": ROOMS, "booking": night}).status_code == 201
    query = {"from": "2030-01-09 12:00:00", "resource": "Room 2", "maxresults": 2}
    assert stretches(free(api, **query).get_json()) == [
        ("2030-01-09 12:00:00", "2030-01-09 17:00:00", ROOM_2),
        ("2030-01-10 09:00:00", "2030-01-10 18:00:00", ROOM_2),
    ]


def test_free_from_inside_a_booking_starts_when_it_ends(api) -> None:
    query = {"from": "2030-01-08 10:30:00", "resource": "Room 1", "maxresults": 1}
    assert stretches(free(api, **query).get_json()) == [
        ("2030-01-08 11:00:00", "2030-01-08 18:00:00", ROOM_1)
    ]


def test_free_accepts_a_checksum_over_any_user_name(api) -> None:
    # Seed 001: "You can use a random value for the user name."
    query = {
        "account": ACCOUNT,
        "user": "anyone-at-all",
        "checksum": checksum("anyone-at-all"),
        "maxresults": 1,
    }
    response = api.get(f"/api/free/{ROOMS}.json", auth=None, query_string=query)
    assert response.status_code == 200
    assert stretches(response.get_json()) == [("2030-01-07 09:00:00", "2030-01-07 18:00:00", ROOM_1)]
    wrong = {**query, "checksum": checksum("someone-else")}
    assert_error(api.get(f"/api/free/{ROOMS}.json", auth=None, query_string=wrong), 403)


def test_free_refuses_unreadable_parameters_with_422(api) -> None:
    for bad in (
        {"from": "next tuesday"},
        {"length": "long"},
        {"length": 0},
        {"maxresults": 0},
        {"maxresults": "x"},
    ):
        assert_error(free(api, **bad), 422)


def test_free_with_an_unknown_resource_is_422(api) -> None:
    response = free(api, resource="Room 9")
    assert_error(response, 422)
    assert error_titles(response.get_json()) == ["Resource not found"]


def test_free_maxresults_defaults_to_ten(api) -> None:
    assert len(free(api).get_json()["slots"]) == 10
    assert len(free(api, CLASSES).get_json()["slots"]) == 10


def test_free_maxresults_and_the_limit_alias_cap_the_answer(api) -> None:
    three = free(api, maxresults=3).get_json()
    assert len(three["slots"]) == 3
    assert three["slots"] == free(api).get_json()["slots"][:3]
    assert free(api, limit=3).get_json() == three
    assert len(free(api, maxresults=25).get_json()["slots"]) == 25


def test_free_from_in_the_past_starts_at_now(api) -> None:
    body = free(api, **{"from": "2030-01-01 00:00:00", "maxresults": 2}).get_json()
    # Now is 09:00 in Amsterdam: the past cannot be booked.
    assert stretches(body) == [
        ("2030-01-07 09:00:00", "2030-01-07 18:00:00", ROOM_1),
        ("2030-01-07 09:00:00", "2030-01-07 18:00:00", ROOM_2),
    ]


def test_free_from_with_seconds_is_rounded_up_to_the_minute(api) -> None:
    body = free(api, **{"from": "2030-01-08 08:00:30", "maxresults": 1}).get_json()
    assert stretches(body) == [("2030-01-08 08:01:00", "2030-01-08 10:00:00", ROOM_1)]


@pytest.mark.parametrize("schedule", [ROOMS, CLASSES])
def test_free_from_the_calendars_last_minute_with_seconds_is_empty_not_an_error(api, schedule: int) -> None:
    # Rounded up to the minute, 9999-12-31 23:59:30 would be past the last moment there is.
    response = free(api, schedule, **{"from": "9999-12-31 23:59:30"})
    assert response.status_code == 200
    assert response.get_json() == {"slots": []}


def test_free_moves_on_as_the_clock_advances(api, clock: ManualClock) -> None:
    clock.advance(timedelta(hours=3, minutes=15))  # 12:15 in Amsterdam
    body = free(api, maxresults=1).get_json()
    assert stretches(body) == [("2030-01-07 12:15:00", "2030-01-07 18:00:00", ROOM_1)]
    clock.set(datetime(2030, 1, 7, 17, 30, tzinfo=UTC))  # 18:30, closed for the day
    assert free(api, maxresults=1).get_json()["slots"][0]["start"] == "2030-01-08 08:00:00"


def test_free_in_xml_is_slots_with_start_and_finish_attributes(api) -> None:
    response = free(api, ext="xml", maxresults=2)
    assert response.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.data)
    assert root.tag == "slots"
    slots = root.findall("slot")
    assert [(s.get("start"), s.get("finish")) for s in slots] == [
        ("2030-01-07 09:00:00", "2030-01-07 18:00:00")
    ] * 2
    assert [s.findtext("name") for s in slots] == ["Room 1", "Room 2"]
    assert [s.findtext("count") for s in slots] == ["1", "1"]


def test_free_on_a_service_schedule_is_501(api) -> None:
    assert_error(free(api, SERVICES), 501)


def test_free_on_an_unknown_schedule_is_404(api) -> None:
    assert_error(free(api, 199999), 404)


# --- capacity schedules ---------------------------------------------------------------------


def test_free_on_a_capacity_schedule_counts_places_left(api) -> None:
    slots = free(api, CLASSES, maxresults=2).get_json()["slots"]
    assert slots[0] == {
        "id": YOGA_TOMORROW,
        "start": "2030-01-08 09:00:00",
        "finish": "2030-01-08 10:00:00",
        "title": "Morning yoga",
        "description": "Gentle start of the day",
        "location": "Studio A",
        "count": 9,
    }
    # Tomorrow's spinning (capacity 2, two bookings) is full, so the next one is Wednesday's yoga.
    assert (slots[1]["start"], slots[1]["count"]) == ("2030-01-09 09:00:00", 10)


def test_free_full_true_also_lists_full_slots_with_count_zero(api) -> None:
    slots = free(api, CLASSES, full="true", maxresults=2).get_json()["slots"]
    assert [(slot["id"], slot["count"]) for slot in slots] == [(YOGA_TOMORROW, 9), (SPINNING_TOMORROW, 0)]


def test_free_leaves_out_full_pottery_unless_full_is_asked(api) -> None:
    first = free(api, WORKSHOPS, maxresults=1).get_json()["slots"][0]
    assert (first["start"], first["count"]) == ("2030-01-09 14:00:00", 3)
    with_full = free(api, WORKSHOPS, full="true", maxresults=1).get_json()["slots"][0]
    # A waitlisted booking takes no place: three seated in a slot of three is full, not "-1 left".
    assert (with_full["id"], with_full["count"]) == (POTTERY_TOMORROW, 0)


def test_free_on_a_capacity_schedule_leaves_out_slots_that_began(api, clock: ManualClock) -> None:
    clock.set(datetime(2030, 1, 8, 8, 30, tzinfo=UTC))  # 09:30 on the day of tomorrow's yoga
    first = free(api, CLASSES, maxresults=1).get_json()["slots"][0]
    assert first["start"] == "2030-01-09 09:00:00"


def test_free_capacity_from_keeps_slots_starting_at_or_after_it(api) -> None:
    slots = free(api, CLASSES, **{"from": "2030-01-10 09:00:00", "maxresults": 1}).get_json()["slots"]
    assert slots[0]["start"] == "2030-01-10 09:00:00"


def test_free_capacity_in_xml(api) -> None:
    root = etree.fromstring(free(api, CLASSES, ext="xml", maxresults=1).data)
    [slot] = root.findall("slot")
    assert (slot.get("start"), slot.get("finish")) == ("2030-01-08 09:00:00", "2030-01-08 10:00:00")
    assert (slot.findtext("id"), slot.findtext("title"), slot.findtext("count")) == (
        str(YOGA_TOMORROW),
        "Morning yoga",
        "9",
    )


# --- If-Modified-Since ----------------------------------------------------------------------


def test_free_carries_last_modified(api) -> None:
    response = free(api)
    assert response.headers["Last-Modified"] == "Mon, 07 Jan 2030 08:00:00 GMT"


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    zone=st.none() | st.timezones(),
)
def test_last_modified_is_written_as_werkzeug_writes_an_http_date(moment: datetime, zone: Any) -> None:
    """The header is written without werkzeug's ``http_date`` (five times the cost), and must read
    the same: an aware time in GMT, a naive one taken as UTC, any year with four digits."""
    from werkzeug.http import http_date as werkzeugs

    from fakesaas.supersaas.http.responses import http_date

    moment = moment.replace(tzinfo=zone)
    assert http_date(moment) == werkzeugs(moment)


def test_free_if_modified_since_at_or_after_last_change_is_304_with_empty_body(api) -> None:
    for since in ("Mon, 07 Jan 2030 08:00:00 GMT", "Mon, 07 Jan 2030 09:00:00 GMT"):
        response = free(api, headers={"If-Modified-Since": since})
        assert response.status_code == 304
        assert response.data == b""
    earlier = free(api, headers={"If-Modified-Since": "Mon, 07 Jan 2030 07:59:59 GMT"})
    assert earlier.status_code == 200
    assert earlier.get_json()["slots"]


def test_free_after_a_new_booking_on_that_schedule_answers_200_again(api, clock: ManualClock) -> None:
    since = free(api).headers["Last-Modified"]
    clock.advance(timedelta(minutes=5))
    booking = {"start": "2030-01-07 10:00", "finish": "2030-01-07 11:00", "resource_id": ROOM_1}
    assert api.post("/api/bookings.json", json={"schedule_id": ROOMS, "booking": booking}).status_code == 201
    query = {"resource": "Room 1", "length": 30, "maxresults": 2}
    response = free(api, headers={"If-Modified-Since": since}, **query)
    assert response.status_code == 200
    assert response.headers["Last-Modified"] == "Mon, 07 Jan 2030 08:05:00 GMT"
    # From now (09:05 in Amsterdam) on, around the new 10:00-11:00 booking.
    assert stretches(response.get_json()) == [
        ("2030-01-07 09:05:00", "2030-01-07 10:00:00", ROOM_1),
        ("2030-01-07 11:00:00", "2030-01-07 18:00:00", ROOM_1),
    ]
    assert free(api, headers={"If-Modified-Since": response.headers["Last-Modified"]}).status_code == 304


def test_free_is_still_304_after_a_booking_on_another_schedule(api, clock: ManualClock) -> None:
    since = free(api).headers["Last-Modified"]
    clock.advance(timedelta(minutes=5))
    yoga = {"schedule_id": CLASSES, "booking": {"slot_id": YOGA_TOMORROW, "full_name": "Guest"}}
    assert api.post("/api/bookings.json", json=yoga).status_code == 201
    assert free(api, headers={"If-Modified-Since": since}).status_code == 304
    assert free(api, CLASSES, headers={"If-Modified-Since": since}).status_code == 200


def test_free_not_modified_ignores_time_passing_as_the_docs_warn(api, clock: ManualClock) -> None:
    since = free(api).headers["Last-Modified"]
    clock.advance(timedelta(hours=2))
    # Seed 001: "The 'Not Modified' response does not take this into account."
    assert free(api, headers={"If-Modified-Since": since}).status_code == 304
    assert free(api, maxresults=1).get_json()["slots"][0]["start"] == "2030-01-07 11:00:00"


# --- the waiting list -----------------------------------------------------------------------


def pottery_booking(api: Api, name: str, slot_id: int = POTTERY_TOMORROW) -> Any:
    body = {"schedule_id": WORKSHOPS, "booking": {"slot_id": slot_id, "full_name": name}}
    return api.post("/api/bookings.json", json=body)


def test_booking_a_full_slot_with_a_waiting_list_is_201_and_waitlisted(api) -> None:
    response = pottery_booking(api, "Xavier")
    assert response.status_code == 201
    new_id = id_from_location(response.headers["location"])
    assert new_id == NEXT_BOOKING_ID
    assert api.get(f"/api/bookings/{new_id}.json").get_json()["waitlisted"] is True
    xml = etree.fromstring(api.get(f"/api/bookings/{new_id}.xml").data)
    assert xml.findtext("waitlisted") == "W"
    # Still no place left in the slot.
    first = free(api, WORKSHOPS, full="true", maxresults=1).get_json()["slots"][0]
    assert (first["id"], first["count"]) == (POTTERY_TOMORROW, 0)


def test_booking_a_slot_with_room_is_not_waitlisted(api) -> None:
    response = pottery_booking(api, "Yara", POTTERY_TOMORROW + 1)
    booking = api.get(f"/api/bookings/{id_from_location(response.headers['location'])}.json").get_json()
    assert booking["waitlisted"] is False
    xml = etree.fromstring(api.get(f"/api/bookings/{booking['id']}.xml").data)
    assert xml.findtext("waitlisted") == ""


def test_deleting_a_seated_booking_promotes_the_longest_waiting(api, clock: ManualClock) -> None:
    clock.advance(timedelta(minutes=1))
    later = id_from_location(pottery_booking(api, "Xavier").headers["location"])
    assert api.delete(f"/api/bookings/{BOB_POTTERY}.json").status_code == 200
    assert api.get(f"/api/bookings/{WENDY_WAITING}.json").get_json()["waitlisted"] is False
    assert api.get(f"/api/bookings/{later}.json").get_json()["waitlisted"] is True
    full = free(api, WORKSHOPS, full="true", maxresults=1).get_json()["slots"][0]
    assert full["count"] == 0


def test_moving_a_seated_booking_to_another_slot_promotes_the_waiting_one(api) -> None:
    move = {"schedule_id": WORKSHOPS, "booking": {"slot_id": POTTERY_TOMORROW + 1}}
    assert api.put(f"/api/bookings/{ALICE_POTTERY}.json", json=move).status_code == 200
    assert api.get(f"/api/bookings/{WENDY_WAITING}.json").get_json()["waitlisted"] is False
    assert api.get(f"/api/bookings/{ALICE_POTTERY}.json").get_json()["waitlisted"] is False


def test_deleting_a_waitlisted_booking_frees_no_place(api) -> None:
    assert api.delete(f"/api/bookings/{WENDY_WAITING}.json").status_code == 200
    assert free(api, WORKSHOPS, maxresults=1).get_json()["slots"][0]["start"] == "2030-01-09 14:00:00"


def test_a_full_slot_without_a_waiting_list_is_422_and_creates_nothing(api) -> None:
    before = api.get(f"/api/bookings.json?schedule_id={CLASSES}&limit=500").get_json()
    body = {"schedule_id": CLASSES, "booking": {"slot_id": SPINNING_TOMORROW, "user_id": ALICE}}
    response = api.post("/api/bookings.json", json=body)
    assert_error(response, 422)
    assert api.get(f"/api/bookings.json?schedule_id={CLASSES}&limit=500").get_json() == before
    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").status_code == 404


# --- property: free time never collides with bookings or closed hours ------------------------

BOOKINGS = st.lists(
    st.tuples(
        st.integers(1, 6),  # day offset from Monday the 7th
        st.integers(8, 17),  # start hour
        st.sampled_from((0, 15, 30, 45)),
        st.integers(30, 180),  # minutes
        st.sampled_from((ROOM_1, ROOM_2, None)),
    ),
    max_size=8,
)
FROM = st.integers(0, 8 * 24 * 60 - 1).map(lambda minutes: datetime(2030, 1, 6) + timedelta(minutes=minutes))


@pytest.mark.slow
@settings(max_examples=50, deadline=None)
@given(extra=BOOKINGS, since=FROM, length=st.integers(15, 300), with_seconds=st.booleans())
def test_free_time_lies_in_opening_hours_and_clear_of_every_booking(
    extra: list[tuple[int, int, int, int, int | None]], since: datetime, length: int, with_seconds: bool
) -> None:
    api = Api(create_app(Settings(seed="demo"), World(ManualClock(T0))).test_client())
    for day, hour, minute, minutes, resource in extra:
        start = datetime(2030, 1, 7 + day, hour, minute)
        booking: dict[str, Any] = {
            "start": start.strftime(FORMAT),
            "finish": (start + timedelta(minutes=minutes)).strftime(FORMAT),
        }
        if resource is not None:
            booking["resource_id"] = resource
        response = api.post("/api/bookings.json", json={"schedule_id": ROOMS, "booking": booking})
        assert response.status_code in (201, 422), response.data
    if with_seconds:
        since += timedelta(seconds=1)
    response = free(api, **{"from": since.strftime(FORMAT), "length": length, "maxresults": 40})
    assert response.status_code == 200
    slots = response.get_json()["slots"]
    bookings = active_bookings(api)
    earliest = max(since, NOW_LOCAL)
    assert slots, "a week of opening hours always has some free time"
    previous = None
    for slot in slots:
        start, finish = parse(slot["start"]), parse(slot["finish"])
        assert start >= earliest
        assert finish - start >= timedelta(minutes=length)
        assert_in_opening_hours(start, finish)
        assert_clear_of_bookings(slot, bookings)
        assert previous is None or previous <= start, "free time comes in time order"
        previous = start
