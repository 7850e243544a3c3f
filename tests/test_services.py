"""One emulator, several services: who owns which path, who the caller is, sectioned seeds, typos
refused, and demo ids that survive every reset (the Service interface and the shared machinery)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from fakesaas import create_app, seeding
from fakesaas.core.clock import ManualClock
from fakesaas.core.service import Registry
from fakesaas.core.world import World
from fakesaas.seeding import SeedError, document_schema, load_document, seed_document
from fakesaas.services import all_services
from fakesaas.settings import MiB, Settings
from tests.support import (
    ACCOUNT,
    ALICE,
    API_KEY,
    NEXT_BOOKING_ID,
    ROOM_1,
    ROOMS,
    T0,
    WORKSHOPS,
    error_titles,
    supersaas_state,
)

AUTH = (ACCOUNT, API_KEY)
ROOT = Path(__file__).resolve().parent.parent
ACME = {
    "accounts": [
        {
            "name": "acme",
            "api_key": "acme-key",
            "password": "acme-password",
            "schedules": [{"name": "Desks", "kind": "resource", "resources": ["Desk A"]}],
        }
    ]
}


def control(client: FlaskClient, method: str, path: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    answer = client.open(f"/_fakesaas{path}", method=method, **kwargs)
    return answer.status_code, json.loads(answer.data)


# --- the registry -----------------------------------------------------------------------------------


def test_the_registry_names_each_service_once_with_its_own_prefix() -> None:
    services = all_services()
    names = [service.name for service in services]
    assert "supersaas" in names
    assert len(set(names)) == len(names)
    prefixes = [service.prefix for service in services]
    assert len(set(prefixes)) == len(prefixes)
    assert all(prefix.startswith("/") and not prefix.endswith("/") for prefix in prefixes)


def test_create_app_mounts_only_the_services_asked_for() -> None:
    app = create_app(Settings(seed="demo"), World(ManualClock(T0)), services=[])
    client = app.test_client()
    assert client.get("/api/schedules.json", auth=AUTH).status_code == 404
    assert client.get("/_fakesaas/").get_json()["services"] == []
    assert client.get("/_fakesaas/state").get_json() == {}


def test_the_probe_lists_each_service_and_where_it_is_mounted(client: FlaskClient) -> None:
    probe = client.get("/_fakesaas/").get_json()
    assert probe["services"] == [service.name for service in all_services()]
    assert probe["prefixes"]["supersaas"] == "/api"


# --- each service owns its URL space ------------------------------------------------------------------


def test_an_unknown_control_path_answers_in_the_control_shape(client: FlaskClient) -> None:
    for method, path in (("GET", "/_fakesaas/nope"), ("DELETE", "/_fakesaas/clock")):
        answer = client.open(path, method=method)
        assert answer.status_code in (404, 405)
        assert answer.headers["Content-Type"].startswith("application/json")
        assert set(answer.get_json()) == {"error"}


def test_a_path_no_service_owns_gets_a_neutral_404(client: FlaskClient) -> None:
    answer = client.get("/seatsio-typo/charts")
    assert answer.status_code == 404
    assert set(answer.get_json()) == {"error"}
    assert answer.get_json()["error"].startswith("Not found")


def test_an_unknown_supersaas_path_keeps_the_supersaas_error_document(client: FlaskClient) -> None:
    answer = client.get("/api/bookngs.json", auth=AUTH)
    assert answer.status_code == 404
    (title,) = error_titles(answer.get_json())
    assert "closest: GET POST /api/bookings" in title
    xml = client.get("/api/bookngs.xml", auth=AUTH)
    assert xml.headers["Content-Type"].startswith("application/xml")


def test_the_413_message_states_the_configured_limit() -> None:
    app = create_app(Settings(seed="demo", max_body_bytes=64 * 1024), World(ManualClock(T0)))
    answer = app.test_client().post(
        "/api/bookings.json", data=b"x" * (65 * 1024), content_type="application/json", auth=AUTH
    )
    assert answer.status_code == 413
    assert error_titles(answer.get_json()) == ["Request entity too large: bodies are limited to 64 KiB"]
    default = create_app(Settings(seed="demo", max_body_bytes=MiB), World(ManualClock(T0)))
    big = default.test_client().post("/api/users.json", data=b"x" * (MiB + 1), auth=AUTH)
    assert "limited to 1 MiB" in error_titles(big.get_json())[0]


def test_a_fault_rule_answers_in_the_shape_of_the_service_that_owns_the_path(client: FlaskClient) -> None:
    control(client, "POST", "/faults", json={"action": "status", "status": 503})
    api = client.get("/api/schedules.json", auth=AUTH)
    assert api.status_code == 503
    assert error_titles(api.get_json()) == ["Service unavailable (injected fault 1)"]
    # Paths no service owns (the docs, the spec) and the control plane are never faulted.
    assert client.get("/openapi.json").status_code == 200
    assert control(client, "GET", "/faults")[0] == 200


def test_a_fault_rule_can_be_narrowed_to_one_service(client: FlaskClient) -> None:
    assert control(client, "POST", "/faults", json={"action": "status", "service": "nothing"})[0] == 400
    control(client, "POST", "/faults", json={"action": "status", "status": 502, "service": "supersaas"})
    assert client.get("/api/schedules.json", auth=AUTH).status_code == 502


def test_the_journal_names_the_service_and_leaves_out_the_docs(client: FlaskClient) -> None:
    client.get("/api/schedules.json", auth=AUTH)
    client.get("/docs")
    client.get("/openapi.json")
    client.get("/favicon.ico")
    client.get("/nowhere")
    entries = control(client, "GET", "/requests")[1]["requests"]
    assert [(entry["path"], entry["service"]) for entry in entries] == [
        ("/api/schedules.json", "supersaas"),
        ("/nowhere", None),
    ]
    assert [e["path"] for e in control(client, "GET", "/requests?service=supersaas")[1]["requests"]] == [
        "/api/schedules.json"
    ]


# --- the caller is the service's to name ----------------------------------------------------------------


@pytest.mark.parametrize(
    "send",
    [
        pytest.param(lambda c, body: c.post("/api/users.json", json=body, auth=AUTH), id="basic"),
        pytest.param(
            lambda c, body: c.post("/api/users.json", json={**body, "account": ACCOUNT, "api_key": API_KEY}),
            id="json-body",
        ),
        pytest.param(
            lambda c, body: c.post(
                "/api/users.json",
                data={"account": ACCOUNT, "api_key": API_KEY, "user[name]": body["user"]["name"]},
            ),
            id="form-body",
        ),
    ],
)
def test_a_rate_limit_holds_whatever_carries_the_credentials(client: FlaskClient, send: Any) -> None:
    control(client, "PUT", "/rate-limit", json={"account": ACCOUNT, "per_second": 1})
    statuses = [send(client, {"user": {"name": f"u{n}@example.com"}}).status_code for n in range(3)]
    assert statuses == [201, 429, 429]


def test_a_rate_limit_can_be_set_for_one_service(client: FlaskClient) -> None:
    assert (
        control(client, "PUT", "/rate-limit", json={"account": "demo", "per_second": 1, "service": "x"})[0]
        == 400
    )
    status, body = control(
        client, "PUT", "/rate-limit", json={"account": "DEMO", "per_second": 1, "service": "supersaas"}
    )
    assert (status, body) == (200, {"rate_limits": {"supersaas:demo": 1}})
    assert [client.get("/api/schedules.json", auth=AUTH).status_code for _ in range(2)] == [200, 429]


def test_an_account_matched_fault_sees_credentials_in_a_json_body(client: FlaskClient) -> None:
    control(client, "POST", "/faults", json={"action": "status", "status": 500, "account": "demo"})
    body = {"account": ACCOUNT, "api_key": API_KEY, "user": {"name": "x@example.com"}}
    assert client.post("/api/users.json", json=body).status_code == 500


# --- seed documents keyed by service ------------------------------------------------------------------


def test_a_sectioned_seed_document_loads_each_section(client: FlaskClient) -> None:
    status, body = control(client, "POST", "/seed", json={"supersaas": ACME})
    assert (status, body["services"]) == (201, {"supersaas": ["acme"]})
    assert client.get("/api/schedules.json", auth=("acme", "acme-key")).get_json()[0]["name"] == "Desks"


def test_a_bare_accounts_document_is_still_a_supersaas_section(client: FlaskClient) -> None:
    assert control(client, "POST", "/seed", json=ACME)[1]["services"] == {"supersaas": ["acme"]}


def test_an_unknown_section_is_refused_and_nothing_loads(client: FlaskClient) -> None:
    status, body = control(client, "POST", "/seed", json={"supersaas": ACME, "supersass": {}})
    assert status == 422
    assert (
        body["error"]
        == "the seed: unknown section 'supersass' (allowed: "
        + ", ".join(service.name for service in all_services())
        + ")"
    )
    assert client.get("/api/schedules.json", auth=("acme", "acme-key")).status_code == 401


def test_a_service_absent_from_the_seed_starts_empty(tmp_path) -> None:
    seed = tmp_path / "empty.json"
    seed.write_text("{}")
    world = World(ManualClock(T0))
    create_app(Settings(seed=str(seed)), world)
    assert supersaas_state(world).accounts == {}


def test_a_later_bad_section_stops_the_first_from_loading() -> None:
    """All or nothing across sections: the first section is not loaded when a later one is bad."""

    class Refusing:
        name, title, prefix = "refusing", "Refusing", "/refusing"
        legacy_seed_keys: frozenset[str] = frozenset()

        def new_state(self, world: World) -> dict[str, Any]:
            return {}

        def seed(self, state: Any, section: Any, progress: Any = None) -> list[str]:
            from fakesaas.core.service import SectionError

            raise SectionError("nothing is ever right here")

    world = World(ManualClock(T0))
    world.mount([*all_services(), Refusing()])  # type: ignore[list-item]
    with pytest.raises(SeedError, match="refusing: nothing is ever right here"):
        load_document(world, {"supersaas": ACME, "refusing": {}})
    assert supersaas_state(world).account("acme") is None


# --- typos are refused, never ignored -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"acounts": []}, "unknown section 'acounts'"),
        (
            {"supersaas": {"accounts": [], "users": []}},
            "at (the section): unknown key 'users' (allowed: accounts)",
        ),
        (
            {"accounts": [{**ACME["accounts"][0], "passwort": "x"}]},
            "at accounts/0: unknown key 'passwort' (allowed: api_key, bookings,",
        ),
        (
            {"accounts": [{**ACME["accounts"][0], "schedules": [{"name": "S", "timezon": "UTC"}]}]},
            "at accounts/0/schedules/0: unknown key 'timezon'",
        ),
        (
            {
                "accounts": [
                    {
                        **ACME["accounts"][0],
                        "schedules": [
                            {
                                "name": "S",
                                "kind": "capacity",
                                "slots": [
                                    {"start": "2030-01-01 09:00", "finish": "2030-01-01 10:00", "capacty": 3}
                                ],
                            }
                        ],
                    }
                ]
            },
            "at accounts/0/schedules/0/slots/0: unknown key 'capacty'",
        ),
        (
            {"accounts": [{**ACME["accounts"][0], "groups": [{"name": "G", "id": 4}]}]},
            "at accounts/0/groups/0: unknown key 'id' (allowed: name)",
        ),
        (
            {"accounts": [{**ACME["accounts"][0], "users": [{"name": "u@example.com", "fullname": "U"}]}]},
            "at accounts/0/users/0: unknown key 'fullname'",
        ),
    ],
    ids=["section", "document", "account", "schedule", "slot", "group", "user"],
)
def test_an_unknown_key_anywhere_in_a_seed_is_refused_naming_it(
    client: FlaskClient, section, message
) -> None:
    status, body = control(client, "POST", "/seed", json=section)
    assert status == 422
    assert message in body["error"]


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("POST", "/faults", {"action": "status", "status": 503, "paht": "/x"}, "unknown key 'paht'"),
        ("POST", "/reset", {"acount": "demo"}, "unknown key 'acount'"),
        ("PUT", "/clock", {"now": "2030-01-01T00:00:00Z", "frozen": True}, "unknown key 'frozen'"),
        ("POST", "/clock/advance", {"day": 1}, "unknown key 'day'"),
        ("PUT", "/rate-limit", {"account": "demo", "per_sec": 2}, "unknown key 'per_sec'"),
        ("DELETE", "/faults", {"sead": 3}, "unknown key 'sead'"),
        ("GET", "/requests?stauts=200", None, "unknown key 'stauts'"),
        ("GET", "/state?acount=demo", None, "unknown key 'acount'"),
        ("POST", "/clock/freeze", {"now": "x"}, "unknown key 'now' (allowed: none)"),
    ],
)
def test_an_unknown_key_in_a_control_request_is_a_400_naming_it(client, method, path, body, message) -> None:
    before = control(client, "GET", "/faults")[1], control(client, "GET", "/clock")[1]
    status, answer = control(client, method, path, json=body)
    assert status == 400
    assert message in answer["error"]
    assert "(allowed: " in answer["error"]
    assert (control(client, "GET", "/faults")[1], control(client, "GET", "/clock")[1]) == before


def test_a_misspelt_fault_rule_no_longer_fails_every_path(client: FlaskClient) -> None:
    control(client, "POST", "/faults", json={"action": "status", "status": 503, "paht": "/x"})
    assert client.get("/api/schedules.json", auth=AUTH).status_code == 200


def test_a_non_decimal_fault_seed_is_a_400(client: FlaskClient) -> None:
    assert control(client, "DELETE", "/faults", json={"seed": "0x1f"}) == (
        400,
        {"error": "seed must be a whole number"},
    )


# --- demo ids never change ----------------------------------------------------------------------------


def _demo_ids(client: FlaskClient) -> list[int]:
    return [schedule["id"] for schedule in client.get("/api/schedules.json", auth=AUTH).get_json()]


@pytest.mark.parametrize(
    "again",
    [
        lambda c: control(c, "POST", "/reset", json={"account": "demo"}),
        lambda c: control(c, "POST", "/reset", json={"account": "demo", "service": "supersaas"}),
        lambda c: control(c, "POST", "/seed?name=demo"),
        lambda c: control(c, "POST", "/reset"),
    ],
    ids=["reset-account", "reset-account-of-service", "seed-demo", "reset-all"],
)
def test_the_demo_keeps_its_ids_after_any_reset_or_re_seed(client: FlaskClient, again: Any) -> None:
    assert _demo_ids(client) == [ROOMS, ROOMS + 1, ROOMS + 2, WORKSHOPS]
    client.post(
        "/api/bookings.json",
        json={"schedule_id": ROOMS, "booking": {"start": "2030-02-01 10:00", "finish": "2030-02-01 11:00"}},
        auth=AUTH,
    )
    assert control(client, "POST", "/seed", json=ACME)[0] == 201  # another account takes the next ids

    assert again(client)[0] in (200, 201)

    assert _demo_ids(client) == [ROOMS, ROOMS + 1, ROOMS + 2, WORKSHOPS]
    assert client.get(f"/api/users/{ALICE}.json", auth=AUTH).status_code == 200
    assert client.get(f"/api/resources.json?schedule_id={ROOMS}", auth=AUTH).get_json()[0]["id"] == ROOM_1
    created = client.post(
        "/api/bookings.json",
        json={"schedule_id": ROOMS, "booking": {"start": "2030-02-02 10:00", "finish": "2030-02-02 11:00"}},
        auth=AUTH,
    )
    assert int(created.headers["location"].rsplit("/", 1)[1].split(".")[0]) >= NEXT_BOOKING_ID


def test_acme_keeps_working_after_the_demo_is_reset(client: FlaskClient) -> None:
    control(client, "POST", "/seed", json=ACME)
    acme_schedules = client.get("/api/schedules.json", auth=("acme", "acme-key")).get_json()

    control(client, "POST", "/reset", json={"account": "demo"})

    assert client.get("/api/schedules.json", auth=("acme", "acme-key")).get_json() == acme_schedules
    desk = acme_schedules[0]["id"]
    assert client.get("/api/schedules.json", auth=AUTH).get_json()[0]["id"] != desk


@pytest.fixture
def app(world: World) -> Flask:
    return create_app(Settings(seed="demo"), world)


# --- the seed format, published ---------------------------------------------------------------------


def test_the_seed_schema_is_served_and_the_published_copy_is_current(client: FlaskClient) -> None:
    served = client.get("/_fakesaas/seed.schema.json").get_json()
    Draft202012Validator.check_schema(served)
    assert set(served["properties"]) == {service.name for service in all_services()}
    published = json.loads((ROOT / "docs" / "seed.schema.json").read_text())
    assert published == served == document_schema(Registry(all_services())), (
        "docs/seed.schema.json is stale: write document_schema(...) of every service to it"
    )


def test_the_demo_holds_to_the_schema(world: World) -> None:
    world.mount(all_services())
    schema = document_schema(Registry(all_services()))
    assert list(Draft202012Validator(schema).iter_errors(seed_document(world, "demo"))) == []


@pytest.fixture(scope="module")
def large_seed() -> dict[str, Any]:
    """Every service's demo grown by 6,000 bookings: over a megabyte of seed text."""
    world = World(ManualClock(T0))
    create_app(Settings(seed="none"), world)
    document = {}
    for service in world.services:
        section = service.generate(T0, 6_000, 1) or service.demo(T0)
        document[service.name] = section
    assert len(json.dumps(document)) >= seeding.COMPILED_CHECK_FROM
    return document


