"""The examples of the SuperSaaS API documentation (seeds 001, English, and 002, Japanese), each
sent as written and pinned to what the documentation says comes back."""

from __future__ import annotations

import hashlib
from typing import Any

from lxml import etree

from fakesaas.core.world import World
from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_NAME,
    ALICE_ROOM_1,
    BOB_ROOM_2,
    CAROL_ROOM_1,
    NEXT_BOOKING_ID,
    PASSWORD,
    ROOM_1,
    ROOM_2,
    ROOMS,
    TOMORROW,
    error_titles,
    id_from_location,
    supersaas_state,
)

XML = {"Content-Type": "application/xml"}


def _illustrative(finish: str) -> dict[str, str]:
    return {
        "schedule_id": str(ROOMS),
        "password": PASSWORD,  # as the docs send it: no account; the schedule names it
        "booking[start]": "2014-10-10 12:00",
        "booking[finish]": finish,
        "booking[full_name]": "Test",
    }


def _xml(response: Any) -> etree._Element:
    assert response.headers["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.data)


def _count_bookings(api: Api) -> int:
    return len(api.get(f"/api/bookings.json?schedule_id={ROOMS}&limit=1000").get_json())


# --- Create ------------------------------------------------------------------------------------


def test_illustrative_create_as_written_is_refused_because_finish_equals_start(api) -> None:
    # "To create an appointment in the schedule with ID 123 you would send the following HTTP POST
    # request (the values still need to be URI encoded)
    # http://www.supersaas.com/api/bookings?schedule_id=123&password=secret&booking[start]=2014-10-10 12:00
    # &booking[finish]=2014-10-10 12:00&booking[full_name]=Test"
    # As written the appointment ends when it starts; "If the object did not pass validation ... then
    # status 422 ("Unprocessable Entity") will be returned, with the body of the response containing
    # the error messages."
    before = _count_bookings(api)
    response = api.post("/api/bookings", auth=None, query_string=_illustrative("2014-10-10 12:00"))
    assert response.status_code == 422
    assert error_titles(response.get_json()) == ["Finish must be after start"]
    assert _count_bookings(api) == before


def test_illustrative_create_with_a_later_finish_is_created(api) -> None:
    # "If the record has been created correctly the response will be a header with status code 201
    # ("Created"). The Location field of the response header will contain the URL that you can use to
    # update the appointment later". The path has no extension, so the answer is JSON.
    response = api.post("/api/bookings", auth=None, query_string=_illustrative("2014-10-10 13:00"))
    assert (response.status_code, response.data) == (201, b"")
    assert response.headers["location"].endswith(f"/api/bookings/{NEXT_BOOKING_ID}.json")
    booking = api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").get_json()
    assert (booking["start"], booking["finish"], booking["full_name"]) == (
        "2014-10-10 12:00:00",
        "2014-10-10 13:00:00",
        "Test",
    )


def test_create_on_an_unknown_schedule_is_404_and_wrong_password_403(api) -> None:
    # "The response will be a 404 ("Not Found") if the schedule doesn't exist and a 403 ("Not
    # authorized") if the password or checksum is incorrect."
    unknown = {**_illustrative("2014-10-10 13:00"), "schedule_id": "123"}
    assert api.post("/api/bookings", auth=None, query_string=unknown).status_code == 404
    wrong = {**_illustrative("2014-10-10 13:00"), "password": "secret"}
    assert api.post("/api/bookings", auth=None, query_string=wrong).status_code == 403
    bad_checksum = {k: v for k, v in _illustrative("2014-10-10 13:00").items() if k != "password"}
    bad_checksum.update(user=ALICE_NAME, checksum="0123456789abcdef0123456789abcdef")
    assert api.post("/api/bookings", auth=None, query_string=bad_checksum).status_code == 403
    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").status_code == 404


def test_create_with_an_invalid_email_is_422_with_the_messages_in_the_body(api) -> None:
    # "If the object did not pass validation, for example due to an invalid e-mail address, then
    # status 422 ("Unprocessable Entity") will be returned, with the body of the response containing
    # the error messages."
    query = {**_illustrative("2014-10-10 13:00"), "booking[email]": "not an address"}
    response = api.post("/api/bookings.xml", auth=None, query_string=query)
    assert response.status_code == 422
    assert _xml(response).findtext("error/title") == "Email is invalid"


def test_create_from_an_xml_document_answers_an_xml_location(api) -> None:
    # "The request should either contain an XML document describing the new user, or have the fields
    # as URI encoded parameters." ... "e.g.: Location: http://www.supersaas.com/api/bookings/1234.xml"
    # "Note that in XML messages the underscores are replaced with dashes."
    body = (
        f"<booking><start>{TOMORROW} 16:00</start><finish>{TOMORROW} 17:00</finish>"
        "<full-name>Xml Test</full-name><resource-id>Room 2</resource-id></booking>"
    )
    response = api.post(f"/api/bookings.xml?schedule_id={ROOMS}", data=body, headers=XML)
    assert (response.status_code, response.data) == (201, b"")
    assert response.headers["location"].endswith(f"/api/bookings/{NEXT_BOOKING_ID}.xml")
    # "If you want to update the booking via the API later then you need to extract the ID (1234) of
    # the created object from this URL."
    booking_id = id_from_location(response.headers["location"])
    stored = api.get(f"/api/bookings/{booking_id}.json").get_json()
    assert (stored["full_name"], stored["res_name"], stored["start"]) == (
        "Xml Test",
        "Room 2",
        f"{TOMORROW} 16:00:00",
    )


def test_resource_may_be_named_instead_of_given_by_id(api) -> None:
    # "booking[resource_id] (Resource schedule only, optional) If the schedule has more than one
    # resource you can indicate which one. If you don't know the id you can pass the name instead"
    by_name = {**_illustrative("2014-10-10 13:00"), "booking[resource_id]": "Room 2"}
    by_id = {**_illustrative("2014-10-10 13:00"), "booking[resource_id]": str(ROOM_2)}
    first = api.post("/api/bookings", auth=None, query_string=by_name)
    second = api.post("/api/bookings", auth=None, query_string=by_id)
    assert first.status_code == 201
    assert (
        api.get(f"/api/bookings/{id_from_location(first.headers['location'])}.json").get_json()["resource_id"]
        == ROOM_2
    )
    # Room 2 is now taken at that time, whichever way it is named.
    assert second.status_code == 422


def test_country_is_a_two_letter_iso_code_or_absent(api) -> None:
    # "booking[country] Either not present or a two character ISO 3166-1 country code"
    good = {**_illustrative("2014-10-10 13:00"), "booking[country]": "DE"}
    bad = {**_illustrative("2014-10-10 15:00"), "booking[country]": "Germany"}
    assert api.post("/api/bookings", auth=None, query_string=good).status_code == 201
    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").get_json()["country"] == "DE"
    response = api.post("/api/bookings", auth=None, query_string=bad)
    assert response.status_code == 422
    assert error_titles(response.get_json()) == ["Country is not a two letter ISO 3166-1 country code"]
    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID + 1}.json").status_code == 404


