"""Wire details every SDK depends on: statuses, empty bodies, headers, extensions and formats."""

from __future__ import annotations

import json
import re
import threading
from typing import Any

from lxml import etree

from tests.support import (
    ALICE,
    ALICE_ROOM_1,
    NEXT_BOOKING_ID,
    ROOM_1,
    ROOMS,
    TOMORROW,
    id_from_location,
)


def test_demo_seed_ids_are_the_documented_ones(api) -> None:
    booking = api.get(f"/api/bookings/{ALICE_ROOM_1}.json?schedule_id={ROOMS}").get_json()
    assert (booking["user_id"], booking["resource_id"], booking["start"]) == (
        ALICE,
        ROOM_1,
        f"{TOMORROW} 10:00:00",
    )


def test_create_answers_201_with_empty_body_and_lowercase_location(client, api) -> None:
    # PHP's SDK reads the id only from a lower-case "location:" line; Python only on a 201.
    body = {
        "schedule_id": ROOMS,
        "booking": {"start": "2030-02-01 10:00:00", "finish": "2030-02-01 11:00:00"},
    }
    response = api.post("/api/bookings.json", json=body)
    assert response.status_code == 201
    assert response.data == b""
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Content-Length"] == "0"
    raw_names = [name for name, _ in response.headers.to_wsgi_list()]
    assert "location" in raw_names
    assert "Location" not in raw_names
    assert response.headers["location"].endswith(f"/api/bookings/{NEXT_BOOKING_ID}.json")
    assert id_from_location(response.headers["location"]) == NEXT_BOOKING_ID


RUBY_SDK = "SSS/2.0.5 Ruby/3.1.2 API/3"  # the official Ruby SDK's User-Agent


def test_the_ruby_sdk_gets_a_location_it_returns(client, api) -> None:
    """Ruby's SDK returns a create's location only when it matches /www.supersaas.com/ (its
    client.rb); a default emulator's location names 127.0.0.1. For that SDK alone the location
    carries a fragment with the name, which no client sends when it follows the URL."""
    body = {"user": {"name": "ruby@example.com"}}
    response = api.post("/api/users.json", json=body, headers={"User-Agent": RUBY_SDK})
    location = response.headers["location"]
    assert re.search(r"www.supersaas.com", location)
    assert location.startswith("http://localhost/api/users/")
    followed = api.get(location.split("#", 1)[0].removeprefix("http://localhost"))
    assert followed.get_json()["name"] == "ruby@example.com"
    other = api.post("/api/users.json", json={"user": {"name": "py@example.com"}})
    assert "#" not in other.headers["location"]
    assert id_from_location(other.headers["location"]) == id_from_location(location.split("#")[0]) + 1


def test_update_and_delete_answer_200_with_empty_body_never_204(api) -> None:
    update = api.put(f"/api/bookings/{ALICE_ROOM_1}.json", json={"booking": {"full_name": "New"}})
    delete = api.delete(f"/api/bookings/{ALICE_ROOM_1}.json?schedule_id={ROOMS}")
    for response in (update, delete):
        assert (response.status_code, response.data) == (200, b"")
        assert response.headers["Content-Length"] == "0"
        assert response.headers["Content-Type"].startswith("application/json")


def test_the_same_booking_reads_alike_with_json_xml_and_no_extension(api) -> None:
    as_json = api.get(f"/api/bookings/{ALICE_ROOM_1}.json").get_json()
    bare = api.get(f"/api/bookings/{ALICE_ROOM_1}")
    assert bare.headers["Content-Type"].startswith("application/json")
    assert json.loads(bare.data) == as_json
    as_xml = api.get(f"/api/bookings/{ALICE_ROOM_1}.xml")
    assert as_xml.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(as_xml.data)
    assert root.tag == "booking"
    assert root.findtext("full-name") == as_json["full_name"]
    assert root.findtext("created-on") == as_json["created_on"]
    assert int(root.findtext("user-id")) == as_json["user_id"]


def test_xml_location_follows_the_extension(api) -> None:
    body = {"schedule_id": ROOMS, "booking": {"start": "2030-02-01 10:00", "finish": "2030-02-01 11:00"}}
    response = api.post("/api/bookings.xml", json=body)
    assert response.headers["location"].endswith(f"/{NEXT_BOOKING_ID}.xml")
    assert response.headers["Content-Type"].startswith("application/xml")


def test_the_world_lock_is_free_after_every_answer_right_or_wrong(api, world) -> None:
    # The lock is re-entrant: a route that kept it would go unnoticed by calls from this thread,
    # and would stop every other client. So another thread asks for it after each answer.
    taken_elsewhere: list[bool] = []

    def try_elsewhere() -> None:
        thread = threading.Thread(target=lambda: taken_elsewhere.append(_take_and_free(world.lock)))
        thread.start()
        thread.join(5)

    clash = {"schedule_id": ROOMS, "booking": {"start": "2030-03-01 10:00", "finish": "2030-03-01 09:00"}}
    for method, path, body, status in [
        ("GET", f"/api/bookings/{ALICE_ROOM_1}.json", None, 200),
        ("POST", "/api/bookings.json", clash, 422),  # refused inside the domain, under the lock
        ("GET", "/api/bookings/999999999.json", None, 404),
        ("GET", f"/api/free/{ROOMS}.json?length=x", None, 422),
    ]:
        assert api(method, path, json=body).status_code == status
        try_elsewhere()
    assert taken_elsewhere == [True] * 4


def _take_and_free(lock: Any) -> bool:
    if not lock.acquire(timeout=2):
        return False
    lock.release()
    return True
