"""Property tests of the read side: free time, recent changes, waiting lists and their renderings."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import NotFound, Unavailable
from fakesaas.core.render import Format
from fakesaas.supersaas import present
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.actors import ADMIN
from fakesaas.supersaas.domain.availability import HORIZON, FreeSpace
from fakesaas.supersaas.domain.bookings import create_booking, delete_booking, update_booking
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.hours import DAY_NAMES
from fakesaas.supersaas.domain.queries import Window, free, recent_changes
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Slot
from fakesaas.supersaas.domain.seed import load_seed

QUARTER = timedelta(minutes=15)
MINUTE = timedelta(minutes=1)
QUARTERS_PER_DAY = 96
MONDAY = datetime(2030, 1, 7)  # bookings are placed in the two weeks from here
EARLY = datetime(2029, 12, 1, tzinfo=UTC)  # "now" for free time: before anything asked about
RUN = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fresh(
    schedule: dict[str, Any], clock: ManualClock, users: tuple[str, ...] = ()
) -> tuple[Account, Context, int]:
    """A new account holding one schedule (and some users), for a world on ``clock``."""
    backend = SuperSaas(clock)
    document = {
        "accounts": [
            {
                "name": "lab",
                "api_key": "k",
                "password": "p",
                "users": [{"name": name} for name in users],
                "schedules": [schedule],
            }
        ]
    }
    [account] = load_seed(backend, document)
    [schedule_id] = account.schedules
    return account, Context(backend, account, ADMIN), schedule_id


def clock_text(quarters: int) -> str:
    return f"{quarters * 15 // 60:02d}:{quarters * 15 % 60:02d}"


def wall(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


# --- (1) free stretches -----------------------------------------------------------------------------


@st.composite
def day_spans(draw: st.DrawFn) -> list[tuple[int, int]]:
    """Up to three spans of one day, in quarters, possibly overlapping or touching; opening at
    00:00 and closing at 24:00 are drawn often, so stretches running over midnight are common."""
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        opens = draw(st.just(0) | st.integers(0, QUARTERS_PER_DAY - 1))
        closes = draw(st.just(QUARTERS_PER_DAY) | st.integers(opens + 1, QUARTERS_PER_DAY))
        spans.append((opens, closes))
    return spans


weeks = st.lists(day_spans(), min_size=7, max_size=7)
placements = st.lists(
    st.tuples(
        st.integers(0, 14 * QUARTERS_PER_DAY),  # start, in quarters from MONDAY
        st.integers(1, 2 * QUARTERS_PER_DAY),  # length in quarters: up to two days
        st.sampled_from(["A", "B"]),
        st.booleans(),  # deleted again afterwards
    ),
    max_size=25,
)


def is_open_model(week: list[list[tuple[int, int]]], quarter: int) -> bool:
    """Open in the given quarter (counted from MONDAY), read straight from the drawn spans."""
    day, within = divmod(quarter, QUARTERS_PER_DAY)
    return any(opens <= within < closes for opens, closes in week[day % 7])


def model_runs(
    week: list[list[tuple[int, int]]], busy: list[tuple[datetime, datetime]], first_q: int, last_q: int
) -> list[tuple[datetime, datetime, bool]]:
    """Maximal free runs between two quarters (open and not busy), each with whether it reaches
    ``last_q`` (then its true end is unknown here)."""
    taken = {
        q
        for b_start, b_finish in busy
        for q in range((b_start - MONDAY) // QUARTER, (b_finish - MONDAY) // QUARTER)
    }  # bookings start and finish on quarter hours
    runs: list[tuple[datetime, datetime, bool]] = []
    start: int | None = None
    for q in range(first_q, last_q + 1):
        moment = MONDAY + q * QUARTER
        free_here = q < last_q and q not in taken and is_open_model(week, q)
        if free_here and start is None:
            start = q
        elif not free_here and start is not None:
            runs.append((MONDAY + start * QUARTER, moment, q == last_q))
            start = None
    return runs


@pytest.mark.slow
@RUN
@given(
    week=weeks,
    bookings=placements,
    since_minutes=st.integers(-1440, 16 * 1440),
    length=st.none() | st.integers(1, 8 * 60),
    resource=st.sampled_from([None, "A", "B"]),
    limit=st.integers(1, 12),
)
def test_free_stretches_avoid_bookings_lie_in_opening_hours_and_miss_no_free_time(
    week: list[list[tuple[int, int]]],
    bookings: list[tuple[int, int, str, bool]],
    since_minutes: int,
    length: int | None,
    resource: str | None,
    limit: int,
) -> None:
    """Rule: on a resource schedule with any weekly opening hours and any bookings, every free
    stretch /api/free gives starts no earlier than asked, never overlaps an active booking of
    its resource, lies wholly within opening hours and is at least the length asked (default
    the schedule's 60 minutes) unless open past the horizon; and the stretches are exactly the
    first ``limit`` maximal free runs of the resources asked about, in time order, the
    resource order breaking ties (checked against a quarter-hour model of the same week)."""
    hours = {
        day: [f"{clock_text(o)}-{clock_text(c)}" for o, c in spans]
        for day, spans in zip(DAY_NAMES, week, strict=True)
    }
    schedule = {"name": "Lab", "kind": "resource", "hours": hours, "resources": ["A", "B"]}
    account, ctx, schedule_id = fresh(schedule, ManualClock(EARLY))
    [room_a, room_b] = account.schedules[schedule_id].resources
    busy: dict[int, list[tuple[datetime, datetime]]] = {room_a.id: [], room_b.id: []}
    for start_q, length_q, name, delete_again in bookings:
        start, finish = MONDAY + start_q * QUARTER, MONDAY + (start_q + length_q) * QUARTER
        attributes = {"start": wall(start), "finish": wall(finish), "resource_id": name}
        try:
            made = create_booking(ctx, schedule_id, attributes, None, False)
        except Unavailable:
            continue
        if delete_again:
            delete_booking(ctx, made.id, None, False)
        else:
            busy[made.resource_id].append((start, finish))  # type: ignore[index]

    since = MONDAY + since_minutes * MINUTE
    _, spaces = free(ctx, schedule_id, since, length, resource, False, limit)

    asked = [r for r in (room_a, room_b) if resource in (None, r.name)]
    order = {r.id: index for index, r in enumerate(asked)}
    min_length = timedelta(minutes=length or 60)
    opening = account.schedules[schedule_id].hours
    assert len(spaces) <= limit
    assert [(s.start, order[s.resource_id]) for s in spaces] == sorted(  # type: ignore[index]
        (s.start, order[s.resource_id])  # type: ignore[index]
        for s in spaces
    )
    for space in spaces:
        assert space.resource_id in order
        assert (space.count, space.title, space.slot) == (1, asked[order[space.resource_id]].name, None)
        finish = space.finish or since + HORIZON
        assert space.start >= since
        assert space.finish is None or space.finish - space.start >= min_length
        assert opening.is_open(space.start, finish)
        taken = busy[space.resource_id]  # type: ignore[index]
        assert not any(b_start < finish and space.start < b_finish for b_start, b_finish in taken)

    # The model: quarter by quarter over twenty weeks from the day before "since".
    first_q = (since_minutes // 1440 - 1) * QUARTERS_PER_DAY
    last_q = first_q + 140 * QUARTERS_PER_DAY
    expected: list[tuple[datetime, int, datetime | None]] = []
    cutoff: datetime | None = None
    for r in asked:
        for run_start, run_finish, reaches_end in model_runs(week, busy[r.id], first_q, last_q):
            if run_finish <= since:
                continue
            run_start = max(run_start, since)
            if reaches_end:
                cutoff = run_start if cutoff is None else min(cutoff, run_start)
            elif run_finish - run_start >= min_length:
                expected.append((run_start, order[r.id], run_finish))
    expected.sort(key=lambda item: (item[0], item[1]))
    if cutoff is not None:
        expected = [item for item in expected if item[0] < cutoff]
    known = min(limit, len(expected))
    got = [(s.start, order[s.resource_id], s.finish) for s in spaces]  # type: ignore[index]
    assert got[:known] == expected[:known]
    assert len(got) >= known


# --- (2) recent changes ---------------------------------------------------------------------------


OWNER = "owner@example.com"
change_ops = st.lists(
    st.tuples(
        st.sampled_from(["create", "create", "update", "delete"]),
        st.integers(0, 30),  # minutes the clock moves first (0: the same second as before)
        st.integers(0, 1000),  # which booking, for updates and deletes
        st.booleans(),  # created for OWNER
    ),
    min_size=1,
    max_size=30,
)


@RUN
@given(
    ops=change_ops,
    pick=st.integers(0, 1000),
    nudge=st.sampled_from([-60, -1, 0, 1, 59]),
    user=st.sampled_from([None, "0", OWNER]),
)
def test_recent_changes_since_a_time_are_exactly_the_bookings_last_changed_after_it(
    ops: list[tuple[str, int, int, bool]], pick: int, nudge: int, user: str | None
) -> None:
    """Rule: after any sequence of creates, updates and deletes at moving times, recent changes
    since T lists exactly the bookings whose last change came strictly after T, in the order of
    that change (ties by id), deleted ones flagged; a user filter keeps that user's bookings
    (``0``: those without a user); without T, the ten most recently changed."""
    t0 = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
    clock = ManualClock(t0)
    account, ctx, schedule_id = fresh({"name": "Rooms", "kind": "resource"}, clock, (OWNER,))
    owner_id = account.users.named(OWNER).id  # type: ignore[union-attr]
    last_change: dict[int, datetime] = {}
    owned: dict[int, bool] = {}
    deleted: set[int] = set()
    moments = [t0]
    for index, (op, minutes, which, for_owner) in enumerate(ops):
        now = clock.advance(timedelta(minutes=minutes))
        moments.append(now)
        active = sorted(set(last_change) - deleted)
        if op == "create" or not active:
            day = MONDAY + timedelta(days=index)  # a day of its own: never refused
            attributes = {"start": wall(day), "finish": wall(day + timedelta(hours=1))}
            made = create_booking(ctx, schedule_id, attributes, owner_id if for_owner else None, False)
            owned[made.id] = for_owner
            last_change[made.id] = now
        elif op == "update":
            target = active[which % len(active)]
            update_booking(ctx, target, None, {"full_name": f"change {index}"}, False)
            last_change[target] = now
        else:
            target = active[which % len(active)]
            delete_booking(ctx, target, None, False)
            deleted.add(target)
            last_change[target] = now

    def wanted(booking_id: int) -> bool:
        return user is None or owned[booking_id] == (user == OWNER)

    since = moments[pick % len(moments)] + timedelta(seconds=nudge)
    by_change = sorted((when, booking_id) for booking_id, when in last_change.items() if wanted(booking_id))
    expected = [booking_id for when, booking_id in by_change if when > since]
    _, found = recent_changes(ctx, schedule_id, since.replace(tzinfo=None), None, user, Window())
    assert [b.id for b in found] == expected
    assert all(b.deleted == (b.id in deleted) for b in found)
    assert all(b.updated_on == last_change[b.id] for b in found)
    _, recent = recent_changes(ctx, schedule_id, None, None, user, Window())
    assert [b.id for b in recent] == [booking_id for _, booking_id in by_change][-10:]


# --- (3) waiting lists ------------------------------------------------------------------------------------

waitlist_ops = st.lists(
    st.tuples(
        st.sampled_from(["create", "create", "delete", "move"]),
        st.integers(0, 1),  # slot to create in or move to
        st.integers(0, 1000),  # which booking to delete or move
    ),
    max_size=40,
)


@dataclass
class WaitingModel:
    """Seated bookings per slot, and those waiting, served in the order they were created."""

    capacity: list[int]
    seated: list[set[int]] = field(default_factory=lambda: [set(), set()])
    waiting: list[list[int]] = field(default_factory=lambda: [[], []])
    created: dict[int, int] = field(default_factory=dict)

    def place(self, booking_id: int, slot: int) -> None:
        if len(self.seated[slot]) < self.capacity[slot]:
            self.seated[slot].add(booking_id)
        else:
            self.waiting[slot].append(booking_id)
            self.waiting[slot].sort(key=self.created.__getitem__)

    def remove(self, booking_id: int) -> tuple[int, bool]:
        """Take a booking out; its slot and whether it held a seat."""
        for slot in (0, 1):
            if booking_id in self.seated[slot]:
                self.seated[slot].discard(booking_id)
                return slot, True
            if booking_id in self.waiting[slot]:
                self.waiting[slot].remove(booking_id)
                return slot, False
        raise AssertionError(booking_id)

    def promote(self, slot: int) -> None:
        while self.waiting[slot] and len(self.seated[slot]) < self.capacity[slot]:
            self.seated[slot].add(self.waiting[slot].pop(0))

    def slot_of(self, booking_id: int) -> int:
        return next(s for s in (0, 1) if booking_id in self.seated[s] or booking_id in self.waiting[s])


@RUN
@given(capacity=st.lists(st.integers(1, 4), min_size=2, max_size=2), ops=waitlist_ops)
def test_a_waiting_list_seats_no_more_than_capacity_and_waits_only_while_full(
    capacity: list[int], ops: list[tuple[str, int, int]]
) -> None:
    """Rule: on a schedule with a waiting list, whatever creates, deletes and moves happen, the
    seated bookings of a slot never outnumber its capacity, a booking waits only while its slot
    is full, and a freed place goes to the earliest-created waiting booking of that slot."""
    clock = ManualClock(datetime(2030, 1, 7, 8, 0, tzinfo=UTC))
    slots = [
        {"start": "2030-02-01 10:00", "finish": "2030-02-01 12:00", "capacity": capacity[0]},
        {"start": "2030-02-02 10:00", "finish": "2030-02-02 12:00", "capacity": capacity[1]},
    ]
    schedule = {"name": "Workshop", "kind": "capacity", "waitlist": True, "slots": slots}
    account, ctx, schedule_id = fresh(schedule, clock)
    slot_ids = list(account.schedules[schedule_id].slots)
    model = WaitingModel(capacity)
    made: list[int] = []
    for op, slot, which in ops:
        clock.advance(MINUTE)
        if op == "create":
            booking = create_booking(ctx, schedule_id, {"slot_id": slot_ids[slot]}, None, False)
            made.append(booking.id)
            model.created[booking.id] = len(made)
            model.place(booking.id, slot)
        elif made:
            booking_id = made[which % len(made)]
            if account.bookings[booking_id].deleted:
                move = {"slot_id": slot_ids[slot]}
                with pytest.raises(NotFound):
                    (
                        delete_booking(ctx, booking_id, None, False)
                        if op == "delete"
                        else update_booking(ctx, booking_id, None, move, False)
                    )
            elif op == "delete":
                delete_booking(ctx, booking_id, None, False)
                old, held_seat = model.remove(booking_id)
                if held_seat:
                    model.promote(old)
            elif model.slot_of(booking_id) != slot:
                update_booking(ctx, booking_id, None, {"slot_id": slot_ids[slot]}, False)
                old, held_seat = model.remove(booking_id)
                model.place(booking_id, slot)
                if held_seat:
                    model.promote(old)
        for index, slot_id in enumerate(slot_ids):
            active = [b for b in account.bookings_of(schedule_id) if b.slot_id == slot_id]
            seated = {b.id for b in active if not b.waitlisted}
            waiting = {b.id for b in active if b.waitlisted}
            assert len(seated) <= capacity[index]
            assert not waiting or len(seated) == capacity[index]
            assert seated == model.seated[index]
            assert waiting == set(model.waiting[index])


# --- (4) renderings ---------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
xml_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=10).filter(
    lambda s: not _NOT_XML.search(s)
)
INT_FIELDS = frozenset(
    ("id", "schedule_id", "user_id", "resource_id", "slot_id", "service_id", "form_id", "capacity", "count")
)


def from_xml(element: etree._Element) -> dict[str, Any]:
    """An XML record read back as a JSON reader sees it: attributes and elements alike, dashes as
    underscores, nil="true" as null, a missing start or finish attribute of a slot as null,
    <bookings> as a list, numbers and flags by field name, W for waitlisted."""
    data: dict[str, Any] = {name.replace("-", "_"): value for name, value in element.attrib.items()}
    if element.tag == "slot":
        data.setdefault("start", None)
        data.setdefault("finish", None)
    for child in element:
        key = child.tag.replace("-", "_")
        if key == "bookings":
            assert {grandchild.tag for grandchild in child} <= {"booking"}
            data[key] = [from_xml(grandchild) for grandchild in child]
        elif len(child):
            data[key] = from_xml(child)
        elif child.get("nil") == "true":
            data[key] = None
        else:
            raw = child.text or ""
            if key in INT_FIELDS:
                data[key] = int(raw)
            elif key == "deleted":
                data[key] = {"true": True, "false": False}[raw]
            elif key == "waitlisted":
                data[key] = {"W": True, "": False}[raw]
            else:
                data[key] = raw
    return data


def both_ways(document: Any) -> tuple[Any, list[dict[str, Any]]]:
    as_json = json.loads(Format.JSON.render(document))
    root = etree.fromstring(Format.XML.render(document))
    assert root.tag == "slots"
    assert {child.tag for child in root} <= {"slot"}
    return as_json, [from_xml(child) for child in root]


slot_specs = st.lists(
    st.fixed_dictionaries(
        {
            "day": st.integers(0, 5),
            "hour": st.integers(0, 22),
            "capacity": st.integers(0, 3),
            "title": xml_text,
            "description": xml_text,
            "location": xml_text,
        }
    ),
    min_size=1,
    max_size=4,
)
booking_specs = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.fixed_dictionaries(
            {}, optional={"full_name": xml_text, "description": xml_text, "field_1_r": xml_text}
        ),
        st.booleans(),  # for the user
    ),
    max_size=8,
)


@pytest.mark.slow
@RUN
@given(slot_list=slot_specs, booking_list=booking_specs, data=st.data())
def test_json_and_xml_slot_trees_carry_the_same_data(
    slot_list: list[dict[str, Any]], booking_list: list[tuple[int, dict[str, str], bool]], data: st.DataObject
) -> None:
    """Rule: a slot tree (slot=true on changes, agenda and range) read as XML holds what the same
    tree read as JSON holds: every slot with its fields (start and finish as attributes) and
    the bookings asked for inside it, waitlisted ones included; slots in time order."""
    slots = [
        {
            "start": wall(MONDAY + timedelta(days=s["day"], hours=s["hour"])),
            "finish": wall(MONDAY + timedelta(days=s["day"], hours=s["hour"] + 1)),
            **{key: s[key] for key in ("capacity", "title", "description", "location")},
        }
        for s in slot_list
    ]
    schedule = {"name": "Studio", "kind": "capacity", "waitlist": True, "slots": slots}
    account, ctx, schedule_id = fresh(schedule, ManualClock(EARLY), ("member@example.com",))
    slot_ids = list(account.schedules[schedule_id].slots)
    member = account.users.named("member@example.com").id  # type: ignore[union-attr]
    made: list[Booking] = []
    for index, fields, with_user in booking_list:
        attributes = {"slot_id": slot_ids[index % len(slot_ids)], **fields}
        made.append(create_booking(ctx, schedule_id, attributes, member if with_user else None, False))
    chosen = data.draw(st.permutations(made), label="bookings asked for")
    as_json, as_xml = both_ways(present.slots_with_bookings(list(chosen), account))
    assert as_xml == as_json["slots"]
    listed = as_json["slots"]
    assert [(s["start"], s["id"]) for s in listed] == sorted((s["start"], s["id"]) for s in listed)
    assert sorted(b["id"] for s in listed for b in s["bookings"]) == sorted(b.id for b in made)
    for entry in listed:
        assert {b["slot_id"] for b in entry["bookings"]} == {entry["id"]}
        assert entry["title"] == account.schedules[schedule_id].slots[entry["id"]].title


local_times = st.datetimes(datetime(2020, 1, 1), datetime(2040, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)


@st.composite
def free_space(draw: st.DrawFn) -> FreeSpace:
    start = draw(local_times)
    if draw(st.booleans()):
        slot = Slot(
            draw(st.integers(1, 2**31)),
            start,
            start + timedelta(minutes=draw(st.integers(1, 600))),
            draw(st.integers(0, 20)),
            draw(xml_text),
            draw(xml_text),
            draw(xml_text),
        )
        return FreeSpace(slot.start, slot.finish, draw(st.integers(0, 20)), None, slot.title, slot)
    finish = draw(st.none() | st.builds(lambda m: start + timedelta(minutes=m), st.integers(1, 10**6)))
    resource_id = draw(st.none() | st.integers(1, 2**31))
    return FreeSpace(start, finish, 1, resource_id, draw(xml_text))


@pytest.mark.slow
@RUN
@given(spaces=st.lists(free_space(), max_size=6))
def test_json_and_xml_free_spaces_carry_the_same_data(spaces: list[FreeSpace]) -> None:
    """Rule: free time read as XML (<slots><slot start=.. finish=..>) holds what it holds as JSON:
    a capacity slot's id, times, title, description, location and places left; a resource's
    free stretch with its name, resource id, count 1 and a finish that is null when open on."""
    as_json, as_xml = both_ways(present.free_spaces(spaces))
    assert as_xml == as_json["slots"]
    assert len(as_json["slots"]) == len(spaces)
    for item, space in zip(as_json["slots"], spaces, strict=True):
        assert item["count"] == space.count
        assert item["finish"] == (space.finish.strftime("%Y-%m-%d %H:%M:%S") if space.finish else None)
        if space.slot is None:
            assert (item["name"], item["resource_id"]) == (space.title, space.resource_id)
        else:
            assert (item["id"], item["title"], item["location"]) == (
                space.slot.id,
                space.slot.title,
                space.slot.location,
            )
