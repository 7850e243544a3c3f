"""Events: a chart put on sale on a date, with its own table, channel, category and for-sale settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from fakesaas.seatsio.domain.configs import Channel, ForSaleConfig, TableBookingConfig
from fakesaas.seatsio.domain.history import History
from fakesaas.seatsio.domain.layout import Category, ChartObject, Layout, ObjectType
from fakesaas.seatsio.domain.objects import BLANK, FREE, RESALE, ObjectState
from fakesaas.seatsio.domain.row_runs import RowRuns
from fakesaas.seatsio.domain.tally import AVAILABLE, NOT_FOR_SALE, Tally, reason_of

SELECTABLE = (FREE, RESALE)  # what a ticket buyer (and best-available) may still take


@dataclass(slots=True)
class Event:
    """One event (or season) of a workspace; ``states`` holds only objects ever touched."""

    id: int
    key: str
    chart_key: str
    created_on: datetime
    name: str | None = None
    date: str | None = None  # YYYY-MM-DD
    table_config: TableBookingConfig = field(default_factory=TableBookingConfig)
    object_categories: dict[str, int | str] | None = None
    categories: list[Category] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    for_sale: ForSaleConfig | None = None
    updated_on: datetime | None = None
    is_in_the_past: bool = False
    states: dict[str, ObjectState] = field(default_factory=dict)
    history: History = field(default_factory=History)
    # Edits of the for-sale config in the current window: (window start, calls so far).
    for_sale_calls: tuple[datetime, int] | None = None
    is_season: bool = False
    is_partial_season: bool = False
    # An event in a season, or a partial season: the key of its top-level season.
    season_key: str | None = None
    # A top-level season: its partial seasons; an event in a season: the partial seasons it is in.
    partial_season_keys: list[str] = field(default_factory=list)
    event_keys: list[str] = field(default_factory=list)  # a season's events, in creation order
    for_sale_propagated: bool = True
    # An event in a season: objects whose status is its own rather than the season's.
    overridden: set[str] = field(default_factory=set)
    # Seats taken (not free) per row of ``taken_layout``, kept up to date by every status change
    # while the layout stays the same, so best-available skips full rows without looking at them.
    # Rebuilt from ``states`` whenever the layout differs (a new published version, a loaded state).
    taken: dict[int, int] = field(default_factory=dict)
    taken_layout: Layout | None = None
    # The free seats of the rows best-available has read, as bits (bit i: the row's i-th seat),
    # kept up to date the same way and valid for ``taken_layout`` too.
    free_masks: dict[int, int] = field(default_factory=dict)
    # Best-available's best runs per row, for unfiltered requests (keyed by number of seats,
    # accessible seats and orphan prevention): a row is looked at again only once a seat in it
    # changes between free and taken (fakesaas/seatsio/domain/row_runs.py). Valid for
    # ``taken_layout`` and ``best_tables`` only.
    best_runs: dict[tuple[int, int, bool], RowRuns] = field(default_factory=dict)
    best_tables: TableBookingConfig | None = None
    # The report index (fakesaas/seatsio/domain/tally.py), built by the first report and kept up to
    # date by ``store`` while the layout stays the same; ``reconfigured`` drops it.
    tally: Tally | None = None

    def reconfigured(self) -> None:
        """The event's settings changed (channels, for-sale, categories, table booking): what
        reports grouped by them has to be counted again."""
        self.tally = None

    def state(self, label: str) -> ObjectState:
        return self.states.get(label, BLANK)

    def taken_per_row(self, layout: Layout) -> dict[int, int]:
        """Seats not free per row (group) of ``layout``."""
        if self.taken_layout is not layout:
            self.best_runs, self.free_masks = {}, {}
            taken: dict[int, int] = {}
            for label, state in self.states.items():
                item = layout.objects.get(label)
                if item is not None and item.group is not None and state.status not in SELECTABLE:
                    taken[item.group] = taken.get(item.group, 0) + 1
            self.taken, self.taken_layout = taken, layout
        return self.taken

    def store(self, label: str, state: ObjectState, layout: Layout | None = None) -> None:
        """Put an object's new state (or forget it, when blank), keeping the row counts right."""
        before = self.states.get(label, BLANK)
        if state.is_blank:
            self.states.pop(label, None)
        else:
            self.states[label] = state
        if self.tally is not None:
            if layout is not None and self.tally.layout is layout:
                self.tally.move(label, before, state)
            else:
                self.tally = None
        if layout is None or self.taken_layout is not layout:
            self.taken_layout = None
            self.best_runs, self.free_masks = {}, {}
            return
        was, now = before.status in SELECTABLE, state.status in SELECTABLE
        if was != now:
            item = layout.objects.get(label)
            if item is not None and item.group is not None:
                group = item.group
                self.taken[group] = self.taken.get(group, 0) + (1 if was else -1)
                mask = self.free_masks.get(group)
                if mask is not None:
                    self.free_masks[group] = mask ^ (1 << item.position)
                for runs in self.best_runs.values():
                    runs.forget(group)

    def free_mask(self, layout: Layout, group: int) -> int:
        """The free seats of a row (or table) of ``layout`` as bits: bit i set when its i-th seat
        is free. Worked out from ``states`` once, then kept by ``store``."""
        self.taken_per_row(layout)
        mask = self.free_masks.get(group)
        if mask is None:
            get, mask = self.states.get, 0
            for position, label in enumerate(layout.groups[group]):
                state = get(label)
                if state is None or state.status in SELECTABLE:
                    mask |= 1 << position
            self.free_masks[group] = mask
        return mask

    def best_runs_for(self, layout: Layout, key: tuple[int, int, bool]) -> RowRuns:
        """The cached best runs per row for requests of ``key`` (see ``best_runs``)."""
        self.taken_per_row(layout)
        if self.best_tables is not self.table_config:
            self.best_runs, self.best_tables = {}, self.table_config
        if key not in self.best_runs and len(self.best_runs) >= 8:
            self.best_runs.clear()  # a few request shapes at a time is all a sale uses
        found = self.best_runs.get(key)
        if found is None:
            found = self.best_runs[key] = RowRuns()
        return found

    def channel_of(self, label: str) -> Channel | None:
        for channel in self.channels:
            if label in channel.objects or label in channel.area_places:
                return channel
        return None

    def channel(self, key: str) -> Channel | None:
        return next((channel for channel in self.channels if channel.key == key), None)

    def all_categories(self, layout: Layout) -> list[Category]:
        return [*layout.categories, *self.categories]

    def category_of(self, item: ChartObject, layout: Layout) -> Category | None:
        key: object = item.category_key
        if self.object_categories is not None and item.label in self.object_categories:
            key = self.object_categories[item.label]
        found = layout.category(key)
        if found is None and key is not None:
            found = next((c for c in self.categories if str(c.key) == str(key)), None)
        return found

    def category_key_of(self, item: ChartObject) -> int | str | None:
        if self.object_categories is not None and item.label in self.object_categories:
            return self.object_categories[item.label]
        return item.category_key

    def for_sale_of(self, item: ChartObject, layout: Layout) -> bool:
        if self.for_sale is None:
            return True
        category = self.category_of(item, layout)
        key = self.category_key_of(item)
        return self.for_sale.object_for_sale(item, key, category.label if category else None)

    def places_not_for_sale(self, item: ChartObject) -> int:
        if self.for_sale is None or self.for_sale.for_sale:
            return 0
        return self.for_sale.area_places.get(item.label, 0)


