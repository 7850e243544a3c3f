"""Object status changes: book, hold, release or any status, for one or many events, in batches.

Every request is checked in full before anything changes: a plan stages each object's new state
(so later changes in a batch see earlier ones), and only a plan that went through entirely is
committed. A failed change therefore leaves every object of every event as it was.

Objects are reached by label through the chart's index, never by walking the chart, so a change
costs the same on a chart of 100 seats as on one of 100,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from fakesaas.seatsio.domain import programme, seasons
from fakesaas.seatsio.domain.errors import IllegalStatusChange, InvalidRequest, UnknownObjects
from fakesaas.seatsio.domain.events import Event, ObjectInfo, describe, glance
from fakesaas.seatsio.domain.history import HOLD_TOKEN_EXPIRY, Origin, StatusChange
from fakesaas.seatsio.domain.holds import HoldToken
from fakesaas.seatsio.domain.layout import ChartObject, Layout, ObjectType
from fakesaas.seatsio.domain.objects import BLANK, BOOKED, FREE, HELD, NO_TICKET_TYPE, RESALE, ObjectState
from fakesaas.seatsio.domain.state import Scope

MAX_SHOWN = 10  # unknown labels named in one error message


class ChangeKind(Enum):
    CHANGE_STATUS_TO = "CHANGE_STATUS_TO"
    RELEASE = "RELEASE"
    OVERRIDE_SEASON_STATUS = "OVERRIDE_SEASON_STATUS"
    USE_SEASON_STATUS = "USE_SEASON_STATUS"


# Not frozen: many are made per request, and a frozen dataclass's __init__ sets every field
# through object.__setattr__, at twice the cost. None is changed once made.
@dataclass(slots=True)
class ObjectRef:
    label: str
    ticket_type: str | None = None
    quantity: int | None = None
    extra_data: Any = None


@dataclass(slots=True)
class StatusRequest:
    kind: ChangeKind
    events: tuple[str, ...]
    objects: tuple[ObjectRef, ...]
    status: str | None = None
    hold_token: str | None = None
    order_id: str | None = None
    keep_extra_data: bool = False
    ignore_channels: bool = False
    channel_keys: tuple[str, ...] | None = None
    allowed_previous: tuple[str, ...] | None = None
    rejected_previous: tuple[str, ...] | None = None
    resale_listing_id: str | None = None
    season: str | None = None

    @property
    def target(self) -> str:
        return FREE if self.kind is ChangeKind.RELEASE else (self.status or FREE)


@dataclass(slots=True)
class Outcome:
    """What one request did: the objects it changed, as they were right after it (by label)."""

    changed: dict[str, tuple[Event, Layout, ChartObject, ObjectState]]

    @property
    def objects(self) -> dict[str, ObjectInfo]:
        """Their infos, made only when asked for (``expand=objects``)."""
        return {label: describe(*found) for label, found in self.changed.items()}


def change(scope: Scope, requests: Sequence[StatusRequest], origin: Origin) -> list[Outcome]:
    """Apply ``requests`` in order, all or none."""
    plan = _Plan(scope, origin)
    outcomes = [plan.apply(request) for request in requests]
    plan.commit()
    return outcomes


def sweep(scope: Scope) -> None:
    """Free what expired hold tokens of the workspace hold, recording each release at the
    moment the token expired, with no caller (testListStatusChanges::..._originWithoutIp)."""
    workspace = scope.workspace
    if not workspace.hold_tokens.waiting:
        return  # most calls of a workspace without live tokens: no clock read
    tokens = workspace.hold_tokens.due(scope.state.now())
    for token in tokens:
        for event_id, labels in sorted(token.held.items()):
            event = workspace.events_by_id.get(event_id)
            if event is None:
                continue
            for label in sorted(labels):
                _expire(scope, event, label, token)
        token.held.clear()


def _expire(scope: Scope, event: Event, label: str, token: HoldToken) -> None:
    state = event.states.get(label)
    if state is None:
        return
    quantity = None
    if state.holds.get(token.token):
        new = state.copy()
        quantity = sum(new.holds.pop(token.token).values())
        new.settle(state.status)
    elif state.status == HELD and state.hold_token == token.token:
        new = ObjectState(status=state.released_status, order_id=state.order_id)
    else:
        return
    event.store(label, new, layout_of(scope, event))
    event.history.add(
        StatusChange(
            id=scope.state.next_id("status_change"),
            event_id=event.id,
            label=label,
            status=new.status,
            date=token.expires_at,
            origin=Origin(HOLD_TOKEN_EXPIRY),
            quantity=quantity,
            hold_token=token.token,
        )
    )


def layout_of(scope: Scope, event: Event) -> Layout:
    return scope.workspace.charts[event.chart_key].layout


class _Plan:
    def __init__(self, scope: Scope, origin: Origin) -> None:
        self.scope = scope
        self.origin = origin
        self.now: datetime = scope.state.now()
        self.staged: dict[tuple[int, str], ObjectState] = {}
        self.originals: dict[tuple[int, str], ObjectState] = {}
        self.events: dict[int, Event] = {}
        self.records: list[tuple[Event, str, str, int | None, ObjectState]] = []
        self.overrides: dict[int, set[str]] = {}  # event id -> labels that become its own
        self.returns: dict[int, set[str]] = {}  # event id -> labels back on the season's status

    def current(self, event: Event, label: str) -> ObjectState:
        return self.staged.get((event.id, label)) or event.state(label)

    def stage(self, event: Event, label: str, after: ObjectState) -> None:
        key = (event.id, label)
        self.originals.setdefault(key, event.state(label))
        self.staged[key] = after
        self.events[event.id] = event

    def fan_out(self, season: Event, label: str, after: ObjectState) -> None:
        """A season's change reaches its events, but not where an event overrides the object."""
        for member in seasons.members(self.scope, season):
            if label not in member.overridden and label not in self.overrides.get(member.id, set()):
                self.stage(member, label, after.copy())

    def apply(self, request: StatusRequest) -> Outcome:
        if request.kind in (ChangeKind.OVERRIDE_SEASON_STATUS, ChangeKind.USE_SEASON_STATUS):
            return self.season_status(request)
        events = [programme.event(self.scope, key) for key in request.events]
        if not events:
            raise InvalidRequest("#/events: expected minimum item count: 1, found: 0")
        if request.kind is ChangeKind.CHANGE_STATUS_TO and not request.status:
            raise InvalidRequest("#: required key [status] not found")
        token = None
        if request.hold_token:
            token = self.scope.workspace.hold_tokens.usable(request.hold_token)
        if request.target == HELD and token is None:
            raise InvalidRequest("A hold token is required to hold objects")
        shown: dict[str, tuple[Event, Layout, ChartObject, ObjectState]] = {}
        target = request.target
        staged, originals, records = self.staged, self.originals, self.records
        for event in events:
            layout = layout_of(self.scope, event)
            items = _resolve(event, layout, request.objects)
            channels = bool(event.channels)
            states, event_id = event.states, event.id
            self.events[event_id] = event
            for ref, item in zip(request.objects, items, strict=True):
                label = item.label
                area = item.object_type is ObjectType.GENERAL_ADMISSION
                # What ``current`` and ``stage`` do, inline: this loop runs once per object.
                key = (event_id, label)
                before = staged.get(key)
                if before is None:
                    before = originals[key] = states.get(label, BLANK)
                if area or channels:
                    after = _transition(request, ref, item, glance(event, item, before))
                else:  # a seat, table or booth of an event without channels: its state says it all
                    after = _transition(request, ref, item, None, before)
                staged[key] = after
                if event.is_season:
                    self.fan_out(event, label, after)
                elif event.season_key is not None:
                    # A change made on the event itself makes the object its own there.
                    self.overrides.setdefault(event_id, set()).add(label)
                if area:
                    records.append((event, label, target, ref.quantity or 1, after))
                else:
                    records.append((event, label, after.status, None, after))
                shown[label] = (event, layout, item, after)
        return Outcome(shown)

    def season_status(self, request: StatusRequest) -> Outcome:
        """OVERRIDE_SEASON_STATUS frees the objects in the event, as its own; USE_SEASON_STATUS
        gives them the state they have in the season (``season``, else the top-level one)."""
        shown: dict[str, tuple[Event, Layout, ChartObject, ObjectState]] = {}
        for event in [programme.event(self.scope, key) for key in request.events]:
            if event.is_season or event.season_key is None:
                raise InvalidRequest(f"Event {event.key} is not an event of a season")
            source = seasons.season(self.scope, request.season or event.season_key)
            if source.key != event.season_key and event.key not in source.event_keys:
                raise InvalidRequest(f"Event {event.key} is not in season {source.key}")
            layout = layout_of(self.scope, event)
            for item in _resolve(event, layout, request.objects):
                label = item.label
                if request.kind is ChangeKind.OVERRIDE_SEASON_STATUS:
                    after = ObjectState()
                    self.overrides.setdefault(event.id, set()).add(label)
                    self.returns.get(event.id, set()).discard(label)
                else:
                    after = self.current(source, label).copy()
                    self.returns.setdefault(event.id, set()).add(label)
                    self.overrides.get(event.id, set()).discard(label)
                self.stage(event, label, after)
                self.records.append((event, label, after.status, None, after))
                shown[label] = (event, layout, item, after)
        return Outcome(shown)

    def commit(self) -> None:
        for event_id, labels in self.overrides.items():
            self.events[event_id].overridden.update(labels)
        for event_id, labels in self.returns.items():
            self.events[event_id].overridden.difference_update(labels)
        tokens = self.scope.workspace.hold_tokens.tokens
        layouts = {event_id: layout_of(self.scope, event) for event_id, event in self.events.items()}
        for (event_id, label), after in self.staged.items():
            event = self.events[event_id]
            before = self.originals[(event_id, label)]
            event.store(label, after, layouts[event_id])
            if not (before.holds or after.holds or before.hold_token or after.hold_token):
                continue  # no token held or holds it: the common case, with no sets to build
            for name in before.tokens() - after.tokens():
                if name in tokens:
                    tokens[name].let_go(event_id, label)
            for name in after.tokens() - before.tokens():
                tokens[name].hold(event_id, label)
        ids = self.scope.state.next_ids("status_change", len(self.records))
        for change_id, (event, label, status, quantity, after) in zip(ids, self.records, strict=True):
            event.history.add(
                StatusChange(
                    id=change_id,
                    event_id=event.id,
                    label=label,
                    status=status,
                    date=self.now,
                    origin=self.origin,
                    quantity=quantity,
                    order_id=after.order_id,
                    extra_data=after.extra_data,
                    hold_token=_token_of(after, status) if status == HELD else None,
                )
            )