# --- Read ---------------------------------------------------------------------------------------


def test_read_one_appointment_as_xml(api) -> None:
    # "GET /api/bookings/{id}.xml?schedule_id={schedule_id} If the booking exists and the
    # authorization is correct then the response will be a 200 ("OK") with the response body
    # containing an XML document describing the appointment. <booking> ... </booking>"
    response = api.get(f"/api/bookings/{ALICE_ROOM_1}.xml?schedule_id={ROOMS}")
    assert response.status_code == 200
    booking = _xml(response)
    assert booking.tag == "booking"
    # "When reading data the retrieved XML document will contain the following fields in addition
    # to the ones listed above: id, created-on, updated-on, created-by, updated-by, user-id, status,
    # price, res-name"
    documented = ("id", "created-on", "updated-on", "created-by", "updated-by", "user-id", "status", "price")
    for name in (*documented, "res-name", "start", "finish", "full-name", "field-1-r"):
        assert booking.find(name) is not None, name
    assert booking.findtext("id") == str(ALICE_ROOM_1)
    assert booking.findtext("user-id") == str(ALICE)
    assert booking.findtext("res-name") == "Room 1"
    assert booking.findtext("field-1-r") == "Project kick-off"
    # "The time this appointment was created in UTC"; "All times are returned in local time and in
    # the format "YYYY-MM-DD HH:MM:SS"": the start is Amsterdam time, created-on is UTC.
    assert booking.findtext("created-on") == "2030-01-07 08:00:00"
    assert booking.findtext("start") == f"{TOMORROW} 10:00:00"
    assert not any("_" in element.tag for element in booking.iter())


