"""The appointments API on a resource schedule: create, read, update and delete, and the overlap rule."""

from __future__ import annotations

from datetime import timedelta
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.supersaas.lab import Lab, expect, parse_stamp, stamp
from contracts.supersaas.strategies import BOOKING_VALUES, booking_fields, some_of, span_times, spans
from contracts.supersaas.wire import FORMATS, as_text, encode

pytestmark = pytest.mark.destructive

VOLATILE = {"updated_on", "updated_by"}


@pytest.mark.parametrize("fmt", FORMATS)
@given(fields=booking_fields(), span=spans(), data=st.data())
def test_a_created_booking_reads_back_as_written(
    lab: Lab, fmt: str, fields: dict[str, str], span: tuple[int, int], data: st.DataObject
) -> None:
    """001: "If the record has been created correctly the response will be a header with status code
    201 ("Created"). The Location field ... will contain the URL that you can use"; reading it gives
    the fields as sent ("stored unchanged as UTF-8 encoded strings"), the resource given by id or,
    "If you don't know the id you can pass the name instead", by name."""
    resource = data.draw(st.sampled_from(lab.resources), label="resource")
    by_name = data.draw(st.booleans(), label="resource by name")
    with lab.sandbox() as box:
        start, finish = span_times(box.day(), span)
        written = box.room(resource, start, finish, **fields)
        if by_name:
            written["resource_id"] = resource.name
        reply = expect(box.create_booking(lab.resource_schedule, written, fmt), 201)
        assert reply.location_id is not None, reply.describe()
        read_fmt = "xml" if fmt == "xml" else "json"
        booking = expect(
            lab.booking(reply.location_id, read_fmt, schedule_id=lab.resource_schedule.id), 200
        ).data
        expected = {**written, "id": str(reply.location_id), "resource_id": str(resource.id)}
        assert {name: as_text(booking.get(name)) for name in expected} == expected
        assert booking["res_name"] == resource.name
        assert as_text(booking["deleted"]) == "false"


@given(fields=booking_fields(), changes=some_of(BOOKING_VALUES), move=st.none() | spans(), data=st.data())
def test_updating_a_booking_changes_only_the_given_fields(
    lab: Lab,
    fields: dict[str, str],
    changes: dict[str, str],
    move: tuple[int, int] | None,
    data: st.DataObject,
) -> None:
    """000: "Update an appointment by schedule_id and appointment_id with appointment attributes";
    001: "The system looks for the record with the given ID and updates it ... If the software you are
    using does not support sending of the HTTP PUT verb then you can simply do a regular POST"."""
    with lab.sandbox() as box:
        day = box.day()
        start, finish = span_times(day, (0, 2))
        booking_id = box.new_booking(
            lab.resource_schedule, box.room(lab.resources[0], start, finish, **fields)
        )
        before = expect(lab.booking(booking_id), 200).data
        sent = dict(changes)
        if move is not None:
            new_start, new_finish = span_times(day, move)
            sent.update(start=stamp(new_start), finish=stamp(new_finish))
        fmt = data.draw(st.sampled_from(FORMATS), label="format")
        verb = data.draw(st.sampled_from(["PUT", "POST"]), label="verb")
        path = f"/api/bookings/{booking_id}.{'xml' if fmt == 'xml' else 'json'}"
        body = encode("booking", sent, fmt, schedule_id=lab.resource_schedule.id)
        expect(lab.client.request(verb, path, **body), 200)
        after = expect(lab.booking(booking_id), 200).data
        assert {name: after[name] for name in sent} == sent
        unchanged = set(before) - set(sent) - VOLATILE
        assert {k: after.get(k) for k in unchanged} == {k: before[k] for k in unchanged}


@pytest.mark.parametrize("how", ["DELETE", "POST _method=DELETE"])
def test_a_deleted_booking_is_gone_and_listed_as_deleted_in_changes(lab: Lab, how: str) -> None:
    """001: DELETE answers "200 ("OK") if the record was deleted successfully, or a 404 ("Not found")
    if it (no longer) exists"; update answers 404 "if the ID is not found, perhaps because the
    appointment has been deleted"; the changes API lists "all appointments that have seen a change of
    any kind", with "deleted: true or false depending whether or not this booking has been deleted"
    (002: or "a POST with the extra parameter _method=DELETE")."""
    with lab.sandbox() as box:
        day = box.day()
        start, finish = span_times(day, (4, 2))
        booking_id = box.new_booking(lab.resource_schedule, box.room(lab.resource(1), start, finish))
        created_on = parse_stamp(expect(lab.booking(booking_id), 200).data["created_on"])
        path = f"/api/bookings/{booking_id}.json"
        if how == "DELETE":
            expect(lab.client.delete(path), 200)
        else:
            expect(lab.client.post(path, data={"_method": "DELETE"}), 200)
        expect(lab.booking(booking_id), 404)
        expect(lab.client.put(path, json={"booking": {"full_name": "after deletion"}}), 404)
        expect(lab.client.delete(path), 404)
        since = stamp(created_on - timedelta(seconds=1))
        changes = expect(
            lab.client.get(f"/api/changes/{lab.resource_schedule.id}.json", params={"from": since}), 200
        ).data
        ours = [b for b in changes["bookings"] if b["id"] == booking_id]
        assert [b["deleted"] for b in ours] == [True], ours
        assert parse_stamp(ours[0]["updated_on"]) >= created_on


@given(attempts=st.lists(st.tuples(st.integers(0, 1), spans()), min_size=2, max_size=8))
def test_bookings_on_one_resource_never_overlap(
    lab: Lab, attempts: list[tuple[int, tuple[int, int]]]
) -> None:
    """001: booking[resource_id] names the resource a booking takes; a resource holds one booking
    at a time, so a create that would overlap one is refused with "422 ("Unprocessable Entity")", and
    one that overlaps nothing is accepted."""
    with lab.sandbox() as box:
        day = box.day()
        plans = [(lab.resource(which), *span_times(day, span), None) for which, span in attempts]
        accepted = [booking_id for booking_id in box.book_rooms(plans) if booking_id is not None]
        listed = lab.day_bookings(day)
        assert sorted(b["id"] for b in listed) == sorted(accepted)
        read = [(b["res_name"], parse_stamp(b["start"]), parse_stamp(b["finish"])) for b in listed]
        for (res_a, start_a, finish_a), (res_b, start_b, finish_b) in combinations(read, 2):
            overlap = start_a < finish_b and start_b < finish_a
            assert res_a != res_b or not overlap, (res_a, start_a, finish_a, start_b, finish_b)
