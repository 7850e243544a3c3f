"""Cursor pages as Seats.io lists them: ``limit`` items after (or before) an item id, newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from fakesaas.seatsio.domain.errors import InvalidRequest

T = TypeVar("T")

DEFAULT_LIMIT = 1000  # research/seatsio-simplybook.md §1.4: the docs give 1000 as default and maximum
MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_page_starts_after: int | None
    previous_page_ends_before: int | None


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int = DEFAULT_LIMIT
    start_after_id: int | None = None
    end_before_id: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidRequest(f"limit must be between 1 and {MAX_LIMIT}, found: {self.limit}")


def paginate(
    items: Sequence[T], ident: Callable[[T], int], request: PageRequest, descending: bool = True
) -> Page[T]:
    """One page of ``items`` (already in listing order). A cursor that names no item counts from
    where that id would be in the list (ids descending, or ascending), so a deleted item's id still
    pages on.

    testListPageOfChartsAfter / testListPageOfChartsBefore pin both cursors: the next page starts
    after the last item shown when more follow, the previous ends before the first when some
    precede."""
    limit = request.limit
    if request.end_before_id is not None:
        end = _position(items, ident, request.end_before_id, False, descending)
        start = max(0, end - limit)
    else:
        cursor = request.start_after_id
        start = 0 if cursor is None else _position(items, ident, cursor, True, descending)
        end = min(len(items), start + limit)
    chosen = list(items[start:end])
    if not chosen:
        return Page([], None, None)
    return Page(
        chosen,
        ident(chosen[-1]) if end < len(items) else None,
        ident(chosen[0]) if start > 0 else None,
    )


def _position(
    items: Sequence[T], ident: Callable[[T], int], cursor: int, after: bool, descending: bool
) -> int:
    for index, item in enumerate(items):
        if ident(item) == cursor:
            return index + 1 if after else index
    # Not there (deleted, or filtered out): where it would stand among the ids.
    for index, item in enumerate(items):
        if (ident(item) < cursor) if descending else (ident(item) > cursor):
            return index
    return len(items)
