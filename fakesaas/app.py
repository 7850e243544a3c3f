"""The application factory: one Flask app around one world, with every emulated service mounted."""

from __future__ import annotations

from flask import Flask

from fakesaas import control
from fakesaas.core.world import World
from fakesaas.core.wsgi import LowercaseLocation
from fakesaas.seeding import apply_seed
from fakesaas.settings import Settings
from fakesaas.supersaas import http as supersaas_http


def create_app(settings: Settings | None = None, world: World | None = None) -> Flask:
    """Build an emulator. ``world`` lets a caller keep a handle on the state (and its clock);
    by default a fresh world on the system clock, seeded as ``settings.seed`` says."""
    settings = settings or Settings.from_env()
    world = world or World()
    app = Flask("fakesaas")
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        FAKESAAS_LOCATION_BASE=settings.location_base,
        JSON_SORT_KEYS=False,
    )
    app.extensions["fakesaas"] = world
    app.extensions["fakesaas.settings"] = settings
    supersaas_http.register(app)
    if settings.control:
        control.register(app, render_error=supersaas_http.render_error)
    apply_seed(world, settings.seed)
    app.wsgi_app = LowercaseLocation(app.wsgi_app)  # type: ignore[method-assign]
    return app