def _token_of(state: ObjectState, status: str) -> str | None:
    if status == HELD:
        return state.hold_token or next(iter(state.holds), None)
    return None


def _resolve(event: Event, layout: Layout, refs: Sequence[ObjectRef]) -> list[ChartObject]:
    found: list[ChartObject] = []
    unknown: list[str] = []
    for ref in refs:
        item = layout.objects.get(ref.label)
        if item is None or not event.table_config.bookable(item, layout):
            unknown.append(ref.label)
        elif not unknown:
            found.append(item)
    if unknown:
        names = ", ".join(unknown[:MAX_SHOWN])
        more = f" and {len(unknown) - MAX_SHOWN} more" if len(unknown) > MAX_SHOWN else ""
        raise UnknownObjects(f"Object not found: {names}{more} (event {event.key})")
    return found


def _illegal(previous: str, target: str, reason: str) -> IllegalStatusChange:
    return IllegalStatusChange(f"Cannot change from [{previous}] to [{target}]: {reason}")


def _transition(
    request: StatusRequest,
    ref: ObjectRef,
    item: ChartObject,
    info: ObjectInfo | None,
    state: ObjectState | None = None,
) -> ObjectState:
    """The object's state after ``request``: from ``info`` (areas, and objects of events with
    channels), or straight from its ``state``."""
    current = info.state if info is not None else state
    assert current is not None
    previous = info.status if info is not None else current.status
    target = request.target
    # testChangeObjectStatus::test_allowed_previous_statuses / test_reject_previous_statuses
    if request.allowed_previous is not None and previous not in request.allowed_previous:
        raise _illegal(previous, target, f"{previous} is not in the list of allowed previous statuses")
    if request.rejected_previous is not None and previous in request.rejected_previous:
        raise _illegal(previous, target, f"{previous} is in the list of rejected previous statuses")
    if info is not None:
        _check_channel(request, item, info, previous, target)
    if item.is_area:
        assert info is not None  # areas always come with their counts
        after = _area(request, ref, item, info)
    else:
        after = _seat(request, current, previous, target, item)
    after.order_id = request.order_id
    after.ticket_type = ref.ticket_type
    if ref.extra_data is not None:
        after.extra_data = ref.extra_data
    elif request.keep_extra_data:
        after.extra_data = current.extra_data
    return after


