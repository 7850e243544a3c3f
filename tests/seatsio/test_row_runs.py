"""What best-available remembers of a row stays as small as the rows it knows, however often a row
is worked out again (fakesaas/seatsio/domain/row_runs.py)."""

from __future__ import annotations

from fakesaas.seatsio.domain.row_runs import RowRuns


def test_a_row_booked_and_released_over_and_over_keeps_its_heaps_bounded_and_its_latest_runs() -> None:
    runs = RowRuns()
    runs.keep(0, ((5.0, 0, 3), None))
    for n in range(10_000):
        runs.forget(1)
        # Worse each time, so the stale entries never reach the top on their own.
        runs.keep(1, ((10.0 + n, 1, n % 7), (9.0 + n, 1, 0)))
    assert len(runs.clean) + len(runs.orphan) <= 2 * len(runs.rows) + 64
    assert runs.best_clean() == (5.0, 0, 3)
    assert runs.best_orphan() == (9.0 + 9_999, 1, 0)
    runs.forget(0)
    assert runs.best_clean() == (10.0 + 9_999, 1, 9_999 % 7)


def test_a_forgotten_row_is_listed_as_changed_once() -> None:
    runs = RowRuns()
    runs.keep(2, ((1.0, 2, 0), None))
    runs.forget(2)
    runs.forget(2)
    assert runs.best_clean() is None
    assert runs.take_changed() == {2}
    assert runs.take_changed() == set()
