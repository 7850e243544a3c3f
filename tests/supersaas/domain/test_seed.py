"""Seed documents: the demo's documented ids, and documents that must be refused."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.changes import ChangeAction, Subject
from fakesaas.supersaas.domain.demo import DEMO_API_KEY, DEMO_PASSWORD, demo_document
from fakesaas.supersaas.domain.records import Role
from fakesaas.supersaas.domain.schedules import ScheduleKind
from fakesaas.supersaas.domain.seed import SeedError, load_seed
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_FK,
    ALICE_POTTERY,
    ALICE_ROOM_1,
    ALICE_SPINNING,
    ALICE_YOGA,
    API_KEY,
    BOB,
    BOB_POTTERY,
    BOB_ROOM_2,
    BOB_SPINNING,
    CAROL,
    CAROL_HAIRCUT,
    CAROL_POTTERY,
    CAROL_ROOM_1,
    CLASSES,
    NEXT_BOOKING_ID,
    NEXT_USER_ID,
    PASSWORD,
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
)

MEMBERS, STAFF = 400001, 400002
HAIRCUT, COLOURING = 250001, 250002


def minimal(**extra: Any) -> dict[str, Any]:
    """A one-account document with a resource, a capacity and a service schedule."""
    account: dict[str, Any] = {
        "name": "gym",
        "api_key": "gym-key",
        "password": "gym-password",
        "users": [{"name": "ann@example.com", "email": "ann@example.com"}],
        "schedules": [
            {"name": "Courts", "kind": "resource", "resources": ["Court A"]},
            {
                "name": "Classes",
                "kind": "capacity",
                "slots": [{"start": "2030-02-01 09:00", "finish": "2030-02-01 10:00", "capacity": 1}],
            },
            {"name": "Salon", "kind": "service", "services": [{"name": "Trim", "length": 30}]},
        ],
        "bookings": [],
    }
    account.update(extra)
    return {"accounts": [account]}


def court(start: str, finish: str, **extra: Any) -> dict[str, Any]:
    return {"schedule": "Courts", "resource": "Court A", "start": start, "finish": finish, **extra}


def fresh(clock: ManualClock) -> SuperSaas:
    return SuperSaas(clock)


# --- the demo -------------------------------------------------------------------------------------


def test_demo_account_has_the_documented_credentials(account: Account) -> None:
    assert (account.name, account.api_key, account.password) == (ACCOUNT, API_KEY, PASSWORD)
    assert (DEMO_API_KEY, DEMO_PASSWORD) == (API_KEY, PASSWORD)


def test_demo_schedules_resources_services_and_slots_have_the_documented_ids(account: Account) -> None:
    kinds = {s.id: (s.name, s.kind, s.timezone) for s in account.schedules.values()}
    assert kinds == {
        ROOMS: ("Rooms", ScheduleKind.RESOURCE, "Europe/Amsterdam"),
        CLASSES: ("Classes", ScheduleKind.CAPACITY, "Europe/Amsterdam"),
        SERVICES: ("Services", ScheduleKind.SERVICE, "Europe/Amsterdam"),
        WORKSHOPS: ("Workshops", ScheduleKind.CAPACITY, "Europe/Amsterdam"),
    }
    assert account.schedules[WORKSHOPS].waitlist
    assert not account.schedules[CLASSES].waitlist
    assert [(r.id, r.name) for r in account.schedules[ROOMS].resources] == [
        (ROOM_1, "Room 1"),
        (ROOM_2, "Room 2"),
    ]
    services = account.schedules[SERVICES].services
    assert [(s.id, s.name, s.length_minutes) for s in services] == [
        (HAIRCUT, "Haircut", 30),
        (COLOURING, "Colouring", 90),
    ]
    slots = account.schedules[CLASSES].slots
    assert len(slots) == 42
    yoga, spinning = slots[YOGA_TOMORROW], slots[SPINNING_TOMORROW]
    assert (yoga.start, yoga.finish, yoga.capacity, yoga.title) == (
        datetime(2030, 1, 8, 9),
        datetime(2030, 1, 8, 10),
        10,
        "Morning yoga",
    )
    assert (spinning.start, spinning.capacity, spinning.title) == (datetime(2030, 1, 8, 18), 2, "Spinning")
    last = slots[max(slots)]
    assert last.start == datetime(2030, 1, 28, 18)


def test_demo_users_and_groups_have_the_documented_ids(account: Account) -> None:
    assert {g.id: g.name for g in account.groups.values()} == {MEMBERS: "Members", STAFF: "Staff"}
    users = {u.id: (u.name, u.fk, u.group, u.role, u.country) for u in account.users.ordered()}
    assert users == {
        ALICE: ("alice@example.com", ALICE_FK, MEMBERS, Role.REGULAR, "NL"),
        BOB: ("bob@example.com", None, MEMBERS, Role.REGULAR, "GB"),
        CAROL: ("carol@example.com", None, STAFF, Role.SUPERUSER, None),
    }
    assert max(users) + 1 == NEXT_USER_ID


def test_demo_bookings_have_the_documented_ids(account: Account) -> None:
    placed = {
        b.id: (b.schedule_id, b.user_id, b.start, b.finish, b.resource_id, b.slot_id, b.service_id)
        for b in account.bookings.values()
    }
    day1, day2, day3 = datetime(2030, 1, 8), datetime(2030, 1, 9), datetime(2030, 1, 10)
    h = timedelta(hours=1)
    assert placed == {
        ALICE_ROOM_1: (ROOMS, ALICE, day1 + 10 * h, day1 + 11 * h, ROOM_1, None, None),
        BOB_ROOM_2: (ROOMS, BOB, day1 + 14 * h, day1 + 15.5 * h, ROOM_2, None, None),
        CAROL_ROOM_1: (ROOMS, CAROL, day2 + 9 * h, day2 + 10 * h, ROOM_1, None, None),
        ALICE_YOGA: (CLASSES, ALICE, day1 + 9 * h, day1 + 10 * h, None, YOGA_TOMORROW, None),
        ALICE_SPINNING: (CLASSES, ALICE, day1 + 18 * h, day1 + 19 * h, None, SPINNING_TOMORROW, None),
        BOB_SPINNING: (CLASSES, BOB, day1 + 18 * h, day1 + 19 * h, None, SPINNING_TOMORROW, None),
        CAROL_HAIRCUT: (SERVICES, CAROL, day3 + 11 * h, day3 + 11.5 * h, None, None, HAIRCUT),
        ALICE_POTTERY: (WORKSHOPS, ALICE, day1 + 14 * h, day1 + 16 * h, None, POTTERY_TOMORROW, None),
        BOB_POTTERY: (WORKSHOPS, BOB, day1 + 14 * h, day1 + 16 * h, None, POTTERY_TOMORROW, None),
        CAROL_POTTERY: (WORKSHOPS, CAROL, day1 + 14 * h, day1 + 16 * h, None, POTTERY_TOMORROW, None),
        WENDY_WAITING: (WORKSHOPS, None, day1 + 14 * h, day1 + 16 * h, None, POTTERY_TOMORROW, None),
    }
    assert [b.id for b in account.bookings.values() if b.waitlisted] == [WENDY_WAITING]
    assert max(placed) + 1 == NEXT_BOOKING_ID
    assert {(b.created_on, b.created_by, b.deleted) for b in account.bookings.values()} == {
        (T0, ACCOUNT, False)
    }


def test_demo_seed_logs_every_record_it_created(account: Account) -> None:
    changes = list(account.changes)
    assert {c.action for c in changes} == {ChangeAction.CREATE}
    assert [c.subject_id for c in changes if c.subject is Subject.USER] == [ALICE, BOB, CAROL]
    assert [c.subject_id for c in changes if c.subject is Subject.BOOKING] == sorted(account.bookings)
    assert not any(c.webhook for c in changes)


def test_demo_dates_follow_the_clock_in_the_schedules_time_zone() -> None:
    # 22:30 UTC on 30 June is already 1 July in Amsterdam, so "tomorrow" is 2 July.
    now = datetime(2030, 6, 30, 22, 30, tzinfo=UTC)
    backend = SuperSaas(ManualClock(now))
    [demo] = load_seed(backend, demo_document(now))
    assert demo.bookings[ALICE_ROOM_1].start == datetime(2030, 7, 2, 10)
    assert demo.schedules[CLASSES].slots[YOGA_TOMORROW].start == datetime(2030, 7, 2, 9)


# --- documents that load ---------------------------------------------------------------------------


def test_a_seed_places_bookings_of_every_kind(clock: ManualClock) -> None:
    document = minimal(
        bookings=[
            court("2030-02-01 10:00", "2030-02-01 11:00", user="ann@example.com"),
            court("2030-02-01 11:00", "2030-02-01 12:00"),
            {"schedule": "Classes", "slot_start": "2030-02-01 09:00"},
            {"schedule": "Salon", "service": "Trim", "start": "2030-02-01 12:00", "full_name": "Ann"},
        ]
    )
    [gym] = load_seed(fresh(clock), document)
    placed = sorted(gym.bookings.values(), key=lambda b: b.id)
    assert [b.user_id for b in placed] == [1_000_001, None, None, None]
    assert placed[0].email == "ann@example.com"
    assert placed[2].slot_id == 300_001
    assert (placed[3].finish, placed[3].full_name) == (datetime(2030, 2, 1, 12, 30), "Ann")


def test_an_account_loaded_again_is_replaced(clock: ManualClock) -> None:
    backend = fresh(clock)
    load_seed(backend, minimal())
    second = minimal(users=[])
    second["accounts"][0]["name"] = "GYM"
    load_seed(backend, second)
    gym = backend.account("gym")
    assert gym is not None
    assert (gym.name, len(gym.users)) == ("GYM", 0)


def test_a_user_group_may_be_named(clock: ManualClock) -> None:
    document = minimal(groups=[{"name": "Staff"}], users=[{"name": "ann", "group": "Staff"}])
    [gym] = load_seed(fresh(clock), document)
    [ann] = gym.users.ordered()
    assert ann.group == 400_001


# --- documents that are refused --------------------------------------------------------------------


@pytest.mark.parametrize("document", [None, [], {}, {"accounts": {}}, {"accounts": "demo"}, "accounts"])
def test_a_document_without_a_list_of_accounts_is_refused(clock: ManualClock, document: Any) -> None:
    with pytest.raises(SeedError, match="accounts"):
        load_seed(fresh(clock), document)


@pytest.mark.parametrize("missing", ["name", "api_key", "password"])
def test_an_account_without_its_credentials_is_refused(clock: ManualClock, missing: str) -> None:
    document = minimal()
    del document["accounts"][0][missing]
    with pytest.raises(SeedError, match=missing):
        load_seed(fresh(clock), document)


def test_an_account_that_is_not_an_object_is_refused(clock: ManualClock) -> None:
    with pytest.raises(SeedError):
        load_seed(fresh(clock), {"accounts": ["gym"]})


@pytest.mark.parametrize("kind", ["hourly", "", "Resource", None])
def test_an_unknown_schedule_kind_is_refused(clock: ManualClock, kind: object) -> None:
    document = minimal(schedules=[{"name": "Odd", "kind": kind}])
    with pytest.raises(SeedError, match="kind"):
        load_seed(fresh(clock), document)


def test_a_booking_on_an_unknown_schedule_is_refused(clock: ManualClock) -> None:
    document = minimal(bookings=[{"schedule": "Tennis", "start": "2030-02-01 10:00"}])
    with pytest.raises(SeedError, match="Tennis"):
        load_seed(fresh(clock), document)


def test_schedule_names_are_matched_exactly(clock: ManualClock) -> None:
    document = minimal(bookings=[{**court("2030-02-01 10:00", "2030-02-01 11:00"), "schedule": "courts"}])
    with pytest.raises(SeedError, match="courts"):
        load_seed(fresh(clock), document)


def test_overlapping_bookings_are_refused(clock: ManualClock) -> None:
    document = minimal(
        bookings=[
            court("2030-02-01 10:00", "2030-02-01 11:00"),
            court("2030-02-01 10:30", "2030-02-01 11:30"),
        ]
    )
    with pytest.raises(SeedError, match="not available"):
        load_seed(fresh(clock), document)


def test_a_slot_cannot_be_seeded_beyond_its_capacity(clock: ManualClock) -> None:
    place = {"schedule": "Classes", "slot_start": "2030-02-01 09:00"}
    with pytest.raises(SeedError, match="full"):
        load_seed(fresh(clock), minimal(bookings=[place, dict(place)]))


def test_a_booking_for_an_unknown_user_is_refused(clock: ManualClock) -> None:
    document = minimal(bookings=[court("2030-02-01 10:00", "2030-02-01 11:00", user="zed@example.com")])
    with pytest.raises(SeedError, match=r"zed@example\.com"):
        load_seed(fresh(clock), document)


@pytest.mark.parametrize(
    "users",
    [
        [{"name": "ann", "email": "not-an-address"}],
        [{"name": "ann"}, {"name": "ANN"}],
        [{"email": "nameless@example.com"}],
        [{"name": "ann", "country": "Netherlands"}],
    ],
)
def test_users_the_api_would_refuse_are_refused(clock: ManualClock, users: list[dict[str, Any]]) -> None:
    with pytest.raises(SeedError):
        load_seed(fresh(clock), minimal(users=users))


@pytest.mark.parametrize(
    "slot",
    [
        {"start": "2030-02-01 10:00", "finish": "2030-02-01 09:00"},
        {"start": "2030-02-01 10:00", "finish": "2030-02-01 10:00"},
        {"start": "soon", "finish": "2030-02-01 10:00"},
        {"finish": "2030-02-01 10:00"},
    ],
)
def test_a_slot_must_start_before_it_finishes(clock: ManualClock, slot: dict[str, Any]) -> None:
    document = minimal(schedules=[{"name": "Classes", "kind": "capacity", "slots": [slot]}])
    with pytest.raises(SeedError, match="slot"):
        load_seed(fresh(clock), document)


@pytest.mark.parametrize(
    "booking",
    [
        {"schedule": "Salon", "service": "Perm", "start": "2030-02-01 10:00"},
        {"schedule": "Salon", "service": "Trim"},
    ],
)
def test_a_service_booking_needs_a_known_service_and_a_start(
    clock: ManualClock, booking: dict[str, Any]
) -> None:
    with pytest.raises(SeedError, match="service"):
        load_seed(fresh(clock), minimal(bookings=[booking]))


def test_a_service_booking_with_a_bad_email_is_refused_like_any_other(clock: ManualClock) -> None:
    booking = {"schedule": "Salon", "service": "Trim", "start": "2030-02-01 10:00", "email": "not-an-address"}
    with pytest.raises(SeedError):
        load_seed(fresh(clock), minimal(bookings=[booking]))


@pytest.mark.parametrize(
    "change",
    [
        {"users": [{"name": "ann", "colour": "red"}]},
        {"bookings": [court("2030-02-01 10:00", "2030-02-01 11:00", colour="red")]},
        {"schedules": [{"kind": "resource", "resources": ["Court A"]}]},
        {
            "schedules": [
                {
                    "name": "Classes",
                    "kind": "capacity",
                    "slots": [
                        {"start": "2030-02-01 09:00", "finish": "2030-02-01 10:00", "capacity": "many"}
                    ],
                }
            ]
        },
        {"groups": [{"title": "Staff"}]},
    ],
    ids=[
        "unknown-user-field",
        "unknown-booking-field",
        "nameless-schedule",
        "wordy-capacity",
        "nameless-group",
    ],
)
def test_a_document_of_the_wrong_shape_is_a_seed_error_not_a_crash(
    clock: ManualClock, change: dict[str, Any]
) -> None:
    # The command line reports a SeedError in one line; anything else ends in a traceback.
    with pytest.raises(SeedError):
        load_seed(fresh(clock), minimal(**copy.deepcopy(change)))
