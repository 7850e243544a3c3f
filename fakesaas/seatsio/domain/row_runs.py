"""What best-available remembers of an event's rows for one shape of request, so that a pick looks
again only at the rows that changed since the last one.

A pick wants the best run of free neighbours over every row. Rows are visited in order of the best
score they could give (their floor), and the visit stops at the first row whose floor cannot beat
the best run found. Without memory, every pick walks that order from the top, and during a sale
the walk grows: the rows nearest the focal point fill from their middles outwards, their best runs
get worse, and more and more rows are passed over before the stop (a 100-row hall a fifth sold:
most of them, at every pick).

``RowRuns`` keeps each row's best runs (the one that leaves no seat alone, and the one that does),
both also in a heap so the best of all is at the top; ``looked``, how far down the order rows have
been worked out (every row past it can be no better than what is kept); and ``changed``, the rows
a status change touched since, to be worked out again. A pick then works out the changed rows,
reads the heap's top, and goes on down the order only while a row there could still beat it.
Heap entries of a row worked out again stay in the heap until they reach its top, where they are
found stale (the row keeps other runs now) and dropped.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

Run = tuple[float, int, int]  # (score, group, start): lower is better, ties by row then seat
RowBest = tuple[Run | None, Run | None]  # a row's best clean run, and its best that leaves a seat alone
_SLACK = 64  # stale heap entries tolerated beyond twice the rows kept, before the heaps are rebuilt


@dataclass(slots=True)
class RowRuns:
    rows: dict[int, RowBest] = field(default_factory=dict)
    clean: list[Run] = field(default_factory=list)  # heap of the rows' clean runs, some stale
    orphan: list[Run] = field(default_factory=list)  # heap of the rows' other runs, some stale
    looked: int = 0  # how many rows of the layout's group_order have been worked out
    changed: set[int] = field(default_factory=set)  # rows whose seats changed since

    def forget(self, group: int) -> None:
        """A seat of ``group`` turned free or taken: its runs are no longer known."""
        self.rows.pop(group, None)
        self.changed.add(group)

    def take_changed(self) -> set[int]:
        changed, self.changed = self.changed, set()
        return changed

    def keep(self, group: int, best: RowBest) -> None:
        self.rows[group] = best
        clean, orphan = best
        if clean is not None:
            heapq.heappush(self.clean, clean)
        if orphan is not None:
            heapq.heappush(self.orphan, orphan)
        if len(self.clean) + len(self.orphan) > 2 * len(self.rows) + _SLACK:
            self._rebuild()

    def best_clean(self) -> Run | None:
        return self._top(self.clean, 0)

    def best_orphan(self) -> Run | None:
        return self._top(self.orphan, 1)

    def _top(self, heap: list[Run], side: int) -> Run | None:
        while heap:
            top = heap[0]
            kept = self.rows.get(top[1])
            if kept is not None and kept[side] is top:
                return top
            heapq.heappop(heap)  # its row was worked out again (or is full): stale
        return None

    def _rebuild(self) -> None:
        """Drop every stale entry: a row booked and released over and over pushes one each time."""
        self.clean = [best[0] for best in self.rows.values() if best[0] is not None]
        self.orphan = [best[1] for best in self.rows.values() if best[1] is not None]
        heapq.heapify(self.clean)
        heapq.heapify(self.orphan)
