"""Event reports: an event's objects grouped by status, category, section, zone, channel,
availability and the rest, with or without a filter; the flat list; summaries and deep summaries.

Summaries are added up from the event's tally (fakesaas/seatsio/domain/tally.py), a few hundred
cells whatever the size of the chart. Detailed reports list objects: filtered by status or order
id they read the tally's label indexes, by label they look up one object; the rest walk the
chart's bookable objects once, in label order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from fakesaas.seatsio.domain import programme, statuses
from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.events import Event, ObjectInfo
from fakesaas.seatsio.domain.grouping import (
    AVAILABLE,
    NO_CATEGORY,
    NO_CHANNEL,
    NO_ORDER_ID,
    NO_SECTION,
    NO_ZONE,
    NOT_AVAILABLE,
    NOT_SELECTABLE,
    OBJECT_TYPES,
    REASONS,
    SELECTABLE,
    Counts,
    DeepCounts,
    Dimension,
    Row,
    deep_summarize,
    summarize,
)
from fakesaas.seatsio.domain.layout import Layout, ObjectType
from fakesaas.seatsio.domain.objects import BLANK, FREE
from fakesaas.seatsio.domain.state import Scope
from fakesaas.seatsio.domain.tally import AVAILABLE as REASON_AVAILABLE
from fakesaas.seatsio.domain.tally import Profile, Tally, reason_of

# The dimensions a summary can be asked by and breaks its groups down by (eventReportSummary.test.ts).
SUMMARY = (
    Dimension.SECTION,
    Dimension.STATUS,
    Dimension.CATEGORY_KEY,
    Dimension.CATEGORY_LABEL,
    Dimension.OBJECT_TYPE,
    Dimension.SELECTABILITY,
    Dimension.AVAILABILITY,
    Dimension.AVAILABILITY_REASON,
    Dimension.CHANNEL,
    Dimension.ZONE,
)
# What depends only on an object's profile, not on its status: a filter on these reads whole profiles.
_STATIC = {
    Dimension.CATEGORY_KEY,
    Dimension.CATEGORY_LABEL,
    Dimension.SECTION,
    Dimension.ZONE,
    Dimension.OBJECT_TYPE,
    Dimension.CHANNEL,
}


def tally_of(event: Event, layout: Layout) -> Tally:
    """The event's report index for ``layout``, built now if the event has none for it."""
    found = event.tally
    if found is not None and found.layout is layout:
        return found
    found = _build(event, layout)
    event.tally = found
    return found


def _build(event: Event, layout: Layout) -> Tally:
    """One walk over the chart: each bookable object's profile, and its places counted."""
    channel_of: dict[str, str] = {}
    for channel in event.channels:
        for label in [*channel.objects, *channel.area_places]:
            channel_of.setdefault(label, channel.key)
    config = event.for_sale
    listed_objects = set(config.objects) if config is not None else set()
    listed_categories = set(config.categories) if config is not None else set()
    profiles: list[Profile] = []
    numbers: dict[Profile, int] = {}
    profile_of: dict[str, int] = {}
    tables = event.table_config
    for label, item in layout.objects.items():
        if not tables.bookable(item, layout):
            continue
        category = event.category_of(item, layout)
        key = event.category_key_of(item)
        for_sale = True
        if config is not None:
            named = category is not None and category.label in listed_categories
            listed = label in listed_objects or str(key) in listed_categories or named
            for_sale = listed if config.for_sale else not listed
        area = item.object_type is ObjectType.GENERAL_ADMISSION
        if area:
            places = item.capacity or 0
        elif item.object_type is ObjectType.TABLE:
            places = item.num_seats or 0
        else:
            places = 1
        profile = Profile(
            item.object_type,
            category,
            key if category is not None else None,
            item.section,
            item.zone,
            channel_of.get(label),
            for_sale,
            places,
            event.places_not_for_sale(item) if area else 0,
        )
        number = numbers.get(profile)
        if number is None:
            number = numbers[profile] = len(profiles)
            profiles.append(profile)
        profile_of[label] = number
    tally = Tally(layout, profiles, profile_of)
    states = event.states
    for label in profile_of:
        tally.add(label, states.get(label, BLANK))
    tally.sorted_labels = sorted(profile_of)
    return tally


