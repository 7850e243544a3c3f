"""``GET /_fakesaas/health``: whether the emulator is up, for wait loops and container health checks.

Served without the control token and with ``--no-control`` too: it tells nothing and changes nothing.
"""

from __future__ import annotations

import json

from flask import Flask, Response

from fakesaas._version import __version__
from fakesaas.core.service import Registry

PATH = "/_fakesaas/health"


def register(app: Flask, services: Registry) -> None:
    body = json.dumps({"status": "ok", "fakesaas": __version__, "services": services.names})

    @app.get(PATH, endpoint="fakesaas_health")
    def health() -> Response:
        return Response(body, mimetype="application/json")
