"""Statements about time that only a steerable clock can check (the emulator's /_fakesaas/clock)."""

from __future__ import annotations

import pytest

from contracts.supersaas.control import ControlPlane
from contracts.supersaas.lab import Lab, at, expect, parse_stamp, stamp
from contracts.supersaas.strategies import span_times

pytestmark = [pytest.mark.emulator_only, pytest.mark.destructive]


def test_created_on_and_updated_on_are_the_servers_utc_time(lab: Lab, control: ControlPlane) -> None:
    """001: created_on is the "Creation time in the format YYYY-MM-DD HH:MM:SS in UTC (note: not
    local)"; updated_on the "Last changed time ... in UTC (this will be the deletion time if the
    deleted field is set to true)"."""
    schedule = lab.resource_schedule
    with lab.sandbox() as box, control.frozen_clock() as clock:
        day = box.day()
        booking_id = box.new_booking(schedule, box.room(lab.resources[0], *span_times(day, (0, 2))))
        created = clock.now
        read = expect(lab.booking(booking_id), 200).data
        assert (parse_stamp(read["created_on"]), parse_stamp(read["updated_on"])) == (created, created)
        updated = clock.advance(3600 + 61)
        path = f"/api/bookings/{booking_id}.json"
        expect(
            lab.client.put(path, json={"schedule_id": schedule.id, "booking": {"full_name": "Moved"}}), 200
        )
        read = expect(lab.booking(booking_id), 200).data
        assert (parse_stamp(read["created_on"]), parse_stamp(read["updated_on"])) == (created, updated)
        deleted = clock.advance(60)
        expect(lab.client.delete(path), 200)
        changes = expect(
            lab.client.get(f"/api/changes/{schedule.id}.json", params={"from": stamp(updated)}), 200
        ).data["bookings"]
        assert [(b["deleted"], parse_stamp(b["updated_on"])) for b in changes if b["id"] == booking_id] == [
            (True, deleted)
        ]


def test_free_answers_not_modified_until_the_schedule_changes_however_much_time_passes(
    lab: Lab, control: ControlPlane
) -> None:
    """001: with "If-Modified-Since" the availability API answers "304 "Not Modified" ... if nothing
    changed since your last request. Note that the number of free spots can also change due to the time
    passing ... The "Not Modified" response does not take this into account"."""
    schedule, resource = lab.resource_schedule, lab.resources[0]
    with lab.sandbox() as box, control.frozen_clock() as clock:
        day = box.day()
        path = f"/api/free/{schedule.id}.json"
        params = {"from": stamp(at(day, 0)), "resource": resource.name}
        first = expect(lab.client.get(path, params=params), 200)
        last_modified = first.headers["Last-Modified"]
        unchanged = lab.client.get(path, params=params, headers={"If-Modified-Since": last_modified})
        assert (unchanged.status, unchanged.body) == (304, b"")
        clock.advance(86400)
        later = lab.client.get(path, params=params, headers={"If-Modified-Since": last_modified})
        assert (later.status, later.body) == (304, b"")
        clock.advance(1)
        start, finish = span_times(day, (0, 4))
        box.new_booking(schedule, box.room(resource, start, finish))
        changed = expect(
            lab.client.get(path, params=params, headers={"If-Modified-Since": last_modified}), 200
        )
        assert changed.headers["Last-Modified"] != last_modified
        offered = [parse_stamp(s["start"]) for s in changed.data["slots"]]
        assert start not in offered, offered
        assert finish in offered, offered
