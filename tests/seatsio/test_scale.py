"""Cost that does not grow with the chart: a status change, an object info and a best-available
pick never walk every object of a big chart."""

from __future__ import annotations

from typing import Any

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.seatsio.domain import accounts, best_available, catalog, programme, statuses
from fakesaas.seatsio.domain.drawing import parse_drawing
from fakesaas.seatsio.domain.errors import BestAvailableNotFound
from fakesaas.seatsio.domain.events import describe
from fakesaas.seatsio.domain.history import Origin
from fakesaas.seatsio.domain.sketch import sketch
from fakesaas.seatsio.domain.state import Scope, Seatsio
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest
from tests.seatsio.support import T0

ORIGIN = Origin("API_CALL", "127.0.0.1")


class NoWalking(dict[str, Any]):
    """The objects of a layout, refusing to be walked: only look-ups by label are allowed."""

    def __iter__(self) -> Any:
        raise AssertionError("walked the whole chart")

    def values(self) -> Any:
        raise AssertionError("walked the whole chart")

    def items(self) -> Any:
        raise AssertionError("walked the whole chart")


@pytest.fixture(scope="module")
def big() -> tuple[Scope, str]:
    state = Seatsio(ManualClock(T0))
    company = accounts.create_company(state)
    scope = state.authenticate(company.admin_key, None)
    chart = catalog.add_chart(scope, scope.workspace, sketch({"rows": 200, "seats": 100}), "arena")
    chart.published.layout.objects = NoWalking(chart.published.layout.objects)
    programme.create_events(scope, "arena", [programme.EventSpec(key="night")])
    return scope, "night"


def test_the_sketch_is_twenty_thousand_seats() -> None:
    assert parse_drawing(sketch({"rows": 200, "seats": 100})).size == 20_000


def test_book_hold_and_release_look_objects_up_by_label(big: tuple[Scope, str]) -> None:
    scope, event = big
    labels = ("CA-10", "CA-11", "GR-99")
    for kind, status in ((ChangeKind.CHANGE_STATUS_TO, "booked"), (ChangeKind.RELEASE, None)):
        request = StatusRequest(kind, (event,), tuple(ObjectRef(label) for label in labels), status=status)
        statuses.change(scope, [request], ORIGIN)
    found = scope.workspace.events[event]
    layout = statuses.layout_of(scope, found)
    assert describe(found, layout, layout.objects["CA-10"]).status == "free"


def test_best_available_on_an_empty_event_looks_at_the_front_rows_only(big: tuple[Scope, str]) -> None:
    scope, event = big
    looked: list[str] = []
    original = best_available._Chooser.eligible

    def counting(self: Any, item: Any) -> bool:
        looked.append(item.label)
        return original(self, item)

    best_available._Chooser.eligible = counting  # type: ignore[method-assign]
    try:
        result = best_available.change_best_available(
            scope, event, best_available.BestAvailableRequest(2, "booked"), ORIGIN
        )
    finally:
        best_available._Chooser.eligible = original  # type: ignore[method-assign]
    assert result.labels == ["A-50", "A-51"]
    assert len(looked) <= 3 * 100, "more than three rows of the 200 were looked at"


def test_best_available_on_a_sold_out_event_answers_without_walking_the_chart() -> None:
    state = Seatsio(ManualClock(T0))
    scope = state.authenticate(accounts.create_company(state).admin_key, None)
    chart = catalog.add_chart(scope, scope.workspace, sketch({"rows": 3, "seats": 4}), "hall")
    layout = chart.published.layout
    labels = [label for row in layout.groups for label in row]
    layout.objects = NoWalking(layout.objects)
    programme.create_events(scope, "hall", [programme.EventSpec(key="show")])
    everything = tuple(ObjectRef(label) for label in labels[:-1])
    statuses.change(
        scope, [StatusRequest(ChangeKind.CHANGE_STATUS_TO, ("show",), everything, status="booked")], ORIGIN
    )
    with pytest.raises(BestAvailableNotFound):  # one seat left, two asked for
        best_available.change_best_available(
            scope, "show", best_available.BestAvailableRequest(2, "booked"), ORIGIN
        )
    last = best_available.change_best_available(
        scope, "show", best_available.BestAvailableRequest(1, "booked"), ORIGIN
    )
    assert last.labels == labels[-1:]
    with pytest.raises(BestAvailableNotFound):
        best_available.change_best_available(
            scope, "show", best_available.BestAvailableRequest(1, "booked"), ORIGIN
        )
