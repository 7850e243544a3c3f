"""JSON-RPC 2.0 as the services speak it: envelopes, errors with HTTP 200, batches, notifications,
the method description a GET answers, CORS, and bad bodies that never get a 500."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from fakesaas.simplybook.client import SimplybookClient
from tests.simplybook.support import API_KEY, COMPANY, HAIRCUT, TUESDAY


@pytest.fixture
def token(api: SimplybookClient) -> str:
    return api.login.getToken(COMPANY, API_KEY)


@pytest.fixture
def headers(token: str) -> dict[str, str]:
    return {"X-Company-Login": COMPANY, "X-Token": token, "Content-Type": "application/json"}


def post(http: FlaskClient, body: object, headers: dict[str, str] | None = None, path: str = "/simplybook/"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return http.post(path, data=data, headers=headers or {})


def call(method: str, params: object = None, call_id: object = 1) -> dict:
    body = {"jsonrpc": "2.0", "method": method, "id": call_id}
    if params is not None:
        body["params"] = params
    return body


def test_a_result_has_no_error_member(http: FlaskClient, headers: dict[str, str]) -> None:
    """Seed 003's example: result and id; clients treat the mere presence of error as a failure."""
    response = post(http, call("getTimeframe", []), headers)
    assert response.status_code == 200
    assert response.get_json() == {"jsonrpc": "2.0", "result": 30, "id": 1}


def test_an_error_has_no_result_member_and_comes_with_http_200(
    http: FlaskClient, headers: dict[str, str]
) -> None:
    response = post(http, call("someNotExistingMethod", []), headers)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"jsonrpc", "error", "id"}
    assert body["id"] == 1
    assert body["error"]["code"] == -32601
    assert body["error"]["message"] == "Method not found"


@pytest.mark.parametrize("call_id", [7, "abc", "1", 2.5, None], ids=repr)
def test_the_answer_carries_the_request_id_as_sent(
    http: FlaskClient, headers: dict[str, str], call_id: object
) -> None:
    body = post(http, call("getTimeframe", [], call_id), headers).get_json()
    assert body["id"] == call_id
    assert body["result"] == 30


