"""Best available against a model that tries every run of every row: over any pattern of taken
seats, any group size and either orphan setting, the pick is a run of free neighbours with the
best score there is, one that leaves no seat alone whenever such a run exists; asked again (from
the rows it has worked out), it picks the same."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakesaas.core.clock import ManualClock
from fakesaas.seatsio.domain import accounts, best_available, catalog, programme, statuses
from fakesaas.seatsio.domain.errors import BestAvailableNotFound
from fakesaas.seatsio.domain.events import SELECTABLE, Event
from fakesaas.seatsio.domain.history import Origin
from fakesaas.seatsio.domain.layout import Layout
from fakesaas.seatsio.domain.sketch import sketch
from fakesaas.seatsio.domain.state import Scope, Seatsio
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest
from tests.seatsio.support import T0

ORIGIN = Origin("API_CALL", "127.0.0.1")
Run = tuple[float, bool, tuple[str, ...]]  # (score, leaves a seat alone, labels)


def every_run(layout: Layout, free: set[str], number: int) -> list[Run]:
    """Every run of ``number`` free neighbours, scored as the sum of its seats' scores."""
    runs: list[Run] = []
    for group, row in enumerate(layout.groups):
        sums = layout.group_sums[group]
        is_free = [label in free for label in row]
        for start in range(len(row) - number + 1):
            end = start + number
            if not all(is_free[start:end]):
                continue
            left_alone = (start >= 1 and is_free[start - 1] and (start < 2 or not is_free[start - 2])) or (
                end < len(row) and is_free[end] and (end + 1 >= len(row) or not is_free[end + 1])
            )
            runs.append((sums[end] - sums[start], left_alone, row[start:end]))
    return runs


def a_hall(rows: int, seats: int) -> tuple[Scope, Event, Layout]:
    """A company with a chart of ``rows`` rows of ``seats`` seats and one event on it, ``show``."""
    state = Seatsio(ManualClock(T0))
    scope = state.authenticate(accounts.create_company(state).admin_key, None)
    catalog.add_chart(scope, scope.workspace, sketch({"rows": rows, "seats": seats}), "hall")
    programme.create_events(scope, "hall", [programme.EventSpec(key="show")])
    event = scope.workspace.events["show"]
    return scope, event, statuses.layout_of(scope, event)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.integers(1, 4),
    seats=st.integers(2, 12),
    taken=st.sets(st.tuples(st.integers(0, 3), st.integers(1, 12)), max_size=30),
    number=st.integers(1, 5),
    prevent_orphans=st.booleans(),
    asks=st.integers(1, 3),
)
def test_the_pick_is_a_best_run_of_free_neighbours(
    rows: int, seats: int, taken: set[tuple[int, int]], number: int, prevent_orphans: bool, asks: int
) -> None:
    scope, event, layout = a_hall(rows, seats)
    labels = {label for row in layout.groups for label in row}
    booked = [
        label
        for label in sorted(labels)
        if any(label == layout.groups[r][s - 1] for r, s in taken if r < rows and s <= seats)
    ]
    if booked:
        request = StatusRequest(
            ChangeKind.CHANGE_STATUS_TO, ("show",), tuple(map(ObjectRef, booked)), status="booked"
        )
        statuses.change(scope, [request], ORIGIN)
    free = {label for label in labels if event.state(label).status in SELECTABLE}
    runs = every_run(layout, free, number)
    clean = [run for run in runs if not (prevent_orphans and run[1])]
    wanted = best_available.BestAvailableRequest(number, "booked", prevent_orphans=prevent_orphans)
    if len(free) < number:
        with pytest.raises(BestAvailableNotFound):
            best_available._choose(event, layout, wanted)
        return
    picks = {tuple(best_available._choose(event, layout, wanted)[0]) for _ in range(asks)}
    assert len(picks) == 1, "asked again, it picked another run"
    (pick,) = picks
    if not runs:
        assert len(pick) == number  # scattered seats: not neighbours
        assert set(pick) <= free
        return
    chosen = next((run for run in runs if run[2] == pick), None)
    assert chosen is not None, f"{pick} is not a run of free neighbours"
    pool = clean or runs
    assert chosen in pool
    assert chosen[0] == min(run[0] for run in pool)


def _change(scope: Scope, kind: ChangeKind, labels: list[str]) -> None:
    status = "booked" if kind is ChangeKind.CHANGE_STATUS_TO else None
    request = StatusRequest(kind, ("show",), tuple(map(ObjectRef, labels)), status=status)
    statuses.change(scope, [request], ORIGIN)


Step = tuple[str, int, int, bool]  # ("pick", number, -, prevent) or ("book"/"release", row, seat, -)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.integers(1, 5),
    seats=st.integers(2, 10),
    steps=st.lists(
        st.tuples(
            st.sampled_from(["pick", "pick", "book", "release"]),
            st.integers(0, 4),
            st.integers(1, 10),
            st.booleans(),
        ),
        min_size=1,
        max_size=25,
    ),
)
def test_a_sale_of_picks_bookings_and_releases_keeps_each_pick_a_best_run(
    rows: int, seats: int, steps: list[Step]
) -> None:
    """What picks remember of the rows (fakesaas/seatsio/domain/row_runs.py) never outlives a
    change: after any mix of picks booked, seats booked and released by label, each pick is still
    a best run of the seats free at that moment."""
    scope, event, layout = a_hall(rows, seats)
    labels = {label for row in layout.groups for label in row}
    for action, first, second, prevent_orphans in steps:
        if action != "pick":
            row = layout.groups[first % rows]
            label = row[(second - 1) % len(row)]
            kind = ChangeKind.CHANGE_STATUS_TO if action == "book" else ChangeKind.RELEASE
            if (event.state(label).status in SELECTABLE) == (action == "book"):
                _change(scope, kind, [label])
            continue
        number = 1 + first % 3
        free = {label for label in labels if event.state(label).status in SELECTABLE}
        runs = every_run(layout, free, number)
        if not runs:
            continue  # scattered seats, or none: the first test's concern
        wanted = best_available.BestAvailableRequest(number, "booked", prevent_orphans=prevent_orphans)
        pick, together = best_available._choose(event, layout, wanted)
        assert together
        chosen = next((run for run in runs if run[2] == tuple(pick)), None)
        assert chosen is not None, f"{pick} is not a run of free neighbours"
        pool = [run for run in runs if not (prevent_orphans and run[1])] or runs
        assert chosen[0] == min(run[0] for run in pool)
        _change(scope, ChangeKind.CHANGE_STATUS_TO, pick)
