"""The information, form and promotion APIs over HTTP: resources, field lists, groups, super
forms, filled-in forms, coupon codes, and the forms attached to bookings and users."""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_INTAKE_FORM,
    ALICE_NAME,
    ALICE_ROOM_1,
    ALICE_SPINNING,
    ALICE_YOGA,
    BOB,
    BOB_INTAKE_FORM,
    BOB_NAME,
    CAROL,
    CAROL_FEEDBACK_FORM,
    CLASSES,
    FEEDBACK,
    INTAKE,
    PASSWORD,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    WORKSHOPS,
    checksum,
    error_titles,
)

WELCOME10, SPRING25, TEMPLATE50 = 470001, 470002, 470003
DEMO_CODES = ["WELCOME10", "SPRING25", "TEMPLATE50"]
FORM_CHECKSUM = {"account": ACCOUNT, "checksum": checksum("")}  # md5(account + api_key), no user


def assert_error(response: Any, status: int) -> None:
    assert response.status_code == status
    body = response.get_json()
    assert body["errors"][0]["status"] == str(status)
    assert body["errors"][0]["title"]


def codes(api: Api) -> list[str]:
    response = api.get("/api/promotions.json?limit=500")
    assert response.status_code == 200
    return [promotion["code"] for promotion in response.get_json()]


# --- resources ------------------------------------------------------------------------------


def test_resources_of_a_resource_schedule(api) -> None:
    response = api.get(f"/api/resources.json?schedule_id={ROOMS}")
    assert response.status_code == 200
    assert response.get_json() == [{"id": ROOM_1, "name": "Room 1"}, {"id": ROOM_2, "name": "Room 2"}]


def test_resources_of_a_service_schedule_are_its_services(api) -> None:
    body = api.get(f"/api/resources.json?schedule_id={SERVICES}").get_json()
    assert [item["name"] for item in body] == ["Haircut", "Colouring"]
    assert all(isinstance(item["id"], int) for item in body)
    assert len({item["id"] for item in body}) == 2


def test_resources_in_xml(api) -> None:
    root = etree.fromstring(api.get(f"/api/resources.xml?schedule_id={ROOMS}").data)
    assert root.tag == "resources"
    assert [(r.findtext("id"), r.findtext("name")) for r in root.findall("resource")] == [
        (str(ROOM_1), "Room 1"),
        (str(ROOM_2), "Room 2"),
    ]


def test_resources_of_a_capacity_schedule_are_405_with_an_error_document(api) -> None:
    # The docs: "It is not possible to use this API on a Capacity schedule."
    for schedule in (CLASSES, WORKSHOPS):
        response = api.get(f"/api/resources.json?schedule_id={schedule}")
        assert_error(response, 405)
        assert response.headers["Content-Type"].startswith("application/json")


def test_resources_of_an_unknown_or_missing_schedule_are_404(api) -> None:
    assert_error(api.get("/api/resources.json?schedule_id=199999"), 404)
    assert_error(api.get("/api/resources.json"), 404)
    assert_error(api.get("/api/resources.json?schedule_id=rooms"), 404)


def test_resources_need_the_administrator(api) -> None:
    query = {"account": ACCOUNT, "user": ALICE_NAME, "checksum": checksum(ALICE_NAME), "schedule_id": ROOMS}
    assert_error(api.get("/api/resources.json", auth=None, query_string=query), 403)


# --- field_list -----------------------------------------------------------------------------


def _assert_specs_are_json_strings(fields: list[dict[str, Any]]) -> None:
    for field in fields:
        assert set(field) == {"name", "type", "label", "advanced", "spec"}
        if field["spec"] is not None:
            assert field["spec"], field["name"]
            for choice in field["spec"]:
                # Ruby's and PHP's SDKs JSON-decode every element.
                assert isinstance(choice, str), field["name"]
                decoded = json.loads(choice)
                assert isinstance(decoded, list)
                assert len(decoded) == 2


def test_field_list_of_a_schedule_describes_its_booking_fields(api) -> None:
    fields = api.get(f"/api/field_list.json?schedule_id={ROOMS}").get_json()
    by_name = {field["name"]: field for field in fields}
    assert {"start", "finish", "resource_id", "full_name", "email"} <= set(by_name)
    assert [json.loads(choice) for choice in by_name["resource_id"]["spec"]] == [
        [ROOM_1, "Room 1"],
        [ROOM_2, "Room 2"],
    ]
    assert by_name["start"]["spec"] is None
    assert by_name["full_name"]["advanced"] is False
    _assert_specs_are_json_strings(fields)


def test_field_list_of_a_capacity_schedule_asks_for_a_slot(api) -> None:
    names = [field["name"] for field in api.get(f"/api/field_list.json?schedule_id={CLASSES}").get_json()]
    assert "slot_id" in names
    assert "resource_id" not in names


