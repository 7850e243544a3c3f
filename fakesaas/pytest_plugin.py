"""pytest fixtures for code that talks to the emulated services: point it at fakesaas instead of a
live account.

Installed with the package (entry point ``pytest11``), so a project only needs ``pip install
fakesaas`` to get:

``fakesaas_server``
    Session-wide: one emulator served on ``127.0.0.1`` (a free port) from a background thread,
    on a virtual clock, stopped when the session ends. What it serves comes from three
    session fixtures a project may override in its conftest.py, in the manner of
    pytest-httpserver's ``httpserver_listen_address``: ``fakesaas_settings`` (a
    ``fakesaas.settings.Settings``), ``fakesaas_services`` (the names of the services to mount;
    None for all) and ``fakesaas_seed`` (what each test starts from: ``demo``, ``none`` or a
    seed file's path).
``fakesaas``
    Per test: the same emulator reset to a known state (data, clock, fault rules, request
    journal, webhook log), as a :class:`FakeSaaS` handle with its URL, credentials and helpers
    to steer it and read any service's state.
``supersaas_client``, ``seatsio_client``, ``simplybook_client``
    Per test: a client of each service (its official Python SDK where there is one) logged in to
    its first account or company of the seed; ``fakesaas.client(name)`` gives any service's.
``@pytest.mark.fakesaas_seed("seeds/acme.json")``
    Load that seed file (JSON or YAML) instead of ``fakesaas_seed`` for one test, class or
    module. A relative path is looked up beside the test file first, then under the rootdir.

Only ``fakesaas*`` and ``*_client`` names of the emulated services are taken, so a project's own
``client`` or ``app`` fixtures are left alone. Nothing of the emulator (nor Flask) is imported
when pytest starts, only when a fixture is first used.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from flask import Flask

    from fakesaas.core.world import World
    from fakesaas.server import ThreadedServer
    from fakesaas.settings import Settings

SEED_MARKER = "fakesaas_seed"
DEMO = "demo"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{SEED_MARKER}(path): load this seed file (JSON or YAML; relative to the test file or the rootdir)"
        " into the fakesaas emulator instead of the demo data, for the tests it marks",
    )


@dataclass(frozen=True)
class FakeSaaSServer:
    """The emulator one test session shares: the served app, its world and the server thread."""

    app: Flask
    world: World
    server: ThreadedServer

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``: what ``SSS_API_HOST`` should be."""
        return self.server.url


