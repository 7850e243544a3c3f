"""A chart as the booking rules see it: every bookable object by label, its rows, categories and zones."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import Enum


class ObjectType(Enum):
    SEAT = "seat"
    TABLE = "table"
    BOOTH = "booth"
    GENERAL_ADMISSION = "generalAdmission"


@dataclass(frozen=True, slots=True)
class Category:
    """A category of the drawing. ``key`` keeps its JSON type: the SDK tests compare ``9`` with
    ``9`` and ``"string11"`` with ``"string11"`` (testCreateEvent::test_chart_key_is_required)."""

    key: int | str
    label: str
    color: str
    accessible: bool = False

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "label": self.label, "color": self.color, "accessible": self.accessible}


@dataclass(frozen=True, slots=True)
class Zone:
    key: str
    label: str
    focal_point: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Floor:
    name: str
    display_name: str


@dataclass(frozen=True, slots=True)
class Accessibility:
    """The flags a seat carries in the designer."""

    accessible: bool = False
    companion_seat: bool = False
    restricted_view: bool = False
    lift_up_armrests: bool = False
    hearing_impaired: bool = False
    semi_ambulatory: bool = False
    sign_language: bool = False
    plus_size: bool = False


NO_FLAGS = Accessibility()
RUN_ORDERS_KEPT = 2048  # (group, size) orders of runs a layout keeps for best-available


@dataclass(frozen=True, slots=True)
class ChartObject:
    """One bookable object: a seat (in a row or at a table), a table, a booth or a GA area."""

    label: str
    object_type: ObjectType
    own_label: str
    ordinal: int  # drawing order, the tie-breaker everywhere
    parent_label: str | None = None
    parent_type: str | None = None  # "row" or "table"
    section: str | None = None
    entrance: str | None = None
    category_key: int | str | None = None
    distance: float | None = None  # to the focal point of its zone, else of its floor or chart
    left: str | None = None
    right: str | None = None
    capacity: int | None = None  # GA areas
    book_as_a_whole: bool | None = None  # GA areas and tables
    flags: Accessibility = NO_FLAGS
    zone: str | None = None
    floor: Floor | None = None
    table: str | None = None  # a table's own label, or the table a seat belongs to
    group: int | None = None  # index in Layout.groups: the row (or table) of a seat
    position: int = 0  # index within the group
    num_seats: int | None = None  # tables
    variable_occupancy: bool | None = None
    min_occupancy: int | None = None
    max_occupancy: int | None = None
    # What the designer shows instead of the technical label and type (``displayLabel``,
    # ``displayObjectType``), of the object and of its row or table; None: the technical one.
    display_label: str | None = None
    display_type: str | None = None
    parent_display_label: str | None = None
    parent_display_type: str | None = None

    # Where the drawing puts it (sections' offsets applied) and, for tables, areas and booths, its
    # size and whether it is round: what a seat map draws (fakesaas/seatsio/views/).
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    round: bool = False

    @property
    def displayed_label(self) -> str:
        """The label as a ticket buyer reads it: the shown labels of its section, row and own."""
        own = self.display_label or self.own_label
        parent = self.parent_display_label or self.parent_label
        parts = [part for part in (self.section, parent, own) if part]
        return "-".join(parts)

    @property
    def is_area(self) -> bool:
        return self.object_type is ObjectType.GENERAL_ADMISSION


def rank(item: ChartObject) -> float:
    """How good a place is for best-available: its distance to the focal point, or (with no focal
    point) its place in the drawing. Lower is better."""
    return item.distance if item.distance is not None else float(item.ordinal)


@dataclass(frozen=True, slots=True)
class Outline:
    """A section's outline as drawn: its label and its corners (offsets applied)."""

    label: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Findings:
    """What the drawing's validation rules flag (the VALIDATE_* settings)."""

    duplicate_labels: tuple[str, ...] = ()
    unlabeled: int = 0
    uncategorized: int = 0
    mixed_categories: tuple[str, ...] = ()
    focal_point_missing: bool = False
    empty_floors: tuple[str, ...] = ()

    def broken(self) -> set[str]:
        """The rules the drawing breaks, by their setting names."""
        names = set()
        if self.duplicate_labels:
            names.add("VALIDATE_DUPLICATE_LABELS")
        if self.uncategorized:
            names.add("VALIDATE_OBJECTS_WITHOUT_CATEGORIES")
        if self.unlabeled:
            names.add("VALIDATE_UNLABELED_OBJECTS")
        if self.focal_point_missing:
            names.add("VALIDATE_FOCAL_POINT")
        if self.mixed_categories:
            names.add("VALIDATE_OBJECT_TYPES_PER_CATEGORY")
        if self.empty_floors:
            names.add("VALIDATE_EMPTY_FLOOR")
        return names