def test_field_list_without_a_schedule_describes_the_user(api) -> None:
    fields = api.get("/api/field_list.json").get_json()
    by_name = {field["name"]: field for field in fields}
    assert {"name", "email", "full_name", "role", "group"} <= set(by_name)
    assert [json.loads(choice) for choice in by_name["group"]["spec"]] == [
        [400001, "Members"],
        [400002, "Staff"],
    ]
    assert [json.loads(choice)[0] for choice in by_name["role"]["spec"]] == [3, 4, -1]
    assert ["NL", "NL"] in [json.loads(choice) for choice in by_name["country"]["spec"]]
    _assert_specs_are_json_strings(fields)


def test_field_list_of_an_unknown_schedule_is_404(api) -> None:
    assert_error(api.get("/api/field_list.json?schedule_id=199999"), 404)


# --- groups and super forms -----------------------------------------------------------------


def test_groups_list_id_and_name(api) -> None:
    assert api.get("/api/groups.json").get_json() == [
        {"id": 400001, "name": "Members"},
        {"id": 400002, "name": "Staff"},
    ]
    root = etree.fromstring(api.get("/api/groups.xml").data)
    assert [g.findtext("name") for g in root.findall("group")] == ["Members", "Staff"]


def test_super_forms_list_id_and_name(api) -> None:
    assert api.get("/api/super_forms.json").get_json() == [
        {"id": INTAKE, "name": "Intake questionnaire"},
        {"id": FEEDBACK, "name": "Feedback"},
    ]


# --- forms ----------------------------------------------------------------------------------


def test_forms_of_a_template_are_a_list_oldest_first(api) -> None:
    forms = api.get(f"/api/forms.json?form_id={INTAKE}").get_json()
    assert [form["id"] for form in forms] == [ALICE_INTAKE_FORM, BOB_INTAKE_FORM]
    alice = forms[0]
    assert alice == {
        "id": ALICE_INTAKE_FORM,
        "super_form_id": INTAKE,
        "user_id": ALICE,
        "reservation_process_id": ALICE_YOGA,
        "content": {"experience": "Beginner", "allergies": "None"},
        "deleted": False,
        "created_on": "2030-01-07 08:00:00",
        "updated_on": "2030-01-07 08:00:00",
    }
    assert forms[1]["reservation_process_id"] is None
    assert [f["id"] for f in api.get(f"/api/forms?form_id={FEEDBACK}").get_json()] == [CAROL_FEEDBACK_FORM]


def test_forms_from_keeps_those_updated_after_that_utc_time(api) -> None:
    for name in ("from", "from_time"):
        before = api.get("/api/forms.json", query_string={"form_id": INTAKE, name: "2030-01-07 07:59:59"})
        assert [f["id"] for f in before.get_json()] == [ALICE_INTAKE_FORM, BOB_INTAKE_FORM], name
        at = api.get("/api/forms.json", query_string={"form_id": INTAKE, name: "2030-01-07 08:00:00"})
        assert at.get_json() == [], name


def test_forms_filtered_by_user(api) -> None:
    for ref in (BOB_NAME, str(BOB)):
        body = api.get("/api/forms.json", query_string={"form_id": INTAKE, "user": ref}).get_json()
        assert [f["id"] for f in body] == [BOB_INTAKE_FORM], ref
    assert api.get(f"/api/forms.json?form_id={FEEDBACK}&user={ALICE}").get_json() == []


def test_forms_limit_and_offset(api) -> None:
    assert [f["id"] for f in api.get(f"/api/forms.json?form_id={INTAKE}&limit=1").get_json()] == [
        ALICE_INTAKE_FORM
    ]
    page = api.get(f"/api/forms.json?form_id={INTAKE}&limit=1&offset=1").get_json()
    assert [f["id"] for f in page] == [BOB_INTAKE_FORM]


def test_form_by_id_is_one_object(api) -> None:
    body = api.get(f"/api/forms.json?id={CAROL_FEEDBACK_FORM}").get_json()
    assert isinstance(body, dict)
    assert (body["id"], body["super_form_id"], body["user_id"]) == (CAROL_FEEDBACK_FORM, FEEDBACK, CAROL)
    assert body["content"] == {"rating": "5", "comments": "Lovely rooms"}
    root = etree.fromstring(api.get(f"/api/forms.xml?id={CAROL_FEEDBACK_FORM}").data)
    assert root.tag == "form"
    assert root.findtext("content/comments") == "Lovely rooms"


def test_unknown_forms_are_404(api) -> None:
    assert_error(api.get("/api/forms.json?id=469999"), 404)
    assert_error(api.get("/api/forms.json?id=abc"), 404)
    assert_error(api.get("/api/forms.json?form_id=459999"), 404)


