"""Designer drawings from a few numbers: rows of seats, GA areas and tables around a stage.

Seed files, the demo and the benchmarks describe a venue as ``{"rows": 10, "seats": 12, ...}``
rather than as the designer's full JSON; this module draws it (coordinates, categories and a
focal point above the first row included), and the parser reads it like any other drawing.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

SEAT_SPACING = 20.0
ROW_SPACING = 24.0

# The keys a sketch and its parts may have (seed files are checked against them: seed.py).
SKETCH_KEYS = frozenset(
    {"name", "venue_type", "rows", "seats", "categories", "row_categories", "accessible", "areas", "tables"}
)
CATEGORY_KEYS = frozenset({"key", "label", "color", "accessible"})
AREA_KEYS = frozenset({"label", "capacity", "category"})
TABLE_KEYS = frozenset({"label", "seats", "category", "book_as_a_whole"})


def row_label(index: int) -> str:
    """A, B, ..., Z, AA, AB, ... (the designer's SimpleLettersUppercase)."""
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return label


def sketch(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A drawing from ``{"name", "rows", "seats", "categories", "row_categories", "areas",
    "tables", "accessible"}``: ``rows`` rows of ``seats`` seats, ``areas`` a list of
    ``{"label", "capacity", "category"}``, ``tables`` of ``{"label", "seats", "category",
    "book_as_a_whole"}``, ``accessible`` a list of seat labels."""
    rows = int(spec.get("rows", 0))
    seats = int(spec.get("seats", 0))
    categories = list(spec.get("categories") or [{"key": 1, "label": "Standard", "color": "#5E42ED"}])
    default_key = categories[0]["key"]
    row_categories: Mapping[str, Any] = spec.get("row_categories") or {}
    accessible = set(spec.get("accessible") or [])
    width = max(seats, 1) * SEAT_SPACING
    drawn_rows = []
    for index in range(rows):
        label = row_label(index)
        key = row_categories.get(label, default_key)
        y = 100.0 + index * ROW_SPACING
        drawn_rows.append(
            {
                "label": label,
                "objectType": "row",
                "seats": [
                    {
                        "label": str(number),
                        "x": 50.0 + (number - 1) * SEAT_SPACING,
                        "y": y,
                        "categoryKey": key,
                        "accessible": f"{label}-{number}" in accessible,
                    }
                    for number in range(1, seats + 1)
                ],
            }
        )
    areas = [
        {
            "label": area["label"],
            "objectType": "generalAdmission",
            "capacity": int(area.get("capacity", 100)),
            "categoryKey": area.get("category", default_key),
            "center": {"x": 50.0 + width + 80.0 * (index + 1), "y": 150.0},
        }
        for index, area in enumerate(_list(spec.get("areas")))
    ]
    tables = []
    for index, table in enumerate(_list(spec.get("tables"))):
        center = {"x": 50.0 + 60.0 * index, "y": 130.0 + rows * ROW_SPACING}
        tables.append(
            {
                "label": table["label"],
                "objectType": "table",
                "bookAsAWhole": bool(table.get("book_as_a_whole", False)),
                "center": center,
                "seats": [
                    {
                        "label": str(number),
                        "x": center["x"],
                        "y": center["y"] + number,
                        "categoryKey": table.get("category", default_key),
                    }
                    for number in range(1, int(table.get("seats", 4)) + 1)
                ],
            }
        )
    return {
        "name": spec.get("name") or "Untitled chart",
        "venueType": spec.get("venue_type") or "MIXED",
        "categories": {"list": [_category(c) for c in categories], "maxCategoryKey": _max_key(categories)},
        "subChart": {
            "rows": drawn_rows,
            "tables": tables,
            "booths": [],
            "generalAdmissionAreas": areas,
            "sections": [],
            "focalPoint": {"x": 50.0 + (seats - 1) * SEAT_SPACING / 2, "y": 40.0},
        },
    }


def _category(value: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "key": value["key"],
        "label": value.get("label", str(value["key"])),
        "color": value.get("color", "#5E42ED"),
        "accessible": bool(value.get("accessible", False)),
    }


def _max_key(categories: Sequence[Mapping[str, Any]]) -> int:
    return max((c["key"] for c in categories if isinstance(c["key"], int)), default=0)


def _list(value: Any) -> list[Mapping[str, Any]]:
    return list(value) if isinstance(value, list) else []
