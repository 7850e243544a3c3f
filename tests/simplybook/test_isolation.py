"""Company isolation under fuzz: JSON-RPC calls made with a second company's tokens (under its own
login or the demo's), with none or with garbled ones, to every method each service URL lists in
rpc.discover never change the demo company, never answer with its records or secrets, and never
fail (no 5xx, no internal error); the second company's bookings land in it alone."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import strategies as st

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from tests.isolation import (
    JUNK,
    Probe,
    Tenants,
    contract_text,
    fuzz,
    identifying_values,
    secret_values,
    seed_tenant,
    send,
    service_named,
    tenant_dump,
    tenant_hash,
)
from tests.simplybook.support import API_KEY, COMPANY, PASSWORD, SECRET_KEY, T0, USER

QUICK, SLOW = 300, 5000  # hypothesis examples: one call (or a batch of up to 3) each
RIVAL, RIVAL_KEY, RIVAL_SECRET, RIVAL_USER, RIVAL_PASSWORD = (
    "rival",
    "rival-api-key",
    "rival-secret-key",
    "boss",
    "rival-password",
)
RIVAL_SECTION = {
    "companies": [
        {
            "login": RIVAL,
            "api_key": RIVAL_KEY,
            "secret_key": RIVAL_SECRET,
            "info": {"name": "Rival Gym", "email": "gym@rival.example", "phone": "+44 20 7946 0000"},
            "params": {"company_timezone": "Europe/London"},
            "hours": {day: "07:00-21:00" for day in ("mon", "tue", "wed", "thu", "fri")},
            "users": [{"login": RIVAL_USER, "password": RIVAL_PASSWORD, "name": "Gym boss"}],
            "providers": [{"id": 1, "name": "Rex Trainer", "qty": 1}],
            "services": [{"id": 1, "name": "Spin class", "duration": 60, "providers": [1]}],
            "clients": [
                {"id": 1, "name": "Zed Rival", "email": "zed@rival.example", "phone": "+44 7700 900000"}
            ],
            "bookings": [
                {"service": 1, "provider": 1, "client": "zed@rival.example", "start": "2030-01-08 07:00"}
            ],
        }
    ]
}
IDENTIFYING = (
    *("name", "email", "phone", "login", "api_key", "secret_key", "password", "address1", "title"),
    *("description", "user_license_text", "web", "code", "hash", "zip"),
)
ENDPOINTS = {"login": "/simplybook/login", "public": "/simplybook/", "admin": "/simplybook/admin"}
INTERNAL_ERROR, METHOD_NOT_FOUND, ACCESS_DENIED = -32603, -32601, -32600


def call(method: str, params: Any = None, call_id: Any = 1) -> dict[str, Any]:
    body: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "id": call_id}
    if params is not None:
        body["params"] = params
    return body


def discover(tenants: Tenants) -> dict[str, list[dict[str, Any]]]:
    """Each service URL's methods, as its rpc.discover lists them."""
    found = {}
    for endpoint, path in ENDPOINTS.items():
        answer = tenants.client.post(path, json=call("rpc.discover")).get_json()
        found[endpoint] = answer["result"]["methods"]
    return found


def login(tenants: Tenants, method: str, *params: str) -> str:
    answer = tenants.client.post(ENDPOINTS["login"], json=call(method, list(params))).get_json()
    return str(answer["result"])


def build() -> Tenants:
    world = World(ManualClock(T0))
    app = create_app(Settings(seed="demo"), world)
    service = service_named("simplybook")
    assert seed_tenant(world, service, RIVAL_SECTION) == [RIVAL]
    demo, rival = tenant_dump(world, service, COMPANY), tenant_dump(world, service, RIVAL)
    client = app.test_client()
    # The calls drawn are the listed methods only (never rpc.discover, never a GET), so the
    # contract, whose examples show the demo, is never an answer the check reads.
    secrets = secret_values(identifying_values(demo, IDENTIFYING), rival)
    ours = [*sorted(identifying_values(demo, ("name", "email", "login", "title"), 1)), COMPANY, 1, 2, 3, 4]
    theirs = [*sorted(identifying_values(rival, ("name", "email", "login", "title"), 1)), RIVAL, 1, 2]
    return Tenants(world, app, client, service, COMPANY, ours, theirs, secrets, sender=run)


