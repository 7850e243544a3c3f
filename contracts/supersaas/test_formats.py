"""JSON and XML are two spellings of one answer: the same fields with the same values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.supersaas.lab import Lab, at, expect, parse_stamp, stamp, unique
from contracts.supersaas.strategies import booking_fields, span_times, spans, user_fields
from contracts.supersaas.wire import differences


def _same_in_both(lab: Lab, path: str, params: dict[str, Any] | None = None) -> Any:
    """GET ``path`` as .json and as .xml and assert they carry the same data; the JSON answer."""
    as_json = expect(lab.client.get(f"{path}.json", params=params), 200).data
    as_xml = expect(lab.client.get(f"{path}.xml", params=params), 200).data
    if isinstance(as_json, dict) and len(as_json) == 1 and isinstance(as_xml, list):
        # {"bookings": [..]} in JSON is <bookings><booking>..</booking></bookings> in XML.
        as_json = next(iter(as_json.values()))
    assert differences(as_json, as_xml) == []
    return as_json


READ_ONLY: dict[str, Callable[[Lab], tuple[str, dict[str, Any] | None]]] = {
    "schedules": lambda lab: ("/api/schedules", None),
    "users": lambda lab: ("/api/users", {"limit": 5}),
    "resources": lambda lab: ("/api/resources", {"schedule_id": lab.resource_schedule.id}),
    "free rooms": lambda lab: (f"/api/free/{lab.resource_schedule.id}", {"from": "2035-12-03 00:00:00"}),
    "free places": lambda lab: (f"/api/free/{lab.capacity_schedules[0].id}", {"full": "true"}),
    "capacity bookings": lambda lab: (
        "/api/bookings",
        {"schedule_id": lab.capacity_schedules[0].id, "limit": 5},
    ),
}


@pytest.mark.parametrize("what", READ_ONLY)
def test_json_and_xml_list_the_same_data(lab: Lab, what: str) -> None:
    """001: "The API accepts data as URL parameters, as JSON or as XML, and can return data as either
    JSON or XML"; "in XML messages the underscores are replaced with dashes"."""
    path, params = READ_ONLY[what](lab)
    _same_in_both(lab, path, params)


@pytest.mark.destructive
@given(fields=booking_fields(), person=user_fields(), span=spans(), data=st.data())
def test_json_and_xml_show_a_booking_and_its_user_alike(
    lab: Lab, fields: dict[str, str], person: dict[str, str], span: tuple[int, int], data: st.DataObject
) -> None:
    """001: "can return data as either JSON or XML"; the agenda, changes and range answers list
    bookings with the same "Output Fields" in both."""
    schedule = lab.resource_schedule
    with lab.sandbox() as box:
        day = box.day()
        user_id, _ = box.new_user(person)
        with_user = data.draw(st.booleans(), label="booking for the user")
        room = box.room(lab.resources[0], *span_times(day, span), **fields)
        booking_id = box.new_booking(schedule, room, user_id=user_id if with_user else None)
        booking = _same_in_both(lab, f"/api/bookings/{booking_id}", {"schedule_id": schedule.id})
        _same_in_both(lab, f"/api/users/{user_id}")
        since = stamp(parse_stamp(booking["created_on"]) - timedelta(seconds=1))
        listed = {
            "changes": _same_in_both(lab, f"/api/changes/{schedule.id}", {"from": since}),
            "range": _same_in_both(lab, f"/api/range/{schedule.id}", {"from": stamp(at(day, 0)), "limit": 1}),
        }
        if with_user:
            listed["agenda"] = _same_in_both(
                lab, f"/api/agenda/{schedule.id}", {"user": user_id, "from": stamp(at(day, 0))}
            )
        for name, bookings in listed.items():
            assert booking_id in [b["id"] for b in bookings], f"{name} does not list {booking_id}"


@pytest.mark.destructive
def test_json_and_xml_show_a_capacity_booking_and_its_slot_alike(lab: Lab) -> None:
    """001: "slot: Information about the slot this booking belongs to (capacity only)" and
    "waitlisted ... contains the letter W" — the same in JSON and XML."""
    for schedule in lab.capacity_schedules:
        free = expect(lab.client.get(f"/api/free/{schedule.id}.json"), 200).data
        slots = [s for s in free["slots"] if int(s["count"]) > 0]
        assert slots, f"{schedule.name} has no slot with places left"
        with lab.sandbox() as box:
            booking_id = box.new_booking(
                schedule, {"slot_id": slots[0]["id"], "full_name": unique("booking")}
            )
            booking = _same_in_both(lab, f"/api/bookings/{booking_id}", {"schedule_id": schedule.id})
            assert booking["slot_id"] == slots[0]["id"]
