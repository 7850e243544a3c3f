"""Status transitions under random sequences of calls (hypothesis): an object is never both booked
and held, a refused change leaves every object of every event as it was, and an expiring token
frees exactly the objects it held."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import event as tally
from hypothesis import settings
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import DomainError
from fakesaas.seatsio.domain import accounts, catalog, programme, statuses
from fakesaas.seatsio.domain.history import Origin
from fakesaas.seatsio.domain.holds import HoldToken
from fakesaas.seatsio.domain.objects import BOOKED, FREE, HELD
from fakesaas.seatsio.domain.snapshot import dump_company
from fakesaas.seatsio.domain.state import Seatsio
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest
from tests.seatsio.support import T0, small_theatre

AREA = "GA1"
LABELS = ["A-1", "A-2", "A-3", "B-1", "T1-1", "T2", "GA1", "nowhere"]
EVENTS = ["e1", "e2"]
ORIGIN = Origin("API_CALL", "127.0.0.1")

refs = st.lists(
    st.builds(
        ObjectRef,
        st.sampled_from(LABELS),
        ticket_type=st.sampled_from([None, "adult"]),
        quantity=st.sampled_from([None, 1, 2, 60]),
    ),
    min_size=1,
    max_size=4,
)
kinds = st.sampled_from(["book", "hold", "release", "custom", "free"])


class Transitions(RuleBasedStateMachine):
    tokens = Bundle("tokens")

    @initialize()
    def start(self) -> None:
        self.clock = ManualClock(T0)
        self.state = Seatsio(self.clock)
        company = accounts.create_company(self.state)
        self.company = company
        self.scope = self.state.authenticate(company.admin_key, None)
        catalog.add_chart(self.scope, self.scope.workspace, small_theatre(), "theatre")
        programme.create_events(self.scope, "theatre", [programme.EventSpec(key=key) for key in EVENTS])

    def snapshot(self) -> Any:
        data = dump_company(self.company)
        for workspace in data["workspaces"]:
            for event in workspace["events"]:
                event.pop("history")
        return data

    @rule(target=tokens, minutes=st.integers(1, 30))
    def new_token(self, minutes: int) -> str:
        now = self.clock.now()
        token = HoldToken(
            self.state.keys.token(), self.scope.workspace.key, now, now + timedelta(minutes=minutes)
        )
        self.scope.workspace.hold_tokens.add(token)
        return token.token

    def request(
        self, kind: str, events: list[str], objects: list[ObjectRef], token: str | None
    ) -> StatusRequest:
        status = {"book": BOOKED, "hold": HELD, "custom": "vip", "free": "free"}.get(kind)
        change_kind = ChangeKind.RELEASE if kind == "release" else ChangeKind.CHANGE_STATUS_TO
        return StatusRequest(change_kind, tuple(events), tuple(objects), status=status, hold_token=token)

    def attempt(self, requests: list[StatusRequest]) -> None:
        statuses.sweep(self.scope)
        before = self.snapshot()
        try:
            statuses.change(self.scope, requests, ORIGIN)
        except DomainError as error:
            tally(f"refused: {error.code}")
            assert self.snapshot() == before, "a refused change changed something"
        else:
            tally("applied")

    @rule(
        kind=kinds,
        events=st.lists(st.sampled_from(EVENTS), min_size=1, max_size=2, unique=True),
        objects=refs,
        token=st.one_of(st.none(), tokens, st.just("ghost")),
    )
    def change(self, kind: str, events: list[str], objects: list[ObjectRef], token: str | None) -> None:
        self.attempt([self.request(kind, events, objects, token)])

    @rule(
        first=st.tuples(kinds, st.sampled_from(EVENTS), refs),
        second=st.tuples(kinds, st.sampled_from(EVENTS), refs),
        token=st.one_of(st.none(), tokens),
    )
    def batch(
        self,
        first: tuple[str, str, list[ObjectRef]],
        second: tuple[str, str, list[ObjectRef]],
        token: str | None,
    ) -> None:
        self.attempt(
            [self.request(kind, [event], objects, token) for kind, event, objects in (first, second)]
        )

    @rule(minutes=st.integers(0, 20))
    def time_passes(self, minutes: int) -> None:
        now = self.clock.now() + timedelta(minutes=minutes)
        workspace = self.scope.workspace
        due = {
            t.token for t in workspace.hold_tokens.tokens.values() if not t.expired and t.expires_at <= now
        }
        before = {
            (event.key, label): state.copy()
            for event in workspace.events.values()
            for label, state in event.states.items()
        }
        self.clock.advance(timedelta(minutes=minutes))
        statuses.sweep(self.scope)
        for event in workspace.events.values():
            for label in {label for key, label in before if key == event.key} | set(event.states):
                old, new = before.get((event.key, label)), event.state(label)
                if old is None:
                    assert new.is_blank
                    continue
                kept = {token: kinds for token, kinds in old.holds.items() if token not in due}
                assert new.holds == kept, (event.key, label)
                if label == AREA:
                    # An area shows what its last change did while places have it, else the status
                    # most of its places have; free once none is taken.
                    assert new.status == FREE or new.status in {*new.places, *([HELD] if kept else [])}
                    continue
                if old.status == HELD and old.hold_token in due:
                    expected = (old.released_status, None)
                else:
                    expected = (old.status, old.hold_token)
                assert (new.status, new.hold_token) == expected, (event.key, label)

    @invariant()
    def never_booked_and_held(self) -> None:
        if not hasattr(self, "scope"):
            return
        for event in self.scope.workspace.events.values():
            for label, state in event.states.items():
                if label == AREA:
                    assert state.hold_token is None, (event.key, label)
                    assert (state.status == HELD) <= bool(state.holds), (event.key, label)
                    taken = state.num_booked + state.num_held
                    assert (state.status == FREE) == (taken == 0), (event.key, label)
                else:
                    assert (state.status == HELD) == (state.hold_token is not None), (event.key, label)
                assert state.num_booked + state.num_held <= 100, (event.key, label)

    @invariant()
    def tokens_know_what_they_hold(self) -> None:
        if not hasattr(self, "scope"):
            return
        workspace = self.scope.workspace
        claimed = {
            (name, event.id, label)
            for event in workspace.events.values()
            for label, state in event.states.items()
            for name in state.tokens()
        }
        recorded = {
            (token.token, event_id, label)
            for token in workspace.hold_tokens.tokens.values()
            for event_id, labels in token.held.items()
            for label in labels
        }
        assert claimed == recorded
        for token in workspace.hold_tokens.tokens.values():
            if token.expired:
                assert not token.held


TestTransitions = Transitions.TestCase
TestTransitions.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)


class TestTransitionsAtLength(Transitions.TestCase):  # type: ignore[misc,valid-type]
    """The same machine, ten times the examples: for CI's slow lane."""

    settings = settings(max_examples=600, stateful_step_count=40, deadline=None)


TestTransitionsAtLength = pytest.mark.slow(TestTransitionsAtLength)
