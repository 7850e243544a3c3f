"""openapi/supersaas.yaml against the app: a valid OpenAPI 3.1 document naming exactly the routes served.

A route added without its operation, or an operation left behind by a removed route, fails here; so
does a spec edited in one of its three variants (bare, .json, .xml) and not the others, or a packaged
copy that is not the canonical file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from openapi_spec_validator import validate

from fakesaas.openapi_docs import spec_path
from fakesaas.services import all_services

ROOT = Path(__file__).resolve().parent.parent
SPEC_FILE = ROOT / "openapi" / "supersaas.yaml"
METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")
# HEAD is answered for every GET by the framework, with no body; OPTIONS is refused (405). Neither is
# an operation of the API.
IMPLICIT = {"HEAD", "OPTIONS"}
EXTENSIONS = ("", ".json", ".xml")
_RULE_PARAMETER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _served(app: Flask) -> dict[tuple[str, str], str]:
    """(spec path, method) -> view name, for every SuperSaaS route of the app."""
    served: dict[tuple[str, str], str] = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        view = rule.endpoint.rsplit(".", 1)[-1]
        template = rule.rule
        variants = [("", "")]
        if template.endswith(".<any(json, xml):fmt>"):
            template = template.removesuffix(".<any(json, xml):fmt>")
            variants = [(".json", "_json"), (".xml", "_xml")]
        path = _RULE_PARAMETER.sub(r"{\1}", template)
        for extension, suffix in variants:
            for method in (rule.methods or set()) - IMPLICIT:
                served[(path + extension, method.lower())] = view + suffix
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


def test_every_route_is_documented_and_every_operation_is_served(app: Flask, spec: dict[str, Any]) -> None:
    served, documented = set(_served(app)), set(_documented(spec))
    assert sorted(served - documented) == [], "routes the spec does not document"
    assert sorted(documented - served) == [], "operations the emulator does not serve"


def test_operation_ids_name_the_view_and_the_format(app: Flask, spec: dict[str, Any]) -> None:
    """`bookings_create`, `bookings_create_json`, `bookings_create_xml`: the view that answers."""
    assert _documented(spec) == _served(app)


def test_the_three_variants_of_an_operation_differ_only_in_format(spec: dict[str, Any]) -> None:
    def neutral(operation: dict[str, Any]) -> str:
        text = json.dumps({k: v for k, v in operation.items() if k not in ("summary", "description")})
        text = re.sub(r'"operationId": "(\w+?)(_json|_xml)?"', r'"operationId": "\1"', text)
        return re.sub(r'(#/components/responses/\w+?)(Json|Xml)"', r'\1"', text)

    bare_paths = [path for path in spec["paths"] if not path.endswith((".json", ".xml"))]
    for path in bare_paths:
        for method, operation in spec["paths"][path].items():
            for extension in EXTENSIONS[1:]:
                variant = spec["paths"][path + extension][method]
                assert neutral(variant) == neutral(operation), f"{method.upper()} {path}{extension}"


def test_every_referenced_component_exists(spec: dict[str, Any]) -> None:
    text = json.dumps(spec)
    for reference in set(re.findall(r'"\$ref": "#/([^"]+)"', text)):
        node: Any = spec
        for part in reference.split("/"):
            assert part in node, f"#/{reference} is not defined"
            node = node[part]


def test_the_packaged_copy_is_the_canonical_file() -> None:
    """`pip install .` ships fakesaas/supersaas/openapi.yaml; it must be openapi/supersaas.yaml."""
    (supersaas,) = [service for service in all_services() if service.name == "supersaas"]
    assert spec_path(supersaas.spec()).read_bytes() == SPEC_FILE.read_bytes()


def test_the_emulator_serves_the_spec_as_yaml_and_json(client, spec: dict[str, Any]) -> None:
    as_yaml = client.get("/openapi.yaml")
    as_json = client.get("/openapi.json")
    assert as_yaml.status_code == as_json.status_code == 200
    assert as_yaml.headers["Content-Type"].startswith("application/yaml")
    assert as_json.headers["Content-Type"].startswith("application/json")
    assert as_yaml.data == SPEC_FILE.read_bytes()
    assert as_json.get_json() == spec


def test_the_docs_page_uses_the_bundled_swagger_ui_and_no_cdn(client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    html = page.get_data(as_text=True)
    assert '"openapi/supersaas.json"' in html  # every OpenAPI contract is listed in the page's picker
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "the page must load nothing from elsewhere"
    for asset in re.findall(r'(?:src|href)="(docs/[^"]+)"', html):
        answer = client.get("/" + asset)
        assert answer.status_code == 200, asset
        assert len(answer.data) > 100, asset
    script = client.get("/docs/swagger-ui-bundle.js")
    assert b"SwaggerUIBundle" in script.data


def test_each_service_contract_is_served_under_its_name(client, spec: dict[str, Any]) -> None:
    assert client.get("/openapi/supersaas.yaml").data == SPEC_FILE.read_bytes()
    assert client.get("/openapi/supersaas.json").get_json() == spec
    assert client.get("/openapi/nothing.json").status_code == 404


def test_the_docs_serve_only_the_swagger_ui_files(client) -> None:
    assert client.get("/docs/index.html").status_code == 404
    assert client.get("/docs/..%2Fpyproject.toml").status_code == 404
