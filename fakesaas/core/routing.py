"""Hints for requests that matched no route: the known routes whose paths look closest."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_CONVERTER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def closest_routes(
    rules: Iterable[tuple[str, Iterable[str]]], method: str, path: str, limit: int = 3
) -> list[str]:
    """``"GET /api/bookings/<booking_id>"``-style routes most like ``path`` (any method; those
    that also take ``method`` first)."""
    known: dict[str, set[str]] = {}
    for rule, methods in rules:
        known.setdefault(rule, set()).update(m for m in methods if m not in ("HEAD", "OPTIONS"))
    # Compare with placeholders filled by the request's own segments' shape: "<id>" ~ "123".
    shapes = {_CONVERTER.sub("1", rule): rule for rule in known}
    concrete = re.sub(r"\d+", "1", path)
    matches = difflib.get_close_matches(concrete, list(shapes), n=limit * 2, cutoff=0.6)
    ranked = sorted(matches, key=lambda shape: method not in known[shapes[shape]])
    return [f"{' '.join(sorted(known[shapes[s]]))} {shapes[s]}" for s in ranked[:limit]]