@pytest.mark.parametrize(
    "raw",
    [b"{", b"not json", b"", b"\xff\xfe", b'{"jsonrpc": "2.0", "method": "getTimeframe"', b"[" * 100_000],
    ids=["cut", "text", "empty", "bad-utf8", "unclosed", "deep"],
)
def test_a_body_that_is_not_json_is_a_parse_error(
    http: FlaskClient, headers: dict[str, str], raw: bytes
) -> None:
    response = post(http, raw, headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["error"]["code"] == -32700
    assert body["error"]["message"] == "Parse error"
    assert body["id"] is None
    assert "result" not in body


@pytest.mark.parametrize(
    "request_body",
    [
        pytest.param({"jsonrpc": "1.0", "method": "getTimeframe", "id": 1}, id="version"),
        pytest.param({"method": "getTimeframe", "id": 1}, id="no-version"),
        pytest.param({"jsonrpc": "2.0", "id": 1}, id="no-method"),
        pytest.param({"jsonrpc": "2.0", "method": 5, "id": 1}, id="method-number"),
        pytest.param(
            {"jsonrpc": "2.0", "method": "getTimeframe", "params": "x", "id": 1}, id="params-string"
        ),
        pytest.param({"jsonrpc": "2.0", "method": "getTimeframe", "params": 3, "id": 1}, id="params-number"),
        pytest.param({"jsonrpc": "2.0", "method": "getTimeframe", "id": {"a": 1}}, id="id-object"),
        pytest.param({"jsonrpc": "2.0", "method": "getTimeframe", "id": True}, id="id-bool"),
        pytest.param(5, id="number"),
        pytest.param("getTimeframe", id="string"),
        pytest.param([], id="empty-batch"),
    ],
)
def test_a_malformed_request_is_invalid_request(
    http: FlaskClient, headers: dict[str, str], request_body: object
) -> None:
    response = post(http, request_body, headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["error"]["code"] == -32600
    assert body["error"]["message"] == "Invalid Request"
    assert "result" not in body


def test_an_invalid_request_keeps_a_readable_id(http: FlaskClient, headers: dict[str, str]) -> None:
    body = post(http, {"jsonrpc": "1.0", "method": "x", "id": 42}, headers).get_json()
    assert body["id"] == 42


def test_a_batch_answers_each_call_in_an_array(http: FlaskClient, headers: dict[str, str]) -> None:
    batch = [
        call("getTimeframe", [], 1),
        call("nope", [], 2),
        {"jsonrpc": "2.0", "method": "getTimeframe"},  # a notification: no answer
        5,
        call("getCompanyParam", ["timeframe"], "four"),
    ]
    response = post(http, batch, headers)
    assert response.status_code == 200
    answers = response.get_json()
    assert [a.get("id") for a in answers] == [1, 2, None, "four"]
    assert answers[0]["result"] == 30
    assert answers[1]["error"]["code"] == -32601
    assert answers[2]["error"]["code"] == -32600
    assert answers[3]["result"] == "30"


def test_a_batch_of_notifications_gets_no_body(http: FlaskClient, headers: dict[str, str]) -> None:
    response = post(http, [{"jsonrpc": "2.0", "method": "getTimeframe"}] * 3, headers)
    assert response.status_code == 204
    assert response.get_data() == b""


def test_a_notification_runs_but_is_not_answered(http: FlaskClient, headers: dict[str, str], api) -> None:
    notification = {
        "jsonrpc": "2.0",
        "method": "book",
        "params": [HAIRCUT, 1, TUESDAY, "11:00:00", {"name": "Nora", "email": "nora@example.com"}],
    }
    response = post(http, notification, headers)
    assert response.status_code == 204
    assert TUESDAY in json.dumps(api.admin.getBookings({"client_id": 3}))


def test_a_huge_batch_is_refused_whole(http: FlaskClient, headers: dict[str, str]) -> None:
    body = post(http, [call("getTimeframe", [], n) for n in range(101)], headers).get_json()
    assert isinstance(body, dict)
    assert body["error"]["code"] == -32600
    assert "100" in body["error"]["data"]


def test_a_body_over_the_limit_is_refused_as_json(http: FlaskClient, headers: dict[str, str]) -> None:
    response = post(http, b'{"x": "' + b"a" * (2 << 20) + b'"}', headers)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == -32600


@pytest.mark.parametrize(
    ("params", "code"),
    [
        pytest.param(["timeframe", "extra"], -32602, id="too-many"),
        pytest.param([], -32602, id="too-few"),
        pytest.param([["timeframe"]], -32602, id="array-for-string"),
        pytest.param([{"a": 1}], -32602, id="object-for-string"),
        pytest.param([None], -32010, id="null-for-required"),
        pytest.param({"key": "timeframe", "other": 1}, -32602, id="unknown-name"),
        pytest.param({}, -32602, id="missing-name"),
    ],
)
def test_params_of_the_wrong_count_or_type(
    http: FlaskClient, headers: dict[str, str], params: object, code: int
) -> None:
    body = post(http, call("getCompanyParam", params), headers).get_json()
    assert body["error"]["code"] == code
    assert "result" not in body


def test_params_by_name_are_taken(http: FlaskClient, headers: dict[str, str]) -> None:
    body = post(http, call("getCompanyParam", {"key": "require_fields"}), headers).get_json()
    assert body["result"] == "email"


def test_ids_are_taken_as_numbers_or_numeric_strings(http: FlaskClient, headers: dict[str, str]) -> None:
    as_number = post(http, call("getAdditionalFields", [1]), headers).get_json()
    as_string = post(http, call("getAdditionalFields", ["1"]), headers).get_json()
    assert as_number["result"] == as_string["result"]
    for bad in (["one"], [True], [1.5], [2**40]):
        assert post(http, call("getAdditionalFields", bad), headers).get_json()["error"]["code"] == -32602


def test_get_on_each_service_describes_its_methods(http: FlaskClient) -> None:
    """json-rpc-client.js GETs the URL (no headers, maybe a cache-buster) and makes one function
    per key of ``methods``, each POSTed with its ``transport``."""
    for path, expected in (
        ("/simplybook/login", {"getToken", "getUserToken"}),
        ("/simplybook/login/", {"getToken"}),
        ("/simplybook/", {"getEventList", "book", "getStartTimeMatrix", "cancelBooking"}),
        ("/simplybook", {"getEventList"}),
        ("/simplybook/admin?_=12345", {"getBookings", "editBook", "addClient"}),
    ):
        response = http.get(path)
        assert response.status_code == 200, path
        description = response.get_json()
        assert description["envelope"] == "JSON-RPC-2.0"
        assert expected <= set(description["methods"]), path
        assert all(m["transport"] == "POST" for m in description["methods"].values())
    book = http.get("/simplybook/").get_json()["methods"]["book"]["parameters"]
    assert [p["name"] for p in book][:5] == ["eventId", "unitId", "date", "time", "clientData"]


def test_cors_lets_a_browser_call_the_api(http: FlaskClient) -> None:
    # The emulator's CORS (fakesaas/cors.py) answers the preflight the JS client's call makes.
    preflight = http.options(
        "/simplybook/",
        headers={
            "Origin": "https://shop.example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-company-login, x-token",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "x-token" in preflight.headers["Access-Control-Allow-Headers"]
    described = http.get("/simplybook/login", headers={"Origin": "https://shop.example.com"})
    assert described.headers["Access-Control-Allow-Origin"] == "*"


def test_other_http_methods_and_paths_answer_in_json(http: FlaskClient) -> None:
    put = http.put("/simplybook/", data=b"{}")
    assert put.status_code == 405
    assert put.get_json()["error"]["code"] == -32600
    missing = http.post("/simplybook/nowhere", data=b"{}")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == -32601


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "application/x-www-form-urlencoded", None]
)
def test_any_content_type_is_read_as_json(
    http: FlaskClient, headers: dict[str, str], content_type: str | None
) -> None:
    """PHP's JsonRpcClient and curl scripts do not always label the body."""
    chosen = {k: v for k, v in headers.items() if k != "Content-Type"}
    if content_type:
        chosen["Content-Type"] = content_type
    body = http.post("/simplybook/", data=json.dumps(call("getTimeframe", [])), headers=chosen).get_json()
    assert body["result"] == 30


def test_rpc_discover_answers_the_service_contract(http: FlaskClient) -> None:
    """rpc.discover needs no token: tools ask it first."""
    body = post(http, call("rpc.discover", []), {}).get_json()
    document = body["result"]
    assert document["openrpc"].startswith("1.")
    names = {m["name"] for m in document["methods"]}
    assert "getStartTimeMatrix" in names
    assert "getToken" not in names
    assert "getBookings" not in names
    login = post(http, call("rpc.discover"), {}, "/simplybook/login").get_json()["result"]
    assert {m["name"] for m in login["methods"]} == {"getToken", "getUserToken", "getServiceUrl"}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("²", -32602),
        ("١٢", -32602),
        ("1e3", -32602),
        ("0x10", -32602),
        (" 7 ", -32052),
        ("-1", -32052),
        ("3", None),
    ],
    ids=repr,
)
def test_numbers_written_oddly(
    http: FlaskClient, headers: dict[str, str], value: str, code: int | None
) -> None:
    """Only ASCII digits make a number ("²" is a digit to Python's isdigit, but no number): the
    rest is -32602; a number that names no provider is -32052."""
    body = post(http, call("getWorkCalendar", [2030, 1, value]), headers).get_json()
    if code is None:
        assert body["result"]["2030-01-07"]["is_day_off"] == 0
    else:
        assert body["error"]["code"] == code
