"""openapi/control.yaml: a valid OpenAPI 3.1 document, in step with the /_fakesaas routes both ways,
shipped inside the package, served at /_fakesaas/openapi.yaml, and true to what the routes answer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from tests.support import T0

ROOT = Path(__file__).resolve().parents[2]
CANONICAL = ROOT / "openapi" / "control.yaml"
PACKAGED = ROOT / "fakesaas" / "control" / "openapi.yaml"
PREFIX = "/_fakesaas"
METHODS = {"get", "put", "post", "delete", "patch"}
SPEC_URI = "urn:fakesaas:control"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(CANONICAL.read_text(encoding="utf-8"))


def app_routes(app: Flask) -> set[tuple[str, str]]:
    """(method, OpenAPI-style path) of every control route the app serves."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            routes.update(
                (method.lower(), path) for method in (rule.methods or ()) if method.lower() in METHODS
            )
    return routes


def documented_routes(spec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(method, path) for path, item in spec["paths"].items() for method in item if method in METHODS}


def test_the_control_spec_is_a_valid_openapi_3_1_document(spec) -> None:
    from openapi_spec_validator import validate

    validate(spec)  # raises on the first problem
    assert spec["openapi"].startswith("3.1.")
    operation_ids = [
        op["operationId"] for item in spec["paths"].values() for m, op in item.items() if m in METHODS
    ]
    assert len(operation_ids) == len(set(operation_ids))
    for path, item in spec["paths"].items():
        assert path.startswith(f"{PREFIX}/"), path
        for method, operation in item.items():
            assert operation["responses"], f"{method.upper()} {path} documents no answer"


def test_every_control_route_is_documented_and_nothing_else_is(app, spec) -> None:
    served, documented = app_routes(app), documented_routes(spec)
    assert served - documented == set(), "routes missing from openapi/control.yaml"
    assert documented - served == set(), "documented in openapi/control.yaml but not served"


def test_the_packaged_copy_is_the_canonical_document() -> None:
    # Installed packages serve fakesaas/control/openapi.yaml; openapi/control.yaml is the one edited.
    assert PACKAGED.read_bytes() == CANONICAL.read_bytes(), (
        "run: cp openapi/control.yaml fakesaas/control/openapi.yaml"
    )


def test_the_document_is_served_beside_the_control_api(client) -> None:
    answer = client.get(f"{PREFIX}/openapi.yaml")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/yaml")
    assert answer.data == CANONICAL.read_bytes()


def test_without_control_the_document_is_not_served_either() -> None:
    client = create_app(Settings(seed="demo", control=False), World(ManualClock(T0))).test_client()
    assert client.get(f"{PREFIX}/openapi.yaml").status_code == 404


# What the routes answer, held to the documented schemas (request, expected status).
CALLS: list[tuple[str, str, dict[str, Any] | None, int]] = [
    ("get", "/", None, 200),
    ("post", "/reset", {"account": "demo", "clock": True}, 200),
    ("post", "/reset", {"account": "nobody"}, 404),
    ("post", "/reset", None, 200),
    ("post", "/seed", {"accounts": [{"name": "acme", "api_key": "k", "password": "p"}]}, 201),
    ("post", "/seed", {"accounts": [{"name": "broken"}]}, 422),
    ("post", "/seed?name=nothing", None, 400),
    ("get", "/state", None, 200),
    ("get", "/state?account=demo", None, 200),
    ("get", "/state?account=nobody", None, 404),
    ("post", "/save", None, 409),
    ("get", "/clock", None, 200),
    ("put", "/clock", {"now": "2030-02-01T10:00:00Z"}, 200),
    ("put", "/clock", {"now": "soon"}, 400),
    ("post", "/clock/advance", {"hours": 1}, 200),
    ("post", "/clock/advance", {}, 400),
    ("post", "/clock/freeze", None, 200),
    ("post", "/clock/resume", None, 200),
    ("post", "/faults", {"action": "latency", "latency_ms": 0, "path": "/api/none*"}, 201),
    ("post", "/faults", {"action": "boom"}, 400),
    ("get", "/faults", None, 200),
    ("delete", "/faults/1", None, 200),
    ("delete", "/faults/1", None, 404),
    ("put", "/rate-limit", {"account": "demo", "per_second": 100}, 200),
    ("put", "/rate-limit", {"per_second": 1}, 400),
    ("delete", "/faults", {"seed": 3}, 200),
    ("get", "/requests?unmatched=true", None, 200),
    ("delete", "/requests", None, 200),
    ("get", "/webhooks", None, 200),
    ("get", "/webhooks?status=lost", None, 400),
    ("delete", "/webhooks", None, 200),
]


def response_schema(spec: dict[str, Any], method: str, path: str, status: int) -> dict[str, Any]:
    """The documented JSON schema of that answer (a $ref into the document, resolved by the validator)."""
    responses = spec["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path} does not document a {status}"
    pointer = f"#/paths/{path.replace('~', '~0').replace('/', '~1')}/{method}/responses/{status}"
    answer = responses[str(status)]
    if "$ref" in answer:
        pointer = answer["$ref"]
        answer = spec["components"]["responses"][pointer.rsplit("/", 1)[-1]]
    assert "application/json" in answer["content"]
    return {"$ref": f"{SPEC_URI}{pointer}/content/application~1json/schema"}


def test_what_each_route_answers_matches_its_documented_schema(spec, client: FlaskClient, api) -> None:
    registry = Registry().with_resource(SPEC_URI, Resource(contents=spec, specification=DRAFT202012))
    api.get("/api/nowhere")  # an unmatched request for the journal to show
    for method, target, body, status in CALLS:
        answer = client.open(f"{PREFIX}{target}", method=method.upper(), json=body)
        assert answer.status_code == status, (method, target, answer.data)
        path = f"{PREFIX}{target.split('?')[0]}".replace("/faults/1", "/faults/{rule_id}")
        schema = response_schema(spec, method, path, status)
        errors = [
            e.message for e in Draft202012Validator(schema, registry=registry).iter_errors(answer.get_json())
        ]
        assert errors == [], (method, target, errors)