class FakeSaaS:
    """A handle on the emulator for one test: where it is, whom to log in as, and how to steer it.

    ``account``, ``api_key`` and ``password`` are those of the first SuperSaaS account of the seed
    (the demo's are ``demo``, ``demo-api-key`` and ``demo-password``); ``credentials(service)``
    gives the first account or company of any service.
    """

    def __init__(self, server: FakeSaaSServer) -> None:
        self._server = server

    @property
    def url(self) -> str:
        """Base URL of the emulator (no trailing slash)."""
        return self._server.url

    @property
    def world(self) -> World:
        """The emulator's state, clock, fault rules and request journal, in this process."""
        return self._server.world

    @property
    def services(self) -> list[str]:
        """The names of the services the emulator serves."""
        return self.world.services.names

    def base_url(self, service: str) -> str:
        """Where a service is mounted: ``http://127.0.0.1:PORT/seatsio`` for ``seatsio``."""
        return self.url + str(self._service(service).prefix)

    def credentials(self, service: str | None = None) -> dict[str, str]:
        """The first account or company of ``service`` (default: the first service that has
        one), as its service names them (SuperSaaS: ``account``, ``api_key``, ``password``)."""
        names = [service] if service is not None else self.services
        for name in names:
            found = self._service(name)
            tenants = found.summary(self.world.state(name)).tenants
            if tenants:
                return dict(tenants[0].credentials)
        return {}

    @property
    def account(self) -> str:
        return self._supersaas().get("account", "")

    @property
    def api_key(self) -> str:
        return self._supersaas().get("api_key", "")

    @property
    def password(self) -> str:
        return self._supersaas().get("password", "")

    def reset(self, seed: str = DEMO, *, clock: bool = False) -> None:
        """Forget everything and load ``seed`` (``demo``, ``none`` or a seed file's path).

        With ``clock`` the clock goes back to real time first and fault rules, rate limits, the
        request journal and the webhook log are cleared too; without, the seed is dated from the
        clock as it stands (set the time, then reset, to get the demo relative to that moment).
        """
        from fakesaas.seeding import reset_world

        world = self.world
        if clock:
            world.clock.reset()
            world.faults.clear()
            world.journal.clear()
            world.webhooks.clear()
        reset_world(world, seed)

    def now(self) -> datetime:
        """The emulator's current time (aware, UTC)."""
        return self.world.clock.now()

    def advance(self, **delta: float) -> datetime:
        """Move the clock on by ``timedelta(**delta)`` (``days=1``, ``hours=2``...); answer the new time."""
        return self.world.clock.advance(timedelta(**delta))

    def set_time(self, moment: datetime) -> datetime:
        """Put the clock at ``moment`` (a naive datetime is taken as UTC); answer the new time."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        self.world.clock.set(moment)
        return self.now()

    def freeze(self) -> datetime:
        """Stop the clock: it moves only when advanced or set, until :meth:`resume`."""
        return self.world.clock.freeze()

    def resume(self) -> datetime:
        """Let time run again from where it stands."""
        return self.world.clock.resume()

    def state(self, account: str | None = None, service: str | None = None) -> dict[str, Any]:
        """A lossless dump, as ``GET /_fakesaas/state`` answers it: of every service (a section
        each), of one ``service``, or of one ``account`` or company (of ``service``, or of the
        first service that has it; KeyError if none has)."""
        world = self.world
        services = [self._service(service)] if service is not None else list(world.services)
        with world.lock:
            if account is None:
                if service is not None:
                    return services[0].dump(world.state(service))
                return {found.name: found.dump(world.state(found.name)) for found in services}
            for found in services:
                dumped = found.dump_tenant(world.state(found.name), account)
                if dumped is not None:
                    return dumped
        raise KeyError(f"no account named {account!r}")

    def fault(self, **rule: Any) -> dict[str, Any]:
        """Add a fault rule (the fields of ``POST /_fakesaas/faults``: ``action``, ``status``,
        ``path``, ``method``, ``account``, ``count``, ``probability``, ``latency_ms``,
        ``retry_after``); answer it as stored, with its id."""
        return self.world.faults.add(rule).as_dict()

    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Journal entries, oldest first; filters as ``Journal.entries`` (``method``,
        ``path_contains``, ``status``, ``account``, ``unmatched``)."""
        return [entry.as_dict() for entry in self.world.journal.entries(**filters)]

    def webhooks(self, status: str | None = None, target: str | None = None) -> list[dict[str, Any]]:
        """Outgoing webhook deliveries, oldest first (``status``: pending, delivered or failed;
        ``target``: part of the receiver's URL), as ``GET /_fakesaas/webhooks`` lists them."""
        return self.world.webhooks.deliveries(status=status, target=target)

    def client(self, service: str) -> Any:
        """The service's SDK client logged in to its first account or company (what the
        ``*_client`` fixtures give); skips the test when the SDK is not installed."""
        credentials = self.credentials(service)
        if not credentials:
            pytest.fail(f"{service}: the seed holds no account or company to log in to", pytrace=False)
        try:
            return self._service(service).sdk_client(self.base_url(service), credentials)
        except ImportError as error:
            pytest.skip(f"{service}_client needs {error}")

    def _service(self, name: str) -> Any:
        found = self.world.services.named(name)
        if found is None:
            raise KeyError(f"no service named {name!r} (serving: {', '.join(self.services)})")
        return found

    def _supersaas(self) -> dict[str, str]:
        return self.credentials("supersaas") if "supersaas" in self.services else {}

    def __repr__(self) -> str:
        return f"<FakeSaaS {self.url} services={self.services}>"


@pytest.fixture(scope="session")
def fakesaas_settings() -> Settings:
    """The emulator's settings (override in a conftest.py to change them, e.g. the body limit)."""
    from fakesaas.settings import Settings

    return Settings(seed=DEMO)


