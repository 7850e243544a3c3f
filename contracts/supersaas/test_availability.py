"""The read APIs over bookings: free spaces leave booked time out, an agenda holds one user's bookings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.supersaas.lab import CLOSES, OPENS, Lab, Named, at, expect, parse_stamp, stamp
from contracts.supersaas.strategies import span_times, spans

pytestmark = pytest.mark.destructive

LENGTH = 30  # minutes: the grid the bookings are on


def _free(lab: Lab, day: date, resource: Named, fmt: str) -> list[tuple[datetime, datetime | None]]:
    reply = lab.client.get(
        f"/api/free/{lab.resource_schedule.id}.{fmt}",
        params={"from": stamp(at(day, 0)), "length": LENGTH, "resource": resource.name, "maxresults": 50},
    )
    data = expect(reply, 200).data
    slots = data["slots"] if isinstance(data, dict) else data
    assert all(s.get("name") in (None, resource.name) for s in slots), slots
    return [(parse_stamp(s["start"]), parse_stamp(s["finish"]) if s.get("finish") else None) for s in slots]


def _gaps(day: date, booked: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """The stretches of opening hours that no booking covers, at least LENGTH minutes long."""
    gaps, cursor = [], at(day, OPENS.hour)
    for start, finish in sorted(booked):
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, finish)
    gaps.append((cursor, at(day, CLOSES.hour)))
    return [(a, b) for a, b in gaps if b - a >= timedelta(minutes=LENGTH)]


@given(
    mine=st.lists(spans(4), min_size=1, max_size=5),
    others=st.lists(spans(4), max_size=3),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_free_never_offers_booked_time(
    lab: Lab, mine: list[tuple[int, int]], others: list[tuple[int, int]], fmt: str
) -> None:
    """001, the Availability API: "retrieve a list of free spaces"; "resource: Limit the search for
    free spaces to the named resource"; "length: ... free spaces of at least this length in minutes".
    No space it offers overlaps a booking of that resource, and every unbooked stretch of the day
    that is long enough lies inside an offered space (a booking on another resource takes nothing)."""
    resource, other = lab.resources[0], lab.other_resource
    with lab.sandbox() as box:
        day = box.day()
        plans = [(resource, *span_times(day, span), None) for span in mine]
        if other is not None:
            plans += [(other, *span_times(day, span), None) for span in others]
        ids = box.book_rooms(plans)
        booked = [
            (start, finish)
            for (r, start, finish, _), i in zip(plans, ids, strict=True)
            if i and r == resource
        ]
        offered = [(a, b) for a, b in _free(lab, day, resource, fmt) if a < at(day + timedelta(days=1), 0)]
        for start, finish in offered:
            end = finish or datetime.max
            assert not any(start < b and a < end for a, b in booked), (start, finish, sorted(booked))
        for gap_start, gap_finish in _gaps(day, booked):
            assert any(a <= gap_start and gap_finish <= (b or datetime.max) for a, b in offered), (
                f"unbooked {gap_start}-{gap_finish} is not offered: {offered}"
            )


@given(
    spans_of=st.lists(
        st.tuples(st.sampled_from(["me", "other", "nobody"]), spans(2)), min_size=1, max_size=8
    ),
    by=st.sampled_from(["name", "id"]),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_an_agenda_lists_exactly_the_users_bookings(
    lab: Lab, spans_of: list[tuple[str, tuple[int, int]]], by: str, fmt: str
) -> None:
    """001, the Agenda API: "retrieve the appointments of a single user"; user is "Either the user's
    name or the user's ID"; "lists all appointments occurring after the from time"."""
    with lab.sandbox() as box:
        day = box.day()
        me, my_fields = box.new_user()
        other, _ = box.new_user()
        owners = {"me": me, "other": other, "nobody": None}
        plans = [
            (lab.resource(index), *span_times(day, span), owners[owner])
            for index, (owner, span) in enumerate(spans_of)
        ]
        ids = box.book_rooms(plans)
        mine = {i for (*_, user_id), i in zip(plans, ids, strict=True) if i and user_id == me}
        user = my_fields["name"] if by == "name" else me
        reply = lab.client.get(
            f"/api/agenda/{lab.resource_schedule.id}.{fmt}", params={"user": user, "from": stamp(at(day, 0))}
        )
        data = expect(reply, 200).data
        listed = data["bookings"] if isinstance(data, dict) else data
        assert sorted(int(b["id"]) for b in listed) == sorted(mine)
        assert all(str(b["user_id"]) == str(me) for b in listed)
