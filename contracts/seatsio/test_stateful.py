"""A hypothesis state machine books, holds and releases a few seats of one event over HTTP and checks
every answer against a small model written from the docs: a change either applies to all its
objects or to none, a held seat moves only with its token, a booked seat is not booked twice."""

from __future__ import annotations

from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from contracts.seatsio.client import Client
from contracts.seatsio.conftest import LOCAL, REMOTE, Sandbox
from contracts.seatsio.model import Seats
from contracts.seatsio.target import Target

pytestmark = pytest.mark.destructive
CHANGE = "/events/groups/actions/change-object-status"


@pytest.fixture
def machine(api: Client, sandbox: Sandbox, row: list[str]) -> type[RuleBasedStateMachine]:
    seats = row[:4]

    class Booking(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.event = sandbox.event()
            self.tokens = [sandbox.token(), sandbox.token()]
            self.model = Seats(seats)

        def send(self, labels: list[str], status: str | None, token: str | None) -> None:
            body: dict[str, Any] = {"events": [self.event], "objects": labels}
            body.update(
                {"type": "RELEASE"} if status is None else {"type": "CHANGE_STATUS_TO", "status": status}
            )
            if token is not None:
                body["holdToken"] = token
            answer = api.post(CHANGE, body)
            expected = self.model.apply(labels, status, token)
            assert (answer.status < 300) == expected, (labels, status, token, answer.status, answer.body)

        @rule(
            labels=st.lists(st.sampled_from(seats), min_size=1, max_size=3, unique=True),
            status=st.sampled_from(["booked", "reservedByToken", None]),
            which=st.sampled_from([None, 0, 1]),
        )
        def change(self, labels: list[str], status: str | None, which: int | None) -> None:
            token = None if which is None else self.tokens[which]
            if status == "reservedByToken" and token is None:
                return  # holding needs a token: refused before any seat is looked at
            self.send(labels, status, token)

        @invariant()
        def seats_are_as_modelled(self) -> None:
            answer = api.get(f"/events/{self.event}/objects", label=seats)
            actual = {label: (info["status"], info.get("holdToken")) for label, info in answer.body.items()}
            assert actual == self.model.view()

    return Booking


def test_booking_follows_the_model(machine: type[RuleBasedStateMachine], target: Target) -> None:
    run_state_machine_as_test(machine, settings=LOCAL if target.local else REMOTE)
