"""Bad input over HTTP: malformed and hostile bodies, invalid values, unknown ids, paths and methods.
Every refusal is an error document with the right status, and a refused write changes nothing."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from fakesaas.core.world import World
from fakesaas.supersaas.domain.bookings import READ_ONLY as BOOKING_READ_ONLY
from fakesaas.supersaas.domain.bookings import WRITABLE as BOOKING_WRITABLE
from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_ROOM_1,
    BOB,
    CLASSES,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    SPINNING_TOMORROW,
    TOMORROW,
    YOGA_TOMORROW,
    error_titles,
    id_from_location,
    supersaas_state,
)

JSON = {"Content-Type": "application/json"}
XML = {"Content-Type": "application/xml"}
GOOD = {"start": "2030-02-01 10:00:00", "finish": "2030-02-01 11:00:00"}
UNKNOWN_SCHEDULE = 999_999


def _snapshot(api: Api, world: World) -> tuple[Any, ...]:
    """Every booking and user, and the length of the change log."""
    bookings = [
        api.get(f"/api/bookings.json?schedule_id={schedule}&limit=1000").get_json()
        for schedule in (ROOMS, CLASSES, SERVICES)
    ]
    users = api.get("/api/users.json?limit=1000").get_json()
    return bookings, users, len(supersaas_state(world).account(ACCOUNT).changes)


def _assert_json_error(response: Any, status: int, title: str | None = None) -> list[str]:
    assert response.status_code == status, response.data
    assert response.headers["Content-Type"].startswith("application/json")
    body = json.loads(response.data)
    assert set(body) == {"errors"}
    assert body["errors"], body
    for error in body["errors"]:
        assert error["status"] == str(status)
        assert isinstance(error["title"], str)
        assert error["title"]
    titles = error_titles(body)
    if title is not None:
        assert title in titles
    return titles


def _assert_xml_error(response: Any, status: int) -> list[str]:
    assert response.status_code == status, response.data
    assert response.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.data)
    assert root.tag == "errors"
    assert [e.findtext("status") for e in root.findall("error")] == [str(status)] * len(root)
    return [e.findtext("title") for e in root.findall("error")]


# --- one table of bad writes: status, and that nothing changed ----------------------------------

ONE = f"/api/bookings/{ALICE_ROOM_1}.json"
MANY, USERS = "/api/bookings.json", "/api/users.json"
COUNTRY = "Country is not a two letter ISO 3166-1 country code"
UNKNOWN = "Bad request: unknown attribute 'bad_field_name' for Booking."


def _json(**body: Any) -> dict[str, Any]:
    return {"json": body}


def _raw(body: bytes, content_type: str = "application/json") -> dict[str, Any]:
    return {"data": body, "headers": {"Content-Type": content_type}}


def _create(**booking: Any) -> dict[str, Any]:
    return _json(schedule_id=ROOMS, booking=booking)


def _change(**booking: Any) -> dict[str, Any]:
    return _json(booking=booking)


def _user(**user: Any) -> dict[str, Any]:
    return _json(user=user)


ALICE_USER, BOB_USER = f"/api/users/{ALICE}.json", f"/api/users/{BOB}.json"

BAD_WRITES: list[tuple[str, str, str, dict[str, Any], int, str | None]] = [
    # id, method, path, request, status, one of the error titles (None: any)
    ("malformed-json", "POST", MANY, _raw(b'{"schedule_id": 1,'), 400, "Bad request: malformed JSON"),
    ("single-quoted-json", "PUT", ONE, _raw(b"{'booking': {}}"), 400, None),
    ("trailing-garbage", "PUT", ONE, _raw(b'{"booking": {}} x'), 400, None),
    ("json-list", "POST", MANY, _raw(b"[1, 2]"), 400, None),
    ("json-string", "PUT", ONE, _raw(b'"text"'), 400, None),
    ("json-number", "PUT", ONE, _raw(b"42"), 400, None),
    ("plain-text", "POST", MANY, _raw(b"hello", "text/plain"), 400, None),
    ("booking-is-a-list", "POST", MANY, _json(schedule_id=ROOMS, booking=[GOOD]), 400, None),
    ("schedule-id-is-an-object", "POST", MANY, _json(schedule_id={"id": ROOMS}, booking=GOOD), 400, None),
    ("unknown-attribute", "POST", MANY, _create(bad_field_name="x", **GOOD), 400, UNKNOWN),
    ("unknown-attribute-update", "PUT", ONE, _change(bad_field_name=1, full_name="X"), 400, UNKNOWN),
    ("unknown-attribute-form", "POST", MANY,
     {"data": {"schedule_id": str(ROOMS), "booking[bad_field_name]": "x"}}, 400, UNKNOWN),
    ("unknown-user-attribute", "POST", USERS, _user(name="n", colour="red"), 400,
     "Bad request: unknown attribute 'colour' for User."),
    ("bad-email", "POST", MANY, _create(email="not-an-address", **GOOD), 422, "Email is invalid"),
    ("bad-email-update", "PUT", ONE, _change(email="a@b", full_name="X"), 422, "Email is invalid"),
    ("bad-user-email", "PUT", ALICE_USER, _user(email="@example.com"), 422, "Email is invalid"),
    ("country-XX", "POST", MANY, _create(country="XX", **GOOD), 422, COUNTRY),
    ("country-name", "PUT", ONE, _change(country="Netherlands"), 422, COUNTRY),
    ("user-country-name", "PUT", BOB_USER, _user(country="Netherlands"), 422, COUNTRY),
    ("finish-before-start", "POST", MANY, _create(start="2030-02-01 11:00", finish="2030-02-01 10:00"), 422,
     "Finish must be after start"),
    ("start-not-a-time", "POST", MANY, _create(start="tomorrow", finish="2030-02-01 10:00"), 422,
     "Start is not a valid time"),
    ("start-missing", "POST", MANY, _create(finish="2030-02-01 10:00"), 422, "Start can't be blank"),
    ("impossible-date", "PUT", ONE, _change(start="2030-02-30 10:00"), 422, "Start is not a valid time"),
    ("overlap", "POST", MANY,
     _create(start=f"{TOMORROW} 10:30", finish=f"{TOMORROW} 11:30", resource_id="Room 1"), 422, None),
    ("unknown-resource", "POST", MANY, _create(resource_id="Room 9", **GOOD), 422, "Resource not found"),
    ("unknown-user-id", "POST", MANY, _json(schedule_id=ROOMS, user_id=42, booking=GOOD), 422,
     "User not found"),
    ("full-slot", "POST", MANY, _json(schedule_id=CLASSES, booking={"slot_id": SPINNING_TOMORROW}), 422,
     "This slot is full"),
    ("service-schedule", "POST", MANY, _json(schedule_id=SERVICES, booking=GOOD), 501, None),
    ("unknown-schedule", "POST", MANY, _json(schedule_id=UNKNOWN_SCHEDULE, booking=GOOD), 404,
     "Schedule not found"),
    ("non-numeric-schedule", "POST", MANY, _json(schedule_id="rooms", booking=GOOD), 404,
     "Schedule not found"),
    ("no-schedule", "POST", MANY, _json(booking=GOOD), 404, "Schedule not found"),
    ("update-with-unknown-schedule", "PUT", f"{ONE}?schedule_id={UNKNOWN_SCHEDULE}", _change(full_name="X"),
     404, "Schedule not found"),
    ("update-with-other-schedule", "PUT", f"{ONE}?schedule_id={CLASSES}", _change(full_name="X"), 404,
     "Booking not found"),
    ("non-numeric-booking-update", "PUT", "/api/bookings/abc.json", _change(full_name="X"), 404, None),
    ("non-numeric-booking-delete", "DELETE", "/api/bookings/12abc.json", {}, 404, None),
    ("unknown-booking-delete", "DELETE", "/api/bookings/5999999.json", {}, 404, "Booking not found"),
    ("non-numeric-user-update", "PUT", "/api/users/abc.json", _user(full_name="X"), 404, None),
    ("non-numeric-user-delete", "DELETE", "/api/users/bob.json", {}, 404, None),
    ("bad-role", "PUT", BOB_USER, _user(role=2), 422, None),
    ("unknown-group", "PUT", BOB_USER, _user(group=999), 422, "Group not found"),
    ("blank-user-name", "POST", USERS, _user(email="x@example.com"), 422, "Name can't be blank"),
    ("bad-duplicate-choice", "POST", USERS + "?duplicate=maybe", _user(name="z@z.org"), 400, None),
    ("bad-notfound-choice", "PUT", "/api/users/55fk.json?notfound=perhaps", _user(name="z"), 400, None),
    ("patch", "PATCH", ONE, _change(full_name="X"), 405, None),
    ("delete-collection", "DELETE", MANY, {}, 405, None),
    ("put-collection", "PUT", USERS, _user(name="x"), 405, None),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "request_kwargs", "status", "title"),
                         [case[1:] for case in BAD_WRITES], ids=[case[0] for case in BAD_WRITES])  # fmt: skip
def test_a_refused_write_answers_an_error_document_and_changes_nothing(
    api, world, method: str, path: str, request_kwargs: dict[str, Any], status: int, title: str | None
) -> None:
    before = _snapshot(api, world)
    response = api(method, path, **request_kwargs)
    _assert_json_error(response, status, title)
    assert _snapshot(api, world) == before


def test_bad_writes_report_every_failed_field_at_once(api, world) -> None:
    before = _snapshot(api, world)
    booking = {"email": "nope", "country": "XX", **GOOD}
    response = api.post(MANY, json={"schedule_id": ROOMS, "booking": booking})
    titles = _assert_json_error(response, 422)
    assert {"Email is invalid", COUNTRY} <= set(titles)
    assert _snapshot(api, world) == before


# --- XML ----------------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE booking [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<booking><full-name>&lol9;</full-name></booking>"""

