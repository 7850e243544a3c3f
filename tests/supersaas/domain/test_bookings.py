"""Booking rules of the three schedule kinds, the change log, and what a checksum may reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, replace
from datetime import datetime, timedelta

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import (
    BadRequest,
    FieldError,
    NotForService,
    NotFound,
    PermissionDenied,
    Unavailable,
    Unprocessable,
)
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.actors import ADMIN
from fakesaas.supersaas.domain.bookings import (
    create_booking,
    delete_booking,
    get_booking,
    list_bookings,
    update_booking,
)
from fakesaas.supersaas.domain.changes import Change, ChangeAction, Subject
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.seed import load_seed
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_FK,
    ALICE_NAME,
    ALICE_ROOM_1,
    ALICE_SPINNING,
    ALICE_YOGA,
    BOB,
    BOB_NAME,
    BOB_ROOM_2,
    BOB_SPINNING,
    CAROL_HAIRCUT,
    CAROL_ROOM_1,
    CLASSES,
    NEXT_BOOKING_ID,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    SPINNING_TOMORROW,
    T0,
    TOMORROW,
    YOGA_TOMORROW,
)

YOGA_DAY_AFTER, SPINNING_DAY_AFTER = YOGA_TOMORROW + 2, SPINNING_TOMORROW + 2
DAY_AFTER = "2030-01-09"


def at(day: str, clock_time: str) -> str:
    return f"{day} {clock_time}"


def moment(day: str, clock_time: str) -> datetime:
    return datetime.fromisoformat(f"{day} {clock_time}")


def snapshot(account: Account) -> dict[int, tuple[object, ...]]:
    return {booking_id: astuple(booking) for booking_id, booking in account.bookings.items()}


def last_change(account: Account) -> Change:
    return list(account.changes)[-1]


def book_room(ctx: Context, start: str, finish: str, **attributes: object) -> Booking:
    return create_booking(ctx, ROOMS, {"start": start, "finish": finish, **attributes}, None, False)


# --- resource schedules ---------------------------------------------------------------------------


def test_resource_booking_without_times_names_both_missing_fields(ctx: Context) -> None:
    with pytest.raises(Unprocessable) as exc:
        create_booking(ctx, ROOMS, {}, None, False)
    assert exc.value.errors == [
        FieldError("Start can't be blank", "start"),
        FieldError("Finish can't be blank", "finish"),
    ]


def test_resource_booking_refuses_a_start_that_is_not_a_time(ctx: Context) -> None:
    with pytest.raises(Unprocessable) as exc:
        book_room(ctx, "tomorrow", at(TOMORROW, "12:00"))
    assert exc.value.errors == [FieldError("Start is not a valid time", "start")]


@pytest.mark.parametrize("finish", ["12:00", "11:59"])
def test_finish_must_be_after_start(ctx: Context, account: Account, finish: str) -> None:
    before = snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        book_room(ctx, at(TOMORROW, "12:00"), at(TOMORROW, finish))
    assert exc.value.errors == [FieldError("Finish must be after start", "finish")]
    assert snapshot(account) == before


@pytest.mark.parametrize(
    ("start", "finish"),
    [("10:30", "11:30"), ("09:30", "10:30"), ("10:15", "10:45"), ("09:00", "12:00"), ("10:00", "11:00")],
)
def test_overlap_on_a_named_resource_is_refused_as_unavailable(
    ctx: Context, account: Account, start: str, finish: str
) -> None:
    before, logged = snapshot(account), len(account.changes)
    with pytest.raises(Unavailable) as exc:
        book_room(ctx, at(TOMORROW, start), at(TOMORROW, finish), resource_id=ROOM_1)
    assert exc.value.errors == [
        FieldError("Room 1 is not available at this time: it overlaps another booking", "availability")
    ]
    assert snapshot(account) == before
    assert len(account.changes) == logged


@pytest.mark.parametrize(("start", "finish"), [("11:00", "12:00"), ("09:00", "10:00")])
def test_touching_an_existing_booking_is_not_an_overlap(ctx: Context, start: str, finish: str) -> None:
    booking = book_room(ctx, at(TOMORROW, start), at(TOMORROW, finish), resource_id=ROOM_1)
    assert (booking.resource_id, booking.start, booking.finish) == (
        ROOM_1,
        moment(TOMORROW, start),
        moment(TOMORROW, finish),
    )


def test_back_to_back_bookings_fill_a_room_without_gaps(ctx: Context) -> None:
    first = book_room(ctx, at(TOMORROW, "11:00"), at(TOMORROW, "12:00"), resource_id=ROOM_1)
    second = book_room(ctx, at(TOMORROW, "12:00"), at(TOMORROW, "12:15"), resource_id=ROOM_1)
    assert first.resource_id == second.resource_id == ROOM_1


@pytest.mark.parametrize(
    "attributes",
    [
        {"resource_id": ROOM_2},
        {"resource_id": str(ROOM_2)},
        {"resource_id": "Room 2"},
        {"resource_id": "room 2"},
        {"res_name": "ROOM 2"},
        {"res_name": " Room 2 "},
    ],
)
def test_resource_is_found_by_id_or_by_name_in_any_case(ctx: Context, attributes: dict[str, object]) -> None:
    booking = book_room(ctx, at(TOMORROW, "16:00"), at(TOMORROW, "17:00"), **attributes)
    assert booking.resource_id == ROOM_2


@pytest.mark.parametrize(
    "attributes", [{"resource_id": 999}, {"resource_id": "Room 9"}, {"res_name": "Attic"}]
)
def test_unknown_resource_is_refused(ctx: Context, account: Account, attributes: dict[str, object]) -> None:
    before = snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        book_room(ctx, at(TOMORROW, "16:00"), at(TOMORROW, "17:00"), **attributes)
    assert exc.value.errors == [FieldError("Resource not found", "resource_id")]
    assert snapshot(account) == before


def test_without_a_resource_the_first_one_is_taken_when_it_is_free(ctx: Context) -> None:
    booking = book_room(ctx, at(TOMORROW, "12:00"), at(TOMORROW, "13:00"))
    assert booking.resource_id == ROOM_1


def test_without_a_resource_the_first_free_one_is_taken(ctx: Context) -> None:
    # Room 1 has Alice from 10 to 11.
    booking = book_room(ctx, at(TOMORROW, "10:00"), at(TOMORROW, "11:00"))
    assert booking.resource_id == ROOM_2


def test_without_a_resource_and_every_resource_busy_the_booking_is_refused(
    ctx: Context, account: Account
) -> None:
    # Room 1 has Alice 10-11, Room 2 has Bob 14-15:30.
    before = snapshot(account)
    with pytest.raises(Unavailable) as exc:
        book_room(ctx, at(TOMORROW, "10:30"), at(TOMORROW, "14:30"))
    [error] = exc.value.errors
    assert error.field == "availability"
    assert error.message.startswith("No resource is available at this time")
    assert snapshot(account) == before


def test_unknown_attribute_is_a_bad_request(ctx: Context, account: Account) -> None:
    before = snapshot(account)
    with pytest.raises(BadRequest) as exc:
        book_room(ctx, at(TOMORROW, "16:00"), at(TOMORROW, "17:00"), colour="red")
    assert exc.value.message == "Bad request: unknown attribute 'colour' for Booking."
    assert snapshot(account) == before


def test_read_only_fields_sent_back_are_ignored(ctx: Context) -> None:
    booking = book_room(
        ctx,
        at(TOMORROW, "16:00"),
        at(TOMORROW, "17:00"),
        id=1,
        created_on="1999-01-01 00:00:00",
        deleted=True,
        waitlisted=True,
        schedule_name="Other",
    )
    assert (booking.id, booking.created_on, booking.deleted, booking.waitlisted) == (
        NEXT_BOOKING_ID,
        T0,
        False,
        False,
    )


def test_every_field_error_is_reported_at_once(ctx: Context, account: Account) -> None:
    before = snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        create_booking(ctx, ROOMS, {"email": "not-an-address", "country": "XX"}, None, False)
    assert type(exc.value) is Unprocessable
    assert [error.field for error in exc.value.errors] == ["country", "email", "start", "finish"]
    assert "Email is invalid" in [error.message for error in exc.value.errors]
    assert snapshot(account) == before


def test_a_clash_with_other_errors_is_not_reported_as_a_mere_clash(ctx: Context) -> None:
    with pytest.raises(Unprocessable) as exc:
        book_room(ctx, at(TOMORROW, "10:00"), at(TOMORROW, "11:00"), resource_id=ROOM_1, email="bad")
    assert not isinstance(exc.value, Unavailable)
    assert [error.field for error in exc.value.errors] == ["email", "availability"]


def test_booking_country_is_stored_in_upper_case(ctx: Context) -> None:
    booking = book_room(ctx, at(TOMORROW, "16:00"), at(TOMORROW, "17:00"), country="nl")
    assert booking.country == "NL"


@pytest.mark.parametrize("schedule_ref", [999, "Rooms", None, ""])
def test_unknown_schedule_is_not_found(ctx: Context, schedule_ref: object) -> None:
    with pytest.raises(NotFound) as exc:
        create_booking(ctx, schedule_ref, {"start": at(TOMORROW, "16:00")}, None, False)
    assert exc.value.message == "Schedule not found"


def test_new_booking_is_recorded_as_made_by_the_administrator(ctx: Context) -> None:
    booking = book_room(ctx, at(TOMORROW, "16:00"), at(TOMORROW, "17:00"))
    assert (booking.created_by, booking.updated_by) == (ACCOUNT, ACCOUNT)
    assert booking.created_on == booking.updated_on == T0


# --- the user of a booking ------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["argument", "attribute"])
def test_unknown_user_id_is_unprocessable(ctx: Context, account: Account, how: str) -> None:
    before = snapshot(account)
    attributes: dict[str, object] = {"start": at(TOMORROW, "16:00"), "finish": at(TOMORROW, "17:00")}
    if how == "attribute":
        attributes["user_id"] = 999
    with pytest.raises(Unprocessable) as exc:
        create_booking(ctx, ROOMS, attributes, 999 if how == "argument" else None, False)
    assert exc.value.errors == [FieldError("User not found", "user_id")]
    assert snapshot(account) == before


@pytest.mark.parametrize("user_ref", [ALICE, str(ALICE), ALICE_FK, "1001FK"])
def test_user_is_found_by_id_or_foreign_key(ctx: Context, user_ref: object) -> None:
    booking = create_booking(
        ctx, ROOMS, {"start": at(TOMORROW, "16:00"), "finish": at(TOMORROW, "17:00")}, user_ref, False
    )
    assert booking.user_id == ALICE


def test_booking_copies_contact_details_from_its_user(ctx: Context) -> None:
    booking = create_booking(
        ctx, ROOMS, {"start": at(TOMORROW, "16:00"), "finish": at(TOMORROW, "17:00")}, ALICE, False
    )
    assert (booking.name, booking.full_name, booking.email, booking.phone, booking.country) == (
        ALICE_NAME,
        "Alice Archer",
        ALICE_NAME,
        "+31 20 555 0101",
        "NL",
    )


def test_contact_details_given_with_the_booking_win_over_the_users(ctx: Context) -> None:
    booking = create_booking(
        ctx,
        ROOMS,
        {"start": at(TOMORROW, "16:00"), "finish": at(TOMORROW, "17:00"), "full_name": "A. Archer"},
        ALICE,
        False,
    )
    assert (booking.full_name, booking.email) == ("A. Archer", ALICE_NAME)


def test_booking_without_a_user_has_no_contact_details(ctx: Context) -> None:
    booking = book_room(ctx, at(TOMORROW, "16:00"), at(TOMORROW, "17:00"))
    assert (booking.user_id, booking.name, booking.email) == (None, None, None)


# --- update ---------------------------------------------------------------------------------------


def test_update_changes_only_the_given_fields_and_stamps_the_time(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    original = replace(account.bookings[ALICE_ROOM_1])
    later = clock.advance(timedelta(hours=2))
    updated = update_booking(ctx, ALICE_ROOM_1, None, {"full_name": "Alice A."}, False)
    assert updated.updated_on == later
    assert updated.created_on == T0
    assert astuple(updated) == astuple(replace(original, full_name="Alice A.", updated_on=later))
    assert get_booking(ctx, ALICE_ROOM_1, None) == updated


def test_update_of_the_time_keeps_the_booking_on_its_resource(ctx: Context) -> None:
    updated = update_booking(
        ctx, ALICE_ROOM_1, ROOMS, {"start": at(TOMORROW, "14:00"), "finish": at(TOMORROW, "15:00")}, False
    )
    assert (updated.resource_id, updated.start, updated.finish) == (
        ROOM_1,
        moment(TOMORROW, "14:00"),
        moment(TOMORROW, "15:00"),
    )


def test_a_booking_never_overlaps_itself(ctx: Context) -> None:
    updated = update_booking(ctx, ALICE_ROOM_1, None, {"finish": at(TOMORROW, "11:30")}, False)
    assert (updated.start, updated.finish) == (moment(TOMORROW, "10:00"), moment(TOMORROW, "11:30"))


def test_update_into_an_overlap_is_refused_and_changes_nothing(ctx: Context, account: Account) -> None:
    before, logged = snapshot(account), len(account.changes)
    with pytest.raises(Unavailable) as exc:
        update_booking(
            ctx,
            BOB_ROOM_2,
            None,
            {"resource_id": ROOM_1, "start": at(TOMORROW, "10:30"), "finish": at(TOMORROW, "11:30")},
            False,
        )
    assert exc.value.errors == [
        FieldError("Room 1 is not available at this time: it overlaps another booking", "availability")
    ]
    assert snapshot(account) == before
    assert len(account.changes) == logged


def test_update_moves_a_booking_to_another_resource_by_name(ctx: Context) -> None:
    updated = update_booking(ctx, ALICE_ROOM_1, None, {"res_name": "room 2"}, False)
    assert (updated.resource_id, updated.start) == (ROOM_2, moment(TOMORROW, "10:00"))


def test_update_of_one_end_is_checked_against_the_other(ctx: Context, account: Account) -> None:
    before = snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        update_booking(ctx, ALICE_ROOM_1, None, {"finish": at(TOMORROW, "09:00")}, False)
    assert exc.value.errors == [FieldError("Finish must be after start", "finish")]
    assert snapshot(account) == before


def test_update_to_an_unknown_user_is_refused(ctx: Context, account: Account) -> None:
    before = snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        update_booking(ctx, ALICE_ROOM_1, None, {"user_id": 999}, False)
    assert exc.value.errors == [FieldError("User not found", "user_id")]
    assert snapshot(account) == before


def test_update_can_hand_a_booking_to_another_user(ctx: Context) -> None:
    assert update_booking(ctx, ALICE_ROOM_1, None, {"user_id": BOB}, False).user_id == BOB


def test_booking_is_not_found_through_another_schedule(ctx: Context) -> None:
    with pytest.raises(NotFound) as exc:
        update_booking(ctx, ALICE_ROOM_1, CLASSES, {"full_name": "X"}, False)
    assert exc.value.message == "Booking not found"


def test_booking_through_an_unknown_schedule_names_the_schedule(ctx: Context) -> None:
    with pytest.raises(NotFound) as exc:
        get_booking(ctx, ALICE_ROOM_1, 999)
    assert exc.value.message == "Schedule not found"


@pytest.mark.parametrize("booking_ref", [999, "abc", None, "", "5000001abc", ALICE])
def test_bookings_are_found_only_by_their_numeric_id(ctx: Context, booking_ref: object) -> None:
    with pytest.raises(NotFound):
        get_booking(ctx, booking_ref, None)


def test_booking_is_found_by_id_as_text_and_with_its_schedule(ctx: Context) -> None:
    assert get_booking(ctx, str(ALICE_ROOM_1), str(ROOMS)).id == ALICE_ROOM_1


# --- delete ---------------------------------------------------------------------------------------


def test_delete_keeps_the_record_but_hides_it(ctx: Context, account: Account, clock: ManualClock) -> None:
    later = clock.advance(timedelta(minutes=5))
    deleted = delete_booking(ctx, ALICE_ROOM_1, ROOMS, False)
    assert deleted.deleted is True
    assert deleted.updated_on == later
    assert account.bookings[ALICE_ROOM_1].deleted is True
    with pytest.raises(NotFound):
        get_booking(ctx, ALICE_ROOM_1, None)
    with pytest.raises(NotFound):
        update_booking(ctx, ALICE_ROOM_1, None, {"full_name": "Back"}, False)
    with pytest.raises(NotFound):
        delete_booking(ctx, ALICE_ROOM_1, None, False)
    assert ALICE_ROOM_1 not in [b.id for b in list_bookings(ctx, ROOMS, None, None, 100, 0)]


def test_delete_frees_the_time_on_the_resource(ctx: Context) -> None:
    delete_booking(ctx, ALICE_ROOM_1, None, False)
    booking = book_room(ctx, at(TOMORROW, "10:00"), at(TOMORROW, "11:00"), resource_id=ROOM_1)
    assert booking.resource_id == ROOM_1


# --- list -----------------------------------------------------------------------------------------


def test_list_gives_active_bookings_of_one_schedule_in_time_order(ctx: Context) -> None:
    book_room(ctx, at(TOMORROW, "08:00"), at(TOMORROW, "09:00"), resource_id=ROOM_2)
    ids = [b.id for b in list_bookings(ctx, ROOMS, None, None, 100, 0)]
    assert ids == [NEXT_BOOKING_ID, ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_list_window_keeps_bookings_starting_within_it(ctx: Context) -> None:
    chosen = list_bookings(ctx, ROOMS, moment(TOMORROW, "10:00"), moment(TOMORROW, "14:00"), 100, 0)
    assert [b.id for b in chosen] == [ALICE_ROOM_1]
    later = list_bookings(ctx, ROOMS, moment(TOMORROW, "10:01"), None, 100, 0)
    assert [b.id for b in later] == [BOB_ROOM_2, CAROL_ROOM_1]


def test_list_pages_with_limit_and_offset(ctx: Context) -> None:
    assert [b.id for b in list_bookings(ctx, ROOMS, None, None, 1, 1)] == [BOB_ROOM_2]
    assert list_bookings(ctx, ROOMS, None, None, 100, 3) == []


def test_list_of_an_unknown_schedule_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFound):
        list_bookings(ctx, 999, None, None, 100, 0)


# --- capacity schedules ---------------------------------------------------------------------------


def test_capacity_booking_needs_a_slot(ctx: Context, account: Account) -> None:
    before = snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        create_booking(ctx, CLASSES, {"full_name": "Ann"}, None, False)
    assert exc.value.errors == [FieldError("Slot can't be blank", "slot_id")]
    assert snapshot(account) == before


@pytest.mark.parametrize("slot_ref", [999, "abc", ROOM_1])
def test_unknown_slot_is_refused(ctx: Context, slot_ref: object) -> None:
    with pytest.raises(Unprocessable) as exc:
        create_booking(ctx, CLASSES, {"slot_id": slot_ref}, None, False)
    assert exc.value.errors == [FieldError("Slot not found", "slot_id")]


def test_capacity_booking_takes_its_times_from_the_slot(ctx: Context) -> None:
    booking = create_booking(
        ctx, CLASSES, {"slot_id": str(YOGA_DAY_AFTER), "start": "2030-05-05 05:00"}, BOB, False
    )
    assert (booking.slot_id, booking.start, booking.finish, booking.resource_id) == (
        YOGA_DAY_AFTER,
        moment(DAY_AFTER, "09:00"),
        moment(DAY_AFTER, "10:00"),
        None,
    )


def test_a_start_that_opens_exactly_one_slot_names_that_slot(ctx: Context) -> None:
    booking = create_booking(ctx, CLASSES, {"start": at(DAY_AFTER, "18:00")}, None, False)
    assert (booking.slot_id, booking.finish) == (SPINNING_DAY_AFTER, moment(DAY_AFTER, "19:00"))


@pytest.mark.parametrize("start", [at(DAY_AFTER, "18:30"), "2031-01-01 18:00"])
def test_a_start_that_opens_no_slot_does_not_name_one(ctx: Context, start: str) -> None:
    with pytest.raises(Unprocessable) as exc:
        create_booking(ctx, CLASSES, {"start": start}, None, False)
    assert exc.value.errors == [FieldError("Slot can't be blank", "slot_id")]


def test_a_start_that_is_no_time_is_named_as_such_on_a_capacity_schedule(ctx: Context) -> None:
    with pytest.raises(Unprocessable) as exc:
        create_booking(ctx, CLASSES, {"start": "soon"}, None, False)
    assert exc.value.errors == [FieldError("Start is not a valid time", "start")]


def test_a_start_shared_by_two_slots_does_not_pick_one(clock: ManualClock) -> None:
    backend = SuperSaas(clock)
    two = {"start": "2030-02-01 09:00", "finish": "2030-02-01 10:00", "capacity": 5}
    load_seed(
        backend,
        {
            "accounts": [
                {
                    "name": "gym",
                    "api_key": "k",
                    "password": "p",
                    "schedules": [{"name": "Classes", "kind": "capacity", "slots": [two, two]}],
                }
            ]
        },
    )
    gym = backend.account("gym")
    assert gym is not None
    ctx = Context(backend, gym, ADMIN)
    [schedule_id] = gym.schedules
    with pytest.raises(Unprocessable) as exc:
        create_booking(ctx, schedule_id, {"start": "2030-02-01 09:00"}, None, False)
    assert exc.value.errors == [FieldError("Slot can't be blank", "slot_id")]


def test_full_slot_is_refused_and_nothing_changes(ctx: Context, account: Account) -> None:
    before, logged = snapshot(account), len(account.changes)
    with pytest.raises(Unavailable) as exc:
        create_booking(ctx, CLASSES, {"slot_id": SPINNING_TOMORROW}, None, False)
    assert exc.value.errors == [FieldError("This slot is full", "availability")]
    assert snapshot(account) == before
    assert len(account.changes) == logged


def test_a_slot_fills_up_to_its_capacity_exactly(ctx: Context) -> None:
    # Yoga tomorrow holds 10 and has Alice already.
    for _ in range(9):
        create_booking(ctx, CLASSES, {"slot_id": YOGA_TOMORROW}, None, False)
    with pytest.raises(Unavailable):
        create_booking(ctx, CLASSES, {"slot_id": YOGA_TOMORROW}, None, False)


def test_deleting_from_a_full_slot_frees_a_place(ctx: Context) -> None:
    delete_booking(ctx, BOB_SPINNING, CLASSES, False)
    booking = create_booking(ctx, CLASSES, {"slot_id": SPINNING_TOMORROW}, BOB, False)
    assert booking.slot_id == SPINNING_TOMORROW


def test_update_moves_a_booking_to_another_slot(ctx: Context, account: Account) -> None:
    moved = update_booking(ctx, ALICE_YOGA, None, {"slot_id": YOGA_DAY_AFTER}, False)
    assert (moved.slot_id, moved.start, moved.finish) == (
        YOGA_DAY_AFTER,
        moment(DAY_AFTER, "09:00"),
        moment(DAY_AFTER, "10:00"),
    )
    assert [b.id for b in account.bookings_of(CLASSES) if b.slot_id == YOGA_TOMORROW] == []


def test_update_into_a_full_slot_is_refused(ctx: Context, account: Account) -> None:
    before = snapshot(account)
    with pytest.raises(Unavailable) as exc:
        update_booking(ctx, ALICE_YOGA, None, {"slot_id": SPINNING_TOMORROW}, False)
    assert exc.value.errors == [FieldError("This slot is full", "availability")]
    assert snapshot(account) == before


def test_a_booking_in_a_full_slot_can_still_be_edited(ctx: Context) -> None:
    updated = update_booking(
        ctx, BOB_SPINNING, None, {"slot_id": SPINNING_TOMORROW, "field_1": "bike 7"}, False
    )
    assert (updated.slot_id, updated.field_1) == (SPINNING_TOMORROW, "bike 7")


# --- service schedules ----------------------------------------------------------------------------


def test_service_schedule_refuses_every_write(ctx: Context, account: Account) -> None:
    before, logged = snapshot(account), len(account.changes)
    with pytest.raises(NotForService):
        create_booking(ctx, SERVICES, {"start": at(TOMORROW, "10:00")}, None, False)
    with pytest.raises(NotForService):
        update_booking(ctx, CAROL_HAIRCUT, None, {"full_name": "Carol C."}, False)
    with pytest.raises(NotForService):
        delete_booking(ctx, CAROL_HAIRCUT, None, False)
    assert snapshot(account) == before
    assert len(account.changes) == logged


def test_service_bookings_can_still_be_read(ctx: Context) -> None:
    assert get_booking(ctx, CAROL_HAIRCUT, SERVICES).full_name == "Carol Chen"


# --- the change log -------------------------------------------------------------------------------


def test_each_booking_write_appends_exactly_one_change(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    logged = len(account.changes)
    created = create_booking(ctx, CLASSES, {"slot_id": YOGA_TOMORROW}, BOB, True)
    assert len(account.changes) == logged + 1
    assert last_change(account) == Change(
        last_change(account).seq, T0, ChangeAction.CREATE, Subject.BOOKING, created.id, CLASSES, True
    )
    later = clock.advance(timedelta(minutes=1))
    update_booking(ctx, ALICE_ROOM_1, None, {"description": "moved"}, False)
    assert len(account.changes) == logged + 2
    assert last_change(account) == Change(
        last_change(account).seq, later, ChangeAction.UPDATE, Subject.BOOKING, ALICE_ROOM_1, ROOMS, False
    )
    latest = clock.advance(timedelta(minutes=1))
    delete_booking(ctx, ALICE_SPINNING, None, True)
    assert len(account.changes) == logged + 3
    assert last_change(account) == Change(
        last_change(account).seq, latest, ChangeAction.DELETE, Subject.BOOKING, ALICE_SPINNING, CLASSES, True
    )
    sequence = [change.seq for change in account.changes]
    assert sequence == sorted(sequence)
    assert len(set(sequence)) == len(sequence)


def test_changes_since_a_moment_are_only_the_later_ones(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    clock.advance(timedelta(minutes=1))
    update_booking(ctx, ALICE_ROOM_1, None, {"description": "x"}, False)
    assert [c.subject_id for c in account.changes.since(T0)] == [ALICE_ROOM_1]


# --- checksums ------------------------------------------------------------------------------------


@pytest.mark.parametrize("claim", [ALICE_NAME, "ALICE@example.com"])
def test_checksum_user_reaches_their_own_booking(as_user: Callable[[str], Context], claim: str) -> None:
    ctx = as_user(claim)
    assert get_booking(ctx, ALICE_ROOM_1, None).user_id == ALICE
    assert update_booking(ctx, ALICE_ROOM_1, None, {"description": "mine"}, False).description == "mine"
    assert delete_booking(ctx, ALICE_YOGA, None, False).deleted is True


@pytest.mark.parametrize("claim", [str(ALICE), ALICE_FK, "1001FK"])
def test_a_checksum_claim_of_an_id_or_foreign_key_reaches_no_booking(
    as_user: Callable[[str], Context], claim: str
) -> None:
    """A checksum vouches for a user name only (the docs compute it over the name)."""
    with pytest.raises(PermissionDenied):
        get_booking(as_user(claim), ALICE_ROOM_1, None)


def test_checksum_for_one_user_never_reaches_another_users_booking(
    as_user: Callable[[str], Context], account: Account
) -> None:
    ctx = as_user(ALICE_NAME)
    before, logged = snapshot(account), len(account.changes)
    with pytest.raises(PermissionDenied):
        get_booking(ctx, BOB_ROOM_2, None)
    with pytest.raises(PermissionDenied):
        update_booking(ctx, BOB_ROOM_2, None, {"full_name": "Mallory"}, False)
    with pytest.raises(PermissionDenied):
        delete_booking(ctx, BOB_SPINNING, None, False)
    assert snapshot(account) == before
    assert len(account.changes) == logged


def test_checksum_never_reaches_a_booking_without_a_user(
    ctx: Context, as_user: Callable[[str], Context]
) -> None:
    anonymous = book_room(ctx, at(TOMORROW, "16:00"), at(TOMORROW, "17:00"))
    with pytest.raises(PermissionDenied):
        get_booking(as_user(ALICE_NAME), anonymous.id, None)


def test_checksum_user_books_for_themselves(as_user: Callable[[str], Context], account: Account) -> None:
    booking = book_room(as_user(BOB_NAME), at(TOMORROW, "16:00"), at(TOMORROW, "17:00"))
    assert (booking.user_id, booking.created_by, booking.email) == (BOB, BOB_NAME, BOB_NAME)
    assert account.bookings[booking.id].user_id == BOB


def test_checksum_user_cannot_book_for_another_user(
    as_user: Callable[[str], Context], account: Account
) -> None:
    before = snapshot(account)
    with pytest.raises(PermissionDenied):
        create_booking(
            as_user(ALICE_NAME),
            ROOMS,
            {"start": at(TOMORROW, "16:00"), "finish": at(TOMORROW, "17:00")},
            BOB,
            False,
        )
    assert snapshot(account) == before


def test_checksum_user_cannot_hand_their_booking_to_another_user(
    as_user: Callable[[str], Context], account: Account
) -> None:
    before = snapshot(account)
    with pytest.raises(PermissionDenied):
        update_booking(as_user(ALICE_NAME), ALICE_ROOM_1, None, {"user_id": BOB}, False)
    assert snapshot(account) == before


def test_checksum_for_a_name_that_is_no_user_cannot_book(
    as_user: Callable[[str], Context], account: Account
) -> None:
    before = snapshot(account)
    with pytest.raises(PermissionDenied):
        book_room(as_user("mallory@example.com"), at(TOMORROW, "16:00"), at(TOMORROW, "17:00"))
    assert snapshot(account) == before


def test_checksum_cannot_list_a_schedules_bookings(as_user: Callable[[str], Context]) -> None:
    with pytest.raises(PermissionDenied):
        list_bookings(as_user(ALICE_NAME), ROOMS, None, None, 100, 0)