# Not frozen: many are made per request, and a frozen dataclass's __init__ sets every field
# through object.__setattr__, at twice the cost. None is changed once made.
@dataclass(slots=True)
class ObjectInfo:
    """Everything ``GET /events/{key}/objects`` tells about one object."""

    item: ChartObject
    state: ObjectState
    category: Category | None
    category_key: int | str | None
    for_sale: bool
    channel: str | None
    not_for_sale_places: int
    # Places whose status in this event of a season is its own rather than the season's
    # (testEventReports::test_seasonStatusOverriddenQuantity).
    season_overridden: int = 0

    @property
    def status(self) -> str:
        return self.state.status

    @property
    def num_free(self) -> int | None:
        if not self.item.is_area:
            return None
        capacity = self.item.capacity or 0
        return max(0, capacity - self.state.num_booked - self.state.num_held - self.not_for_sale_places)

    @property
    def is_available(self) -> bool:
        if self.item.is_area:
            return self.for_sale and (self.num_free or 0) > 0
        return self.for_sale and self.state.status in (FREE, RESALE)

    @property
    def availability_reason(self) -> str:
        """Why it is available or not: ``available``, ``not_for_sale``, or its status (the
        docs, "Detailed report by availability reason")."""
        if not self.item.is_area:
            return reason_of(self.state.status, self.for_sale)
        if self.is_available:
            return AVAILABLE
        status = self.status
        return NOT_FOR_SALE if status == FREE else status


def describe(event: Event, layout: Layout, item: ChartObject, state: ObjectState | None = None) -> ObjectInfo:
    return ObjectInfo(
        item=item,
        state=event.state(item.label) if state is None else state,
        category=event.category_of(item, layout),
        category_key=event.category_key_of(item),
        for_sale=event.for_sale_of(item, layout),
        channel=_channel_key(event, item.label),
        not_for_sale_places=event.places_not_for_sale(item)
        if item.object_type is ObjectType.GENERAL_ADMISSION
        else 0,
        season_overridden=1 if item.label in event.overridden else 0,
    )


def glance(event: Event, item: ChartObject, state: ObjectState) -> ObjectInfo:
    """What a status change needs of an object (its status, channel and, for an area, its free
    places), without the category and for-sale look-ups an answer shows."""
    area = item.object_type is ObjectType.GENERAL_ADMISSION
    return ObjectInfo(
        item=item,
        state=state,
        category=None,
        category_key=None,
        for_sale=True,
        channel=_channel_key(event, item.label),
        not_for_sale_places=event.places_not_for_sale(item) if area else 0,
    )


def _channel_key(event: Event, label: str) -> str | None:
    channel = event.channel_of(label) if event.channels else None
    return channel.key if channel is not None else None


def presence(event: Event, layout: Layout, label: str) -> tuple[bool, str | None]:
    """Whether an object a status change names is still on the chart as the event books it
    (testListStatusChanges::test_notPresentOnChartAnymore: a table booked whole, then the event
    switched to booking per seat)."""
    item = layout.get(label)
    if item is None:
        return False, "OBJECT_DELETED"
    if event.table_config.bookable(item, layout):
        return True, None
    if item.object_type is ObjectType.TABLE:
        return False, "SWITCHED_TO_BOOK_BY_SEAT"
    return False, "SWITCHED_TO_BOOK_BY_TABLE"