# --- values ----------------------------------------------------------------------------------------
def _profile_values(profile: Profile) -> dict[Dimension, str]:
    category = profile.category
    return {
        Dimension.CATEGORY_KEY: str(category.key) if category is not None else NO_CATEGORY,
        Dimension.CATEGORY_LABEL: category.label if category is not None else NO_CATEGORY,
        Dimension.SECTION: profile.section or NO_SECTION,
        Dimension.ZONE: profile.zone or NO_ZONE,
        Dimension.OBJECT_TYPE: profile.object_type.value,
        Dimension.CHANNEL: profile.channel or NO_CHANNEL,
    }


def _status_values(status: str, reason: str) -> dict[Dimension, str]:
    available = reason == REASON_AVAILABLE
    return {
        Dimension.STATUS: status,
        Dimension.AVAILABILITY_REASON: reason,
        Dimension.AVAILABILITY: AVAILABLE if available else NOT_AVAILABLE,
        # Selectable is what a ticket buyer can select in the renderer: what is available.
        Dimension.SELECTABILITY: SELECTABLE if available else NOT_SELECTABLE,
    }


def rows(tally: Tally) -> Iterator[Row]:
    """The tally's cells as rows of dimension values and places."""
    statics = [_profile_values(profile) for profile in tally.profiles]
    for (index, status, reason), places in tally.cells.items():
        yield {**statics[index], **_status_values(status, reason)}, places


def listed(dimension: Dimension, event: Event, layout: Layout, tally: Tally) -> list[str]:
    """The groups a report by ``dimension`` shows even when empty (eventReportSummary.test.ts:
    every category, ``NO_CATEGORY``, the four object types, ``NO_ZONE``, ...)."""
    if dimension is Dimension.OBJECT_TYPE:
        return list(OBJECT_TYPES)
    if dimension is Dimension.CATEGORY_KEY:
        return [*dict.fromkeys(str(c.key) for c in event.all_categories(layout)), NO_CATEGORY]
    if dimension is Dimension.CATEGORY_LABEL:
        return [*dict.fromkeys(c.label for c in event.all_categories(layout)), NO_CATEGORY]
    if dimension is Dimension.SECTION:
        return [*dict.fromkeys(p.section for p in tally.profiles if p.section), NO_SECTION]
    if dimension is Dimension.ZONE:
        return [*(zone.key for zone in layout.zones), NO_ZONE]
    if dimension is Dimension.CHANNEL:
        return [*(channel.key for channel in event.channels), NO_CHANNEL]
    if dimension is Dimension.AVAILABILITY:
        return [AVAILABLE, NOT_AVAILABLE]
    if dimension is Dimension.SELECTABILITY:
        return [SELECTABLE, NOT_SELECTABLE]
    if dimension is Dimension.AVAILABILITY_REASON:
        return list(REASONS)
    return []


# --- reports ---------------------------------------------------------------------------------------
def _scoped(scope: Scope, key: str) -> tuple[Event, Layout, Tally]:
    event = programme.event(scope, key)
    layout = statuses.layout_of(scope, event)
    return event, layout, tally_of(event, layout)


def summary(scope: Scope, key: str, dimension: Dimension) -> dict[str, Counts]:
    event, layout, tally = _scoped(scope, key)
    _summable(dimension)
    return summarize(rows(tally), dimension, SUMMARY, listed(dimension, event, layout, tally))


def deep_summary(scope: Scope, key: str, dimension: Dimension) -> dict[str, DeepCounts]:
    event, layout, tally = _scoped(scope, key)
    _summable(dimension)
    return deep_summarize(rows(tally), dimension, SUMMARY, listed(dimension, event, layout, tally))


def _summable(dimension: Dimension) -> None:
    if dimension not in SUMMARY:
        raise InvalidRequest(f"There is no summary report {dimension.value}")


@dataclass(frozen=True, slots=True)
class Listing:
    """A detailed report: labels per group, in label order, and what describes each object."""

    groups: dict[str, list[str]]
    event: Event
    layout: Layout
    tally: Tally

    def info(self, label: str) -> ObjectInfo:
        return _info(self.event, self.layout, self.tally, label)


def flat(scope: Scope, key: str) -> Listing:
    """Every bookable object, in label order (testEventReportsFlatList::test_flat_list), as one
    group."""
    event, layout, tally = _scoped(scope, key)
    return Listing({"": tally.sorted_labels}, event, layout, tally)


