"""The /_fakesaas control plane: reset, seed, state, clock, faults, journal, webhooks (JSON only).

It never answers on an emulated API's own paths, and is left out with ``--no-control``.
"""

from __future__ import annotations

from flask import Blueprint, Flask

from fakesaas.control import guard, hooks, routes, webhooks
from fakesaas.core.service import Registry

PREFIX = "/_fakesaas"


def register(app: Flask, services: Registry) -> None:
    blueprint = Blueprint("control", __name__, url_prefix=PREFIX)
    blueprint.before_request(guard.admit)
    routes.register(blueprint)
    webhooks.register(blueprint)
    app.register_blueprint(blueprint)
    hooks.install(app, PREFIX, services)
