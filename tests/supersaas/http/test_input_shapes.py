"""One booking written in every shape a client sends: the four SDKs' JSON bodies, form and query
parameters, XML documents; every write is read back to show what was stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from fakesaas.core.world import World
from fakesaas.supersaas.domain.changes import Change, ChangeAction, Subject
from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_ROOM_1,
    ALICE_YOGA,
    BOB,
    BOB_NAME,
    CLASSES,
    NEXT_BOOKING_ID,
    NEXT_USER_ID,
    ROOM_1,
    ROOM_2,
    ROOMS,
    YOGA_TOMORROW,
    id_from_location,
    supersaas_state,
)

START, FINISH = "2030-02-01 10:00:00", "2030-02-01 11:30:00"
XML = {"Content-Type": "application/xml"}


def _last_change(world: World) -> Change:
    return list(supersaas_state(world).account(ACCOUNT).changes)[-1]


def _read(api: Api, booking_id: int) -> dict[str, Any]:
    response = api.get(f"/api/bookings/{booking_id}.json")
    assert response.status_code == 200, response.data
    return response.get_json()


@dataclass(frozen=True)
class Call:
    """One request as an SDK sends it; ``webhook`` is whether it asks for webhooks to fire."""

    method: str
    path: str
    json: Any = None
    raw: bytes | None = None
    webhook: bool = False

    def send(self, api: Api, booking_id: int | None = None) -> Any:
        path = self.path.format(id=booking_id)
        if self.raw is not None:
            return api(self.method, path, data=self.raw, content_type="application/json")
        return api(self.method, path, json=self.json)


@dataclass(frozen=True)
class SdkShape:
    create: Call
    update: Call
    delete: Call


def _booking(**extra: Any) -> dict[str, Any]:
    return {"start": START, "finish": FINISH, "full_name": "Shape Test", "field_1_r": "window seat", **extra}


CHANGE = {"full_name": "Changed"}
ONE = "/api/bookings/{id}.json"

# The same create/update/delete as each official SDK puts it on the wire (research, section 3.3).
SDK_SHAPES = {
    "python": SdkShape(
        create=Call("POST", "/api/bookings.json", webhook=True, json={
            "schedule_id": ROOMS, "booking": _booking(resource_id=ROOM_2), "form": True, "webhook": True,
            "user_id": BOB}),
        update=Call("PUT", ONE, webhook=True, json={
            "schedule_id": ROOMS, "booking": CHANGE, "form": True, "webhook": True}),
        delete=Call("DELETE", ONE + f"?schedule_id={ROOMS}", webhook=True, json={"webhook": True}),
    ),
    "ruby": SdkShape(
        create=Call("POST", "/api/bookings.json", webhook=True, json={
            "schedule_id": ROOMS, "webhook": True, "user_id": BOB, "form": True,
            "booking": _booking(res_name="Room 2")}),
        update=Call("PUT", ONE, webhook=True, json={
            "schedule_id": ROOMS, "booking": CHANGE, "form": True, "webhook": True}),
        # Ruby sends the literal body "null" on a DELETE without parameters.
        delete=Call("DELETE", ONE + f"?schedule_id={ROOMS}&webhook=true", webhook=True, raw=b"null"),
    ),
    "php": SdkShape(
        create=Call("POST", "/api/bookings.json?webhook=true", webhook=True, json={
            "schedule_id": ROOMS, "user_id": BOB, "form": "true",
            "booking": _booking(resource_id=str(ROOM_2)), "account_name": ACCOUNT}),
        # PHP updates with POST, not PUT, and adds account_name to every body.
        update=Call("POST", ONE + "?webhook=true", webhook=True, json={
            "schedule_id": ROOMS, "booking": CHANGE, "form": "true", "account_name": ACCOUNT}),
        delete=Call("DELETE", ONE, json={"schedule_id": ROOMS, "account_name": ACCOUNT}),
    ),
    "node": SdkShape(
        create=Call("POST", "/api/bookings.json", webhook=True, json={
            "schedule_id": ROOMS, "webhook": "true", "form": True, "user_id": BOB,
            "booking": _booking(resource_id=ROOM_2)}),
        update=Call("PUT", ONE + "?webhook=true", webhook=True, json={
            "schedule_id": ROOMS, "form": True, "booking": CHANGE}),
        delete=Call("DELETE", ONE + f"?schedule_id={ROOMS}", webhook=True, json={"webhook": "true"}),
    ),
}  # fmt: skip


@pytest.mark.parametrize("sdk", list(SDK_SHAPES))
def test_each_sdks_create_update_delete_is_stored_as_sent(api, world, sdk: str) -> None:
    shape = SDK_SHAPES[sdk]

    created = shape.create.send(api)
    assert (created.status_code, created.data) == (201, b"")
    booking_id = id_from_location(created.headers["location"])
    assert booking_id == NEXT_BOOKING_ID
    assert (_last_change(world).action, _last_change(world).webhook) == (
        ChangeAction.CREATE,
        shape.create.webhook,
    )
    stored = _read(api, booking_id)
    assert (stored["start"], stored["finish"]) == (START, FINISH)
    assert (stored["resource_id"], stored["res_name"]) == (ROOM_2, "Room 2")
    assert (stored["user_id"], stored["name"], stored["email"]) == (BOB, BOB_NAME, BOB_NAME)
    assert (stored["full_name"], stored["field_1_r"]) == ("Shape Test", "window seat")

    updated = shape.update.send(api, booking_id)
    assert (updated.status_code, updated.data) == (200, b"")
    assert (_last_change(world).action, _last_change(world).webhook) == (
        ChangeAction.UPDATE,
        shape.update.webhook,
    )
    after_update = _read(api, booking_id)
    assert after_update["full_name"] == "Changed"
    assert {k: v for k, v in after_update.items() if k != "full_name"} == {
        k: v for k, v in stored.items() if k != "full_name"
    }

    deleted = shape.delete.send(api, booking_id)
    assert (deleted.status_code, deleted.data) == (200, b"")
    assert (_last_change(world).action, _last_change(world).webhook) == (
        ChangeAction.DELETE,
        shape.delete.webhook,
    )
    assert api.get(f"/api/bookings/{booking_id}.json").status_code == 404


@pytest.mark.parametrize("body", [b"null", b"{}", b""], ids=["null", "empty-object", "no-body"])
def test_delete_accepts_a_null_empty_or_absent_body(api, body: bytes) -> None:
    response = api.delete(f"/api/bookings/{ALICE_ROOM_1}.json?schedule_id={ROOMS}", data=body,
                          content_type="application/json")  # fmt: skip
    assert (response.status_code, response.data) == (200, b"")
    assert api.get(f"/api/bookings/{ALICE_ROOM_1}.json").status_code == 404


def test_form_encoded_booking_fields_create_update_and_delete(api) -> None:
    form = {
        "schedule_id": str(ROOMS),
        "booking[start]": START,
        "booking[finish]": FINISH,
        "booking[full_name]": "Form Person",
        "booking[resource_id]": "Room 2",
        "booking[country]": "nl",
    }
    created = api.post("/api/bookings", data=form)
    assert created.status_code == 201
    assert created.headers["location"].endswith(f"/api/bookings/{NEXT_BOOKING_ID}.json")
    stored = _read(api, NEXT_BOOKING_ID)
    assert (stored["full_name"], stored["resource_id"], stored["country"]) == ("Form Person", ROOM_2, "NL")
    assert (stored["start"], stored["finish"], stored["user_id"]) == (START, FINISH, None)

    updated = api.put(f"/api/bookings/{NEXT_BOOKING_ID}", data={"booking[mobile]": "+31 6 1234 5678"})
    assert updated.status_code == 200
    assert _read(api, NEXT_BOOKING_ID)["mobile"] == "+31 6 1234 5678"

    deleted = api.post(
        f"/api/bookings/{NEXT_BOOKING_ID}", data={"_method": "DELETE", "schedule_id": str(ROOMS)}
    )
    assert deleted.status_code == 200
    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").status_code == 404


def test_query_string_booking_fields_create_and_update(api) -> None:
    query = {
        "schedule_id": ROOMS,
        "booking[start]": "2030-02-01 10:00",
        "booking[finish]": "2030-02-01 11:30",
        "booking[full_name]": "Query Person",
        "booking[email]": "query@example.com",
    }
    created = api.post("/api/bookings", query_string=query)
    assert created.status_code == 201
    stored = _read(api, id_from_location(created.headers["location"]))
    assert (stored["start"], stored["finish"]) == (START, FINISH)
    assert (stored["full_name"], stored["email"], stored["resource_id"]) == (
        "Query Person",
        "query@example.com",
        ROOM_1,
    )

    updated = api.put(f"/api/bookings/{stored['id']}", query_string={"booking[full_name]": "Renamed"})
    assert updated.status_code == 200
    assert _read(api, stored["id"])["full_name"] == "Renamed"


def test_booking_section_is_merged_from_query_and_json_body(api) -> None:
    response = api.post(f"/api/bookings.json?booking[start]={START}&schedule_id={ROOMS}",
                        json={"booking": {"finish": FINISH, "full_name": "Merged"}})  # fmt: skip
    assert response.status_code == 201
    stored = _read(api, NEXT_BOOKING_ID)
    assert (stored["start"], stored["finish"], stored["full_name"]) == (START, FINISH, "Merged")


XML_BOOKING = (
    "<booking><start>2030-02-01 10:00:00</start><finish>2030-02-01 11:30:00</finish>"
    "<full-name>Xml Person</full-name><field-1-r>aisle</field-1-r><resource-id>Room 2</resource-id>"
    f"<user-id>{BOB}</user-id></booking>"
)


def test_xml_body_with_dashed_names_creates_a_booking(api) -> None:
    response = api.post(f"/api/bookings.xml?schedule_id={ROOMS}", data=XML_BOOKING, headers=XML)
    assert (response.status_code, response.data) == (201, b"")
    assert response.headers["location"].endswith(f"/api/bookings/{NEXT_BOOKING_ID}.xml")
    stored = _read(api, NEXT_BOOKING_ID)
    assert (stored["full_name"], stored["field_1_r"], stored["res_name"]) == ("Xml Person", "aisle", "Room 2")
    assert (stored["user_id"], stored["start"], stored["finish"]) == (BOB, START, FINISH)


def test_xml_body_on_a_path_without_extension_answers_in_xml(api) -> None:
    body = XML_BOOKING.replace("<booking>", f"<booking><schedule-id>{ROOMS}</schedule-id>")
    response = api.post("/api/bookings", data=body, headers=XML)
    assert response.status_code == 201
    assert response.headers["Content-Type"].startswith("application/xml")
    assert response.headers["location"].endswith(f"/{NEXT_BOOKING_ID}.xml")
    assert _read(api, NEXT_BOOKING_ID)["schedule_id"] == ROOMS


def test_xml_update_with_nil_clears_a_field_and_keeps_the_rest(api) -> None:
    before = _read(api, ALICE_ROOM_1)
    assert before["phone"] is not None
    body = '<booking><phone nil="true"/><full-name>Alice A.</full-name></booking>'
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.xml", data=body, headers={"Content-Type": "text/xml"})
    assert (response.status_code, response.data) == (200, b"")
    after = _read(api, ALICE_ROOM_1)
    assert (after["phone"], after["full_name"]) == (None, "Alice A.")
    assert {k: v for k, v in after.items() if k not in ("phone", "full_name")} == {
        k: v for k, v in before.items() if k not in ("phone", "full_name")
    }


def test_a_record_read_back_can_be_sent_back_unchanged(api) -> None:
    # Output-only fields (id, created_on, schedule_name, ...) in a write are ignored.
    for booking_id in (ALICE_ROOM_1, ALICE_YOGA):
        record = _read(api, booking_id)
        response = api.put(f"/api/bookings/{booking_id}.json", json={"booking": record})
        assert response.status_code == 200, response.data
        assert _read(api, booking_id) == record


def test_capacity_booking_by_slot_id_in_form_fields(api) -> None:
    form = {"schedule_id": str(CLASSES), "booking[slot_id]": str(YOGA_TOMORROW), "user_id": str(BOB)}
    response = api.post("/api/bookings.json", data=form)
    assert response.status_code == 201
    stored = _read(api, NEXT_BOOKING_ID)
    assert (stored["slot_id"], stored["user_id"], stored["slot"]["id"]) == (YOGA_TOMORROW, BOB, YOGA_TOMORROW)


# --- users ---------------------------------------------------------------------------------------


def _read_user(api: Api, user_id: int) -> dict[str, Any]:
    response = api.get(f"/api/users/{user_id}.json")
    assert response.status_code == 200, response.data
    return response.get_json()


def test_user_created_from_form_fields(api, world) -> None:
    form = {
        "user[name]": "form@example.com",
        "user[full_name]": "Form User",
        "user[role]": "4",
        "webhook": "true",
    }
    response = api.post("/api/users", data=form)
    assert response.status_code == 201
    assert response.headers["location"].endswith(f"/api/users/{NEXT_USER_ID}.json")
    user = _read_user(api, NEXT_USER_ID)
    assert (user["name"], user["full_name"], user["role"]) == ("form@example.com", "Form User", 4)
    change = _last_change(world)
    assert (change.subject, change.subject_id, change.webhook) == (Subject.USER, NEXT_USER_ID, True)


def test_user_created_from_an_xml_document(api) -> None:
    body = "<user><name>xml@example.com</name><full-name>Xml User</full-name><field-1>blue</field-1></user>"
    response = api.post("/api/users.xml", data=body, headers=XML)
    assert response.status_code == 201
    assert response.headers["location"].endswith(f"/api/users/{NEXT_USER_ID}.xml")
    user = _read_user(api, NEXT_USER_ID)
    assert (user["name"], user["full_name"], user["field_1"]) == ("xml@example.com", "Xml User", "blue")
    as_xml = etree.fromstring(api.get(f"/api/users/{NEXT_USER_ID}.xml").data)
    assert as_xml.findtext("full-name") == "Xml User"


def test_user_updated_from_query_fields(api) -> None:
    response = api.put(f"/api/users/{BOB}", query_string={"user[phone]": "+44 20 7946 0000"})
    assert response.status_code == 200
    assert _read_user(api, BOB)["phone"] == "+44 20 7946 0000"


# --- flags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [True, "true", "True", 1, "1"], ids=repr)
def test_webhook_flag_true_in_any_spelling_in_the_body(api, world, value: object) -> None:
    body = {"schedule_id": ROOMS, "webhook": value, "booking": {"start": START, "finish": FINISH}}
    response = api.post("/api/bookings.json", json=body)
    assert response.status_code == 201
    assert _last_change(world).webhook is True
    assert _read(api, NEXT_BOOKING_ID)["start"] == START


@pytest.mark.parametrize("value", ["true", "True", "1"])
def test_webhook_flag_true_in_any_spelling_in_the_query(api, world, value: str) -> None:
    response = api.delete(f"/api/bookings/{ALICE_ROOM_1}.json?webhook={value}")
    assert response.status_code == 200
    assert (_last_change(world).action, _last_change(world).webhook) == (ChangeAction.DELETE, True)


@pytest.mark.parametrize("value", [False, "false", 0, "0", None], ids=repr)
def test_webhook_flag_false_or_absent_fires_nothing(api, world, value: object) -> None:
    body: dict[str, Any] = {"booking": {"full_name": "No hook"}}
    if value is not None:
        body["webhook"] = value
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.json", json=body)
    assert response.status_code == 200
    assert (_last_change(world).action, _last_change(world).webhook) == (ChangeAction.UPDATE, False)
    assert _read(api, ALICE_ROOM_1)["full_name"] == "No hook"


# --- capacity bookings by start time -------------------------------------------------------------


def test_capacity_booking_created_by_the_start_of_its_slot(api) -> None:
    body = {"schedule_id": CLASSES, "user_id": BOB, "booking": {"start": "2030-01-09 09:00:00"}}
    response = api.post("/api/bookings.json", json=body)
    assert response.status_code == 201
    stored = _read(api, NEXT_BOOKING_ID)
    assert (stored["start"], stored["finish"]) == ("2030-01-09 09:00:00", "2030-01-09 10:00:00")
    assert stored["slot"]["start"] == "2030-01-09 09:00:00"


def test_capacity_booking_update_by_start_is_applied_or_refused_never_ignored(api) -> None:
    # A start that opens exactly one slot names that slot on create; the same attribute on an update
    # must move the booking there, or be refused, but not be answered 200 and dropped.
    before = _read(api, ALICE_YOGA)
    response = api.put(f"/api/bookings/{ALICE_YOGA}.json", json={"booking": {"start": "2030-01-09 09:00"}})
    after = _read(api, ALICE_YOGA)
    if response.status_code == 200:
        assert (after["start"], after["finish"]) == ("2030-01-09 09:00:00", "2030-01-09 10:00:00")
        assert after["slot_id"] != before["slot_id"]
    else:
        assert response.status_code == 422
        assert after == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(alphabet="ab Zé1%+&=;[]#?/", min_size=1, max_size=12).filter(str.strip),
    plus_for_space=st.booleans(),
)
def test_a_query_value_reads_back_as_the_client_encoded_it(api: Api, text: str, plus_for_space: bool) -> None:
    """A value in the query string arrives as sent, whatever characters it holds and whichever way
    the client encoded spaces: plain queries and percent-encoded ones are read alike."""
    encode = quote_plus if plus_for_space else quote
    query = f"user[full_name]={encode(text, safe='')}&user[address]=x"
    response = api.put(f"/api/users/{ALICE}.json?{query}")
    assert response.status_code == 200, response.data
    stored = api.get(f"/api/users/{ALICE}.json").get_json()
    assert (stored["full_name"], stored["address"]) == (text, "x")
