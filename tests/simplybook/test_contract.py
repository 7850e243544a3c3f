"""The OpenRPC contract against the emulator: every dispatched method described (and nothing else),
the file, its package copy and what is served all the same, and results that validate against
the result schemas: for the recorded examples and for hypothesis-generated calls."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from fakesaas.simplybook import contract
from fakesaas.simplybook.examples import BASE, CALLS, SAMPLE_TOKENS, T0, example_section, record
from fakesaas.simplybook.rpc.dispatch import DISCOVER
from fakesaas.simplybook.rpc.errors import WIRE
from fakesaas.simplybook.rpc.methods import method_table
from fakesaas.simplybook.rpc.params import Kind
from fakesaas.simplybook.rpc.registry import Endpoint, Method
from fakesaas.simplybook.service import SimplybookService

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "openapi" / "simplybook.openrpc.json"
# Errors any call may get besides its own: the protocol's, and a null where a value is required.
ALWAYS = {-32600, -32601, -32602, -32010, -32011}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return json.loads(FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def described(document: dict[str, Any], endpoint: Endpoint) -> dict[str, dict[str, Any]]:
    tag = f"#/components/tags/{endpoint.value}"
    return {m["name"]: m for m in document["methods"] if {"$ref": tag} in m["tags"]}


def result_validator(document: dict[str, Any], method: dict[str, Any]) -> jsonschema.Validator:
    """A validator of the method's result schema, its $refs resolved in the document."""
    schema = {"$ref": f"#/methods/{document['methods'].index(method)}/result/schema", **document}
    return jsonschema.Draft202012Validator(schema)


def test_the_file_is_what_the_method_table_generates() -> None:
    """Regenerate with python -m fakesaas.simplybook.contract after changing a method."""
    assert FILE.read_text(encoding="utf-8") == contract.render()
    assert contract.PACKAGE_COPY.read_text(encoding="utf-8") == FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("endpoint", list(Endpoint), ids=lambda e: e.value)
def test_every_dispatched_method_is_described_and_nothing_else(
    document: dict[str, Any], endpoint: Endpoint
) -> None:
    dispatched = {m.name: m for m in method_table().of(endpoint)}
    documented = described(document, endpoint)
    assert set(documented) == set(dispatched), "undescribed or stale methods"
    for name, item in dispatched.items():
        params = [(p["name"], p["required"]) for p in documented[name]["params"]]
        assert params == [(p.name, p.required) for p in item.params], name
        codes = {e["code"] for e in documented[name]["errors"]}
        assert codes == {WIRE[f].code for f in item.errors}, name
    assert DISCOVER not in documented  # answered by the protocol on every service, not a method


def test_every_method_has_a_worked_example(document: dict[str, Any]) -> None:
    missing = [
        f"{endpoint.value}.{name}"
        for endpoint in Endpoint
        for name, method in described(document, endpoint).items()
        if not method.get("examples")
    ]
    assert missing == []


def test_every_schema_is_a_valid_json_schema(document: dict[str, Any]) -> None:
    for name, schema in document["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema.get("title") == name
    for method in document["methods"]:
        jsonschema.Draft202012Validator.check_schema(method["result"]["schema"])
        for param in method["params"]:
            jsonschema.Draft202012Validator.check_schema(param["schema"])


def test_the_contract_is_served_as_written(http: FlaskClient, document: dict[str, Any]) -> None:
    assert http.get("/simplybook/openrpc.json").get_json() == document
    for endpoint in Endpoint:
        path = "/simplybook" + endpoint.path
        call = {"jsonrpc": "2.0", "method": DISCOVER, "id": 1}
        sliced = http.post(path, json=call).get_json()["result"]
        assert {m["name"] for m in sliced["methods"]} == set(described(document, endpoint))
        assert sliced["servers"][0]["name"] == endpoint.value


@pytest.fixture
def example_app(clock: ManualClock) -> Flask:
    """The emulator holding the examples' world, at the examples' moment."""
    world = World(clock)
    service = SimplybookService()
    app = create_app(Settings(seed="none"), world, services=[service])
    service.seed(world.state(service.name), example_section())
    return app


def test_the_examples_replay_over_http_and_validate(example_app: Flask, document: dict[str, Any]) -> None:
    """Every call of the examples, in order, through the app: the same answers as recorded (the
    stand-in tokens aside), each result valid against its method's schema."""
    assert example_app.extensions["fakesaas"].clock.now() == T0
    http = example_app.test_client()
    headers: dict[Endpoint, dict[str, str]] = {e: {"X-Company-Login": "demo"} for e in Endpoint}
    expected = record(method_table())
    for number, example in enumerate(expected, 1):
        body = {"jsonrpc": "2.0", "method": example.method, "params": example.params, "id": number}
        answer = http.post(
            "/simplybook" + example.endpoint.path,
            json=body,
            headers=headers[example.endpoint],
            base_url=BASE,
        ).get_json()
        if example.method == "getToken":
            headers[Endpoint.PUBLIC]["X-Token"] = answer["result"]
            answer["result"] = SAMPLE_TOKENS["getToken"]
        if example.method == "getUserToken":
            headers[Endpoint.ADMIN]["X-User-Token"] = answer["result"]
            answer["result"] = SAMPLE_TOKENS["getUserToken"]
        assert answer == example.answer, f"{example.endpoint.value}.{example.method}"
        method = described(document, example.endpoint)[example.method]
        result_validator(document, method).validate(answer["result"])
    assert len(expected) == len(CALLS)


# --- hypothesis-generated calls -------------------------------------------------------------------

DATES = st.sampled_from(
    ["2030-01-07", "2030-01-08", "2030-01-09", "2030-01-13", "2031-02-30", "8.1.2030", ""]
)
TIMES = st.sampled_from(["09:00:00", "10:00", "11:30:00", "12:15:00", "17:00:00", "25:00", "noon"])
IDS = st.one_of(st.integers(-2, 6), st.sampled_from(["1", "2", "3", "x", ""]))


def value_for(name: str, kind: Kind) -> st.SearchStrategy[Any]:
    lowered = name.lower()
    if "datetime" in lowered:
        return st.builds(lambda d, t: f"{d} {t}", DATES, TIMES)
    if lowered in ("date", "from", "to", "datefrom", "dateto", "startdate", "enddate"):
        return DATES
    if "time" in lowered:
        return TIMES
    if kind is Kind.INT:
        return st.one_of(IDS, st.integers(), st.booleans(), st.none())
    if kind is Kind.BOOL:
        return st.one_of(st.booleans(), st.sampled_from([0, 1, "1", "yes"]), st.none())
    if kind is Kind.STRING:
        return st.one_of(st.text(max_size=12), st.sampled_from(["timeframe", "promo", "WELCOME10", "paypal"]))
    if kind is Kind.OBJECT and "client" in lowered:
        return st.one_of(
            st.fixed_dictionaries(
                {"name": st.text(max_size=8), "email": st.sampled_from(["a@b.co", "bad", ""])}
            ),
            st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
        )
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
        max_leaves=6,
    )
    return json_values


