"""Every URL example of the SuperSaaS API documentation (seed 001, English; seed 002, Japanese), sent as
written: the same path and parameters, in the same order, URI-encoded as the docs ask ("All input values
need to be URL encoded"), with no account and no other credentials than the docs show. Placeholders
(``<schedule_id>``, ``<admin_password>``, ...) take the demo's values; literal values stay literal."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from lxml import etree

from tests.conftest import Api
from tests.support import (
    ALICE,
    ALICE_ROOM_1,
    CAROL_ROOM_1,
    NEXT_BOOKING_ID,
    PASSWORD,
    ROOMS,
    TOMORROW,
    error_titles,
)

# The URL examples of seed 001 (English) and seed 002 (Japanese), copied as the documents print them.
READS = [
    ("001", "/api/changes/<schedule_id>.xml?from=<last_retrieval>&password=<admin_password>"),
    ("001", "/api/agenda/<schedule_id>.xml?user=<user_id>&password=<admin_password>"),
    ("001", "/api/agenda.xml?user=<user_id>&password=<admin_password>&account=<account_name>"),
    ("001", "/api/free/<schedule_id>.xml?from=<from_time>&password=<admin_password>"),
    ("002", "/api/changes/<schedule_id>.xml?from=<last_retrieval>&password=<admin_password>"),
    ("002", "/api/agenda/<schedule_id>.xml?user=<user_id>&password=<admin_password>"),
    ("002", "/api/agenda.xml?user=<user_id>&password=<admin_password>&account=<account_name>"),
    ("002", "/api/free/<schedule_id>.xml?from=<from_time>&password=<admin_password>"),
]
CREATES = [
    ("001", "/api/bookings?schedule_id=123&password=secret&booking[start]=2014-10-10 12:00"
            "&booking[finish]=2014-10-10 12:00&booking[full_name]=Test"),
    ("002", "/api/bookings?schedule_id=123&password=secret&booking[start]=2016-10-10 12:00"
            "&booking[finish]=2016-10-10 12:00&booking[full_name]=Test"),
]  # fmt: skip
PLACEHOLDERS = {
    "<schedule_id>": str(ROOMS),
    "<admin_password>": PASSWORD,
    "<user_id>": str(ALICE),
    "<account_name>": "demo",
    "<last_retrieval>": "2000-01-01 00:00:00",
    "<from_time>": f"{TOMORROW} 08:00:00",
}


def encoded(example: str, substitute: bool = True) -> str:
    """The example as a client sends it: placeholders filled in, each name and value URI-encoded."""
    path, query = example.split("?", 1)
    for placeholder, value in PLACEHOLDERS.items():
        if substitute:
            path = path.replace(placeholder, value)
            query = query.replace(placeholder, value)
    pairs = [pair.split("=", 1) for pair in query.split("&")]
    return path + "?" + "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)


@pytest.mark.parametrize(("document", "example"), READS, ids=[f"{d}:{e.split('?')[0]}" for d, e in READS])
def test_each_documented_read_answers_as_documented(api: Api, document: str, example: str) -> None:
    answer = api.get(encoded(example), auth=None)
    assert answer.status_code == 200, answer.data[:300]
    assert answer.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(answer.data)
    if "/free/" in example:
        # "a list of free spaces": the first free hour of a Rooms resource from 08:00 tomorrow.
        assert root.tag == "slots"
        assert root.find("slot").get("start") == f"{TOMORROW} 08:00:00"
    else:
        # "The system will reply with an XML document that lists all appointments ..."
        assert root.tag == "bookings"
        ids = [int(text) for text in root.xpath("booking/id/text()")]
        if "/changes/" in example:
            assert ALICE_ROOM_1 in ids
            assert CAROL_ROOM_1 in ids
        else:  # the agenda of user <user_id>, Alice: her Rooms booking (and more without a schedule)
            assert ALICE_ROOM_1 in ids
            assert CAROL_ROOM_1 not in ids


@pytest.mark.parametrize(("document", "example"), CREATES, ids=["001", "002"])
def test_the_documented_create_as_written_names_a_schedule_there_is_not(api: Api, document, example) -> None:
    # "The response will be a 404 ("Not Found") if the schedule doesn't exist": schedule 123, literally.
    answer = api.post(encoded(example, substitute=False), auth=None)
    assert answer.status_code == 404
    assert error_titles(answer.get_json())[0].startswith("Not found")


@pytest.mark.parametrize(("document", "example"), CREATES, ids=["001", "002"])
def test_the_documented_create_on_the_demo_schedule(api: Api, document, example) -> None:
    """The same request on the demo's schedule with its password (still no account): as written it
    ends when it starts, which "did not pass validation" (422, the messages in the body); with a
    finish after the start it is created (201 and a location)."""
    own = example.replace("schedule_id=123", f"schedule_id={ROOMS}")
    own = own.replace("password=secret", f"password={PASSWORD}")
    refused = api.post(encoded(own), auth=None)
    assert refused.status_code == 422
    assert error_titles(refused.get_json()) == ["Finish must be after start"]

    later = re.sub(r"(booking\[finish\]=\d{4}-\d\d-\d\d) 12:00", r"\1 13:00", own)
    created = api.post(encoded(later), auth=None)
    assert created.status_code == 201
    assert created.headers["location"].endswith(f"/api/bookings/{NEXT_BOOKING_ID}.json")


@pytest.mark.parametrize(
    "path",
    [f"/api/changes/999999.xml?from=2000-01-01%2000%3A00%3A00&password={PASSWORD}",
     f"/api/free/999999.xml?password={PASSWORD}", f"/api/agenda/999999.xml?user={ALICE}&password={PASSWORD}"],
)  # fmt: skip
def test_a_schedule_id_no_account_has_is_404_for_every_documented_read(api: Api, path: str) -> None:
    answer = api.get(path, auth=None)
    assert answer.status_code == 404
    assert answer.headers["Content-Type"].startswith("application/xml")


def test_a_wrong_password_on_a_named_schedule_is_403(api: Api) -> None:
    # "a 403 ("Not authorized") if the password or checksum is incorrect".
    answer = api.get(f"/api/changes/{ROOMS}.xml?from=2000-01-01%2000%3A00%3A00&password=wrong", auth=None)
    assert answer.status_code == 403


def test_api_key_as_a_parameter_also_finds_the_account_from_the_schedule(api: Api) -> None:
    answer = api.get(f"/api/bookings.json?schedule_id={ROOMS}&api_key=demo-api-key", auth=None)
    assert answer.status_code == 200
    assert ALICE_ROOM_1 in [booking["id"] for booking in answer.get_json()]