XXE_DOCUMENTS = {
    "internal-subset": b"""<?xml version="1.0"?>
<!DOCTYPE booking [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<booking><full-name>&xxe;</full-name></booking>""",
    "parameter-entity": b"""<?xml version="1.0"?>
<!DOCTYPE booking [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>
<booking><full-name>x</full-name></booking>""",
    "external-dtd": b"""<?xml version="1.0"?>
<!DOCTYPE booking SYSTEM "file:///etc/passwd">
<booking><full-name>x</full-name></booking>""",
    "undeclared-entity": b"<booking><full-name>&xxe;</full-name></booking>",
}


@pytest.mark.parametrize(
    "body",
    [b"<booking><full-name>A</booking>", b"<booking>", b"<booking><a></b></booking>", b"<<>>"],
    ids=["mismatched", "unclosed", "crossed", "garbage"],
)
def test_malformed_xml_on_an_xml_path_is_400_in_xml(api, world, body: bytes) -> None:
    before = _snapshot(api, world)
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.xml", data=body, headers=XML)
    titles = _assert_xml_error(response, 400)
    assert any("malformed XML" in title for title in titles)
    assert _snapshot(api, world) == before


def test_malformed_xml_on_a_json_path_is_400_in_json(api, world) -> None:
    before = _snapshot(api, world)
    response = api.post(f"/api/bookings.json?schedule_id={ROOMS}", data=b"<booking><start>", headers=XML)
    _assert_json_error(response, 400)
    assert _snapshot(api, world) == before


