"""What reports group objects by, and summaries: places counted per group, and per group of each
other dimension within it (a deep summary goes one level further).

Event and chart reports share this: each hands over rows of (the values of every dimension, a
number of places) and the groups every report of a dimension lists even when empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum


class Dimension(Enum):
    """A report type; its value is the name the API uses in paths and in summaries."""

    STATUS = "byStatus"
    CATEGORY_LABEL = "byCategoryLabel"
    CATEGORY_KEY = "byCategoryKey"
    LABEL = "byLabel"
    ORDER_ID = "byOrderId"
    SECTION = "bySection"
    ZONE = "byZone"
    OBJECT_TYPE = "byObjectType"
    SELECTABILITY = "bySelectability"
    CHANNEL = "byChannel"
    AVAILABILITY = "byAvailability"
    AVAILABILITY_REASON = "byAvailabilityReason"


NO_CATEGORY = "NO_CATEGORY"
NO_SECTION = "NO_SECTION"
NO_ZONE = "NO_ZONE"
NO_CHANNEL = "NO_CHANNEL"
NO_ORDER_ID = "NO_ORDER_ID"
SELECTABLE = "selectable"
NOT_SELECTABLE = "not_selectable"
AVAILABLE = "available"
NOT_AVAILABLE = "not_available"
OBJECT_TYPES = ("seat", "table", "generalAdmission", "booth")  # listed even when none is on the chart
# seatsio-js eventReportSummary.test.ts: a summary by availability reason lists these even at 0.
REASONS = ("available", "booked", "reservedByToken", "not_for_sale", "disabled_by_social_distancing")

# The two category dimensions name the same groups: a summary by one leaves the other out
# (seatsio-js chartReportSummary.test.ts, eventReportSummary.test.ts).
_SIBLINGS = {
    Dimension.CATEGORY_KEY: Dimension.CATEGORY_LABEL,
    Dimension.CATEGORY_LABEL: Dimension.CATEGORY_KEY,
}

Row = tuple[Mapping[Dimension, str], int]  # the values of every dimension, and a number of places


@dataclass(slots=True)
class Counts:
    """A group of a summary: its places, and its places per group of each other dimension."""

    count: int = 0
    by: dict[Dimension, dict[str, int]] = field(default_factory=dict)


@dataclass(slots=True)
class DeepCounts:
    """A group of a deep summary: its places, and a summary of it per group of each other dimension."""

    count: int = 0
    by: dict[Dimension, dict[str, Counts]] = field(default_factory=dict)


def others(dimensions: Sequence[Dimension], *excluded: Dimension) -> list[Dimension]:
    """The dimensions a group is broken down by: all but its own (and its sibling)."""
    left = set(excluded) | {_SIBLINGS[d] for d in excluded if d in _SIBLINGS}
    return [dimension for dimension in dimensions if dimension not in left]


def summarize(
    rows: Iterable[Row], dimension: Dimension, dimensions: Sequence[Dimension], listed: Sequence[str]
) -> dict[str, Counts]:
    """Places per group of ``dimension``, each broken down by the other ``dimensions``; the groups
    in ``listed`` are there even when empty."""
    inner = others(dimensions, dimension)
    result = {group: Counts(by={d: {} for d in inner}) for group in listed}
    for values, places in rows:
        group = values[dimension]
        counts = result.get(group)
        if counts is None:
            counts = result[group] = Counts(by={d: {} for d in inner})
        counts.count += places
        for other in inner:
            found = counts.by[other]
            value = values[other]
            found[value] = found.get(value, 0) + places
    return result


def deep_summarize(
    rows: Iterable[Row], dimension: Dimension, dimensions: Sequence[Dimension], listed: Sequence[str]
) -> dict[str, DeepCounts]:
    """Like ``summarize``, with each breakdown a summary of its own (by the dimensions left)."""
    inner = others(dimensions, dimension)
    deeper = {d: others(dimensions, dimension, d) for d in inner}
    result = {group: DeepCounts(by={d: {} for d in inner}) for group in listed}
    for values, places in rows:
        group = values[dimension]
        counts = result.get(group)
        if counts is None:
            counts = result[group] = DeepCounts(by={d: {} for d in inner})
        counts.count += places
        for other in inner:
            value = values[other]
            found = counts.by[other].get(value)
            if found is None:
                found = counts.by[other][value] = Counts(by={d: {} for d in deeper[other]})
            found.count += places
            for third in deeper[other]:
                tallied = found.by[third]
                key = values[third]
                tallied[key] = tallied.get(key, 0) + places
    return result