def test_next_upcoming_appointment_with_start_and_limit_one(api) -> None:
    # "on a resource type schedule you can pass a start parameter to only show results past that
    # time. This allows you to retrieve the next upcoming appointment with a request like
    # "/api/bookings?schedule_id=123&start=2014-10-10&limit=1"."
    first = api.get(f"/api/bookings?schedule_id={ROOMS}&start={TOMORROW}&limit=1").get_json()
    assert [b["id"] for b in first] == [ALICE_ROOM_1]
    after_alice = api.get(f"/api/bookings?schedule_id={ROOMS}&start={TOMORROW} 10:30&limit=1").get_json()
    assert [b["id"] for b in after_alice] == [BOB_ROOM_2]
    all_from_tomorrow = api.get(f"/api/bookings?schedule_id={ROOMS}&start={TOMORROW}").get_json()
    assert [b["id"] for b in all_from_tomorrow] == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_read_multiple_appointments_as_xml_is_a_bookings_document(api) -> None:
    # "<bookings> <booking> ... </booking> <booking> ... </booking> </bookings>"
    root = _xml(api.get(f"/api/bookings.xml?schedule_id={ROOMS}"))
    assert root.tag == "bookings"
    assert [b.findtext("id") for b in root.findall("booking")] == [
        str(ALICE_ROOM_1),
        str(BOB_ROOM_2),
        str(CAROL_ROOM_1),
    ]


def test_users_are_limited_to_100_unless_a_limit_is_given(api) -> None:
    # 002: 'あなたが"/api/users?limit=500"のようなリミットパラメーターを追加しない限り、
    # 記録数は100に限られます。'
    # (The number of records is limited to 100 unless you add a limit parameter such as
    # "/api/users?limit=500".)
    for number in range(105):
        assert (
            api.post("/api/users.json", json={"user": {"name": f"user{number}@example.com"}}).status_code
            == 201
        )
    default = api.get("/api/users").get_json()
    everyone = api.get("/api/users?limit=500").get_json()
    assert len(default) == 100
    assert len(everyone) == 108
    assert [u["id"] for u in everyone[:100]] == [u["id"] for u in default]
    assert len({u["id"] for u in everyone}) == 108
    assert [u["id"] for u in api.get("/api/users?limit=500&offset=100").get_json()] == [
        u["id"] for u in everyone[100:]
    ]


def test_bookings_are_limited_to_100_unless_a_limit_is_given(api) -> None:
    for day in range(98):
        start = f"2031-{1 + day // 28:02d}-{1 + day % 28:02d}"
        body = {"schedule_id": ROOMS, "booking": {"start": f"{start} 09:00", "finish": f"{start} 10:00"}}
        assert api.post("/api/bookings.json", json=body).status_code == 201
    assert len(api.get(f"/api/bookings?schedule_id={ROOMS}").get_json()) == 100
    assert len(api.get(f"/api/bookings?schedule_id={ROOMS}&limit=500").get_json()) == 101


# --- Update -------------------------------------------------------------------------------------


def test_update_with_put_and_an_xml_document(api) -> None:
    # "PUT /api/bookings/{id}.xml The system looks for the record with the given ID and updates it.
    # Similar to the "create" API you can either provide an XML document or URI encoded parameters.
    # The result will be an empty response with a 200 ("OK")"
    body = "<booking><full-name>Alice Updated</full-name><phone>+31 20 000 0000</phone></booking>"
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.xml?schedule_id={ROOMS}", data=body, headers=XML)
    assert (response.status_code, response.data) == (200, b"")
    booking = _xml(api.get(f"/api/bookings/{ALICE_ROOM_1}.xml"))
    assert (booking.findtext("full-name"), booking.findtext("phone")) == ("Alice Updated", "+31 20 000 0000")


def test_update_with_uri_encoded_parameters(api) -> None:
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.xml", query_string={"booking[full_name]": "By Params"})
    assert (response.status_code, response.data) == (200, b"")
    assert api.get(f"/api/bookings/{ALICE_ROOM_1}.json").get_json()["full_name"] == "By Params"


def test_update_with_post_instead_of_put(api) -> None:
    # "If the software you are using does not support sending of the HTTP PUT verb then you can
    # simply do a regular POST instead."
    body = "<booking><full-name>Posted</full-name></booking>"
    response = api.post(f"/api/bookings/{ALICE_ROOM_1}.xml", data=body, headers=XML)
    assert (response.status_code, response.data) == (200, b"")
    assert api.get(f"/api/bookings/{ALICE_ROOM_1}.json").get_json()["full_name"] == "Posted"
    assert _count_bookings(api) == 3