def test_billion_laughs_is_refused_quickly(api, world) -> None:
    before = _snapshot(api, world)
    started = time.perf_counter()
    response = api.post(f"/api/bookings.xml?schedule_id={ROOMS}", data=BILLION_LAUGHS, headers=XML)
    elapsed = time.perf_counter() - started
    _assert_xml_error(response, 400)
    assert elapsed < 1.0
    assert len(response.data) < 1000
    assert b"lollol" not in response.data
    assert _snapshot(api, world) == before


@pytest.mark.parametrize("body", list(XXE_DOCUMENTS.values()), ids=list(XXE_DOCUMENTS))
def test_external_entities_are_refused_and_never_read(api, world, body: bytes) -> None:
    before = _snapshot(api, world)
    for path in (f"/api/bookings/{ALICE_ROOM_1}.xml", f"/api/bookings.xml?schedule_id={ROOMS}"):
        method = "PUT" if "?" not in path else "POST"
        response = api(method, path, data=body, headers=XML)
        _assert_xml_error(response, 400)
        assert b"root:" not in response.data
    assert _snapshot(api, world) == before
    assert b"root:" not in api.get(f"/api/bookings/{ALICE_ROOM_1}.xml").data


def test_xml_user_with_unknown_element_is_400_for_user(api, world) -> None:
    before = _snapshot(api, world)
    response = api.post("/api/users.xml", data=b"<user><name>x@y.org</name><shoe-size>9</shoe-size></user>",
                        headers=XML)  # fmt: skip
    assert "Bad request: unknown attribute 'shoe_size' for User." in _assert_xml_error(response, 400)
    assert _snapshot(api, world) == before


