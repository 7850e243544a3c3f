"""Authentication: the key of the account opens it, nothing else does; a checksum opens one user's data."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from contracts.supersaas.lab import Lab, at, expect, stamp
from contracts.supersaas.strategies import span_times

READS = ["/api/schedules.json", "/api/users.json?limit=1", "/api/schedules.xml", "/api/users.xml?limit=1"]
wrong_keys = st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=40)


def checksum(account: str, secret: str, user_name: str) -> str:
    """001: "calculated from a concatenated string that includes your account name, the user name and
    your account password": md5(account + password + user)."""
    return hashlib.md5(f"{account}{secret}{user_name}".encode()).hexdigest()


def _shows_data(body: bytes) -> bool:
    """Whether an answer lists schedules or users (each has a name); an error document has none."""
    return b'"name"' in body or b"<name>" in body


@given(key=wrong_keys, path=st.sampled_from(READS), how=st.sampled_from(["basic", "parameters"]))
def test_a_wrong_api_key_is_refused(lab: Lab, key: str, path: str, how: str) -> None:
    """001: "send your account name and password as URL parameters, or in an HTTP basic
    authentication header"; the answer is "a 403 ("Not authorized") if the password or checksum is
    incorrect", and it carries none of the account's data."""
    assume(key != lab.client.api_key)
    if how == "basic":
        reply = lab.client.get(path, auth=(lab.client.account, key))
    else:
        reply = lab.client.get(path, auth=None, params={"account": lab.client.account, "api_key": key})
    assert reply.status == 403, reply.describe()
    assert not _shows_data(reply.body), reply.describe()


@pytest.mark.parametrize("path", READS)
def test_no_credentials_are_refused(lab: Lab, path: str) -> None:
    """001: every API call authenticates ("Three ways to do Authentication"); a call with no
    credentials at all is not answered with data."""
    reply = lab.client.get(path, auth=None)
    assert reply.status in (401, 403), reply.describe()
    assert not _shows_data(reply.body), reply.describe()
    expect(lab.client.get(path), 200)


@pytest.mark.destructive
def test_a_checksum_opens_its_own_users_agenda_and_no_other(lab: Lab) -> None:
    """001: "Because the checksum includes the visitor's name it is different for every visitor";
    the Agenda API: "Authentication can be done with a one-way hash to allow retrieval from a
    client-side AJAX request"."""
    schedule = lab.resource_schedule
    with lab.sandbox() as box:
        day = box.day()
        me, mine = box.new_user()
        _, theirs = box.new_user()
        start, finish = span_times(day, (2, 2))
        booking_id = box.new_booking(schedule, box.room(lab.resources[0], start, finish), user_id=me)
        account, key = lab.client.account, lab.client.api_key
        agenda = f"/api/agenda/{schedule.id}.json"

        def read(user: str, digest: str) -> int:
            params = {"user": user, "checksum": digest, "account": account, "from": stamp(at(day, 0))}
            reply = lab.client.get(agenda, auth=None, params=params)
            if reply.status == 200:
                assert [b["id"] for b in reply.data["bookings"]] == (
                    [booking_id] if user == mine["name"] else []
                )
            return reply.status

        assert read(mine["name"], checksum(account, key, mine["name"])) == 200
        assert read(theirs["name"], checksum(account, key, mine["name"])) == 403
        assert read(mine["name"], checksum(account, key + "x", mine["name"])) == 403
        assert read(theirs["name"], checksum(account, key, theirs["name"])) == 200
