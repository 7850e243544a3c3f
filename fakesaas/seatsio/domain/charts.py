"""Charts: a published drawing and perhaps a draft, tags, the archive, categories, copies, validation."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from fakesaas.seatsio.domain import thumbnail
from fakesaas.seatsio.domain.drawing import empty_drawing, parse_drawing
from fakesaas.seatsio.domain.errors import CategoryNotFound, InvalidRequest, NotAllowed
from fakesaas.seatsio.domain.layout import Layout

DEFAULT_NAME = "Untitled chart"  # testCreateChart::testDefaultParameters
DEFAULT_VENUE_TYPE = "SIMPLE"  # testCreateChart: a new chart's drawing says SIMPLE (the docs say MIXED)


class ChartStatus(Enum):
    NOT_USED = "NOT_USED"
    PUBLISHED = "PUBLISHED"
    PUBLISHED_WITH_DRAFT = "PUBLISHED_WITH_DRAFT"


@dataclass(slots=True)
class ChartVersion:
    """A drawing as stored (the designer's JSON, returned as is) and as parsed."""

    drawing: dict[str, Any]
    layout: Layout
    # Its thumbnail, drawn on first request (a version never changes: an edit makes a new one).
    _png: bytes | None = None
    _svg: str | None = None

    @classmethod
    def of(cls, drawing: dict[str, Any]) -> ChartVersion:
        return cls(drawing, parse_drawing(drawing))

    def thumbnail_png(self) -> bytes:
        if self._png is None:
            self._png = thumbnail.png(thumbnail.picture(self.drawing))
        return self._png

    def thumbnail_svg(self) -> str:
        if self._svg is None:
            self._svg = thumbnail.svg(thumbnail.picture(self.drawing))
        return self._svg

    @property
    def name(self) -> str:
        name = self.drawing.get("name")
        return name if isinstance(name, str) else DEFAULT_NAME

    def edited(self, change: Mapping[str, Any]) -> ChartVersion:
        drawing = copy.deepcopy(self.drawing)
        drawing.update(change)
        return ChartVersion.of(drawing)


@dataclass(slots=True)
class Chart:
    """A chart of a workspace. Once an event uses it, edits go to a draft until published."""

    id: int
    key: str
    published: ChartVersion
    created_at: datetime
    draft: ChartVersion | None = None
    tags: list[str] = field(default_factory=list)
    archived: bool = False
    used: bool = False  # an event was created on it

    @property
    def name(self) -> str:
        return (self.draft or self.published).name

    @property
    def status(self) -> ChartStatus:
        if self.draft is not None:
            return ChartStatus.PUBLISHED_WITH_DRAFT
        return ChartStatus.PUBLISHED if self.used else ChartStatus.NOT_USED

    @property
    def layout(self) -> Layout:
        """What events book against: the published version."""
        return self.published.layout

    def version(self, draft: bool) -> ChartVersion | None:
        return self.draft if draft else self.published

    # --- edits: on the published version until an event uses the chart, then on a draft ---------
    def _edit(self, change: Mapping[str, Any], drafts: bool) -> None:
        """``drafts`` is the company's setting: off, a chart in use changes at once."""
        if self.used and drafts:
            self.draft = (self.draft or self.published).edited(change)
        else:
            self.published = self.published.edited(change)

    def _working(self) -> ChartVersion:
        return self.draft if self.used and self.draft is not None else self.published

    def update(
        self, name: str | None, categories: Sequence[Mapping[str, Any]] | None, drafts: bool = True
    ) -> None:
        change: dict[str, Any] = {}
        if name is not None:
            change["name"] = name
        if categories is not None:
            change["categories"] = _category_list(categories)
        if change:
            self._edit(change, drafts)

    def categories(self) -> list[dict[str, Any]]:
        return [category.as_json() for category in self._working().layout.categories]

    def add_category(self, category: Mapping[str, Any], drafts: bool = True) -> None:
        current = self.categories()
        new = _category(category)
        if any(str(existing["key"]) == str(new["key"]) for existing in current):
            raise InvalidRequest(f"Category key already in use: {new['key']}")
        listed = [*current, new]
        self._edit({"categories": {"list": listed, "maxCategoryKey": _max_key(listed)}}, drafts)

    def update_category(
        self, key: str, label: str | None, color: str | None, accessible: bool | None, drafts: bool = True
    ) -> None:
        current = self.categories()
        found = next((c for c in current if str(c["key"]) == key), None)
        if found is None:
            raise CategoryNotFound(f"Category not found: {key}")
        if label is not None:
            found["label"] = label
        if color is not None:
            found["color"] = color
        if accessible is not None:
            found["accessible"] = accessible
        self._edit({"categories": {"list": current, "maxCategoryKey": _max_key(current)}}, drafts)

    def remove_category(self, key: str, drafts: bool = True) -> None:
        current = self.categories()
        kept = [c for c in current if str(c["key"]) != key]
        if len(kept) == len(current):
            raise CategoryNotFound(f"Category not found: {key}")
        self._edit({"categories": {"list": kept, "maxCategoryKey": _max_key(kept)}}, drafts)

    def publish_draft(self) -> None:
        if self.draft is None:
            raise NotAllowed(f"Chart {self.key} has no draft version to publish")
        self.published, self.draft = self.draft, None

    def discard_draft(self) -> None:
        if self.draft is None:
            raise NotAllowed(f"Chart {self.key} has no draft version to discard")
        self.draft = None

    def add_tag(self, tag: str) -> None:
        if tag not in self.tags:
            self.tags.append(tag)

    def remove_tag(self, tag: str) -> None:
        if tag in self.tags:
            self.tags.remove(tag)


def new_drawing(
    name: str | None, venue_type: str | None, categories: Sequence[Mapping[str, Any]] | None
) -> dict[str, Any]:
    drawing = empty_drawing(name or DEFAULT_NAME, venue_type or DEFAULT_VENUE_TYPE, [])
    drawing["categories"] = _category_list(categories or [])
    return drawing


def copied_drawing(version: ChartVersion, suffix: str) -> dict[str, Any]:
    drawing = copy.deepcopy(version.drawing)
    drawing["name"] = version.name + suffix
    return drawing


def _category(value: Mapping[str, Any]) -> dict[str, Any]:
    # testCreateChart::testCategories: "accessible" defaults to false; the key keeps its type.
    return {
        "key": value.get("key"),
        "label": value.get("label"),
        "color": value.get("color"),
        "accessible": bool(value.get("accessible", False)),
    }


def _category_list(categories: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    listed = [_category(category) for category in categories]
    return {"list": listed, "maxCategoryKey": _max_key(listed)}


def _max_key(categories: Sequence[Mapping[str, Any]]) -> int:
    numbers = [c["key"] for c in categories if isinstance(c["key"], int) and not isinstance(c["key"], bool)]
    return max(numbers, default=0)