def _check_channel(
    request: StatusRequest, item: ChartObject, info: ObjectInfo, previous: str, target: str
) -> None:
    if request.ignore_channels or info.channel is None:
        return
    if request.channel_keys is None or info.channel not in request.channel_keys:
        raise _illegal(previous, target, f"{item.label} is in channel {info.channel}; pass its channel key")


def _seat(
    request: StatusRequest, current: ObjectState, previous: str, target: str, item: ChartObject
) -> ObjectState:
    held = current.status == HELD
    if held and current.hold_token != request.hold_token:
        reason = (
            "it is held with another hold token" if request.hold_token else "it is held; pass its hold token"
        )
        raise _illegal(previous, target, f"{item.label} {reason}")
    if request.kind is ChangeKind.RELEASE:
        back = current.released_status if current.status != RESALE else FREE
        return ObjectState(status=back)
    if target == HELD:
        if current.status not in (FREE, RESALE):
            raise _illegal(previous, target, f"{item.label} is not free")
    elif current.status == target and target != FREE:
        raise _illegal(previous, target, f"{item.label} is already {target}")
    came_from_resale = current.status == RESALE or (held and current.released_status == RESALE)
    return ObjectState(
        status=target,
        hold_token=request.hold_token if target == HELD else None,
        resale_listing_id=request.resale_listing_id if target == RESALE else None,
        released_status=RESALE if came_from_resale and target != RESALE else FREE,
    )


