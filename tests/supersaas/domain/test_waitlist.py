"""The waiting list of a capacity schedule: who waits, who moves up when a place comes free."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, timedelta

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import Unavailable, Unprocessable
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.bookings import create_booking, delete_booking, update_booking
from fakesaas.supersaas.domain.changes import Change, ChangeAction, Subject
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.queries import Window, recent_changes
from fakesaas.supersaas.domain.records import Booking
from tests.support import (
    ALICE,
    ALICE_NAME,
    ALICE_POTTERY,
    BOB,
    BOB_POTTERY,
    BOB_SPINNING,
    CAROL_POTTERY,
    CLASSES,
    POTTERY_TOMORROW,
    SPINNING_TOMORROW,
    T0,
    WENDY_WAITING,
    WORKSHOPS,
)

POTTERY_DAY_AFTER = POTTERY_TOMORROW + 1
CAPACITY = 3
MINUTE = timedelta(minutes=1)


def seated(account: Account, slot_id: int) -> list[int]:
    return sorted(b.id for b in account.bookings_of(WORKSHOPS) if b.slot_id == slot_id and not b.waitlisted)


def waiting(account: Account, slot_id: int) -> list[int]:
    return sorted(b.id for b in account.bookings_of(WORKSHOPS) if b.slot_id == slot_id and b.waitlisted)


def join(
    ctx: Context, slot_id: int = POTTERY_TOMORROW, name: str = "Walk-in", user: object = None
) -> Booking:
    return create_booking(ctx, WORKSHOPS, {"slot_id": slot_id, "full_name": name}, user, False)


def new_changes(account: Account, before: int) -> list[Change]:
    return list(account.changes)[before:]


def test_the_demo_slot_is_full_with_one_booking_waiting(account: Account) -> None:
    assert seated(account, POTTERY_TOMORROW) == [ALICE_POTTERY, BOB_POTTERY, CAROL_POTTERY]
    assert waiting(account, POTTERY_TOMORROW) == [WENDY_WAITING]


def test_a_booking_past_capacity_on_a_waitlist_schedule_joins_the_waiting_list(
    ctx: Context, account: Account
) -> None:
    late = join(ctx, name="Late Larry")
    assert late.waitlisted is True
    assert (late.slot_id, late.start, late.finish) == (
        POTTERY_TOMORROW,
        account.schedules[WORKSHOPS].slots[POTTERY_TOMORROW].start,
        account.schedules[WORKSHOPS].slots[POTTERY_TOMORROW].finish,
    )
    assert waiting(account, POTTERY_TOMORROW) == [WENDY_WAITING, late.id]
    assert len(seated(account, POTTERY_TOMORROW)) == CAPACITY


def test_a_booking_with_a_place_left_is_seated(ctx: Context, account: Account) -> None:
    booking = join(ctx, POTTERY_DAY_AFTER)
    assert booking.waitlisted is False
    assert seated(account, POTTERY_DAY_AFTER) == [booking.id]


def test_the_place_past_capacity_is_the_first_to_wait(ctx: Context, account: Account) -> None:
    made = [join(ctx, POTTERY_DAY_AFTER, f"guest {n}") for n in range(CAPACITY + 2)]
    assert [b.waitlisted for b in made] == [False] * CAPACITY + [True, True]


def test_a_full_slot_without_a_waiting_list_refuses_instead(ctx: Context, account: Account) -> None:
    logged = len(account.changes)
    with pytest.raises(Unavailable, match="This slot is full"):
        create_booking(ctx, CLASSES, {"slot_id": SPINNING_TOMORROW}, None, False)
    assert len(account.changes) == logged


def test_deleting_a_seated_booking_moves_the_waiting_one_up(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    now = clock.advance(5 * MINUTE)
    before = len(account.changes)
    delete_booking(ctx, BOB_POTTERY, None, False)
    wendy = account.bookings[WENDY_WAITING]
    assert wendy.waitlisted is False
    assert (wendy.updated_on, wendy.updated_by) == (now, account.name)
    assert seated(account, POTTERY_TOMORROW) == [ALICE_POTTERY, CAROL_POTTERY, WENDY_WAITING]
    assert waiting(account, POTTERY_TOMORROW) == []
    actions = [(c.action, c.subject, c.subject_id, c.schedule_id, c.at) for c in new_changes(account, before)]
    assert actions == [
        (ChangeAction.DELETE, Subject.BOOKING, BOB_POTTERY, WORKSHOPS, now),
        (ChangeAction.UPDATE, Subject.BOOKING, WENDY_WAITING, WORKSHOPS, now),
    ]


def test_a_move_up_from_the_waiting_list_shows_in_recent_changes(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    clock.advance(5 * MINUTE)
    delete_booking(ctx, ALICE_POTTERY, None, False)
    since = T0.astimezone(UTC).replace(tzinfo=None)
    _, found = recent_changes(ctx, WORKSHOPS, since, None, None, Window())
    assert [(b.id, b.deleted, b.waitlisted) for b in found] == [
        (ALICE_POTTERY, True, False),
        (WENDY_WAITING, False, False),
    ]


def test_only_the_earliest_waiting_booking_moves_up_for_one_place(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    clock.advance(MINUTE)
    later = join(ctx, name="Late Larry")
    clock.advance(MINUTE)
    delete_booking(ctx, CAROL_POTTERY, None, False)
    assert account.bookings[WENDY_WAITING].waitlisted is False
    assert account.bookings[later.id].waitlisted is True
    clock.advance(MINUTE)
    delete_booking(ctx, ALICE_POTTERY, None, False)
    assert account.bookings[later.id].waitlisted is False
    assert seated(account, POTTERY_TOMORROW) == [BOB_POTTERY, WENDY_WAITING, later.id]


def test_the_earliest_created_waiting_booking_moves_up_even_with_a_higher_id(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    delete_booking(ctx, WENDY_WAITING, None, False)
    clock.set(T0 + 10 * MINUTE)
    lower_id = join(ctx, name="Booked at 10")
    clock.set(T0 + 5 * MINUTE)  # a clock set back: the next one was created earlier
    earlier_created = join(ctx, name="Booked at 5")
    assert lower_id.id < earlier_created.id
    clock.set(T0 + 20 * MINUTE)
    delete_booking(ctx, ALICE_POTTERY, None, False)
    assert account.bookings[earlier_created.id].waitlisted is False
    assert account.bookings[lower_id.id].waitlisted is True


def test_deleting_a_waiting_booking_moves_nobody_up(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    later = join(ctx, name="Late Larry")
    clock.advance(MINUTE)
    before = len(account.changes)
    delete_booking(ctx, WENDY_WAITING, None, False)
    assert account.bookings[later.id].waitlisted is True
    assert seated(account, POTTERY_TOMORROW) == [ALICE_POTTERY, BOB_POTTERY, CAROL_POTTERY]
    assert [(c.action, c.subject_id) for c in new_changes(account, before)] == [
        (ChangeAction.DELETE, WENDY_WAITING)
    ]


def test_moving_a_seated_booking_to_another_slot_moves_a_waiting_one_up_in_the_old_slot(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    now = clock.advance(MINUTE)
    before = len(account.changes)
    moved = update_booking(ctx, ALICE_POTTERY, None, {"slot_id": POTTERY_DAY_AFTER}, False)
    assert (moved.slot_id, moved.waitlisted) == (POTTERY_DAY_AFTER, False)
    assert seated(account, POTTERY_TOMORROW) == [BOB_POTTERY, CAROL_POTTERY, WENDY_WAITING]
    assert seated(account, POTTERY_DAY_AFTER) == [ALICE_POTTERY]
    assert [(c.action, c.subject_id, c.at) for c in new_changes(account, before)] == [
        (ChangeAction.UPDATE, ALICE_POTTERY, now),
        (ChangeAction.UPDATE, WENDY_WAITING, now),
    ]


def test_moving_a_seated_booking_into_a_full_slot_puts_it_on_that_slots_waiting_list(
    ctx: Context, account: Account
) -> None:
    others = [join(ctx, POTTERY_DAY_AFTER, f"guest {n}").id for n in range(CAPACITY)]
    moved = update_booking(ctx, others[0], None, {"slot_id": POTTERY_TOMORROW}, False)
    assert (moved.slot_id, moved.waitlisted) == (POTTERY_TOMORROW, True)
    assert waiting(account, POTTERY_TOMORROW) == [WENDY_WAITING, others[0]]
    assert seated(account, POTTERY_DAY_AFTER) == others[1:]


def test_a_waiting_booking_moved_to_a_slot_with_room_is_seated_there_and_leaves_the_queue(
    ctx: Context, account: Account
) -> None:
    later = join(ctx, name="Late Larry")
    before = len(account.changes)
    moved = update_booking(ctx, WENDY_WAITING, None, {"slot_id": POTTERY_DAY_AFTER}, False)
    assert (moved.slot_id, moved.waitlisted) == (POTTERY_DAY_AFTER, False)
    assert waiting(account, POTTERY_TOMORROW) == [later.id]  # the old slot is still full
    assert len(seated(account, POTTERY_TOMORROW)) == CAPACITY
    assert [c.subject_id for c in new_changes(account, before)] == [WENDY_WAITING]


@pytest.mark.parametrize(
    "attributes",
    [
        {"full_name": "Wendy Walker"},
        {"description": "Would love a wheel", "email": "wendy@example.com"},
        {"slot_id": POTTERY_TOMORROW},  # naming its own slot again
        {"slot_id": str(POTTERY_TOMORROW), "field_1_r": "x"},
    ],
)
def test_updating_a_waiting_booking_in_place_keeps_it_waiting(
    ctx: Context, account: Account, attributes: dict[str, object]
) -> None:
    later = join(ctx, name="Late Larry")
    updated = update_booking(ctx, WENDY_WAITING, None, attributes, False)
    assert (updated.slot_id, updated.waitlisted) == (POTTERY_TOMORROW, True)
    assert waiting(account, POTTERY_TOMORROW) == [WENDY_WAITING, later.id]
    assert len(seated(account, POTTERY_TOMORROW)) == CAPACITY


def test_updating_a_seated_booking_in_place_moves_nobody_up(ctx: Context, account: Account) -> None:
    before = len(account.changes)
    update_booking(ctx, BOB_POTTERY, None, {"full_name": "Bobby", "slot_id": POTTERY_TOMORROW}, False)
    assert waiting(account, POTTERY_TOMORROW) == [WENDY_WAITING]
    assert [c.subject_id for c in new_changes(account, before)] == [BOB_POTTERY]


def test_a_checksum_user_can_join_the_waiting_list(
    as_user: Callable[[str], Context], account: Account
) -> None:
    mine = join(as_user(ALICE_NAME), name="Alice again")
    assert (mine.user_id, mine.waitlisted) == (ALICE, True)


def test_seated_bookings_never_exceed_capacity_through_a_busy_day(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    made = [join(ctx, name=f"guest {n}", user=BOB if n % 2 else None).id for n in range(4)]
    for booking_id in [ALICE_POTTERY, made[0], WENDY_WAITING, BOB_POTTERY, made[3], CAROL_POTTERY]:
        clock.advance(MINUTE)
        delete_booking(ctx, booking_id, None, False)
        assert len(seated(account, POTTERY_TOMORROW)) <= CAPACITY
        if waiting(account, POTTERY_TOMORROW):
            assert len(seated(account, POTTERY_TOMORROW)) == CAPACITY
    assert seated(account, POTTERY_TOMORROW) == made[1:3]
    assert waiting(account, POTTERY_TOMORROW) == []


def test_a_full_slot_without_waiting_list_is_not_touched_by_a_delete(ctx: Context, account: Account) -> None:
    delete_booking(ctx, BOB_SPINNING, None, False)
    again = create_booking(ctx, CLASSES, {"slot_id": SPINNING_TOMORROW}, None, False)
    assert again.waitlisted is False


def test_moving_by_the_start_of_another_slot_also_moves_a_waiting_one_up(
    ctx: Context, account: Account
) -> None:
    day_after = account.schedules[WORKSHOPS].slots[POTTERY_DAY_AFTER].start
    moved = update_booking(ctx, CAROL_POTTERY, None, {"start": f"{day_after:%Y-%m-%d %H:%M}"}, False)
    assert (moved.slot_id, moved.waitlisted) == (POTTERY_DAY_AFTER, False)
    assert waiting(account, POTTERY_TOMORROW) == []
    assert WENDY_WAITING in seated(account, POTTERY_TOMORROW)


def test_a_refused_move_moves_nobody_up(ctx: Context, account: Account) -> None:
    before = len(account.changes)
    with pytest.raises(Unprocessable, match="Slot not found"):
        update_booking(ctx, ALICE_POTTERY, None, {"slot_id": 999}, False)
    assert waiting(account, POTTERY_TOMORROW) == [WENDY_WAITING]
    assert seated(account, POTTERY_TOMORROW) == [ALICE_POTTERY, BOB_POTTERY, CAROL_POTTERY]
    assert len(account.changes) == before
