"""An event's report index: places counted per (profile, status, availability reason), and labels
per status and per order id, kept up to date by every status change.

A *profile* is what an object shares with many others and what only the event's settings change:
its object type, category, section, zone, channel and whether it is for sale. A chart of 100,000
seats has a few hundred profiles at most, so a summary report adds up a few hundred cells instead
of walking the chart. The index is built once for a layout and the event's settings (a walk over
the chart), and each status change then moves its object's places from one cell to another
(``Event.store``). A change of the settings or of the published drawing drops it; the next report
builds it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fakesaas.seatsio.domain.layout import Category, ChartObject, Layout, ObjectType
from fakesaas.seatsio.domain.objects import FREE, HELD, RESALE, ObjectState

AVAILABLE = "available"
NOT_FOR_SALE = "not_for_sale"

Cell = tuple[int, str, str]  # (profile index, status, availability reason)


@dataclass(frozen=True, slots=True)
class Profile:
    """What a report groups an object by, apart from its status."""

    object_type: ObjectType
    category: Category | None
    category_key: int | str | None
    section: str | None
    zone: str | None
    channel: str | None
    for_sale: bool
    # Places it counts for in summaries: 1 for a seat or booth, the seats of a table booked whole
    # (the docs: accounts made after July 2022 count a table's seats), a GA area's capacity.
    places: int
    not_for_sale_places: int = 0  # a GA area's places marked not for sale


def reason_of(status: str, for_sale: bool) -> str:
    """The availability reason of a seat, table or booth: ``available`` or ``not_for_sale`` for an
    object a buyer could take but for the for-sale settings; otherwise its status (the docs: a
    non-free object not for sale gets its status as reason, not ``not_for_sale``)."""
    if status in (FREE, RESALE):
        return AVAILABLE if for_sale else NOT_FOR_SALE
    return status


def cells_of(index: int, profile: Profile, item: ChartObject, state: ObjectState) -> list[tuple[Cell, int]]:
    """Where an object's places count: one cell for a seat, table or booth; a GA area's places
    spread over the statuses its places have, held places under ``reservedByToken``."""
    if item.object_type is not ObjectType.GENERAL_ADMISSION:
        return [((index, state.status, reason_of(state.status, profile.for_sale)), profile.places)]
    found: list[tuple[Cell, int]] = [((index, status, status), n) for status, n in state.places.items() if n]
    held = state.num_held
    if held:
        found.append(((index, HELD, HELD), held))
    free = max(0, profile.places - state.num_booked - held)
    closed = free if not profile.for_sale else min(free, profile.not_for_sale_places)
    if closed:
        found.append(((index, FREE, NOT_FOR_SALE), closed))
    if free - closed:
        found.append(((index, FREE, AVAILABLE), free - closed))
    return found


@dataclass(slots=True)
class Tally:
    """The index of one event for one layout and one version of its settings."""

    layout: Layout
    profiles: list[Profile]
    profile_of: dict[str, int]  # every bookable object, by label
    cells: dict[Cell, int] = field(default_factory=dict)
    # Labels of objects listed under a status other than free, and of objects with an order id.
    by_status: dict[str, set[str]] = field(default_factory=dict)
    by_order: dict[str, set[str]] = field(default_factory=dict)
    sorted_labels: list[str] = field(default_factory=list)
    # What the adapter last wrote of each object (its report entry, as text), kept for the next
    # report until the object changes: a report of 100,000 objects then mostly joins strings.
    rendered: dict[str, str] = field(default_factory=dict)

    def add(self, label: str, state: ObjectState, sign: int = 1) -> None:
        index = self.profile_of.get(label)
        if index is None:
            return  # not bookable in this event (a table's seats while it is booked whole)
        profile = self.profiles[index]
        item = self.layout.objects[label]
        cells = self.cells
        for cell, places in cells_of(index, profile, item, state):
            left = cells.get(cell, 0) + sign * places
            if left:
                cells[cell] = left
            else:
                cells.pop(cell, None)
        if state.status != FREE:
            _file(self.by_status, state.status, label, sign)
        if state.order_id is not None:
            _file(self.by_order, state.order_id, label, sign)

    def move(self, label: str, before: ObjectState, after: ObjectState) -> None:
        """An object's state changed from ``before`` to ``after``."""
        self.rendered.pop(label, None)
        self.add(label, before, -1)
        self.add(label, after, 1)


def _file(index: dict[str, set[str]], key: str, label: str, sign: int) -> None:
    if sign > 0:
        index.setdefault(key, set()).add(label)
        return
    labels = index.get(key)
    if labels is not None:
        labels.discard(label)
        if not labels:
            del index[key]
