"""Random sequences of user and booking writes over HTTP, every read checked against contracts.model."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from contracts.supersaas.lab import Lab, expect, parse_stamp, stamp
from contracts.supersaas.model import Booking, Model, User
from contracts.supersaas.strategies import phones, span_times, spans, words
from contracts.supersaas.wire import encode

pytestmark = pytest.mark.destructive

picks = st.integers(min_value=0, max_value=1_000)


def _pick(ids: set[int] | list[int], pick: int) -> int:
    ordered = sorted(ids)
    return ordered[pick % len(ordered)]


class BookingsAndUsers(RuleBasedStateMachine):
    """One far-future day on the resource schedule, its two resources, and users made on the way."""

    def __init__(self, lab: Lab) -> None:
        super().__init__()
        self.lab = lab
        self.client = lab.client
        self.box = lab.new_sandbox()
        self.day = self.box.day()
        self.model = Model()

    def teardown(self) -> None:
        self.lab.release(self.box)

    # Users --------------------------------------------------------------------------------------

    @rule(full_name=words)
    def create_user(self, full_name: str) -> None:
        fields = self.box.user_fields({"full_name": full_name})
        reply = expect(self.box.create_user(fields), 201)
        assert reply.location_id is not None, reply.describe()
        self.model.users[reply.location_id] = User(fields["name"], full_name)
        self.check_user(reply.location_id)

    @precondition(lambda self: self.model.users or self.model.gone_users)
    @rule(pick=picks, full_name=st.none() | words, phone=st.none() | phones)
    def update_user(self, pick: int, full_name: str | None, phone: str | None) -> None:
        user_id = _pick(set(self.model.users) | self.model.gone_users, pick)
        changes = {k: v for k, v in {"full_name": full_name, "phone": phone}.items() if v is not None}
        # 000: "you can add the parameter notfound=error ... to return a 404 Not Found".
        reply = self.client.put(
            f"/api/users/{user_id}.json", **encode("user", changes, "json", notfound="error")
        )
        if user_id in self.model.gone_users:
            expect(reply, 404)
        else:
            expect(reply, 200)
            self.model.update_user(user_id, **changes)
        self.check_user(user_id)

    @precondition(lambda self: any(not self.model.bookings_of(u) for u in self.model.users))
    @rule(pick=picks)
    def delete_user(self, pick: int) -> None:
        user_id = _pick([u for u in self.model.users if not self.model.bookings_of(u)], pick)
        expect(self.client.delete(f"/api/users/{user_id}.json"), 200)
        self.model.delete_user(user_id)
        self.check_user(user_id)

    # Bookings -----------------------------------------------------------------------------------

    @rule(which=st.integers(0, 1), span=spans(4), owner=st.none() | picks, full_name=words)
    def create_booking(self, which: int, span: tuple[int, int], owner: int | None, full_name: str) -> None:
        resource = self.lab.resource(which)
        start, finish = span_times(self.day, span)
        user_id = _pick(set(self.model.users), owner) if owner is not None and self.model.users else None
        fields: dict[str, Any] = {"start": stamp(start), "finish": stamp(finish), "resource_id": resource.id}
        if user_id is None:
            fields["full_name"] = full_name
        reply = self.box.create_booking(self.lab.resource_schedule, fields, user_id=user_id)
        if not self.model.can_book(resource.name, start, finish):
            expect(reply, 422)
            return
        expect(reply, 201)
        assert reply.location_id is not None, reply.describe()
        self.model.bookings[reply.location_id] = Booking(
            resource.name, start, finish, None if user_id else full_name, user_id
        )
        self.check_booking(reply.location_id)

    @precondition(lambda self: self.model.bookings or self.model.gone_bookings)
    @rule(pick=picks, span=spans(4))
    def move_booking(self, pick: int, span: tuple[int, int]) -> None:
        booking_id = _pick(set(self.model.bookings) | self.model.gone_bookings, pick)
        start, finish = span_times(self.day, span)
        reply = self._update(booking_id, {"start": stamp(start), "finish": stamp(finish)})
        if booking_id in self.model.gone_bookings:
            expect(reply, 404)
        elif self.model.can_book(self.model.bookings[booking_id].resource, start, finish, ignore=booking_id):
            expect(reply, 200)
            self.model.move(booking_id, start, finish)
        else:
            expect(reply, 422)
        self.check_booking(booking_id)

    @precondition(lambda self: any(b.user_id is None for b in self.model.bookings.values()))
    @rule(pick=picks, full_name=words)
    def rename_booking(self, pick: int, full_name: str) -> None:
        booking_id = _pick([i for i, b in self.model.bookings.items() if b.user_id is None], pick)
        expect(self._update(booking_id, {"full_name": full_name}), 200)
        self.model.rename(booking_id, full_name)
        self.check_booking(booking_id)

    @precondition(lambda self: self.model.bookings or self.model.gone_bookings)
    @rule(pick=picks)
    def delete_booking(self, pick: int) -> None:
        booking_id = _pick(set(self.model.bookings) | self.model.gone_bookings, pick)
        reply = self.client.delete(f"/api/bookings/{booking_id}.json")
        if booking_id in self.model.gone_bookings:
            expect(reply, 404)
        else:
            expect(reply, 200)
            self.model.delete_booking(booking_id)
        self.check_booking(booking_id)

    def _update(self, booking_id: int, changes: dict[str, Any]) -> Any:
        body = encode("booking", changes, "json", schedule_id=self.lab.resource_schedule.id)
        return self.client.put(f"/api/bookings/{booking_id}.json", **body)

    # Reads against the model ----------------------------------------------------------------------

    def check_user(self, user_id: int) -> None:
        reply = self.lab.user(user_id)
        if user_id in self.model.gone_users:
            expect(reply, 404)
            return
        expected = self.model.users[user_id]
        read = expect(reply, 200).data
        assert (read["name"], read["full_name"]) == (expected.name, expected.full_name)
        if expected.phone is not None:
            assert read["phone"] == expected.phone

    def check_booking(self, booking_id: int) -> None:
        reply = self.lab.booking(booking_id, schedule_id=self.lab.resource_schedule.id)
        if booking_id in self.model.gone_bookings:
            expect(reply, 404)
            return
        _matches(expect(reply, 200).data, self.model.bookings[booking_id])

    @invariant()
    def the_day_lists_exactly_the_models_bookings(self) -> None:
        listed = {b["id"]: b for b in self.lab.day_bookings(self.day)}
        assert sorted(listed) == sorted(self.model.bookings)
        for booking_id, read in listed.items():
            _matches(read, self.model.bookings[booking_id])


def _matches(read: dict[str, Any], expected: Booking) -> None:
    seen = (read["res_name"], parse_stamp(read["start"]), parse_stamp(read["finish"]), read["user_id"])
    assert seen == (expected.resource, expected.start, expected.finish, expected.user_id), read
    assert read["deleted"] is False, read
    if expected.full_name is not None:
        assert read["full_name"] == expected.full_name, read


def test_users_and_bookings_follow_the_reference_model(lab: Lab) -> None:
    """001: create answers 201, update and delete 200, a missing or deleted object 404 and a booking
    that does not fit 422; 000: updates change only the attributes given. Each read (the object, and
    the day's range) must agree with contracts.model after every step."""
    run_state_machine_as_test(lambda: BookingsAndUsers(lab))