@dataclass(slots=True)
class Layout:
    """A parsed drawing. Object look-ups go through ``objects`` (a dict by label), so no booking
    ever walks the chart; ``groups`` (rows and tables, seats in order) serve best-available."""

    venue_type: str
    categories: tuple[Category, ...]
    zones: tuple[Zone, ...]
    objects: dict[str, ChartObject]
    groups: tuple[tuple[str, ...], ...]
    group_floor: tuple[float, ...]  # the smallest distance (or ordinal) in each group
    has_focal_point: bool
    findings: Findings = field(default_factory=Findings)
    outlines: tuple[Outline, ...] = ()  # the sections, for drawing
    _categories_by_key: dict[str, Category] = field(default_factory=dict)
    # Group indexes from the best floor to the worst: the order best-available visits rows in.
    group_order: tuple[int, ...] = ()
    # Per group, what best-available reads of its seats, computed once: ranks and accessibility.
    group_ranks: tuple[tuple[float, ...], ...] = ()
    # Per group, its accessible seats as bits (bit i: the group's i-th seat), as the free seats
    # of a row are kept (Event.free_mask): a run of them is one shift and one mask away.
    group_accessible: tuple[int, ...] = ()
    group_place: tuple[int, ...] = ()  # per group, its index in group_order
    grouped_seats: int = 0  # the seats of all groups: every seat is in a row or at a table
    group_is_table: tuple[bool, ...] = ()  # the group is a table's seats
    group_sums: tuple[tuple[float, ...], ...] = ()  # prefix sums of group_ranks: a run's score in O(1)
    _runs_by_score: dict[tuple[int, int], tuple[int, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        self._categories_by_key = {str(category.key): category for category in self.categories}
        self.group_order = tuple(sorted(range(len(self.groups)), key=lambda group: self.group_floor[group]))
        objects = self.objects
        self.group_ranks = tuple(tuple(rank(objects[label]) for label in row) for row in self.groups)
        self.group_accessible = tuple(
            sum(1 << i for i, label in enumerate(row) if objects[label].flags.accessible)
            for row in self.groups
        )
        place = [0] * len(self.groups)
        for index, group in enumerate(self.group_order):
            place[group] = index
        self.group_place = tuple(place)
        self.grouped_seats = sum(map(len, self.groups))
        self.group_is_table = tuple(objects[row[0]].table is not None for row in self.groups)
        self.group_sums = tuple(tuple(itertools.accumulate(ranks, initial=0.0)) for ranks in self.group_ranks)

    def runs_by_score(self, group: int, number: int) -> tuple[int, ...]:
        """The starts of the runs of ``number`` seats in ``group``, best score first (ties in
        seat order): what best-available tries, worked out once per group and size."""
        key = (group, number)
        found = self._runs_by_score.get(key)
        if found is None:
            sums = self.group_sums[group]
            starts = range(len(self.groups[group]) - number + 1)
            found = tuple(sorted(starts, key=lambda start: sums[start + number] - sums[start]))
            if len(self._runs_by_score) >= RUN_ORDERS_KEPT:
                self._runs_by_score.clear()  # a sale asks a few sizes of a few rows at a time
            self._runs_by_score[key] = found
        return found

    def category(self, key: object) -> Category | None:
        return None if key is None else self._categories_by_key.get(str(key))

    def get(self, label: str) -> ChartObject | None:
        return self.objects.get(label)

    @property
    def size(self) -> int:
        return len(self.objects)
