"""The application factory: one Flask app around one world, with every emulated service mounted."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from flask import Flask

from fakesaas import control, cors, dashboard, health, http_errors, openapi_docs, seed_image
from fakesaas.core.service import Service
from fakesaas.core.targets import TargetMode, TargetPolicy, TargetsError, is_loopback
from fakesaas.core.world import World
from fakesaas.core.wsgi import BodyLimits, DropConnection, LowercaseLocation
from fakesaas.durable import Journaled, WriteJournal, replay
from fakesaas.lean_flask import LeanFlask
from fakesaas.persistence import PersistenceError, restore_world
from fakesaas.seeding import Progress, apply_seed
from fakesaas.services import all_services
from fakesaas.settings import Settings, SettingsError


def create_app(
    settings: Settings | None = None,
    world: World | None = None,
    progress: Progress | None = None,
    services: Iterable[Service] | None = None,
) -> Flask:
    """Build an emulator of ``services`` (default: every registered one).

    ``world`` lets a caller keep a handle on the state (and its clock); by default a fresh world
    on the system clock, seeded as ``settings.seed`` says, unless ``settings.state`` names an
    existing state file: then that is loaded instead (PersistenceError if it cannot be).
    ``progress(done, total)`` hears how loading the seed's bookings goes.
    """
    mounted = all_services() if services is None else list(services)
    settings = exposure_defaults(settings or Settings.from_env(services=service_variables(mounted)))
    world = world or World()
    world.webhooks.policy = webhook_policy(settings)
    world.mount(mounted)
    app = LeanFlask("fakesaas")
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        # What the servers read of a body before the app runs: the app's limit, or more under the
        # prefix of a service that takes larger bodies on some route.
        FAKESAAS_BODY_LIMITS=BodyLimits(
            settings.max_body_bytes,
            tuple(
                (service.prefix + "/", service.largest_body)
                for service in world.services
                if service.largest_body is not None and service.largest_body > settings.max_body_bytes
            ),
        ),
        FAKESAAS_LOCATION_BASE=settings.location_base,
        JSON_SORT_KEYS=False,
    )
    app.extensions["fakesaas"] = world
    app.extensions["fakesaas.settings"] = settings
    http_errors.refuse_stalled_bodies(app)  # before the fault hooks and the services' own
    for service in world.services:
        service.register(app)
    openapi_docs.register(app, world.services)
    health.register(app, world.services)
    if settings.control:
        control.register(app, world.services)
        dashboard.register(app, world.services)  # behind the control plane's guard, and off with it
    http_errors.install(app, world.services)
    cors.install(
        app, world.services, cors.CorsPolicy.parse(settings.cors_origins, settings.cors), settings.host
    )
    journal = WriteJournal(settings.state) if settings.state else None
    if journal is not None and not settings.durable and journal.files():
        raise PersistenceError(
            f"state file {settings.state} has a write journal ({journal.files()[0].name}, ...) from a run"
            " with --durable: start with --durable to play it back, or remove it to start without"
        )
    restored = restore_world(world, settings.state) if settings.state else None
    app.extensions["fakesaas.restored"] = restored
    if restored is None:
        with world.lock:
            seed_image.keep(world, settings.seed, apply_seed(world, settings.seed, progress))
    app.wsgi_app = DropConnection(LowercaseLocation(app.wsgi_app))  # type: ignore[method-assign]
    if settings.durable:
        if journal is None:
            raise SettingsError("--durable needs --state FILE (the journal is kept next to it)")
        _play_back_and_journal(app, world, journal, restored)
    return app


def _play_back_and_journal(
    app: Flask, world: World, journal: WriteJournal, restored: dict[str, Any] | None
) -> None:
    """The writes journaled since the state file was saved (or, without one, since the seed), made
    again; then every new write journaled before it is answered."""
    pending = journal.pending(after=int(restored["journal_seq"]) if restored else 0)
    app.extensions["fakesaas.replayed"] = replay(app.wsgi_app, world, pending)
    world.writes = journal
    app.wsgi_app = Journaled(app.wsgi_app, world, journal, control.PREFIX)  # type: ignore[method-assign]


def service_variables(services: Iterable[Service]) -> list[str]:
    """The FAKESAAS_* variables the services read themselves."""
    return [variable for service in services for variable in service.environment]


def exposure_defaults(settings: Settings) -> Settings:
    """Settings as served: an emulator reachable from other machines gets a control token made up
    for it (``fakesaas serve`` prints it) unless one is given or ``insecure_control`` is set."""
    exposed = not is_loopback(settings.host)
    if exposed and settings.control and not settings.control_token and not settings.insecure_control:
        return replace(settings, control_token=secrets.token_urlsafe(24))
    return settings


def webhook_policy(settings: Settings) -> TargetPolicy:
    """``--webhook-targets`` as given; unset, any host on loopback and public hosts only when exposed."""
    if settings.webhook_targets:
        try:
            return TargetPolicy.parse(settings.webhook_targets)
        except TargetsError as error:
            raise SettingsError(str(error)) from None
    return TargetPolicy(TargetMode.ANY if is_loopback(settings.host) else TargetMode.PUBLIC)
