"""The wire: keys, bodies as the SDKs send them, the error envelope, encoded slashes, bad input."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from tests.seatsio.conftest import Api
from tests.seatsio.support import PREFIX, SYSTEM_SECRET, Company, basic, small_theatre


def assert_envelope(answer, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert answer.status_code == status, answer.data
    assert answer.headers["Content-Type"].startswith("application/json")
    body = answer.get_json()
    assert set(body) == {"status", "messages", "errors", "warnings", "requestId"}
    assert body["status"] == status
    assert body["errors"][0]["code"] == code
    assert set(body["errors"][0]) == {"code", "message"}  # no "data": the SDK tests compare errors whole
    assert body["messages"] == [error["message"] for error in body["errors"]]
    assert body["requestId"]
    return body  # type: ignore[no-any-return]


# --- keys --------------------------------------------------------------------------------------
def test_no_key_or_an_unknown_key_is_401_with_an_empty_body(client: FlaskClient) -> None:
    for headers in ({}, basic("no-such-key")):
        answer = client.get(f"{PREFIX}/charts", headers=headers)
        assert answer.status_code == 401
        assert answer.data == b""


def test_the_admin_key_acts_on_the_default_workspace(api: Api, company: Company) -> None:
    token = api.post("/hold-tokens").get_json()
    assert token["workspaceKey"] == company.workspace_key


def test_x_workspace_key_chooses_the_workspace_of_an_admin_key(api: Api) -> None:
    other = api.post("/workspaces", json={"name": "other"}).get_json()
    token = api.post("/hold-tokens", headers={"X-Workspace-Key": other["key"]}).get_json()
    assert token["workspaceKey"] == other["key"]


def test_a_workspace_key_of_another_company_is_401(client: FlaskClient, api: Api) -> None:
    stranger = client.post(
        f"{PREFIX}/system/private/create-test-company", headers=basic(SYSTEM_SECRET)
    ).get_json()
    answer = api.get("/charts", headers={"X-Workspace-Key": stranger["workspace"]["key"]})
    assert answer.status_code == 401


def test_a_workspace_secret_key_acts_on_its_workspace_only(client: FlaskClient, api: Api) -> None:
    other = api.post("/workspaces", json={"name": "other"}).get_json()
    api.post("/charts", json={"name": "in default"})
    answer = client.get(f"{PREFIX}/charts", headers=basic(other["secretKey"]))
    assert answer.status_code == 200
    assert answer.get_json()["items"] == []


def test_a_workspace_secret_key_cannot_manage_workspaces(client: FlaskClient, company: Company) -> None:
    answer = client.get(f"{PREFIX}/workspaces", headers=basic(company.workspace_secret_key))
    assert answer.status_code == 403


def test_an_inactive_workspace_key_is_refused(client: FlaskClient, api: Api) -> None:
    other = api.post("/workspaces", json={"name": "other"}).get_json()
    assert api.post(f"/workspaces/{other['key']}/actions/deactivate").status_code == 204
    assert client.get(f"{PREFIX}/charts", headers=basic(other["secretKey"])).status_code == 403


def test_the_test_company_endpoint_wants_the_system_secret(client: FlaskClient) -> None:
    assert client.post(f"{PREFIX}/system/private/create-test-company").status_code == 401
    assert (
        client.post(f"{PREFIX}/system/private/create-test-company", headers=basic("wrong")).status_code == 401
    )
    made = client.post(
        f"{PREFIX}/system/private/create-test-company", headers=basic(SYSTEM_SECRET)
    ).get_json()
    assert made["workspace"]["isDefault"] is True
    assert made["workspace"]["name"] == "Production workspace"
    assert made["admin"]["secretKey"] != made["workspace"]["secretKey"]


# --- bodies --------------------------------------------------------------------------------------
def test_json_without_a_content_type_is_read(api: Api) -> None:
    answer = api.post("/charts", data=json.dumps({"name": "raw"}))
    assert answer.status_code == 201
    assert answer.get_json()["name"] == "raw"


def test_the_literal_null_and_an_empty_form_body_are_no_body(api: Api) -> None:
    assert api.post("/charts", data="null").get_json()["name"] == "Untitled chart"
    empty_form = api.post("/charts", data="", content_type="application/x-www-form-urlencoded")
    assert empty_form.get_json()["name"] == "Untitled chart"


@pytest.mark.parametrize("text", ['{"name": "x"', "{name: 1}", '{"name": "x"}}', "\xff\xfe", "[1, 2"])
def test_malformed_or_truncated_json_is_400_and_changes_nothing(api: Api, text: str) -> None:
    assert_envelope(api.post("/charts", data=text), 400, "GENERAL_ERROR")
    assert api.get("/charts").get_json()["items"] == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": 5}, "#/name: expected type: String, found: Integer"),
        ({"categories": "x"}, "#/categories: expected type: JSONArray, found: String"),
        ({"categories": ["x"]}, "#/categories/0: expected type: JSONObject, found: String"),
        ({"categories": [{"label": "no key"}]}, "#/categories/0: required key [key] not found"),
        ([], "#: expected type: JSONObject, found: JSONArray"),
    ],
)
def test_a_body_of_the_wrong_shape_is_400_naming_the_place(api: Api, body: object, message: str) -> None:
    found = assert_envelope(api.post("/charts", json=body), 400, "GENERAL_ERROR")
    assert found["errors"][0]["message"] == message


def test_several_violations_are_several_errors(api: Api, theatre: str) -> None:
    found = assert_envelope(api.post("/events", json={"chartKey": 1, "name": 2}), 400, "GENERAL_ERROR")
    assert len(found["errors"]) == 2


# --- errors ------------------------------------------------------------------------------------
def test_unknown_chart_and_event_keys_are_404_with_their_codes(api: Api, company: Company) -> None:
    found = assert_envelope(api.get("/charts/nope"), 404, "CHART_NOT_FOUND")
    assert (
        found["errors"][0]["message"]
        == f"Chart not found: nope was not found in workspace {company.workspace_key}"
    )
    assert_envelope(api.get("/events/nope"), 404, "EVENT_NOT_FOUND")
    assert_envelope(api.get("/workspaces/nope"), 404, "WORKSPACE_NOT_FOUND")
    assert_envelope(api.get("/hold-tokens/nope"), 404, "HOLD_TOKEN_NOT_FOUND")


def test_an_unknown_path_under_the_prefix_answers_in_the_envelope(api: Api) -> None:
    assert_envelope(api.get("/no/such/path"), 404, "NOT_FOUND")


# --- paths -------------------------------------------------------------------------------------
def test_an_encoded_slash_stays_inside_a_tag(api: Api) -> None:
    key = api.post("/charts", json={}).get_json()["key"]
    assert api.post(f"/charts/{key}/tags/a%2Fb").status_code == 204
    assert api.get(f"/charts/{key}").get_json()["tags"] == ["a/b"]
    assert api.delete(f"/charts/{key}/tags/a%2Fb").status_code == 204
    assert api.get(f"/charts/{key}").get_json()["tags"] == []


def test_an_encoded_slash_stays_inside_an_event_key(api: Api, theatre: str) -> None:
    assert api.post("/events", json={"chartKey": theatre, "eventKey": "2030/01/07"}).status_code == 201
    assert api.get("/events/2030%2F01%2F07").get_json()["key"] == "2030/01/07"
    answer = api.post(
        "/events/groups/actions/change-object-status?expand=objects",
        json={"events": ["2030/01/07"], "objects": ["A-1"], "status": "booked", "type": "CHANGE_STATUS_TO"},
    )
    assert answer.status_code == 200
    assert api.get("/events/2030%2F01%2F07/objects?label=A-1").get_json()["A-1"]["status"] == "booked"


# --- drawings ----------------------------------------------------------------------------------
def test_a_posted_drawing_is_exactly_201_and_its_objects_are_bookable(client: FlaskClient, api: Api) -> None:
    answer = client.post(
        f"{PREFIX}/system/public/charts/hall", data=json.dumps(small_theatre()), headers=basic(api.key)
    )
    assert answer.status_code == 201
    assert answer.data == b""
    assert api.post("/events", json={"chartKey": "hall", "eventKey": "e"}).status_code == 201
    assert api.get("/events/e/objects?label=T2").get_json()["T2"]["objectType"] == "table"


@pytest.mark.parametrize("drawing", [[], {"subChart": []}, {"subChart": {"rows": [{"seats": "x"}]}}, "text"])
def test_a_drawing_of_the_wrong_shape_is_400_and_no_chart(
    client: FlaskClient, api: Api, drawing: object
) -> None:
    answer = client.post(
        f"{PREFIX}/system/public/charts/bad", data=json.dumps(drawing), headers=basic(api.key)
    )
    assert_envelope(answer, 400, "GENERAL_ERROR")
    assert_envelope(api.get("/charts/bad"), 404, "CHART_NOT_FOUND")


# --- many labels -------------------------------------------------------------------------------
def test_ten_thousand_unknown_labels_are_one_400_naming_a_few(api: Api, event: str) -> None:
    labels = [f"Z-{n}" for n in range(10_000)]
    answer = api.post(
        "/events/groups/actions/change-object-status",
        json={"events": [event], "objects": labels, "status": "booked"},
    )
    found = assert_envelope(answer, 400, "OBJECT_NOT_FOUND")
    assert "Z-0" in found["errors"][0]["message"]
    assert "and 9990 more" in found["errors"][0]["message"]


def test_more_than_ten_thousand_labels_are_refused_before_any_lookup(api: Api, event: str) -> None:
    answer = api.post(
        "/events/groups/actions/change-object-status",
        json={"events": [event], "objects": ["A-1"] * 10_001, "status": "booked"},
    )
    found = assert_envelope(answer, 400, "GENERAL_ERROR")
    assert "expected maximum item count: 10000" in found["errors"][0]["message"]


def test_one_unknown_label_among_known_ones_changes_nothing(api: Api, event: str) -> None:
    answer = api.post(
        "/events/groups/actions/change-object-status",
        json={"events": [event], "objects": ["A-1", "A-2", "nope"], "status": "booked"},
    )
    assert_envelope(answer, 400, "OBJECT_NOT_FOUND")
    infos = api.get(f"/events/{event}/objects?label=A-1&label=A-2").get_json()
    assert {info["status"] for info in infos.values()} == {"free"}


@pytest.mark.parametrize(
    "objects",
    [[{"objectId": 1}], [{"objectId": "A-1", "quantity": 0}], [None], "A-1", [{"ticketType": "x"}]],
)
def test_objects_of_the_wrong_types_are_400(api: Api, event: str, objects: object) -> None:
    answer = api.post(
        "/events/groups/actions/change-object-status",
        json={"events": [event], "objects": objects, "status": "booked"},
    )
    assert_envelope(answer, 400, "GENERAL_ERROR")