def detail(scope: Scope, key: str, dimension: Dimension, wanted: str | None = None) -> Listing:
    """The objects per group of ``dimension`` (only group ``wanted``, when given)."""
    event, layout, tally = _scoped(scope, key)
    groups: dict[str, list[str]] = {}
    if wanted is None:
        groups = {group: [] for group in listed(dimension, event, layout, tally)}
    elif wanted in listed(dimension, event, layout, tally):
        groups = {wanted: []}
    if dimension is Dimension.LABEL and wanted is None:  # a group per object: nothing to look up
        return Listing({label: [label] for label in tally.sorted_labels}, event, layout, tally)
    group_of_label = _grouper(event, layout, tally, dimension)
    for label in _candidates(event, tally, dimension, wanted):
        group = group_of_label(label)
        if wanted is None or group == wanted:
            found = groups.get(group)
            if found is None:
                found = groups[group] = []
            found.append(label)
    return Listing(groups, event, layout, tally)


def _grouper(event: Event, layout: Layout, tally: Tally, dimension: Dimension) -> Callable[[str], str]:
    """The group of an object by its label, read from the index where it can be."""
    profile_of = tally.profile_of
    if dimension in _STATIC:
        per_profile = [_profile_values(profile)[dimension] for profile in tally.profiles]
        return lambda label: per_profile[profile_of[label]]
    if dimension is Dimension.STATUS:
        taken = {label: status for status, labels in tally.by_status.items() for label in labels}
        return lambda label: taken.get(label, FREE)
    if dimension is Dimension.ORDER_ID:
        ordered = {label: order for order, labels in tally.by_order.items() for label in labels}
        return lambda label: ordered.get(label, NO_ORDER_ID)
    if dimension is Dimension.LABEL:
        return lambda label: label
    states, profiles = event.states, tally.profiles

    def by_availability(label: str) -> str:
        profile = profiles[profile_of[label]]
        if profile.object_type is ObjectType.GENERAL_ADMISSION:  # depends on its free places
            return group_of(dimension, _info(event, layout, tally, label))
        status = states.get(label, BLANK).status
        return _status_values(status, reason_of(status, profile.for_sale))[dimension]

    return by_availability


def _candidates(event: Event, tally: Tally, dimension: Dimension, wanted: str | None) -> Iterable[str]:
    """The labels that may be in the report, in label order: all of them, or what an index
    narrows a filter down to."""
    if wanted is None:
        return tally.sorted_labels
    if dimension is Dimension.LABEL:
        return [wanted] if wanted in tally.profile_of else []
    if dimension is Dimension.STATUS and wanted != FREE:
        return sorted(tally.by_status.get(wanted, ()))
    if dimension is Dimension.ORDER_ID and wanted != NO_ORDER_ID:
        return sorted(tally.by_order.get(wanted, ()))
    if dimension in _STATIC:
        profiles = enumerate(tally.profiles)
        chosen = {number for number, profile in profiles if _profile_values(profile)[dimension] == wanted}
        if not chosen:
            return []
        profile_of = tally.profile_of
        return (label for label in tally.sorted_labels if profile_of[label] in chosen)
    return tally.sorted_labels


def _info(event: Event, layout: Layout, tally: Tally, label: str) -> ObjectInfo:
    profile = tally.profiles[tally.profile_of[label]]
    return ObjectInfo(
        item=layout.objects[label],
        state=event.state(label),
        category=profile.category,
        category_key=event.category_key_of(layout.objects[label]),
        for_sale=profile.for_sale,
        channel=profile.channel,
        not_for_sale_places=profile.not_for_sale_places,
        season_overridden=1 if label in event.overridden else 0,
    )


def group_of(dimension: Dimension, info: ObjectInfo) -> str:
    """The group an object is listed under in a detailed report by ``dimension``."""
    item = info.item
    if dimension is Dimension.LABEL:
        return item.label
    if dimension is Dimension.STATUS:
        return info.status
    if dimension is Dimension.ORDER_ID:
        return info.state.order_id or NO_ORDER_ID
    if dimension is Dimension.CATEGORY_KEY:
        return str(info.category.key) if info.category is not None else NO_CATEGORY
    if dimension is Dimension.CATEGORY_LABEL:
        return info.category.label if info.category is not None else NO_CATEGORY
    if dimension is Dimension.SECTION:
        return item.section or NO_SECTION
    if dimension is Dimension.ZONE:
        return item.zone or NO_ZONE
    if dimension is Dimension.OBJECT_TYPE:
        return item.object_type.value
    if dimension is Dimension.CHANNEL:
        return info.channel or NO_CHANNEL
    reason = info.availability_reason
    values: Mapping[Dimension, str] = _status_values(info.status, reason)
    return values[dimension]