def test_form_api_checksum_reads_forms_and_super_forms(api) -> None:
    forms = api.get("/api/forms.json", auth=None, query_string={**FORM_CHECKSUM, "form_id": INTAKE})
    assert forms.status_code == 200
    assert [f["id"] for f in forms.get_json()] == [ALICE_INTAKE_FORM, BOB_INTAKE_FORM]
    one = api.get("/api/forms.json", auth=None, query_string={**FORM_CHECKSUM, "id": BOB_INTAKE_FORM})
    assert one.get_json()["id"] == BOB_INTAKE_FORM
    super_forms = api.get("/api/super_forms.json", auth=None, query_string=FORM_CHECKSUM)
    assert [f["id"] for f in super_forms.get_json()] == [INTAKE, FEEDBACK]
    with_password = {"account": ACCOUNT, "checksum": checksum("", secret=PASSWORD)}
    assert api.get("/api/super_forms.json", auth=None, query_string=with_password).status_code == 200


def test_form_api_checksum_reaches_nothing_but_forms(api) -> None:
    assert_error(api.get("/api/users.json", auth=None, query_string=FORM_CHECKSUM), 403)
    assert_error(api.get(f"/api/users/{ALICE}.json", auth=None, query_string=FORM_CHECKSUM), 403)
    assert_error(api.get("/api/groups.json", auth=None, query_string=FORM_CHECKSUM), 403)
    assert_error(api.get("/api/promotions.json", auth=None, query_string=FORM_CHECKSUM), 403)
    query = {**FORM_CHECKSUM, "schedule_id": ROOMS}
    assert_error(api.get("/api/bookings.json", auth=None, query_string=query), 403)


def test_a_wrong_form_api_checksum_is_403(api) -> None:
    wrong = {"account": ACCOUNT, "checksum": checksum("", secret="not-the-key"), "form_id": INTAKE}
    assert_error(api.get("/api/forms.json", auth=None, query_string=wrong), 403)


# --- promotions -----------------------------------------------------------------------------


def test_promotions_list_every_code(api) -> None:
    body = api.get("/api/promotions.json").get_json()
    assert body[0] == {
        "id": WELCOME10,
        "code": "WELCOME10",
        "description": "10% off your first booking",
        "usage": 3,
    }
    assert [p["code"] for p in body] == DEMO_CODES
    assert [p["id"] for p in body] == [WELCOME10, SPRING25, TEMPLATE50]


def test_promotions_limit_and_offset(api) -> None:
    assert [p["code"] for p in api.get("/api/promotions.json?limit=2").get_json()] == DEMO_CODES[:2]
    assert [p["code"] for p in api.get("/api/promotions.json?limit=1&offset=1").get_json()] == ["SPRING25"]
    assert api.get("/api/promotions.json?offset=3").get_json() == []


def test_promotion_code_lookup_answers_an_array_of_one(api) -> None:
    body = api.get("/api/promotions.json?promotion_code=SPRING25").get_json()
    assert body == [{"id": SPRING25, "code": "SPRING25", "description": "25% off in spring", "usage": 0}]


def test_promotion_id_lookup_answers_one_object(api) -> None:
    body = api.get("/api/promotions.json?id=WELCOME10").get_json()
    assert body == {
        "id": WELCOME10,
        "code": "WELCOME10",
        "description": "10% off your first booking",
        "usage": 3,
    }


def test_unknown_promotion_codes_are_404(api) -> None:
    assert_error(api.get("/api/promotions.json?promotion_code=NOPE1"), 404)
    assert_error(api.get("/api/promotions.json?id=NOPE1"), 404)


def test_duplicating_a_promotion_with_a_json_body_creates_it(api) -> None:
    response = api.post("/api/promotions.json", json={"id": "ONEOFF1", "template_code": "TEMPLATE50"})
    assert (response.status_code, response.data) == (201, b"")
    [created] = api.get("/api/promotions.json?promotion_code=ONEOFF1").get_json()
    # The copy takes the template's characteristics, and has not been used yet.
    assert (created["code"], created["description"], created["usage"]) == (
        "ONEOFF1",
        "50% off (template for one-off codes)",
        0,
    )
    assert codes(api) == [*DEMO_CODES, "ONEOFF1"]


def test_duplicating_a_promotion_with_query_parameters_creates_it(api) -> None:
    # Node's SDK sends both values in the query and no body.
    response = api.post("/api/promotions.json", query_string={"id": "ONEOFF2", "template_code": "WELCOME10"})
    assert response.status_code == 201
    [created] = api.get("/api/promotions.json?promotion_code=ONEOFF2").get_json()
    assert (created["description"], created["usage"]) == ("10% off your first booking", 0)


