"""openapi/seatsio.yaml against the app: a valid OpenAPI 3.1 document naming exactly the routes
served, with the packaged copy identical, served and shown on /docs; and answers of a session of
calls that fit its schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from fakesaas.openapi_docs import spec_path
from fakesaas.services import all_services
from tests.seatsio.conftest import Api

ROOT = Path(__file__).resolve().parents[2]
SPEC_FILE = ROOT / "openapi" / "seatsio.yaml"
METHODS = ("get", "put", "post", "delete", "patch")
_ANY = re.compile(r"<any\(([^)]*)\):[a-z_]+>")
_PARAMETER = re.compile(r"<(?:path:)?([a-z_]+)>")
CHANGE = "/events/groups/actions/change-object-status?expand=objects"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _served(app: Flask) -> dict[tuple[str, str], str]:
    """(spec path, method) -> operationId: the view's name, plus the literal an ``any`` chose."""
    served = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/seatsio/"):
            continue
        view = rule.endpoint.rsplit(".", 1)[-1]
        variants = [(rule.rule, view)]
        found = _ANY.search(rule.rule)
        if found:
            literals = [part.strip().strip("'") for part in found.group(1).split(",")]
            variants = [
                (
                    rule.rule[: found.start()] + literal + rule.rule[found.end() :],
                    f"{view}_{literal.replace('-', '_')}",
                )
                for literal in literals
            ]
        for template, operation in variants:
            path = _PARAMETER.sub(r"{\1}", template.removeprefix("/seatsio"))
            for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
                served[(path, method.lower())] = operation
    return served


def _documented(spec: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {
        (path, method): operation["operationId"]
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_the_spec_is_a_valid_openapi_3_1_document(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_route_is_documented_under_its_view_and_every_operation_is_served(
    app: Flask, spec: dict[str, Any]
) -> None:
    served, documented = _served(app), _documented(spec)
    assert sorted(set(served) - set(documented)) == [], "routes the spec does not document"
    assert sorted(set(documented) - set(served)) == [], "operations the emulator does not serve"
    assert documented == served


def test_every_referenced_component_exists(spec: dict[str, Any]) -> None:
    for reference in set(re.findall(r'"\$ref": "#/([^"]+)"', json.dumps(spec))):
        node: Any = spec
        for part in reference.split("/"):
            assert part in node, f"#/{reference} is not defined"
            node = node[part]


def test_the_packaged_copy_is_the_canonical_file() -> None:
    service = next(service for service in all_services() if service.name == "seatsio")
    assert spec_path(service.spec()).read_bytes() == SPEC_FILE.read_bytes()


def test_the_emulator_serves_it_and_the_docs_page_offers_it(
    client: FlaskClient, spec: dict[str, Any]
) -> None:
    answer = client.get("/openapi/seatsio.yaml")
    assert answer.status_code == 200
    assert answer.data == SPEC_FILE.read_bytes()
    assert client.get("/openapi/seatsio.json").get_json() == spec
    assert "seatsio" in client.get("/docs").get_data(as_text=True)


# --- answers against the schemas ---------------------------------------------------------------
def _schema(spec: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any] | None:
    response = spec["paths"][path][method]["responses"][str(status)]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    content = response.get("content", {}).get("application/json")
    if content is None:
        return None
    return {**content["schema"], "components": spec["components"]}


def _check(spec: dict[str, Any], path: str, method: str, answer: Any) -> None:
    schema = _schema(spec, path, method, answer.status_code)
    if schema is None:
        assert answer.data == b"", f"{method.upper()} {path}: {answer.status_code} has no documented body"
        return
    resolver = jsonschema.validators.Draft202012Validator(schema)
    errors = sorted(resolver.iter_errors(answer.get_json()), key=str)
    assert not errors, f"{method.upper()} {path} {answer.status_code}: {errors[0].message}"


def test_answers_fit_their_documented_schemas(api: Api, theatre: str, spec: dict[str, Any]) -> None:
    def call(method: str, path: str, template: str, **kwargs: Any) -> Any:
        answer = api(method.upper(), path, **kwargs)
        _check(spec, template, method, answer)
        return answer

    call(
        "post",
        "/charts",
        "/charts",
        json={"name": "c", "categories": [{"key": 1, "label": "x", "color": "#1"}]},
    )
    call("get", "/charts?expand=events&expand=validation&expand=venueType&expand=zones", "/charts")
    call("get", f"/charts/{theatre}", "/charts/{key}")
    call("get", "/charts/nope", "/charts/{key}")
    call(
        "post",
        f"/charts/{theatre}/version/published/actions/validate",
        "/charts/{key}/version/published/actions/validate",
    )
    call("get", f"/charts/{theatre}/categories", "/charts/{key}/categories")
    call(
        "post",
        "/events",
        "/events",
        json={
            "chartKey": theatre,
            "eventKey": "e",
            "channels": [{"key": "c", "name": "C", "color": "#000", "objects": ["D-1"]}],
        },
    )
    call("post", "/seasons", "/seasons", json={"chartKey": theatre, "key": "s", "eventKeys": ["s1"]})
    call("get", "/events", "/events")
    call("get", "/events/s", "/events/{key}")
    token = call("post", "/hold-tokens", "/hold-tokens", json={}).get_json()["holdToken"]
    call("get", f"/hold-tokens/{token}", "/hold-tokens/{token}")
    call(
        "post",
        CHANGE,
        "/events/groups/actions/change-object-status",
        json={
            "events": ["e"],
            "objects": ["A-1", {"objectId": "GA1", "quantity": 2}],
            "status": "reservedByToken",
            "holdToken": token,
        },
    )
    call(
        "post",
        CHANGE,
        "/events/groups/actions/change-object-status",
        json={"events": ["e"], "objects": ["A-1"], "status": "booked"},
    )
    call(
        "post",
        "/events/actions/change-object-status?expand=objects",
        "/events/actions/change-object-status",
        json={"statusChanges": [{"event": "e", "objects": ["B-1"], "status": "booked"}]},
    )
    call(
        "post",
        "/events/e/actions/change-object-status",
        "/events/{key}/actions/change-object-status",
        json={"status": "booked", "bestAvailable": {"number": 2}},
    )
    call(
        "post",
        "/events/e/actions/change-object-status",
        "/events/{key}/actions/change-object-status",
        json={"status": "booked", "bestAvailable": {"number": 5000}},
    )
    call("get", "/events/e/objects?label=A-1&label=GA1&label=T1", "/events/{key}/objects")
    call("get", "/events/e/status-changes", "/events/{key}/status-changes")
    call(
        "post",
        "/events/e/actions/edit-for-sale-config",
        "/events/{key}/actions/edit-for-sale-config",
        json={"notForSale": [{"object": "A-8"}]},
    )
    call("post", "/workspaces", "/workspaces", json={"name": "w"})
    call("get", "/workspaces", "/workspaces")
    call("post", "/charts", "/charts", json={"categories": ["oops"]})