def calls() -> st.SearchStrategy[tuple[Endpoint, Method, list[Any]]]:
    table = method_table()
    pairs = [
        (endpoint, item) for endpoint in Endpoint for item in table.of(endpoint) if item.name != "getToken"
    ]

    def params_of(pair: tuple[Endpoint, Method]) -> st.SearchStrategy[tuple[Endpoint, Method, list[Any]]]:
        endpoint, item = pair
        fields = [value_for(p.name, p.kind) for p in item.params]
        return st.tuples(st.just(endpoint), st.just(item), st.tuples(*fields).map(list))

    return st.sampled_from(pairs).flatmap(params_of)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(call=calls())
def test_generated_calls_answer_valid_results_or_documented_errors(
    example_app: Flask, document: dict[str, Any], call: tuple[Endpoint, Method, list[Any]]
) -> None:
    endpoint, item, params = call
    http = example_app.test_client()
    admin = endpoint is Endpoint.ADMIN
    login_call = {
        "jsonrpc": "2.0",
        "method": "getUserToken" if admin else "getToken",
        "params": ["demo", "admin", "demo-password"] if admin else ["demo", "demo-api-key"],
        "id": 0,
    }
    login = http.post("/simplybook/login", json=login_call).get_json()
    header = "X-User-Token" if admin else "X-Token"
    body = {"jsonrpc": "2.0", "method": item.name, "params": params, "id": 1}
    response = http.post(
        "/simplybook" + endpoint.path, json=body, headers={"X-Company-Login": "demo", header: login["result"]}
    )
    assert response.status_code == 200
    answer = response.get_json()
    method = described(document, endpoint)[item.name]
    if "error" in answer:
        assert "result" not in answer
        documented = {e["code"] for e in method["errors"]}
        assert answer["error"]["code"] in documented | ALWAYS, (item.name, params, answer)
    else:
        result_validator(document, method).validate(answer["result"])


# The methods of seed 003 (SimplyBook's "Company public service methods" page), in its order.
SEED_003 = [
    "book", "cancelBooking", "confirmBooking", "confirmBookingBatch", "confirmBookingBatchPayment",
    "confirmBookingCart", "confirmBookingPayment", "getBooking", "getBookingCart", "getBookingDetails",
    "getCategoriesList", "getEventList", "getLocationsList", "getPaymentProcessorConfig", "getPromocodeInfo",
    "getPromotionRewardInfo", "getRecurringDatetimes", "getUnitList", "getUserLicenseText",
    "hasUpcommingPromotions", "isPaymentRequired", "validatePayment", "validatePromoCode",
]  # fmt: skip
# The admin methods issue 14 names, besides the catalogue reads.
ADMIN = [
    "getBookings", "getBookingDetails", "book", "editBook", "cancelBooking", "addClient", "getClientList",
    "getClientInfo", "getStatuses", "setStatus", "getBookingStatus", "getEventList", "getUnitList",
    "getCategoriesList", "getLocationsList",
]  # fmt: skip


def test_every_documented_method_is_served() -> None:
    table = method_table()
    assert len(SEED_003) == 23
    assert [name for name in SEED_003 if table.find(Endpoint.PUBLIC, name) is None] == []
    assert [name for name in ADMIN if table.find(Endpoint.ADMIN, name) is None] == []
    assert {m.name for m in table.of(Endpoint.LOGIN)} == {"getToken", "getUserToken", "getServiceUrl"}
