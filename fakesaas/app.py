"""The application factory: one Flask app around one world, with every emulated service mounted."""

from __future__ import annotations

from flask import Flask

from fakesaas import control, openapi_docs
from fakesaas.core.world import World
from fakesaas.core.wsgi import LowercaseLocation
from fakesaas.persistence import restore_world
from fakesaas.seeding import Progress, apply_seed
from fakesaas.settings import Settings
from fakesaas.supersaas import http as supersaas_http


def create_app(
    settings: Settings | None = None, world: World | None = None, progress: Progress | None = None
) -> Flask:
    """Build an emulator. ``world`` lets a caller keep a handle on the state (and its clock);
    by default a fresh world on the system clock, seeded as ``settings.seed`` says, unless
    ``settings.state`` names an existing state file: then that is loaded instead (PersistenceError
    if it cannot be). ``progress(done, total)`` hears how loading the seed's bookings goes."""
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
    openapi_docs.register(app)
    if settings.control:
        control.register(app, render_error=supersaas_http.render_error)
    restored = restore_world(world, settings.state) if settings.state else None
    app.extensions["fakesaas.restored"] = restored
    if restored is None:
        apply_seed(world, settings.seed, progress)
    app.wsgi_app = LowercaseLocation(app.wsgi_app)  # type: ignore[method-assign]
    return app
