"""Booking, holding and releasing seats of a fresh event (docs.seats.io "Book objects", "Hold objects",
"Release objects", "Change object statuses in batch", "Best available"; the SDK tests)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from contracts.seatsio.client import Client
from contracts.seatsio.conftest import Sandbox

pytestmark = pytest.mark.destructive
CHANGE = "/events/groups/actions/change-object-status"
Statuses = Callable[[str, list[str]], dict[str, str]]


def change(api: Client, events: list[str], labels: list[str], status: str | None = None, **fields: object):  # type: ignore[no-untyped-def]
    body: dict[str, object] = {"events": events, "objects": labels, **fields}
    if status is None:
        body["type"] = "RELEASE"
    else:
        body.update(type="CHANGE_STATUS_TO", status=status)
    return api.post(CHANGE, body, expand="objects")


def test_a_fresh_event_has_every_seat_free_and_for_sale(
    api: Client, sandbox: Sandbox, row: list[str]
) -> None:
    event = sandbox.event()
    answer = api.get(f"/events/{event}/objects", label=row[:3])
    assert answer.status == 200
    assert {info["status"] for info in answer.body.values()} == {"free"}
    assert all(info["forSale"] for info in answer.body.values())
    assert answer.body[row[1]]["leftNeighbour"] == row[0]
    assert answer.body[row[1]]["rightNeighbour"] == row[2]


def test_book_then_release_keeps_the_order_id(
    api: Client, sandbox: Sandbox, row: list[str], statuses: Statuses
) -> None:
    event = sandbox.event()
    booked = change(api, [event], row[:2], "booked", orderId="order-1")
    assert booked.status == 200
    assert {info["status"] for info in booked.body["objects"].values()} == {"booked"}
    assert statuses(event, row[:3]) == {row[0]: "booked", row[1]: "booked", row[2]: "free"}
    assert change(api, [event], row[:1], None, orderId="refund-1").status == 200
    info = api.get(f"/events/{event}/objects", label=row[0]).body[row[0]]
    assert (info["status"], info.get("orderId")) == ("free", "refund-1")


def test_a_booked_seat_cannot_be_booked_again(
    api: Client, sandbox: Sandbox, row: list[str], statuses: Statuses
) -> None:
    event = sandbox.event()
    change(api, [event], row[:1], "booked")
    again = change(api, [event], row[:2], "booked")
    assert again.status == 400
    assert statuses(event, row[:2]) == {row[0]: "booked", row[1]: "free"}, "half of a refused change applied"


def test_a_held_seat_needs_its_own_token(
    api: Client, sandbox: Sandbox, row: list[str], statuses: Statuses
) -> None:
    event = sandbox.event()
    mine, theirs = sandbox.token(), sandbox.token()
    held = change(api, [event], row[:1], "reservedByToken", holdToken=mine)
    assert held.status == 200
    assert held.body["objects"][row[0]]["holdToken"] == mine
    assert change(api, [event], row[:1], "booked").status == 400
    assert change(api, [event], row[:1], "booked", holdToken=theirs).status == 400
    booked = change(api, [event], row[:1], "booked", holdToken=mine)
    assert booked.status == 200
    assert booked.body["objects"][row[0]].get("holdToken") is None
    assert statuses(event, row[:1]) == {row[0]: "booked"}


def test_several_events_change_together_or_not_at_all(
    api: Client, sandbox: Sandbox, row: list[str], statuses: Statuses
) -> None:
    first, second = sandbox.event(), sandbox.event()
    change(api, [second], row[1:2], "booked")
    assert change(api, [first, second], row[:2], "booked").status == 400
    assert statuses(first, row[:2]) == {row[0]: "free", row[1]: "free"}
    assert change(api, [first, second], row[2:3], "booked").status == 200
    assert statuses(first, row[2:3]) == statuses(second, row[2:3]) == {row[2]: "booked"}


def test_a_batch_applies_in_order(api: Client, sandbox: Sandbox, row: list[str], statuses: Statuses) -> None:
    event = sandbox.event()
    answer = api.post(
        "/events/actions/change-object-status",
        {
            "statusChanges": [
                {"type": "CHANGE_STATUS_TO", "event": event, "objects": row[:1], "status": "booked"},
                {"type": "RELEASE", "event": event, "objects": row[:1]},
                {"type": "CHANGE_STATUS_TO", "event": event, "objects": row[1:2], "status": "booked"},
            ]
        },
        expand="objects",
    )
    assert answer.status == 200
    assert [next(iter(result["objects"].values()))["status"] for result in answer.body["results"]] == [
        "booked",
        "free",
        "booked",
    ]
    assert statuses(event, row[:2]) == {row[0]: "free", row[1]: "booked"}


def test_best_available_takes_neighbours_and_books_them(api: Client, sandbox: Sandbox) -> None:
    event = sandbox.event()
    answer = api.post(
        f"/events/{event}/actions/change-object-status", {"status": "booked", "bestAvailable": {"number": 2}}
    )
    assert answer.status == 200
    first, second = answer.body["objects"]
    assert answer.body["nextToEachOther"] is True
    assert answer.body["objectDetails"][first]["rightNeighbour"] == second
    assert {info["status"] for info in answer.body["objectDetails"].values()} == {"booked"}


def test_status_changes_are_listed_newest_first(api: Client, sandbox: Sandbox, row: list[str]) -> None:
    event = sandbox.event()
    change(api, [event], row[:1], "booked")
    change(api, [event], row[:1], None)
    for _ in range(20):  # the real service records status changes asynchronously
        items = api.get(f"/events/{event}/status-changes").body["items"]
        if len(items) == 2:
            break
        time.sleep(0.5)
    assert [item["status"] for item in items] == ["free", "booked"]
    assert items[0]["origin"]["type"] == "API_CALL"
    assert items[0]["objectLabel"] == row[0]