def _area(request: StatusRequest, ref: ObjectRef, item: ChartObject, info: ObjectInfo) -> ObjectState:
    quantity = ref.quantity or 1
    if quantity < 1:
        raise InvalidRequest(f"quantity must be at least 1, found: {quantity}")
    after = info.state.copy()
    kind = ref.ticket_type or NO_TICKET_TYPE
    token = request.hold_token
    free = info.num_free or 0
    previous, target = info.status, request.target
    # A change to free frees booked places, like a release: places are never "free" and taken.
    if request.kind is ChangeKind.RELEASE or target == FREE:
        if token and after.held_by(token):
            if after.held_by(token) < quantity:
                raise _illegal(
                    previous, target, f"{item.label}: the hold token holds fewer than {quantity} places"
                )
            _take_held(after, token, kind, quantity)
        else:
            if after.num_booked < quantity:
                raise _illegal(previous, target, f"{item.label}: fewer than {quantity} places are taken")
            _take_places(after, quantity)
        after.settle(info.state.status)
        return after
    if target == HELD:
        assert token is not None  # checked before any object is looked at
        if free < quantity:
            raise _illegal(previous, target, f"{item.label}: only {free} places are free")
        held = after.holds.setdefault(token, {})
        held[kind] = held.get(kind, 0) + quantity
        after.settle(HELD)
        return after
    if token and after.held_by(token) >= quantity:
        _take_held(after, token, kind, quantity)
    elif free < quantity:
        raise _illegal(previous, target, f"{item.label}: only {free} places are free")
    after.places[target] = after.places.get(target, 0) + quantity
    after.settle(target)
    return after


def _take_held(state: ObjectState, token: str, kind: str, quantity: int) -> None:
    held = state.holds[token]
    for name in sorted(held, key=lambda name: name != kind):
        taken = min(held[name], quantity)
        held[name] -= taken
        quantity -= taken
        if not held[name]:
            del held[name]
        if not quantity:
            break
    if not held:
        del state.holds[token]


def _take_places(state: ObjectState, quantity: int) -> None:
    for name in sorted(state.places, key=lambda name: name != BOOKED):
        taken = min(state.places[name], quantity)
        state.places[name] -= taken
        quantity -= taken
        if not state.places[name]:
            del state.places[name]
        if not quantity:
            break


def set_extra_data(scope: Scope, event_key: str, extra: dict[str, Any]) -> None:
    """Extra data of objects, their status left alone; every label is checked first."""
    event = programme.event(scope, event_key)
    layout = layout_of(scope, event)
    _resolve(event, layout, [ObjectRef(label) for label in extra])
    for label, data in extra.items():
        state = event.state(label).copy()
        state.extra_data = data
        event.store(label, state, layout)