# --- ids, schedules, paths, methods, sizes ------------------------------------------------------


@pytest.mark.parametrize("ref", ["abc", "12abc", "0x10", "%20", "5000001abc"])
def test_non_numeric_booking_ids_are_404(api, ref: str) -> None:
    _assert_json_error(api.get(f"/api/bookings/{ref}.json"), 404)
    _assert_json_error(api.get(f"/api/bookings/{ref}"), 404)


def test_booking_id_with_a_dot_is_an_unknown_path(api) -> None:
    _assert_json_error(api.get(f"/api/bookings/{ALICE_ROOM_1}.5.json"), 404)
    _assert_json_error(api.get(f"/api/bookings/{ALICE_ROOM_1}.yaml"), 404)


@pytest.mark.parametrize("ref", ["abc", "alice@example", "fk1001", "1001f"])
def test_non_numeric_user_ids_are_404(api, ref: str) -> None:
    _assert_json_error(api.get(f"/api/users/{ref}.json"), 404, "User not found")


@pytest.mark.parametrize("schedule_id", [str(UNKNOWN_SCHEDULE), "rooms", "", "-1"])
def test_listing_an_unknown_schedule_is_404(api, schedule_id: str) -> None:
    _assert_json_error(api.get(f"/api/bookings.json?schedule_id={schedule_id}"), 404, "Schedule not found")


def test_reading_a_booking_through_an_unknown_schedule_is_404(api) -> None:
    _assert_json_error(api.get(f"/api/bookings/{ALICE_ROOM_1}.json?schedule_id={UNKNOWN_SCHEDULE}"), 404)
    _assert_json_error(api.get(f"/api/bookings/{ALICE_ROOM_1}.json?schedule_id={CLASSES}"), 404)


@pytest.mark.parametrize(
    ("query", "field"), [("limit=abc", "limit"), ("limit=0", "limit"), ("offset=-1", "offset"),
                         ("start=soon", "start"), ("finish=2030-13-01", "finish")])  # fmt: skip
def test_bad_list_parameters_are_422(api, query: str, field: str) -> None:
    titles = _assert_json_error(api.get(f"/api/bookings.json?schedule_id={ROOMS}&{query}"), 422)
    assert any(title.startswith(field) for title in titles)


@pytest.mark.parametrize("path", ["/api/nothing", "/api/nothing.json", "/api/bookings/1/2", "/api"])
def test_unknown_path_is_a_404_error_document(api, path: str) -> None:
    [title] = _assert_json_error(api.get(path), 404)
    assert title.startswith(f"Not found: no API path GET {path}")


def test_a_mistyped_path_names_the_closest_routes(api) -> None:
    [title] = _assert_json_error(api.get("/api/bokings.json"), 404)
    hint = title.split("; closest: ", 1)[1]
    assert hint.startswith("GET POST /api/bookings")


def test_unknown_xml_path_is_a_404_xml_error_document(api) -> None:
    _assert_xml_error(api.get("/api/nothing.xml"), 404)


def test_unknown_path_without_credentials_is_still_404(api) -> None:
    _assert_json_error(api.get("/api/nothing", auth=None), 404)


def test_patch_is_405_with_allow_header(api) -> None:
    response = api("PATCH", f"/api/users/{ALICE}.json", json={"user": {"full_name": "X"}})
    _assert_json_error(response, 405)
    allowed = {method.strip() for method in response.headers["Allow"].split(",")}
    assert {"GET", "PUT", "DELETE", "POST"} <= allowed
    assert "PATCH" not in allowed


def test_body_over_one_mebibyte_is_413_and_changes_nothing(api, world) -> None:
    before = _snapshot(api, world)
    big = json.dumps({"booking": {"full_name": "x" * (1 << 20)}}).encode()
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.json", data=big, headers=JSON)
    _assert_json_error(response, 413)
    assert _snapshot(api, world) == before


def test_body_just_under_one_mebibyte_is_accepted(api) -> None:
    name = "y" * ((1 << 20) - 100)
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.json", json={"booking": {"full_name": name}})
    assert response.status_code == 200
    assert api.get(f"/api/bookings/{ALICE_ROOM_1}.json").get_json()["full_name"] == name