def test_update_with_invalid_fields_is_422_with_an_xml_error_document(api) -> None:
    # "If the object contains invalid fields the response will be a 422 ("Unprocessable Entity")
    # with an XML error document."
    before = api.get(f"/api/bookings/{ALICE_ROOM_1}.json").get_json()
    body = "<booking><email>nobody</email><full-name>Never stored</full-name></booking>"
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.xml", data=body, headers=XML)
    assert response.status_code == 422
    errors = _xml(response)
    assert errors.tag == "errors"
    assert errors.findtext("error/status") == "422"
    assert errors.findtext("error/title") == "Email is invalid"
    assert api.get(f"/api/bookings/{ALICE_ROOM_1}.json").get_json() == before


def test_update_of_a_deleted_appointment_is_404(api) -> None:
    # "or a 404 ("Not Found") if the ID is not found, perhaps because the appointment has been deleted."
    assert api.delete(f"/api/bookings/{ALICE_ROOM_1}.xml").status_code == 200
    body = "<booking><full-name>Too late</full-name></booking>"
    response = api.put(f"/api/bookings/{ALICE_ROOM_1}.xml", data=body, headers=XML)
    assert response.status_code == 404
    assert _xml(response).findtext("error/status") == "404"


# --- Delete -------------------------------------------------------------------------------------


def test_delete_answers_200_then_404_once_gone(api) -> None:
    # "DELETE /api/bookings/{id}.xml The system will look for the ID in the database and return a
    # 200 ("OK") if the record was deleted successfully, or a 404 ("Not found") if it (no longer) exists."
    first = api.delete(f"/api/bookings/{BOB_ROOM_2}.xml")
    second = api.delete(f"/api/bookings/{BOB_ROOM_2}.xml")
    assert (first.status_code, first.data) == (200, b"")
    assert second.status_code == 404
    assert api.get(f"/api/bookings/{BOB_ROOM_2}.xml").status_code == 404
    assert _count_bookings(api) == 2


def test_delete_with_post_and_method_parameter(api) -> None:
    # "If the software you are using is not able to send the HTTP DELETE verb then you can also do a
    # POST with the extra parameter "_method=DELETE""
    response = api.post(f"/api/bookings/{CAROL_ROOM_1}.xml", data={"_method": "DELETE"})
    assert (response.status_code, response.data) == (200, b"")
    assert api.get(f"/api/bookings/{CAROL_ROOM_1}.json").status_code == 404
    assert api.post(f"/api/bookings/{CAROL_ROOM_1}.xml?_method=DELETE").status_code == 404


def test_deleted_time_can_be_booked_again(api) -> None:
    assert api.delete(f"/api/bookings/{ALICE_ROOM_1}.json").status_code == 200
    booking = {"start": f"{TOMORROW} 10:00", "finish": f"{TOMORROW} 11:00", "resource_id": ROOM_1}
    body = {"schedule_id": ROOMS, "booking": booking}
    assert api.post("/api/bookings.json", json=body).status_code == 201


# --- Checksum -----------------------------------------------------------------------------------


def test_checksum_is_md5_of_account_name_password_and_user_name(api, world: World) -> None:
    # "PHP: $user = 'user_name@client.com';$checksum = md5("Your_account_nameYour_account_password$user")"
    # "You can use the checksum authentication mentioned above if you want to create an appointment
    # from a client-side script inside a browser."
    digest = hashlib.md5(f"{ACCOUNT}{PASSWORD}{ALICE_NAME}".encode()).hexdigest()
    query = {**_illustrative("2014-10-10 13:00"), "user": ALICE_NAME, "checksum": digest}
    del query["password"]
    response = api.post("/api/bookings", auth=None, query_string=query)
    assert response.status_code == 201
    booking = api.get(f"/api/bookings/{id_from_location(response.headers['location'])}.json").get_json()
    assert (booking["user_id"], booking["full_name"]) == (ALICE, "Test")
    # "Because the checksum includes the visitor's name it is different for every visitor": the same
    # digest with another user name is refused.
    query["user"] = "bob@example.com"
    assert api.post("/api/bookings", auth=None, query_string=query).status_code == 403
    assert len(supersaas_state(world).account(ACCOUNT).bookings) == NEXT_BOOKING_ID - 5000001 + 1