def test_duplicating_to_an_all_digit_code_sent_as_a_json_number_works(api) -> None:
    response = api.post("/api/promotions.json", json={"id": 12345, "template_code": "SPRING25"})
    assert response.status_code == 201
    assert api.get("/api/promotions.json?promotion_code=12345").get_json()[0]["code"] == "12345"


def test_duplicating_onto_a_taken_code_is_422_and_creates_nothing(api) -> None:
    response = api.post("/api/promotions.json", json={"id": "SPRING25", "template_code": "TEMPLATE50"})
    assert_error(response, 422)
    assert codes(api) == DEMO_CODES
    assert (
        api.get("/api/promotions.json?promotion_code=SPRING25").get_json()[0]["description"]
        == "25% off in spring"
    )


def test_duplicating_an_unknown_template_is_422_and_creates_nothing(api) -> None:
    response = api.post("/api/promotions.json", json={"id": "ONEOFF3", "template_code": "NOSUCH1"})
    assert_error(response, 422)
    assert codes(api) == DEMO_CODES


def test_duplicating_to_a_code_that_is_not_letters_and_digits_is_422(api) -> None:
    for bad in ("one-off", "one off", "", "ünï"):
        response = api.post("/api/promotions.json", json={"id": bad, "template_code": "TEMPLATE50"})
        assert_error(response, 422)
    missing = api.post("/api/promotions.json", json={"template_code": "TEMPLATE50"})
    assert_error(missing, 422)
    assert codes(api) == DEMO_CODES


# --- form=true ------------------------------------------------------------------------------


def test_booking_with_form_true_carries_its_attached_form(api) -> None:
    booking = api.get(f"/api/bookings/{ALICE_YOGA}.json?form=true").get_json()
    assert booking["form_id"] == ALICE_INTAKE_FORM
    assert booking["form"]["id"] == ALICE_INTAKE_FORM
    assert booking["form"]["content"] == {"experience": "Beginner", "allergies": "None"}
    assert booking["form"]["reservation_process_id"] == ALICE_YOGA


def test_booking_without_a_form_shows_form_null_only_when_asked(api) -> None:
    asked = api.get(f"/api/bookings/{ALICE_ROOM_1}.json?form=true").get_json()
    assert asked["form"] is None
    assert asked["form_id"] is None
    assert "form" not in api.get(f"/api/bookings/{ALICE_YOGA}.json").get_json()


def test_booking_list_with_form_true_shows_each_form(api) -> None:
    bookings = api.get(f"/api/bookings.json?schedule_id={CLASSES}&form=true").get_json()
    forms = {booking["id"]: booking["form"] for booking in bookings}
    assert forms[ALICE_YOGA]["id"] == ALICE_INTAKE_FORM
    assert forms[ALICE_SPINNING] is None
    assert all("form" in booking for booking in bookings)


def test_user_with_form_true_carries_its_form(api) -> None:
    carol = api.get(f"/api/users/{CAROL}.json?form=true").get_json()
    assert carol["form"]["id"] == CAROL_FEEDBACK_FORM
    assert carol["form"]["content"] == {"rating": "5", "comments": "Lovely rooms"}
    assert api.get(f"/api/users/{ALICE}.json?form=true").get_json()["form"] is None
    assert "form" not in api.get(f"/api/users/{CAROL}.json").get_json()


def test_user_list_with_form_true_shows_each_form(api) -> None:
    users = {user["id"]: user for user in api.get("/api/users.json?form=true").get_json()}
    assert users[CAROL]["form"]["super_form_id"] == FEEDBACK
    assert users[ALICE]["form"] is None
    assert users[BOB]["form"] is None


def test_form_true_in_xml_nests_the_form(api) -> None:
    root = etree.fromstring(api.get(f"/api/users/{CAROL}.xml?form=true").data)
    assert root.findtext("form/id") == str(CAROL_FEEDBACK_FORM)
    assert root.findtext("form/content/rating") == "5"


def test_unknown_promotion_error_names_the_problem(api) -> None:
    assert error_titles(api.get("/api/promotions.json?id=NOPE1").get_json()) == ["Promotion not found"]


def test_ping_answers_200_for_good_credentials_as_the_n8n_node_checks_them(client) -> None:
    """The n8n node's credential test: GET /api/ping?account=... with ``Authorization: Bearer <key>``."""
    good = client.get("/api/ping?account=demo", headers={"Authorization": "Bearer demo-api-key"})
    assert (good.status_code, good.data) == (200, b"")
    assert client.get("/api/ping?account=demo", headers={"Authorization": "Bearer nope"}).status_code == 403
    assert client.get("/api/ping").status_code == 401
    assert client.get("/api/ping.json", auth=("demo", "demo-api-key")).status_code == 200
