"""What the suite books on, read from the chart's published drawing: rows of neighbouring seats."""

from __future__ import annotations

from typing import Any


def seat_rows(drawing: dict[str, Any]) -> list[list[str]]:
    """Labels of the seats of each row, in seat order (``A-1``, ``A-2``, ...; ``Section-A-1`` in a
    section), as the designer's drawing lists them."""
    rows: list[list[str]] = []
    subcharts = drawing.get("subChartFloors") or [drawing.get("subChart") or {}]
    for sub in subcharts:
        rows += _rows_of(sub, None)
        for section in sub.get("sections") or []:
            rows += _rows_of(section.get("subChart") or {}, section.get("label"))
    return rows


def _rows_of(sub: dict[str, Any], section: str | None) -> list[list[str]]:
    found = []
    for row in sub.get("rows") or []:
        prefix = f"{section}-" if section else ""
        labels = [f"{prefix}{row.get('label')}-{seat.get('label')}" for seat in row.get("seats") or []]
        if labels:
            found.append(labels)
    return found


def longest_row(drawing: dict[str, Any]) -> list[str]:
    rows = seat_rows(drawing)
    return max(rows, key=len) if rows else []
