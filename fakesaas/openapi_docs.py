"""The API contract served by the emulator: /openapi.yaml, /openapi.json and a /docs page (Swagger UI).

The canonical file is ``openapi/supersaas.yaml`` at the top of the source tree; the package carries an
identical copy, ``fakesaas/supersaas/openapi.yaml`` (package data, so ``pip install .`` serves it too;
tests/test_spec_sync.py keeps the two the same). The docs page uses the Swagger UI files shipped by the
``swagger-ui-bundle-v2`` package: nothing is fetched from a CDN, so it works offline.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path

import yaml
from flask import Blueprint, Flask, Response, abort, send_from_directory

SPEC_NAME = "openapi.yaml"
# The Swagger UI files the page loads; nothing else of the bundle is served.
_UI_FILES = frozenset(("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "favicon-16x16.png"))

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>SuperSaaS API (fakesaas)</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({url: "openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                                 validatorUrl: null});
  </script>
</body>
</html>
"""


def spec_path() -> Path:
    """The SuperSaaS spec as packaged (a copy of openapi/supersaas.yaml)."""
    return Path(str(resources.files("fakesaas.supersaas").joinpath(SPEC_NAME)))


def swagger_ui_dir() -> Path:
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


@functools.cache
def spec_text() -> str:
    return spec_path().read_text(encoding="utf-8")


@functools.cache
def spec_json() -> str:
    """The spec as JSON, made on first request and kept: parsing 6,000 lines of YAML takes a
    visible fraction of a second, which start-up and every test's app should not pay."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return json.dumps(yaml.load(spec_text(), Loader=loader), ensure_ascii=False, indent=1)


def create_blueprint() -> Blueprint:
    ui_dir = swagger_ui_dir()
    blueprint = Blueprint("openapi_docs", __name__)

    @blueprint.get("/openapi.yaml")
    def openapi_yaml() -> Response:
        return Response(spec_text(), content_type="application/yaml; charset=utf-8")

    @blueprint.get("/openapi.json")
    def openapi_json() -> Response:
        return Response(spec_json(), content_type="application/json; charset=utf-8")

    @blueprint.get("/docs")
    def docs_page() -> Response:
        return Response(_PAGE, content_type="text/html; charset=utf-8")

    @blueprint.get("/docs/<name>")
    def docs_asset(name: str) -> Response:
        if name not in _UI_FILES:
            abort(404)
        return send_from_directory(ui_dir, name, max_age=3600)

    return blueprint


def register(app: Flask) -> None:
    app.register_blueprint(create_blueprint())
