"""Chart reports: the objects of a chart's published or draft drawing grouped by label, object
type, category, section or zone, and summaries of them; tables as the chart, the caller or both
say (``bookWholeTables``)."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from fakesaas.seatsio.domain import catalog
from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.grouping import (
    NO_CATEGORY,
    NO_SECTION,
    NO_ZONE,
    OBJECT_TYPES,
    Counts,
    Dimension,
    Row,
    summarize,
)
from fakesaas.seatsio.domain.layout import ChartObject, Layout, ObjectType
from fakesaas.seatsio.domain.state import Scope

DETAIL = (
    Dimension.LABEL,
    Dimension.OBJECT_TYPE,
    Dimension.CATEGORY_KEY,
    Dimension.CATEGORY_LABEL,
    Dimension.SECTION,
    Dimension.ZONE,
)
SUMMARY = (
    Dimension.SECTION,
    Dimension.CATEGORY_KEY,
    Dimension.CATEGORY_LABEL,
    Dimension.OBJECT_TYPE,
    Dimension.ZONE,
)


class Tables(Enum):
    """``bookWholeTables``: which of a table and its seats a report lists (the docs, "A note on
    tables"; testChartReports::testByLabel_BookWholeTables*)."""

    BOTH = "both"  # no parameter: tables and their seats
    CHART = "chart"  # as the drawing books each table
    TABLES = "true"  # tables only
    SEATS = "false"  # seats only

    @classmethod
    def of(cls, value: str | None) -> Tables:
        if value is None or value == "":
            return cls.BOTH
        try:
            found = cls(value)
        except ValueError:
            raise InvalidRequest(f"bookWholeTables must be chart, true or false, found: {value}") from None
        if found is cls.BOTH:
            raise InvalidRequest(f"bookWholeTables must be chart, true or false, found: {value}")
        return found


def listed_objects(layout: Layout, tables: Tables) -> list[ChartObject]:
    """The objects a report lists, in label order."""
    chosen = []
    for item in layout.objects.values():
        if item.table is None or tables is Tables.BOTH:
            chosen.append(item)
            continue
        table = item if item.object_type is ObjectType.TABLE else layout.get(item.table)
        whole = (
            tables is Tables.TABLES
            if tables is not Tables.CHART
            else bool(table.book_as_a_whole)
            if table is not None
            else False
        )
        if (item.object_type is ObjectType.TABLE) == whole:
            chosen.append(item)
    return sorted(chosen, key=lambda item: item.label)


def group_of(dimension: Dimension, item: ChartObject, layout: Layout) -> str:
    category = layout.category(item.category_key)
    if dimension is Dimension.LABEL:
        return item.label
    if dimension is Dimension.OBJECT_TYPE:
        return item.object_type.value
    if dimension is Dimension.CATEGORY_KEY:
        return str(category.key) if category is not None else NO_CATEGORY
    if dimension is Dimension.CATEGORY_LABEL:
        return category.label if category is not None else NO_CATEGORY
    if dimension is Dimension.SECTION:
        return item.section or NO_SECTION
    return item.zone or NO_ZONE


def listed(dimension: Dimension, layout: Layout, objects: list[ChartObject]) -> list[str]:
    """Groups shown even when empty (chartReportSummary.test.ts, testChartReports::testByZone)."""
    if dimension is Dimension.OBJECT_TYPE:
        return list(OBJECT_TYPES)
    if dimension is Dimension.CATEGORY_KEY:
        return [*(str(c.key) for c in layout.categories), NO_CATEGORY]
    if dimension is Dimension.CATEGORY_LABEL:
        return [*dict.fromkeys(c.label for c in layout.categories), NO_CATEGORY]
    if dimension is Dimension.SECTION:
        return [*dict.fromkeys(item.section for item in objects if item.section), NO_SECTION]
    if dimension is Dimension.ZONE:
        return [*(zone.key for zone in layout.zones), NO_ZONE]
    return []


def _layout(scope: Scope, key: str, draft: bool) -> Layout:
    return catalog.version(scope, key, draft).layout


def detail(
    scope: Scope, key: str, dimension: Dimension, tables: Tables, draft: bool
) -> tuple[Layout, dict[str, list[ChartObject]]]:
    if dimension not in DETAIL:
        raise InvalidRequest(f"There is no chart report {dimension.value}")
    layout = _layout(scope, key, draft)
    objects = listed_objects(layout, tables)
    groups: dict[str, list[ChartObject]] = {group: [] for group in listed(dimension, layout, objects)}
    for item in objects:
        groups.setdefault(group_of(dimension, item, layout), []).append(item)
    return layout, groups


def summary(scope: Scope, key: str, dimension: Dimension, tables: Tables, draft: bool) -> dict[str, Counts]:
    if dimension not in SUMMARY:
        raise InvalidRequest(f"There is no chart summary report {dimension.value}")
    layout = _layout(scope, key, draft)
    objects = listed_objects(layout, tables)
    return summarize(_rows(layout, objects), dimension, SUMMARY, listed(dimension, layout, objects))


def _rows(layout: Layout, objects: list[ChartObject]) -> Iterator[Row]:
    """A row per object: a GA area counts its places, anything else one (a table too: the chart
    summary counts tables, chartReportSummary.test.ts summaryByObjectType_bookWholeTablesTrue)."""
    for item in objects:
        places = (item.capacity or 0) if item.object_type is ObjectType.GENERAL_ADMISSION else 1
        yield {dimension: group_of(dimension, item, layout) for dimension in SUMMARY}, places
