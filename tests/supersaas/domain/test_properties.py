"""Property tests: invariants of bookings, slots, the change log and the two renderings."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import astuple
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from lxml import etree

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import DomainError, NotFound, Unavailable, Unprocessable
from fakesaas.core.render import Format
from fakesaas.supersaas import present
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.actors import ADMIN
from fakesaas.supersaas.domain.bookings import create_booking, delete_booking, update_booking
from fakesaas.supersaas.domain.changes import ChangeAction, Subject
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.demo import demo_document
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.seed import load_seed
from fakesaas.supersaas.domain.users import create_user, delete_user, update_user
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_FK,
    ALICE_ROOM_1,
    ALICE_YOGA,
    BOB,
    BOB_ROOM_2,
    BOB_SPINNING,
    CAROL,
    CAROL_HAIRCUT,
    CAROL_ROOM_1,
    CLASSES,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    SPINNING_TOMORROW,
    T0,
    YOGA_TOMORROW,
)

TOMORROW_MIDNIGHT = datetime(2030, 1, 8)
QUARTER = timedelta(minutes=15)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def demo() -> tuple[SuperSaas, Account, Context, ManualClock]:
    clock = ManualClock(T0)
    backend = SuperSaas(clock)
    load_seed(backend, demo_document(T0))
    account = backend.accounts[ACCOUNT]
    return backend, account, Context(backend, account, ADMIN), clock


def snapshot(account: Account) -> dict[int, tuple[object, ...]]:
    return {booking_id: astuple(booking) for booking_id, booking in account.bookings.items()}


def users_snapshot(account: Account) -> dict[int, tuple[object, ...]]:
    return {user.id: astuple(user) for user in account.users.ordered()}


def wall_clock(moment: datetime, seconds: bool) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


# --- (a) resource bookings never overlap ----------------------------------------------------------

quarters = st.integers(min_value=0, max_value=3 * 24 * 4)  # three days from tomorrow, in 15 minutes
lengths = st.integers(min_value=-1, max_value=12)  # zero and negative lengths must be refused
# How each way of naming a resource resolves; 999 names none.
RESOURCE_REFS = {
    ROOM_1: ROOM_1,
    ROOM_2: ROOM_2,
    str(ROOM_2): ROOM_2,
    "room 1": ROOM_1,
    "ROOM 2": ROOM_2,
    999: None,
}
resource_refs = st.none() | st.sampled_from(list(RESOURCE_REFS))


class RoomsMachine(RuleBasedStateMachine):
    """Rule: whatever sequence of creates, updates and deletes reaches the Rooms schedule, no two
    active bookings overlap on one resource (touching is fine); a write succeeds exactly when a
    simple model says the time is free, and a refused write leaves every booking as it was."""

    def __init__(self) -> None:
        super().__init__()
        self.backend, self.account, self.ctx, self.clock = demo()
        self.ids = [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]

    def attempt(self, write: Callable[[], Booking]) -> Booking | None:
        before = snapshot(self.account)
        try:
            return write()
        except (Unprocessable, NotFound):
            assert snapshot(self.account) == before
            return None

    def free(self, resource_id: int, start: datetime, finish: datetime, ignore: int | None = None) -> bool:
        return not any(
            other.resource_id == resource_id and other.start < finish and start < other.finish  # type: ignore[operator]
            for other in self.account.bookings_of(ROOMS)
            if other.id != ignore
        )

    def expected_resource(
        self, ref: object, default: list[int], start: datetime, finish: datetime, ignore: int | None
    ) -> int | None:
        """Where the model puts the booking, or None where it expects a refusal."""
        if finish <= start:
            return None
        candidates = default if ref is None else [RESOURCE_REFS[ref]]
        return next((r for r in candidates if r is not None and self.free(r, start, finish, ignore)), None)

    @rule(offset=quarters, length=lengths, resource=resource_refs, seconds=st.booleans())
    def create(self, offset: int, length: int, resource: object, seconds: bool) -> None:
        start = TOMORROW_MIDNIGHT + offset * QUARTER
        finish = start + length * QUARTER
        attributes: dict[str, object] = {
            "start": wall_clock(start, seconds),
            "finish": wall_clock(finish, not seconds),
        }
        if resource is not None:
            attributes["resource_id"] = resource
        in_order = [r.id for r in self.account.schedules[ROOMS].resources]
        expected = self.expected_resource(resource, in_order, start, finish, None)
        booking = self.attempt(lambda: create_booking(self.ctx, ROOMS, attributes, None, False))
        if expected is None:
            assert booking is None
            return
        assert booking is not None
        self.ids.append(booking.id)
        assert (booking.resource_id, booking.start, booking.finish) == (expected, start, finish)

    @rule(
        data=st.data(),
        offset=st.none() | quarters,
        length=st.none() | lengths,
        resource=resource_refs,
    )
    def update(self, data: st.DataObject, offset: int | None, length: int | None, resource: object) -> None:
        booking_id = data.draw(st.sampled_from(self.ids), label="booking")
        current = self.account.bookings[booking_id]
        assert current.start is not None
        assert current.finish is not None
        assert current.resource_id is not None
        attributes: dict[str, object] = {}
        start, finish = current.start, current.finish
        if offset is not None:
            start = TOMORROW_MIDNIGHT + offset * QUARTER
            attributes["start"] = wall_clock(start, True)
        if length is not None:
            finish = start + length * QUARTER
            attributes["finish"] = wall_clock(finish, True)
        if resource is not None:
            attributes["resource_id"] = resource
        expected = self.expected_resource(resource, [current.resource_id], start, finish, booking_id)
        now = self.clock.advance(timedelta(minutes=1))
        updated = self.attempt(lambda: update_booking(self.ctx, booking_id, ROOMS, attributes, False))
        if expected is None or current.deleted:
            assert updated is None
            return
        assert updated is not None
        assert (updated.resource_id, updated.start, updated.finish) == (expected, start, finish)
        assert (updated.created_on, updated.updated_on) == (current.created_on, now)

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        booking_id = data.draw(st.sampled_from(self.ids), label="booking")
        was_deleted = self.account.bookings[booking_id].deleted
        deleted = self.attempt(lambda: delete_booking(self.ctx, booking_id, None, False))
        assert (deleted is None) == was_deleted
        assert self.account.bookings[booking_id].deleted

    @invariant()
    def no_two_active_bookings_overlap_on_a_resource(self) -> None:
        by_resource: dict[int | None, list[Booking]] = {}
        for booking in self.account.bookings_of(ROOMS):
            by_resource.setdefault(booking.resource_id, []).append(booking)
        assert None not in by_resource
        for bookings in by_resource.values():
            bookings.sort(key=lambda b: b.start)  # type: ignore[arg-type,return-value]
            for earlier, later in itertools.pairwise(bookings):
                assert earlier.finish <= later.start  # type: ignore[operator]

    @invariant()
    def the_schedule_index_holds_exactly_the_active_bookings(self) -> None:
        active = {b.id for b in self.account.bookings.values() if b.schedule_id == ROOMS and not b.deleted}
        assert {b.id for b in self.account.bookings_of(ROOMS)} == active


RoomsMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestRoomsNeverOverlap = pytest.mark.slow(RoomsMachine.TestCase)


# --- (b) capacity slots never overflow -------------------------------------------------------------

SLOT_STARTS = ("2030-02-01 09:00", "2030-02-01 18:00")
slot_ops = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(0, 1), st.booleans()),
        st.tuples(st.just("delete"), st.integers(0, 40), st.booleans()),
        st.tuples(st.just("move"), st.integers(0, 40), st.integers(0, 1)),
    ),
    max_size=30,
)


def gym(capacities: tuple[int, int]) -> tuple[Account, Context, int, list[int]]:
    backend = SuperSaas(ManualClock(T0))
    slots = [
        {"start": start, "finish": start[:11] + "23:00", "capacity": capacity}
        for start, capacity in zip(SLOT_STARTS, capacities, strict=True)
    ]
    document = {
        "accounts": [
            {
                "name": "gym",
                "api_key": "k",
                "password": "p",
                "schedules": [{"name": "C", "kind": "capacity", "slots": slots}],
            }
        ]
    }
    [account] = load_seed(backend, document)
    [schedule] = account.schedules.values()
    return account, Context(backend, account, ADMIN), schedule.id, list(schedule.slots)


@pytest.mark.slow
@FAST
@given(capacities=st.tuples(st.integers(1, 5), st.integers(1, 5)), ops=slot_ops)
def test_a_capacity_slot_never_holds_more_than_its_capacity(
    capacities: tuple[int, int], ops: list[tuple[str, int, Any]]
) -> None:
    """Rule: creates and moves into a slot succeed exactly while it has a place left, so the active
    bookings of a slot never outnumber its capacity; a refused one changes nothing."""
    account, ctx, schedule_id, slot_ids = gym(capacities)
    made: list[int] = []

    def taken(slot_id: int, ignore: int | None = None) -> int:
        return sum(1 for b in account.bookings_of(schedule_id) if b.slot_id == slot_id and b.id != ignore)

    for op, index, arg in ops:
        before = snapshot(account)
        try:
            if op == "create":
                slot_id = slot_ids[index]
                had_room = taken(slot_id) < capacities[index]
                attributes = {"slot_id": slot_id} if arg else {"start": SLOT_STARTS[index]}
                booking = create_booking(ctx, schedule_id, attributes, None, False)
                assert had_room
                assert booking.slot_id == slot_id
                made.append(booking.id)
            elif op == "delete" and made:
                delete_booking(ctx, made[index % len(made)], schedule_id, False)
            elif op == "move" and made:
                booking_id, target = made[index % len(made)], arg
                had_room = taken(slot_ids[target], ignore=booking_id) < capacities[target]
                moved = update_booking(ctx, booking_id, schedule_id, {"slot_id": slot_ids[target]}, False)
                assert had_room
                assert moved.slot_id == slot_ids[target]
        except Unavailable:
            assert op in ("create", "move")
            assert not had_room
            assert snapshot(account) == before
        except NotFound:
            assert account.bookings[made[index % len(made)]].deleted
            assert snapshot(account) == before
        for slot_id, capacity in zip(slot_ids, capacities, strict=True):
            assert taken(slot_id) <= capacity


# --- (c) one change per mutation -------------------------------------------------------------------

NAMES = ("alice@example.com", "Bob@Example.com", "dave@example.com", "erin@example.com", "")
user_fields = st.fixed_dictionaries(
    {"name": st.sampled_from(NAMES)},
    optional={
        "email": st.sampled_from(["x@example.com", "broken"]),
        "country": st.sampled_from(["nl", "XX"]),
        "role": st.sampled_from([3, 4, 9]),
        "credit": st.sampled_from(["5", "five"]),
        "group": st.sampled_from([400001, 999]),
    },
)
any_time = st.builds(lambda q: wall_clock(TOMORROW_MIDNIGHT + q * QUARTER, True), quarters)


def room_write(offset: int, length: int, resource: int | None) -> dict[str, object]:
    start = TOMORROW_MIDNIGHT + offset * QUARTER
    fields: dict[str, object] = {
        "start": wall_clock(start, True),
        "finish": wall_clock(start + length * QUARTER, True),
    }
    return fields if resource is None else {**fields, "resource_id": resource}


room_fields = st.builds(room_write, quarters, st.integers(1, 8), st.sampled_from([None, ROOM_1, ROOM_2]))
class_fields = st.fixed_dictionaries(
    {"slot_id": st.sampled_from([YOGA_TOMORROW, SPINNING_TOMORROW, YOGA_TOMORROW + 2])},
    optional={"full_name": st.text(max_size=5)},
)
messy_fields = st.fixed_dictionaries(
    {},
    optional={
        "start": any_time,
        "finish": any_time,
        "resource_id": st.sampled_from([ROOM_1, ROOM_2, 999]),
        "slot_id": st.sampled_from([YOGA_TOMORROW, SPINNING_TOMORROW, 999]),
        "email": st.sampled_from(["x@example.com", "broken"]),
        "full_name": st.text(max_size=5),
        "colour": st.just("red"),
    },
)
booking_writes = st.one_of(
    st.tuples(st.just(ROOMS), room_fields),
    st.tuples(st.just(CLASSES), class_fields),
    st.tuples(st.sampled_from([ROOMS, CLASSES, SERVICES, 999]), messy_fields),
)
booking_targets = st.sampled_from(
    [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1, ALICE_YOGA, BOB_SPINNING, CAROL_HAIRCUT, 5_000_008, 5_000_009, 1]
)
user_refs = st.sampled_from([ALICE, BOB, CAROL, ALICE_FK, "1234FK", 1_000_004, 999, "abc"])
mutations = st.lists(
    st.one_of(
        st.tuples(st.just("create_booking"), booking_writes, st.sampled_from([None, None, ALICE, 999])),
        st.tuples(
            st.just("update_booking"), booking_targets, st.one_of(room_fields, class_fields, messy_fields)
        ),
        st.tuples(st.just("delete_booking"), booking_targets),
        st.tuples(
            st.just("create_user"),
            st.sampled_from([None, "1001fk", "77FK"]),
            user_fields,
            st.sampled_from([None, "raise", "ignore"]),
        ),
        st.tuples(st.just("update_user"), user_refs, user_fields, st.sampled_from([None, "error", "ignore"])),
        st.tuples(st.just("delete_user"), user_refs),
    ),
    min_size=3,
    max_size=25,
)


@pytest.mark.slow
@FAST
@given(
    ops=mutations,
    webhooks=st.lists(st.booleans(), min_size=25, max_size=25),
    moves=st.lists(st.integers(-90, 600), min_size=25, max_size=25),
)
def test_the_change_log_grows_by_one_per_mutation_and_not_at_all_per_refusal(
    ops: list[tuple[Any, ...]], webhooks: list[bool], moves: list[int]
) -> None:
    """Rule: every successful create, update or delete of a booking or user appends exactly one
    change naming it (with its schedule and the caller's webhook wish); a refused write, or a
    duplicate=ignore / notfound=ignore that leaves things alone, appends none and changes nothing.
    The log stays in time order even when the clock is set back."""
    _, account, ctx, clock = demo()
    for op, webhook, minutes in zip(ops, webhooks, moves, strict=False):
        clock.set(T0 + timedelta(minutes=minutes))
        seen = {change.seq for change in account.changes}
        bookings_before, users_before = snapshot(account), users_snapshot(account)
        expected: tuple[ChangeAction, Subject, int, int | None] | None = None
        try:
            if op[0] == "create_booking":
                _, (schedule_ref, fields), user_ref = op
                booking = create_booking(ctx, schedule_ref, fields, user_ref, webhook)
                expected = (ChangeAction.CREATE, Subject.BOOKING, booking.id, schedule_ref)
            elif op[0] == "update_booking":
                _, booking_ref, fields = op
                booking = update_booking(ctx, booking_ref, None, fields, webhook)
                expected = (ChangeAction.UPDATE, Subject.BOOKING, booking_ref, booking.schedule_id)
            elif op[0] == "delete_booking":
                booking = delete_booking(ctx, op[1], None, webhook)
                expected = (ChangeAction.DELETE, Subject.BOOKING, op[1], booking.schedule_id)
            elif op[0] == "create_user":
                _, fk_ref, fields, duplicate = op
                user, created = create_user(ctx, fields, fk_ref, duplicate, webhook)
                action = ChangeAction.CREATE if created else ChangeAction.UPDATE
                ignored = duplicate == "ignore" and not created
                expected = None if ignored else (action, Subject.USER, user.id, None)
            elif op[0] == "update_user":
                _, user_ref, fields, notfound = op
                found, created = update_user(ctx, user_ref, fields, notfound, webhook)
                action = ChangeAction.CREATE if created else ChangeAction.UPDATE
                expected = None if found is None else (action, Subject.USER, found.id, None)
            else:
                user = delete_user(ctx, op[1], webhook)
                expected = (ChangeAction.DELETE, Subject.USER, user.id, None)
        except DomainError:
            expected = None
        new = [change for change in account.changes if change.seq not in seen]
        if expected is None:
            assert new == []
            assert snapshot(account) == bookings_before
            assert users_snapshot(account) == users_before
        else:
            change, *promotions = new
            assert (change.action, change.subject, change.subject_id, change.schedule_id) == expected
            assert (change.at, change.webhook) == (clock.now(), webhook)
            # A place freed on a schedule with a waiting list moves waiting bookings up: one
            # more change each, naming a booking that was waiting and now is not.
            for promotion in promotions:
                assert (promotion.action, promotion.subject) == (ChangeAction.UPDATE, Subject.BOOKING)
                assert bookings_before[promotion.subject_id][-1] is True  # was waitlisted
                assert account.bookings[promotion.subject_id].waitlisted is False
        times = [change.at for change in account.changes]
        assert times == sorted(times)


# --- (d) JSON and XML carry the same data ----------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
xml_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12).filter(
    lambda s: not _NOT_XML.search(s)
)
maybe_text = (
    st.none() | xml_text | st.sampled_from(["", " ", "12", "true", "W", "nil", "<b>&amp;</b>", "a\r\nb"])
)
local_times = st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
utc_times = local_times.map(lambda d: d.replace(tzinfo=UTC))
ids = st.integers(1, 2**31)


@st.composite
def any_booking(draw: st.DrawFn) -> Booking:
    schedule_id = draw(st.sampled_from([ROOMS, CLASSES, SERVICES]))
    text_fields = (
        "full_name", "name", "email", "address", "mobile", "phone", "country", "field_1", "field_2",
        "field_1_r", "field_2_r", "super_field", "description", "created_by", "updated_by", "price", "status",
    )  # fmt: skip
    return Booking(
        id=draw(ids),
        schedule_id=schedule_id,
        created_on=draw(utc_times),
        updated_on=draw(utc_times),
        start=draw(st.none() | local_times),
        finish=draw(st.none() | local_times),
        user_id=draw(st.none() | st.sampled_from([ALICE, BOB]) | ids),
        resource_id=draw(st.none() | st.sampled_from([ROOM_1, ROOM_2]) | ids),
        slot_id=draw(
            st.none() | st.sampled_from([YOGA_TOMORROW, SPINNING_TOMORROW, YOGA_TOMORROW + 40]) | ids
        ),
        service_id=draw(st.none() | st.sampled_from([250001, 250002]) | ids),
        deleted=draw(st.booleans()),
        waitlisted=draw(st.booleans()),
        **{name: draw(maybe_text) for name in text_fields},
    )


INT_FIELDS = frozenset(
    ("id", "schedule_id", "user_id", "resource_id", "slot_id", "service_id", "form_id", "capacity")
)


def from_xml(element: etree._Element) -> dict[str, Any]:
    """An XML record read back as JSON would have it: the reading an XML client must do."""
    data: dict[str, Any] = {name.replace("-", "_"): value for name, value in element.attrib.items()}
    for child in element:
        key = child.tag.replace("-", "_")
        if len(child):
            data[key] = from_xml(child)
        elif child.get("nil") == "true":
            data[key] = None
        else:
            raw = child.text or ""
            if key in INT_FIELDS:
                data[key] = int(raw)
            elif key == "deleted":
                assert raw in ("true", "false")
                data[key] = raw == "true"
            elif key == "waitlisted":
                data[key] = {"W": True, "": False}[raw]
            else:
                data[key] = raw
    return data


@pytest.mark.slow
@FAST
@given(items=st.lists(any_booking(), min_size=1, max_size=3))
def test_json_and_xml_renderings_of_a_booking_carry_the_same_data(items: list[Booking]) -> None:
    """Rule: a booking read as XML (dashes for underscores, nil="true" for null, W for waitlisted)
    holds exactly what the same booking read as JSON holds, alone and in a list."""
    _, account, _, _ = demo()
    for item in items:
        document = present.booking(item, account)
        as_json = json.loads(Format.JSON.render(document))
        root = etree.fromstring(Format.XML.render(document))
        assert root.tag == "booking"
        assert from_xml(root) == as_json
        assert as_json["id"] == item.id
        assert as_json["waitlisted"] is item.waitlisted
    listing = present.bookings(items, account)
    as_json_list = json.loads(Format.JSON.render(listing))
    root = etree.fromstring(Format.XML.render(listing))
    assert root.tag == "bookings"
    assert [from_xml(child) for child in root] == as_json_list


@pytest.mark.slow
@FAST
@given(data=st.data())
def test_renderings_agree_for_bookings_made_through_the_rules(data: st.DataObject) -> None:
    """Rule: bookings made by create_booking (any schedule kind, with or without a user) render
    alike in JSON and XML, slot details of capacity bookings included."""
    _, account, ctx, _ = demo()
    for booking_id in sorted(account.bookings):
        booking = account.bookings[booking_id]
        document = present.booking(booking, account)
        assert from_xml(etree.fromstring(Format.XML.render(document))) == json.loads(
            Format.JSON.render(document)
        )
    extra = {name: data.draw(xml_text, label=name) for name in ("full_name", "field_2_r", "description")}
    made = create_booking(ctx, CLASSES, {"slot_id": YOGA_TOMORROW + 2, **extra}, ALICE, False)
    document = present.booking(made, account)
    as_json = json.loads(Format.JSON.render(document))
    assert from_xml(etree.fromstring(Format.XML.render(document))) == as_json
    assert as_json["slot"]["id"] == YOGA_TOMORROW + 2
    assert as_json["full_name"] == extra["full_name"]
