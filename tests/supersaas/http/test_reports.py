"""The booking reports over HTTP: recent changes, a user's agenda and a time range.

Seed 001: the changes API "lists all appointments that have seen a change of any kind since the
'last retrieval' time", with "from" in UTC; the agenda API takes "Either the user's name or the
user's ID or zero"; "slot=true" formats the answer "as a tree of slots containing the relevant
bookings".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from lxml import etree

from fakesaas.core.clock import ManualClock
from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_FK,
    ALICE_NAME,
    ALICE_POTTERY,
    ALICE_ROOM_1,
    ALICE_SPINNING,
    ALICE_YOGA,
    BOB,
    BOB_NAME,
    BOB_POTTERY,
    BOB_ROOM_2,
    BOB_SPINNING,
    CAROL_HAIRCUT,
    CAROL_POTTERY,
    CAROL_ROOM_1,
    CLASSES,
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

UNKNOWN_SCHEDULE = 199999


def book_room(api: Api, start: str, finish: str, **fields: Any) -> int:
    body = {"schedule_id": ROOMS, "booking": {"start": start, "finish": finish, **fields}}
    response = api.post("/api/bookings.json", json=body)
    assert response.status_code == 201, response.data
    return id_from_location(response.headers["location"])


def ids(body: dict[str, Any]) -> list[int]:
    return [booking["id"] for booking in body["bookings"]]


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def assert_error(response: Any, status: int) -> None:
    assert response.status_code == status
    body = response.get_json()
    assert body["errors"][0]["status"] == str(status)
    assert body["errors"][0]["title"]


# --- /api/changes ---------------------------------------------------------------------------


def test_changes_without_from_are_the_ten_most_recent(api, clock: ManualClock) -> None:
    created = []
    for day in range(12):
        clock.advance(timedelta(minutes=1))
        created.append(book_room(api, f"2030-02-{day + 1:02d} 10:00", f"2030-02-{day + 1:02d} 11:00"))
    body = api.get(f"/api/changes/{ROOMS}.json").get_json()
    # The ten most recent changes, in the order they happened; the seed's and the first two are older.
    assert ids(body) == created[2:]


def test_changes_answer_a_wrapped_object_not_a_bare_array(api) -> None:
    body = api.get(f"/api/changes/{ROOMS}.json?from=2030-01-01").get_json()
    assert isinstance(body, dict)
    assert list(body) == ["bookings"]
    assert ids(body) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_changes_between_from_and_to_in_utc_are_exactly_those_changed_then(api, clock: ManualClock) -> None:
    clock.set(datetime(2030, 1, 7, 9, 0, tzinfo=UTC))
    first = book_room(api, "2030-02-01 10:00", "2030-02-01 11:00")
    clock.set(datetime(2030, 1, 7, 10, 0, tzinfo=UTC))
    second = book_room(api, "2030-02-02 10:00", "2030-02-02 11:00")
    clock.set(datetime(2030, 1, 7, 11, 0, tzinfo=UTC))
    assert (
        api.put(f"/api/bookings/{ALICE_ROOM_1}.json", json={"booking": {"full_name": "A"}}).status_code == 200
    )
    clock.set(datetime(2030, 1, 7, 12, 0, tzinfo=UTC))
    book_room(api, "2030-02-03 10:00", "2030-02-03 11:00")

    window = {"from": "2030-01-07 09:30:00", "to": "2030-01-07 11:30:00"}
    body = api.get(f"/api/changes/{ROOMS}.json", query_string=window).get_json()
    # Read as UTC: as Amsterdam time (UTC+1) the window would start at 08:30 UTC and hold `first`.
    assert ids(body) == [second, ALICE_ROOM_1]
    assert first not in ids(body)

    since_nine = api.get(f"/api/changes/{ROOMS}.json", query_string={"from": "2030-01-07 08:59:59"})
    assert ids(since_nine.get_json())[0] == first
    assert len(ids(since_nine.get_json())) == 4


def test_changes_from_a_bare_date_means_its_midnight_utc(api, clock: ManualClock) -> None:
    clock.set(datetime(2030, 1, 8, 0, 30, tzinfo=UTC))
    late = book_room(api, "2030-02-01 10:00", "2030-02-01 11:00")
    body = api.get(f"/api/changes/{ROOMS}.json?from=2030-01-08").get_json()
    assert ids(body) == [late]


def test_changes_list_a_deleted_booking_with_deleted_true_and_the_deletion_time(
    api, clock: ManualClock
) -> None:
    deleted_at = clock.advance(timedelta(hours=2, minutes=5, seconds=7))
    assert api.delete(f"/api/bookings/{CAROL_ROOM_1}.json").status_code == 200
    body = api.get(f"/api/changes/{ROOMS}.json", query_string={"from": utc(T0)}).get_json()
    assert ids(body) == [CAROL_ROOM_1]
    booking = body["bookings"][0]
    assert booking["deleted"] is True
    # Seed 001: updated_on "will be the deletion time if the deleted field is set to true".
    assert booking["updated_on"] == utc(deleted_at) == "2030-01-07 10:05:07"
    assert booking["created_on"] == utc(T0)


def test_changes_filtered_by_user_name_id_or_fk(api) -> None:
    for ref in (ALICE_NAME, str(ALICE), ALICE_FK):
        body = api.get(f"/api/changes/{WORKSHOPS}.json", query_string={"user": ref}).get_json()
        assert ids(body) == [ALICE_POTTERY], ref
    bob = api.get(f"/api/changes/{ROOMS}.json", query_string={"user": BOB_NAME}).get_json()
    assert ids(bob) == [BOB_ROOM_2]


def test_changes_for_user_zero_are_the_bookings_without_a_user(api) -> None:
    body = api.get(f"/api/changes/{WORKSHOPS}.json?user=0").get_json()
    assert ids(body) == [WENDY_WAITING]
    assert body["bookings"][0]["full_name"] == "Walk-in Wendy"
    assert api.get(f"/api/changes/{ROOMS}.json?user=0").get_json() == {"bookings": []}


def test_changes_for_an_unknown_user_are_refused(api) -> None:
    response = api.get(f"/api/changes/{ROOMS}.json?user=nobody@example.com")
    assert_error(response, 422)


def test_changes_limit_and_offset_page_through_the_result(api) -> None:
    query = {"from": "2030-01-01 00:00:00"}
    everything = ids(api.get(f"/api/changes/{WORKSHOPS}.json", query_string=query).get_json())
    assert everything == [ALICE_POTTERY, BOB_POTTERY, CAROL_POTTERY, WENDY_WAITING]
    page = api.get(f"/api/changes/{WORKSHOPS}.json", query_string={**query, "limit": 2, "offset": 1})
    assert ids(page.get_json()) == everything[1:3]
    assert ids(api.get(f"/api/changes/{WORKSHOPS}.json?limit=1").get_json()) == everything[:1]


def test_changes_with_slot_true_are_a_tree_of_slots_holding_their_bookings(api) -> None:
    body = api.get(f"/api/changes/{WORKSHOPS}.json?slot=true").get_json()
    assert list(body) == ["slots"]
    [slot] = body["slots"]
    assert (slot["id"], slot["start"], slot["finish"]) == (
        POTTERY_TOMORROW,
        "2030-01-08 14:00:00",
        "2030-01-08 16:00:00",
    )
    assert slot["title"] == "Pottery"
    assert ids(slot) == [ALICE_POTTERY, BOB_POTTERY, CAROL_POTTERY, WENDY_WAITING]


def test_changes_slot_tree_in_xml_has_start_and_finish_attributes(api) -> None:
    response = api.get(f"/api/changes/{WORKSHOPS}.xml?slot=true")
    assert response.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.data)
    assert root.tag == "slots"
    [slot] = root.findall("slot")
    assert (slot.get("start"), slot.get("finish")) == ("2030-01-08 14:00:00", "2030-01-08 16:00:00")
    bookings = slot.findall("bookings/booking")
    assert [int(b.findtext("id")) for b in bookings] == [
        ALICE_POTTERY,
        BOB_POTTERY,
        CAROL_POTTERY,
        WENDY_WAITING,
    ]
    # Seed 001: waitlisted "contains the letter W".
    assert [b.findtext("waitlisted") for b in bookings] == ["", "", "", "W"]


def test_slot_true_changes_nothing_outside_capacity_schedules(api) -> None:
    # Seed 001: slot=true adds slot information "(capacity type only)".
    for path in (
        f"/api/changes/{ROOMS}.json?user={ALICE}",
        f"/api/agenda/{ROOMS}.json?user={ALICE}",
        f"/api/range/{ROOMS}.json?user={ALICE}",
        f"/api/range/{SERVICES}.json?user=carol@example.com",
    ):
        plain = api.get(path).get_json()
        assert plain["bookings"], path
        assert api.get(f"{path}&slot=true").get_json() == plain, path


def test_changes_in_xml_are_bookings_elements(api) -> None:
    root = etree.fromstring(api.get(f"/api/changes/{ROOMS}.xml").data)
    assert root.tag == "bookings"
    assert [int(b.findtext("id")) for b in root.findall("booking")] == [
        ALICE_ROOM_1,
        BOB_ROOM_2,
        CAROL_ROOM_1,
    ]
    assert root.find("booking/deleted").text == "false"


def test_changes_of_an_unknown_schedule_are_404(api) -> None:
    assert_error(api.get(f"/api/changes/{UNKNOWN_SCHEDULE}.json"), 404)


def test_changes_with_a_users_checksum_show_only_that_users_bookings(api) -> None:
    as_alice = {"account": ACCOUNT, "user": ALICE_NAME, "checksum": checksum(ALICE_NAME)}
    mine = api.get(f"/api/changes/{ROOMS}.json", auth=None, query_string=as_alice)
    assert mine.status_code == 200
    assert ids(mine.get_json()) == [ALICE_ROOM_1]
    # Alice's checksum with Bob's name does not vouch for Bob.
    as_bob = {**as_alice, "user": BOB_NAME}
    assert_error(api.get(f"/api/changes/{ROOMS}.json", auth=None, query_string=as_bob), 403)
    # md5(account + key) without a user reads forms only, never the whole schedule.
    no_user = {"account": ACCOUNT, "checksum": checksum("")}
    assert_error(api.get(f"/api/changes/{ROOMS}.json", auth=None, query_string=no_user), 403)


def test_a_waitlist_promotion_shows_as_a_change(api, clock: ManualClock) -> None:
    moved_at = clock.advance(timedelta(minutes=30))
    assert api.delete(f"/api/bookings/{ALICE_POTTERY}.json").status_code == 200
    body = api.get(f"/api/changes/{WORKSHOPS}.json", query_string={"from": utc(T0)}).get_json()
    assert sorted(ids(body)) == [ALICE_POTTERY, WENDY_WAITING]
    wendy = next(b for b in body["bookings"] if b["id"] == WENDY_WAITING)
    assert (wendy["waitlisted"], wendy["deleted"], wendy["updated_on"]) == (False, False, utc(moved_at))


# --- /api/agenda ----------------------------------------------------------------------------


def test_agenda_finds_a_user_by_name_id_or_fk(api) -> None:
    for ref in (ALICE_NAME, str(ALICE), ALICE_FK):
        body = api.get(f"/api/agenda/{CLASSES}.json", query_string={"user": ref}).get_json()
        assert ids(body) == [ALICE_YOGA, ALICE_SPINNING], ref
    assert ids(api.get(f"/api/agenda/{ROOMS}.json?user={BOB}").get_json()) == [BOB_ROOM_2]


def test_agenda_for_user_zero_holds_the_bookings_without_a_user(api) -> None:
    body = api.get(f"/api/agenda/{WORKSHOPS}.json?user=0").get_json()
    assert ids(body) == [WENDY_WAITING]


def test_agenda_without_a_user_is_422(api) -> None:
    response = api.get(f"/api/agenda/{ROOMS}.json")
    assert_error(response, 422)
    assert api.get(f"/api/agenda/{ROOMS}.json?user=").status_code == 422


def test_agenda_for_an_unknown_user_is_422(api) -> None:
    response = api.get(f"/api/agenda/{ROOMS}.json?user=nobody@example.com")
    assert_error(response, 422)
    assert error_titles(response.get_json()) == ["User not found"]
    assert api.get(f"/api/agenda/{ROOMS}.json?user=999999").status_code == 422


def test_agenda_of_an_unknown_schedule_is_404(api) -> None:
    assert_error(api.get(f"/api/agenda/{UNKNOWN_SCHEDULE}.json?user={ALICE}"), 404)


def test_agenda_from_keeps_bookings_starting_at_or_after_that_local_time(api) -> None:
    after_yoga = api.get(
        f"/api/agenda/{CLASSES}.json", query_string={"user": ALICE, "from": "2030-01-08 09:00:01"}
    )
    assert ids(after_yoga.get_json()) == [ALICE_SPINNING]
    at_yoga = api.get(
        f"/api/agenda/{CLASSES}.json", query_string={"user": ALICE, "from": "2030-01-08 09:00:00"}
    )
    assert ids(at_yoga.get_json()) == [ALICE_YOGA, ALICE_SPINNING]


def test_agenda_without_from_leaves_out_what_already_began(api, clock: ManualClock) -> None:
    # 09:30 in Amsterdam on the day of Alice's 09:00 yoga class.
    clock.set(datetime(2030, 1, 8, 8, 30, tzinfo=UTC))
    assert ids(api.get(f"/api/agenda/{CLASSES}.json?user={ALICE}").get_json()) == [ALICE_SPINNING]


def test_agenda_without_a_schedule_covers_every_schedule_of_the_account(api) -> None:
    body = api.get("/api/agenda.json", query_string={"user": ALICE_NAME, "account": ACCOUNT}).get_json()
    assert sorted(ids(body)) == sorted([ALICE_ROOM_1, ALICE_YOGA, ALICE_SPINNING, ALICE_POTTERY])
    assert {b["schedule_id"] for b in body["bookings"]} == {ROOMS, CLASSES, WORKSHOPS}


def test_agenda_over_all_schedules_works_with_the_users_checksum(api) -> None:
    # Seed 001's client-side example: /api/agenda.xml?user=..&account=<account_name>, no password.
    query = {"user": BOB_NAME, "account": ACCOUNT, "checksum": checksum(BOB_NAME)}
    response = api.get("/api/agenda.xml", auth=None, query_string=query)
    assert response.status_code == 200
    root = etree.fromstring(response.data)
    assert sorted(int(b.findtext("id")) for b in root.findall("booking")) == [
        BOB_ROOM_2,
        BOB_SPINNING,
        BOB_POTTERY,
    ]


def test_agenda_with_a_checksum_for_another_user_is_403(api) -> None:
    query = {"user": BOB_NAME, "account": ACCOUNT, "checksum": checksum(ALICE_NAME)}
    assert_error(api.get(f"/api/agenda/{ROOMS}.json", auth=None, query_string=query), 403)


def test_agenda_with_slot_true_is_a_slot_tree(api) -> None:
    body = api.get(f"/api/agenda/{CLASSES}.json?user={ALICE}&slot=true").get_json()
    assert [slot["id"] for slot in body["slots"]] == [YOGA_TOMORROW, SPINNING_TOMORROW]
    assert [ids(slot) for slot in body["slots"]] == [[ALICE_YOGA], [ALICE_SPINNING]]
    assert body["slots"][0]["capacity"] == 10


def test_agenda_slot_tree_never_holds_bookings_null(api) -> None:
    for schedule in (CLASSES, WORKSHOPS):
        for user in (ALICE, BOB, "0"):
            body = api.get(
                f"/api/agenda/{schedule}.json", query_string={"user": user, "slot": "true"}
            ).get_json()
            assert isinstance(body["slots"], list)
            for slot in body["slots"]:
                assert isinstance(slot["bookings"], list)
                assert slot["bookings"]
    # A user without bookings there: an empty list of slots, not null.
    assert api.get(f"/api/agenda/{CLASSES}.json?user=0&slot=true").get_json() == {"slots": []}


def test_agenda_in_xml_is_bookings_of_booking_elements(api) -> None:
    response = api.get(f"/api/agenda/{ROOMS}.xml?user={ALICE}")
    assert response.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.data)
    assert root.tag == "bookings"
    [booking] = root.findall("booking")
    assert (int(booking.findtext("id")), booking.findtext("start")) == (ALICE_ROOM_1, "2030-01-08 10:00:00")


def test_agenda_json_is_a_wrapped_object(api) -> None:
    body = api.get(f"/api/agenda/{ROOMS}.json?user=carol@example.com").get_json()
    assert list(body) == ["bookings"]
    assert ids(body) == [CAROL_ROOM_1]


# --- /api/range -----------------------------------------------------------------------------


def test_range_today_holds_the_bookings_of_the_local_day(api, clock: ManualClock) -> None:
    # 23:30 UTC on the 7th is already the 8th in Amsterdam.
    clock.set(datetime(2030, 1, 7, 23, 30, tzinfo=UTC))
    for flag in ("true", "True", "1"):
        body = api.get(f"/api/range/{ROOMS}.json", query_string={"today": flag}).get_json()
        assert ids(body) == [ALICE_ROOM_1, BOB_ROOM_2], flag


def test_range_today_includes_bookings_that_already_began_today(api, clock: ManualClock) -> None:
    clock.set(datetime(2030, 1, 8, 16, 0, tzinfo=UTC))  # 17:00 in Amsterdam
    assert ids(api.get(f"/api/range/{ROOMS}.json?today=true").get_json()) == [ALICE_ROOM_1, BOB_ROOM_2]


def test_range_from_to_keeps_starts_in_the_half_open_interval(api) -> None:
    window = {"from": "2030-01-08 10:00:00", "to": "2030-01-08 14:00:00"}
    assert ids(api.get(f"/api/range/{ROOMS}.json", query_string=window).get_json()) == [ALICE_ROOM_1]
    later = {"from": "2030-01-08 10:00:01", "to": "2030-01-08 14:00:01"}
    assert ids(api.get(f"/api/range/{ROOMS}.json", query_string=later).get_json()) == [BOB_ROOM_2]
    everything = {"from": "2030-01-08", "to": "2030-01-10"}
    assert ids(api.get(f"/api/range/{ROOMS}.json", query_string=everything).get_json()) == [
        ALICE_ROOM_1,
        BOB_ROOM_2,
        CAROL_ROOM_1,
    ]


def test_range_without_bounds_lists_from_now_on(api, clock: ManualClock) -> None:
    assert ids(api.get(f"/api/range/{ROOMS}.json").get_json()) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]
    clock.set(datetime(2030, 1, 8, 12, 0, tzinfo=UTC))  # 13:00 in Amsterdam, after Alice's room
    assert ids(api.get(f"/api/range/{ROOMS}.json").get_json()) == [BOB_ROOM_2, CAROL_ROOM_1]


def test_range_leaves_out_deleted_bookings(api) -> None:
    assert api.delete(f"/api/bookings/{BOB_ROOM_2}.json").status_code == 200
    assert ids(api.get(f"/api/range/{ROOMS}.json").get_json()) == [ALICE_ROOM_1, CAROL_ROOM_1]


def test_range_filters_by_resource_id(api) -> None:
    assert ids(api.get(f"/api/range/{ROOMS}.json?resource_id={ROOM_1}").get_json()) == [
        ALICE_ROOM_1,
        CAROL_ROOM_1,
    ]
    assert ids(api.get(f"/api/range/{ROOMS}.json?resource_id={ROOM_2}").get_json()) == [BOB_ROOM_2]


def test_range_filters_by_service_id(api) -> None:
    services = {s["name"]: s["id"] for s in api.get(f"/api/resources.json?schedule_id={SERVICES}").get_json()}
    haircut = api.get(f"/api/range/{SERVICES}.json?service_id={services['Haircut']}").get_json()
    assert ids(haircut) == [CAROL_HAIRCUT]
    assert api.get(f"/api/range/{SERVICES}.json?service_id={services['Colouring']}").get_json() == {
        "bookings": []
    }


def test_range_filters_by_user(api) -> None:
    assert ids(api.get(f"/api/range/{ROOMS}.json", query_string={"user": BOB_NAME}).get_json()) == [
        BOB_ROOM_2
    ]
    assert ids(api.get(f"/api/range/{WORKSHOPS}.json?user=0").get_json()) == [WENDY_WAITING]


def test_range_limit_and_offset_page_in_start_order(api) -> None:
    page = api.get(f"/api/range/{ROOMS}.json?limit=1&offset=1").get_json()
    assert ids(page) == [BOB_ROOM_2]
    assert ids(api.get(f"/api/range/{ROOMS}.json?limit=2").get_json()) == [ALICE_ROOM_1, BOB_ROOM_2]
    assert api.get(f"/api/range/{ROOMS}.json?offset=3").get_json() == {"bookings": []}


def test_range_with_slot_true_groups_by_slot(api) -> None:
    body = api.get(f"/api/range/{CLASSES}.json?today=false&slot=true&to=2030-01-09").get_json()
    assert [slot["id"] for slot in body["slots"]] == [YOGA_TOMORROW, SPINNING_TOMORROW]
    assert [ids(slot) for slot in body["slots"]] == [[ALICE_YOGA], [ALICE_SPINNING, BOB_SPINNING]]


def test_range_in_xml_and_of_an_unknown_schedule(api) -> None:
    root = etree.fromstring(api.get(f"/api/range/{ROOMS}.xml").data)
    assert root.tag == "bookings"
    assert len(root.findall("booking")) == 3
    assert_error(api.get(f"/api/range/{UNKNOWN_SCHEDULE}.json"), 404)