@pytest.mark.parametrize(("opening", "closing"), [(b"[", b"]"), (b'{"a":', b"}")], ids=["arrays", "objects"])
def test_deeply_nested_json_is_400_not_500(api, world, opening: bytes, closing: bytes) -> None:
    before = _snapshot(api, world)
    body = opening * 100_000 + b"1" + closing * 100_000
    response = api.post("/api/bookings.json", data=body, headers=JSON)
    _assert_json_error(response, 400)
    assert _snapshot(api, world) == before


def test_deeply_nested_xml_is_400_not_500(api, world) -> None:
    before = _snapshot(api, world)
    body = b"<booking>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</booking>"
    response = api.post(f"/api/bookings.xml?schedule_id={ROOMS}", data=body, headers=XML)
    _assert_xml_error(response, 400)
    assert _snapshot(api, world) == before


# --- text the output formats cannot carry ---------------------------------------------------------

SURROGATE_BODIES = {
    "lone-high": b'{"booking": {"full_name": "a\\ud800b"}}',
    "lone-low": b'{"booking": {"full_name": "\\udfff"}}',
    "reversed-pair": b'{"booking": {"full_name": "\\udc00\\ud800"}}',
}


@pytest.mark.parametrize("body", list(SURROGATE_BODIES.values()), ids=list(SURROGATE_BODIES))
def test_unpaired_surrogate_escape_never_leaves_an_unreadable_booking(api, body: bytes) -> None:
    # JSON allows "\ud800" as an escape, but no UTF-8 output can carry it: the write must be
    # refused, or stored in a form that every later read can still render.
    response = api.put(ONE, data=body, headers=JSON)
    if response.status_code != 200:
        _assert_json_error(response, 400)
    for path in (ONE, f"/api/bookings/{ALICE_ROOM_1}.xml", f"/api/bookings.json?schedule_id={ROOMS}"):
        read = api.get(path)
        assert read.status_code == 200, (path, read.data)


def test_unpaired_surrogate_escape_never_leaves_an_unreadable_user(api) -> None:
    response = api.put(f"/api/users/{BOB}.json", data=b'{"user": {"full_name": "\\ud83d"}}', headers=JSON)
    if response.status_code != 200:
        _assert_json_error(response, 400)
    for path in (f"/api/users/{BOB}.json", f"/api/users/{BOB}.xml", "/api/users.json"):
        read = api.get(path)
        assert read.status_code == 200, (path, read.data)


def test_unpaired_surrogate_in_an_attribute_name_is_a_400_error_document(api, world) -> None:
    before = _snapshot(api, world)
    response = api.put(ONE, data=b'{"booking": {"bad\\udfff": 1}}', headers=JSON)
    _assert_json_error(response, 400)
    assert _snapshot(api, world) == before


# --- properties ---------------------------------------------------------------------------------

# Any code point, unpaired surrogates included: a JSON body can carry them as "\\ud800" escapes.
any_text = st.text(max_size=20) | st.lists(
    st.characters() | st.sampled_from(["\ud800", "\udfff"]), max_size=8
).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)
attribute_names = st.sampled_from(sorted(BOOKING_WRITABLE | BOOKING_READ_ONLY)) | any_text
attribute_values = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | any_text
    | st.sampled_from(["2030-02-01 10:00", "Room 2", "NL", "a@b.org", str(ALICE), ""])
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(st.text(max_size=4), st.integers(), max_size=2)
)
# Starting points that a create accepts as they are, so examples also get past validation.
valid_bookings = st.sampled_from([
    {"start": "2030-02-01 10:00", "finish": "2030-02-01 11:00"},
    {"start": "2030-2-3 9:0:00", "finish": "2030-02-03 17:30:00", "resource_id": "Room 2"},
    {"slot_id": YOGA_TOMORROW},
    {"start": f"{TOMORROW} 09:00"},
])  # fmt: skip
plausible_changes = st.fixed_dictionaries({}, optional={
    "start": st.sampled_from(["2030-02-01 10:00", "2030-02-01 11:00:00", "2030-2-1 12:0", f"{TOMORROW} 18"]),
    "finish": st.sampled_from(["2030-02-01 12:00", "2030-02-01 09:00", "2030-02-01"]),
    "slot_id": st.sampled_from([YOGA_TOMORROW, SPINNING_TOMORROW, str(YOGA_TOMORROW), 1]),
    "resource_id": st.sampled_from([ROOM_1, ROOM_2, "Room 2", "room 1", "Room 9"]),
    "email": st.sampled_from(["a@b.org", "not-an-address"]),
    "country": st.sampled_from(["NL", "gb", "XX", "Netherlands"]),
    "full_name": any_text,
})  # fmt: skip
booking_attributes = st.builds(
    lambda base, changes, extra: {**base, **changes, **extra},
    valid_bookings,
    plausible_changes,
    st.dictionaries(attribute_names, attribute_values, max_size=2),
)
# The app fixture is shared by the examples of one test: only statuses and shapes are asserted.
_settings = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _assert_well_formed(response: Any) -> None:
    event(f"status {response.status_code}")
    assert response.status_code in (201, 400, 404, 422), response.data
    if response.status_code == 201:
        assert response.data == b""
        id_from_location(response.headers["location"])
    else:
        _assert_json_error(response, response.status_code)


