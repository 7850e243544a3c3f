"""What a company offers: services (events), providers (units), categories, locations and the
intake fields (additional fields) a booking fills in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from fakesaas.simplybook.domain.hours import WeeklyHours


class RecurrenceKind(Enum):
    """How occurrences are spaced: every ``days`` days, or every ``days`` weeks."""

    FIXED = "fixed"
    WEEKLY = "weekly"


class RecurrenceMode(Enum):
    """What happens to an occurrence that cannot be booked [INF: names from the admin pages]."""

    SKIP = "skip"  # the whole series is refused (-32055)
    BOOK_AVAILABLE = "book_available"  # the occurrence is left out
    BOOK_AND_MOVE = "book_and_move"  # moved to the next day that has the same time free


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurring series: ``repeat_count`` occurrences, ``days`` apart (or weeks apart)."""

    days: int = 7
    repeat_count: int = 4
    kind: RecurrenceKind = RecurrenceKind.FIXED
    mode: RecurrenceMode = RecurrenceMode.SKIP

    MAX_COUNT = 100

    @property
    def step_days(self) -> int:
        return self.days * (7 if self.kind is RecurrenceKind.WEEKLY else 1)


@dataclass(slots=True)
class Event:
    """A service: what a client books, how long it takes, and who provides it.

    ``unit_ids`` empty means every provider offers it; ``unit_durations`` gives a provider its own
    duration (the ``unit_map`` of ``getEventList``). ``buffer_time_after`` keeps the provider busy
    after each booking.
    """

    id: int
    name: str
    duration: int  # minutes
    buffer_time_after: int = 0  # minutes
    description: str = ""
    price: Decimal = Decimal(0)
    currency: str = "EUR"
    is_public: bool = True
    is_active: bool = True
    position: int = 0
    hide_duration: bool = False
    picture: str | None = None
    unit_ids: tuple[int, ...] = ()
    unit_durations: dict[int, int] = field(default_factory=dict)
    category_ids: tuple[int, ...] = ()
    recurrence: Recurrence | None = None  # set: the service is booked as a recurring series

    @property
    def is_recurring(self) -> bool:
        return self.recurrence is not None

    def duration_with(self, unit_id: int) -> int:
        return self.unit_durations.get(unit_id, self.duration)


@dataclass(slots=True)
class Unit:
    """A provider (performer). ``qty`` is how many clients it serves at once; ``hours`` None
    means the company's hours."""

    id: int
    name: str
    description: str = ""
    email: str = ""
    phone: str = ""
    position: int = 0
    color: str = ""
    is_active: bool = True
    is_visible: bool = True
    qty: int = 1
    hours: WeeklyHours | None = None
    days_off: frozenset[date] = field(default_factory=frozenset)


@dataclass(slots=True)
class Category:
    id: int
    name: str
    description: str = ""
    is_public: bool = True
    position: int = 0


@dataclass(slots=True)
class Location:
    id: int
    title: str
    description: str = ""
    address1: str = ""
    address2: str = ""
    city: str = ""
    zip: str = ""
    country_id: str = ""
    lat: str = ""
    lng: str = ""
    phone: str = ""
    position: int = 0
    is_default: bool = False
    is_public: bool = True
    unit_ids: tuple[int, ...] = ()


class FieldType(Enum):
    TEXT = "text"
    TEXTAREA = "textarea"
    SELECT = "select"
    CHECKBOX = "checkbox"
    DIGITS = "digits"
    DATE = "date"


@dataclass(slots=True)
class AdditionalField:
    """An intake field (Additional fields plugin). ``event_ids`` empty: asked for every service."""

    id: int
    name: str
    title: str
    type: FieldType = FieldType.TEXT
    values: tuple[str, ...] = ()  # the choices of a select
    default: str = ""
    optional: bool = True  # the API's is_null
    position: int = 0
    event_ids: tuple[int, ...] = ()

    def applies_to(self, event_id: int) -> bool:
        return not self.event_ids or event_id in self.event_ids


@dataclass(slots=True)
class Catalog:
    """Everything on offer, keyed by id."""

    events: dict[int, Event] = field(default_factory=dict)
    units: dict[int, Unit] = field(default_factory=dict)
    categories: dict[int, Category] = field(default_factory=dict)
    locations: dict[int, Location] = field(default_factory=dict)
    fields: dict[int, AdditionalField] = field(default_factory=dict)

    def units_of(self, event: Event) -> list[Unit]:
        """Active providers that offer ``event``, by position."""
        ids: Iterable[int] = event.unit_ids or self.units.keys()
        units = [self.units[i] for i in ids if i in self.units and self.units[i].is_active]
        return sorted(units, key=lambda unit: (unit.position, unit.id))

    def events_of(self, category_id: int) -> list[int]:
        return [event.id for event in self.events.values() if category_id in event.category_ids]

    def fields_of(self, event_id: int) -> list[AdditionalField]:
        chosen = [f for f in self.fields.values() if f.applies_to(event_id)]
        return sorted(chosen, key=lambda f: (f.position, f.id))