@pytest.fixture
def tenants() -> Tenants:
    return build()


def credentials(tenants: Tenants) -> dict[str, list[dict[str, str]]]:
    """Per service URL, the headers the rival may send: its tokens under its own login and under
    the demo's (in two spellings), a token of the other service, junk and nothing."""
    public = login(tenants, "getToken", RIVAL, RIVAL_KEY)
    admin = login(tenants, "getUserToken", RIVAL, RIVAL_USER, RIVAL_PASSWORD)
    sets: dict[str, list[dict[str, str]]] = {"login": [{}]}
    for endpoint, own, other in (("public", public, admin), ("admin", admin, public)):
        name = "X-Token" if endpoint == "public" else "X-User-Token"
        sets[endpoint] = [
            {"X-Company-Login": RIVAL, name: own},
            {"X-Company-Login": COMPANY, name: own},
            {"X-Company-Login": COMPANY.upper(), name: own},
            {"X-Company-Login": RIVAL, name: other},
            {"X-Company-Login": COMPANY, name: other},
            {"X-Company-Login": COMPANY, name: "0" * 64},
            {"X-Company-Login": COMPANY},
            {},
        ]
    return sets


def rpc_probes(tenants: Tenants) -> st.SearchStrategy[Probe]:
    """A call to any method of any service URL (a lone call or a small batch), its params drawn
    positionally or by name from the demo's ids and names, the rival's, dates, client data and
    junk, with any of the rival's header sets."""
    methods = discover(tenants)
    headers = credentials(tenants)
    fields = sorted(
        {*identifying_values(json.loads(contract_text(tenants.service)), ()), "name", "email", "phone"}
    )
    scalar = st.one_of(
        st.sampled_from(tenants.ours),
        st.sampled_from(tenants.theirs),
        st.sampled_from(
            ["2030-01-08", "2030-01-09", "10:00:00", "2030-01-08 10:00:00", API_KEY[:4], SECRET_KEY]
        ),
        st.sampled_from([USER, PASSWORD, "WELCOME10", True, False, None]),
        JUNK,
    )
    value = st.recursive(
        scalar,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(
                st.sampled_from(["name", "email", "phone", "id", "client_id", *fields]), inner, max_size=4
            ),
        ),
        max_leaves=6,
    )

    @st.composite
    def one_call(draw: st.DrawFn, endpoint: str) -> dict[str, Any]:
        method = draw(st.sampled_from(methods[endpoint]))
        names = [param["name"] for param in method["params"]]
        count = draw(st.integers(min_value=0, max_value=len(names)))
        if draw(st.booleans()):
            params: Any = [draw(value) for _ in range(count)]
        else:
            params = {name: draw(value) for name in draw(st.permutations(names))[:count]}
        return call(method["name"], params, draw(st.integers(min_value=1, max_value=9)))

    @st.composite
    def probe(draw: st.DrawFn) -> Probe:
        endpoint = draw(st.sampled_from(sorted(ENDPOINTS)))
        calls = draw(st.lists(one_call(endpoint), min_size=1, max_size=3))
        body: Any = calls[0] if len(calls) == 1 else calls
        return Probe("POST", ENDPOINTS[endpoint], dict(draw(st.sampled_from(headers[endpoint]))), {}, body)

    return probe()


def run(client: FlaskClient, probe: Probe) -> tuple[int, str]:
    """Send ``probe``; an internal error in the answer counts as the 500 it stands for."""
    status, answer = send(client, probe)
    if status == 200 and f'"code":{INTERNAL_ERROR}' in answer.replace(" ", ""):
        return 500, answer
    return status, answer


def test_the_secrets_checked_for_are_the_demos_own(tenants: Tenants) -> None:
    for value in (API_KEY, SECRET_KEY, PASSWORD, "Demo Studio", "Prinsengracht 263"):
        assert value in tenants.secrets
    assert not {RIVAL_KEY, RIVAL_SECRET, "Rival Gym", "zed@rival.example"} & set(tenants.secrets)