def test_a_large_seed_file_is_checked_by_the_compiled_schema_and_loads(
    large_seed: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "large.json"
    path.write_text(json.dumps(large_seed), encoding="utf-8")
    world = World(ManualClock(T0))
    create_app(Settings(seed=str(path)), world)
    assert len(world.state("supersaas").accounts["demo"].bookings) > 6_000


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (lambda doc: doc["supersaas"]["accounts"][0]["bookings"][-1], "unknown key 'strat'"),
        (lambda doc: doc["simplybook"]["companies"][0]["bookings"][-1], "unknown key 'strat'"),
    ],
    ids=["supersaas", "simplybook"],
)
def test_a_flaw_deep_in_a_large_seed_file_is_named_as_in_a_small_one(
    large_seed: dict[str, Any], tmp_path: Path, where: Any, message: str
) -> None:
    document = json.loads(json.dumps(large_seed))
    where(document)["strat"] = "2030-01-01 10:00"
    path = tmp_path / "flawed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    world = World(ManualClock(T0))
    create_app(Settings(seed="none"), world)
    with pytest.raises(SeedError, match=message) as large:
        seed_document(world, str(path))
    small = json.loads(json.dumps(document))
    small["supersaas"]["accounts"][0]["bookings"] = small["supersaas"]["accounts"][0]["bookings"][-1:]
    small["simplybook"]["companies"][0]["bookings"] = small["simplybook"]["companies"][0]["bookings"][-1:]
    path.write_text(json.dumps(small), encoding="utf-8")
    with pytest.raises(SeedError) as small_error:
        seed_document(world, str(path))
    assert re.sub(r"/\d+", "/N", str(large.value)) == re.sub(r"/\d+", "/N", str(small_error.value))
