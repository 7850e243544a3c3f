"""The contracts served by the emulator, one per service, and a /docs page (Swagger UI) showing them.

Each service names its contract (``Service.spec``): a file shipped as package data, an identical copy
of the canonical one under ``openapi/`` at the top of the source tree (tests/test_spec_sync.py keeps
them the same). Served at ``/openapi/<service>.yaml`` and ``.json`` (OpenAPI) or
``/openapi/<service>.json`` (OpenRPC); ``/openapi.yaml`` and ``/openapi.json`` are the first
service's, as before there were several. The docs page uses the Swagger UI files shipped by the
``swagger-ui-bundle-v2`` package: nothing is fetched from a CDN, so it works offline.
"""

from __future__ import annotations

import functools
import html
import json
from importlib import resources
from pathlib import Path

import yaml
from flask import Blueprint, Flask, Response, abort, send_from_directory

from fakesaas.core.service import Registry, Service, Spec, SpecKind

# The Swagger UI files the page loads; nothing else of the bundle is served.
_UI_FILES = frozenset(
    (
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "favicon-32x32.png",
        "favicon-16x16.png",
    )
)

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>fakesaas: API contracts</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  {others}
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script src="docs/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({{urls: {urls}, dom_id: "#swagger-ui", deepLinking: true,
      validatorUrl: null, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: "StandaloneLayout"}});
  </script>
</body>
</html>
"""


def spec_path(spec: Spec) -> Path:
    """Where a service's contract lies in the installed package."""
    return Path(str(resources.files(spec.package).joinpath(spec.filename)))


def swagger_ui_dir() -> Path:
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


@functools.cache
def spec_text(spec: Spec) -> str:
    return spec_path(spec).read_text(encoding="utf-8")


@functools.cache
def spec_json(spec: Spec) -> str:
    """The contract as JSON, made on first request and kept: parsing 6,000 lines of YAML takes a
    visible fraction of a second, which start-up and every test's app should not pay."""
    if spec.kind is SpecKind.OPENRPC:
        return spec_text(spec)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return json.dumps(yaml.load(spec_text(spec), Loader=loader), ensure_ascii=False, indent=1)


def create_blueprint(services: Registry) -> Blueprint:
    ui_dir = swagger_ui_dir()
    blueprint = Blueprint("openapi_docs", __name__)
    specs = {service.name: service.spec() for service in services}
    openapi = [service for service in services if specs[service.name].kind is SpecKind.OPENAPI]
    primary = specs[openapi[0].name] if openapi else None

    def yaml_answer(spec: Spec | None) -> Response:
        if spec is None or spec.kind is not SpecKind.OPENAPI:
            abort(404)
        return Response(spec_text(spec), content_type="application/yaml; charset=utf-8")

    def json_answer(spec: Spec | None) -> Response:
        if spec is None:
            abort(404)
        return Response(spec_json(spec), content_type="application/json; charset=utf-8")

    @blueprint.get("/openapi.yaml")
    def openapi_yaml() -> Response:
        return yaml_answer(primary)

    @blueprint.get("/openapi.json")
    def openapi_json() -> Response:
        return json_answer(primary)

    @blueprint.get("/openapi/<name>.yaml")
    def service_yaml(name: str) -> Response:
        return yaml_answer(specs.get(name))

    @blueprint.get("/openapi/<name>.json")
    def service_json(name: str) -> Response:
        return json_answer(specs.get(name))

    @blueprint.get("/docs")
    def docs_page() -> Response:
        return Response(_page(services, specs), content_type="text/html; charset=utf-8")

    @blueprint.get("/docs/<name>")
    def docs_asset(name: str) -> Response:
        if name not in _UI_FILES:
            abort(404)
        return send_from_directory(ui_dir, name, max_age=3600)

    return blueprint


def _page(services: Registry, specs: dict[str, Spec]) -> str:
    urls = [
        {"url": f"openapi/{service.name}.json", "name": f"{service.title} ({service.prefix})"}
        for service in services
        if specs[service.name].kind is SpecKind.OPENAPI
    ]
    others = [service for service in services if specs[service.name].kind is not SpecKind.OPENAPI]
    links = "".join(_other_link(service, specs[service.name]) for service in others)
    block = f'<ul class="fakesaas-other-contracts">{links}</ul>' if links else ""
    return _PAGE.format(urls=json.dumps(urls), others=block)


def _other_link(service: Service, spec: Spec) -> str:
    title = html.escape(service.title)
    return f'<li><a href="openapi/{service.name}.json">{title} ({spec.kind.value} document)</a></li>'


def register(app: Flask, services: Registry) -> None:
    app.register_blueprint(create_blueprint(services))