@_settings
@given(body=json_values)
def test_any_json_body_gets_a_well_formed_answer_never_500(api, body: Any) -> None:
    response = api.post("/api/bookings.json", data=json.dumps(body).encode(), headers=JSON)
    _assert_well_formed(response)


@_settings
@given(
    schedule_id=st.sampled_from([ROOMS, CLASSES, UNKNOWN_SCHEDULE, str(ROOMS), "x"]),
    booking=booking_attributes,
    user_id=st.none() | st.sampled_from([ALICE, BOB, "1001fk", 42, "x"]),
)
def test_any_booking_attributes_get_a_well_formed_answer_never_500(
    api, schedule_id: object, booking: dict[str, Any], user_id: object
) -> None:
    body: dict[str, Any] = {"schedule_id": schedule_id, "booking": booking}
    if user_id is not None:
        body["user_id"] = user_id
    _assert_well_formed(api.post("/api/bookings.json", data=json.dumps(body).encode(), headers=JSON))


HUGE = "9" * 5000  # past the 4,300 digits Python converts to an int
HUGE_NUMBER_PATHS = [
    f"/api/bookings/{HUGE}.json",
    f"/api/bookings.json?schedule_id={HUGE}",
    f"/api/bookings.json?schedule_id=100001&limit={HUGE}",
    f"/api/bookings.json?schedule_id=100001&offset={HUGE}",
    f"/api/users/{HUGE}.json",
    f"/api/users/{HUGE}fk.json",
    f"/api/users.json?limit={HUGE}",
    "/api/free/100001.json?length=10000000000000",
    "/api/free/100001.json?from=9999-12-31%2023:59:00",
    "/api/free/100002.json?from=9999-12-31%2023:59:00",
    f"/api/free/100001.json?maxresults={2**63}",
    f"/api/free/100001.json?maxresults={HUGE}",
    f"/api/free/100001.json?resource={HUGE}",
    f"/api/agenda/{HUGE}.json?user=1",
    f"/api/agenda.json?user={HUGE}",
    f"/api/changes/100001.json?limit={HUGE}",
    f"/api/changes/100001.json?offset={2**70}",
    f"/api/range/100001.json?limit={2**64}",
    f"/api/range/100001.json?resource_id={HUGE}",
    "/api/range/100001.json?from=0001-01-01%2000:00:00&to=9999-12-31%2023:59:59",
    f"/api/resources.json?schedule_id={HUGE}",
    f"/api/forms.json?form_id={HUGE}",
    f"/api/forms.json?id={HUGE}",
    f"/api/promotions.json?limit={HUGE}",
]


@pytest.mark.parametrize("path", HUGE_NUMBER_PATHS, ids=range(len(HUGE_NUMBER_PATHS)))
def test_huge_or_odd_numbers_get_an_answer_never_a_500(api, path: str) -> None:
    answer = api.get(path)
    assert answer.status_code < 500, answer.data[:200]
    if answer.status_code >= 400:
        assert answer.get_json()["errors"], answer.data[:200]


def test_a_huge_id_in_a_booking_is_refused_and_changes_nothing(api, world) -> None:
    before = _snapshot(api, world)
    body = {"schedule_id": 100001, "booking": {"start": "2030-02-01 10:00", "finish": "2030-02-01 11:00"}}
    for changed in (
        {**body, "schedule_id": int(HUGE[:4000])},
        {**body, "booking": {**body["booking"], "resource_id": HUGE}},
    ):
        answer = api.post("/api/bookings.json", json=changed)
        assert 400 <= answer.status_code < 500
    assert _snapshot(api, world) == before
