"""Capacity schedules: a slot never holds more (non-waitlisted) bookings than its places."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.supersaas.lab import Lab, Named, expect, unique

pytestmark = pytest.mark.destructive


def _open_slots(lab: Lab, schedule: Named, **params: Any) -> list[dict[str, Any]]:
    reply = lab.client.get(f"/api/free/{schedule.id}.json", params={"maxresults": 100, **params})
    data = expect(reply, 200).data
    return data["slots"] if isinstance(data, dict) else data


def _places_left(lab: Lab, schedule: Named, slot_id: int) -> int:
    slots = [s for s in _open_slots(lab, schedule, full="true") if s.get("id") == slot_id]
    assert len(slots) == 1, f"slot {slot_id} is not listed with full=true: {slots}"
    return int(slots[0]["count"])


@given(extra=st.integers(1, 3), data=st.data())
def test_a_slot_never_takes_more_bookings_than_it_has_places(
    lab: Lab, extra: int, data: st.DataObject
) -> None:
    """001: the availability API's count "Specifies how many places are available in this slot";
    booking[slot_id] books one of them ("on a capacity schedule appointments can be created"). Of
    places + n attempts exactly `places` are booked; the rest are refused (422) or, on a schedule
    with a waiting list, waitlisted ("If this booking is waitlisted this field contains the letter
    W"); afterwards the slot is listed with no place left."""
    schedule = data.draw(st.sampled_from(lab.capacity_schedules), label="schedule")
    # The slot with the fewest places left, so that filling it takes few writes.
    limited = [s for s in _open_slots(lab, schedule) if int(s["count"]) > 0]
    assert limited, f"{schedule.name} offers no slot with a limited number of places"
    slot = min(limited, key=lambda s: (int(s["count"]), s["start"]))
    places = int(slot["count"])
    with lab.sandbox() as box:
        booked, waitlisted, refused = [], [], 0
        for _ in range(places + extra):
            fields = {"slot_id": slot["id"], "full_name": unique("booking")}
            reply = box.create_booking(schedule, fields)
            if reply.status == 422:
                refused += 1
                continue
            expect(reply, 201)
            assert reply.location_id is not None, reply.describe()
            booking = expect(lab.booking(reply.location_id, schedule_id=schedule.id), 200).data
            assert booking["slot_id"] == slot["id"]
            (waitlisted if booking["waitlisted"] in (True, "W") else booked).append(reply.location_id)
        assert len(booked) == places, (booked, waitlisted, refused)
        assert len(waitlisted) + refused == extra
        assert _places_left(lab, schedule, slot["id"]) == 0