def _directed_value(param: dict[str, Any]) -> Any:
    """A value of the param's kind naming what the demo has: id 1, a day and time it has
    bookings on, client data."""
    name, schema = param["name"].lower(), json.dumps(param.get("schema", {}))
    if "date" in name or name in ("from", "to"):
        return "2030-01-08"
    if "time" in name:
        return "10:00:00"
    if '"integer"' in schema or name.endswith("id"):
        return 1
    if '"boolean"' in schema:
        return True
    if '"object"' in schema:
        return {"name": "X", "email": "x@rival.example", "phone": "+44 7700 900009"}
    if '"array"' in schema:
        return [1]
    return "1"


def test_every_method_with_the_rivals_tokens_and_the_demos_ids(tenants: Tenants) -> None:
    """Directed: every listed method on its service URL, with each of the rival's header sets,
    params of the demo's first ids (1) and a day and time the demo has bookings on."""
    methods = discover(tenants)
    headers = credentials(tenants)
    own_answers: dict[str, Any] = {}
    for endpoint, listed in methods.items():
        for method in listed:
            params = [_directed_value(param) for param in method["params"]]
            for index, sent in enumerate(headers[endpoint]):
                probe = Probe("POST", ENDPOINTS[endpoint], dict(sent), {}, call(method["name"], params))
                _, answer = tenants.probe(probe)
                if index == 0:  # the rival's own token under its own login
                    own_answers[f"{endpoint} {method['name']}"] = json.loads(answer)
    assert len(own_answers) == sum(len(listed) for listed in methods.values())
    # Every listed method was reached (none is unknown to its URL), and the rival's own calls
    # got past the token check: most answer a result.
    codes = [answer.get("error", {}).get("code") for answer in own_answers.values()]
    assert METHOD_NOT_FOUND not in codes
    assert ACCESS_DENIED not in codes
    assert codes.count(None) > len(codes) // 3, own_answers
    print(f"simplybook directed isolation: {tenants.tally.sent} requests")


def test_the_rivals_bookings_land_in_the_rival_only(tenants: Tenants) -> None:
    before = tenant_hash(tenants.world, tenants.service, RIVAL)
    token = credentials(tenants)["public"][0]
    client = {"name": "Yan Rival", "email": "yan@rival.example", "phone": "+44 7700 900001"}
    probe = Probe(
        "POST", ENDPOINTS["public"], token, {}, call("book", [1, 1, "2030-01-08", "09:00:00", client])
    )
    status, answer = tenants.probe(probe)
    assert status == 200
    assert "bookings" in json.loads(answer)["result"]
    assert "yan@rival.example" in json.dumps(tenant_dump(tenants.world, tenants.service, RIVAL))
    assert tenant_hash(tenants.world, tenants.service, RIVAL) != before


def _fuzz(tenants: Tenants, examples: int) -> None:
    fuzz(tenants, rpc_probes(tenants), examples)


def test_fuzzed_calls_never_touch_or_show_the_demo_company(tenants: Tenants) -> None:
    _fuzz(tenants, QUICK)


@pytest.mark.slow
def test_fuzzed_calls_never_touch_or_show_the_demo_company_at_length(tenants: Tenants) -> None:
    _fuzz(tenants, SLOW)


def test_a_call_that_changes_the_demo_is_caught(tenants: Tenants) -> None:
    token = login(tenants, "getToken", COMPANY, API_KEY)
    client = {"name": "Eve", "email": "eve@example.org", "phone": "+31 6 5550 0199"}
    probe = Probe(
        "POST",
        ENDPOINTS["public"],
        {"X-Company-Login": COMPANY, "X-Token": token},
        {},
        call("book", [1, 1, "2030-01-08", "14:00:00", client]),
    )
    with pytest.raises(AssertionError, match="changed demo"):
        tenants.probe(probe)


def test_a_call_that_reads_the_demo_is_caught(tenants: Tenants) -> None:
    token = login(tenants, "getToken", COMPANY, API_KEY)
    probe = Probe(
        "POST",
        ENDPOINTS["public"],
        {"X-Company-Login": COMPANY, "X-Token": token},
        {},
        call("getCompanyInfo"),
    )
    with pytest.raises(AssertionError, match="answered demo's"):
        tenants.probe(probe)