@pytest.fixture(scope="session")
def fakesaas_services() -> Sequence[str] | None:
    """The names of the services to serve (override to serve fewer); None serves every one."""
    return None


@pytest.fixture(scope="session")
def fakesaas_seed() -> str:
    """What each test starts from, unless marked otherwise: ``demo``, ``none`` or a seed file."""
    return DEMO


@pytest.fixture(scope="session")
def fakesaas_server(
    fakesaas_settings: Settings, fakesaas_services: Sequence[str] | None, fakesaas_seed: str
) -> Iterator[FakeSaaSServer]:
    """One emulator for the session: a virtual clock, 127.0.0.1 on a free port."""
    from dataclasses import replace

    from fakesaas.app import create_app
    from fakesaas.core.clock import VirtualClock
    from fakesaas.core.world import World
    from fakesaas.server import ThreadedServer
    from fakesaas.services import all_services

    services = all_services()
    if fakesaas_services is not None:
        known = [service.name for service in services]
        unknown = [name for name in fakesaas_services if name not in known]
        if unknown:
            pytest.fail(f"fakesaas_services: unknown service {unknown[0]!r} (known: {', '.join(known)})")
        services = [service for service in services if service.name in fakesaas_services]
    world = World(VirtualClock())
    app = create_app(replace(fakesaas_settings, seed=fakesaas_seed), world, services=services)
    server = ThreadedServer(app, host="127.0.0.1", port=0).start()
    try:
        yield FakeSaaSServer(app, world, server)
    finally:
        server.stop()
        world.webhooks.stop()


@pytest.fixture
def fakesaas(fakesaas_server: FakeSaaSServer, fakesaas_seed: str, request: pytest.FixtureRequest) -> FakeSaaS:
    """The session's emulator, reset for this test: real time again, no fault rules or rate
    limits, empty request and webhook logs, and ``fakesaas_seed`` (or the ``fakesaas_seed``
    marker's file)."""
    from fakesaas.seeding import SeedError

    seed = _marked_seed(request, fakesaas_seed)
    handle = FakeSaaS(fakesaas_server)
    try:
        handle.reset(seed, clock=True)
    except SeedError as error:
        pytest.fail(f"{SEED_MARKER}: {error}", pytrace=False)
    return handle


@pytest.fixture
def supersaas_client(fakesaas: FakeSaaS) -> Any:
    """A ``SuperSaaS.Client`` (official SDK) logged in to the emulator's first SuperSaaS account, its
    client-side pacing off; skips without the SDK (``supersaas-api-client``)."""
    return fakesaas.client("supersaas")


@pytest.fixture
def seatsio_client(fakesaas: FakeSaaS) -> Any:
    """A ``seatsio.Client`` (official SDK) on the first Seats.io company's admin secret key, pointed
    at ``/seatsio``; skips without the SDK (``pip install fakesaas[seatsio]``)."""
    return fakesaas.client("seatsio")


@pytest.fixture
def simplybook_client(fakesaas: FakeSaaS) -> Any:
    """A small JSON-RPC client of the first SimplyBook.me company (``.login``, ``.public``,
    ``.admin``: call methods by name, ``client.public.getEventList()``)."""
    return fakesaas.client("simplybook")


def _marked_seed(request: pytest.FixtureRequest, default: str) -> str:
    marker = request.node.get_closest_marker(SEED_MARKER)
    if marker is None:
        return default
    if len(marker.args) != 1 or not isinstance(marker.args[0], str | Path):
        pytest.fail(f'use @pytest.mark.{SEED_MARKER}("path/to/seed.json")', pytrace=False)
    raw = str(marker.args[0])
    if raw == DEMO:
        return raw
    path = Path(raw)
    if path.is_absolute():
        return str(path)
    candidates = [Path(request.node.path).parent / path, Path(request.config.rootpath) / path]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    tried = ", ".join(str(candidate) for candidate in candidates)
    pytest.fail(f"{SEED_MARKER}: no seed file {raw!r} (looked for {tried})", pytrace=False)
