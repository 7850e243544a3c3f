"""The Service interface: all that the shared machinery knows of an emulated service.

The app factory, control plane, persistence, seeding, CLI banner, docs page, dashboard and pytest
plugin reach a service only through its ``Service`` object (``fakesaas/services.py`` lists them),
never by importing its package. Adding a service is a package with a ``service.py`` and one line in
the registry.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from threading import RLock
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from fakesaas.core.clock import SteerableClock
from fakesaas.core.coverage import Operation
from fakesaas.core.entropy import Entropy
from fakesaas.core.webhooks import Dispatcher

if TYPE_CHECKING:
    from flask import Flask, Request, Response

    from fakesaas.core.views import ServiceViews

Progress = Callable[[int, int], None]


class World(Protocol):
    """What a service sees of the world it lives in (``fakesaas.core.world.World``): named here as a
    protocol, so the world can know this interface without this module knowing the world."""

    clock: SteerableClock
    webhooks: Dispatcher
    lock: RLock
    entropy: Entropy  # draw unguessable tokens here, so a replayed write draws the same ones

    def state(self, name: str) -> Any: ...


class SectionError(ValueError):
    """A service's section of a seed document or state file that cannot be loaded; the message
    names the key or value at fault (and, for unknown keys, the keys allowed)."""


class SpecKind(Enum):
    OPENAPI = "openapi"  # OpenAPI 3.x, YAML: shown in Swagger UI on /docs
    OPENRPC = "openrpc"  # OpenRPC, JSON: linked from /docs


@dataclass(frozen=True, slots=True)
class Spec:
    """A service's contract document, shipped as package data (a copy of ``openapi/<file>``)."""

    kind: SpecKind
    package: str  # the package holding the file, e.g. "fakesaas.supersaas"
    filename: str  # e.g. "openapi.yaml"


@dataclass(frozen=True, slots=True)
class Tenant:
    """One account or company of a service, as a person running a demo wants to see it."""

    name: str
    # What a client logs in with, under the names the service's SDKs use: ("api_key", "demo-api-key")
    credentials: tuple[tuple[str, str], ...]
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Summary:
    """What a service holds, in numbers: for the banner, the probe and the dashboard."""

    counts: Mapping[str, int]
    tenants: tuple[Tenant, ...] = ()


class Service(ABC):
    """One emulated service. Subclasses set the three class attributes and implement the methods.

    ``name`` is its key in seed documents, state files, ``/_fakesaas`` and the journal; ``prefix``
    is the URL space it owns (every path equal to it or below it): errors there, fault answers and
    rate-limit answers take its shape.
    """

    name: ClassVar[str]
    title: ClassVar[str]
    prefix: ClassVar[str]
    # A seed document written before documents had a section per service is this service's
    # section when every top-level key it has is one of these.
    legacy_seed_keys: ClassVar[frozenset[str]] = frozenset()
    # Response headers a browser client on another origin must be able to read (CORS), beyond
    # Location and Retry-After, which every service exposes.
    cors_exposed: ClassVar[tuple[str, ...]] = ()
    # FAKESAAS_* environment variables the service itself reads (so the settings do not refuse them).
    environment: ClassVar[tuple[str, ...]] = ()
    # The largest request body one of its routes takes where that is more than --max-body-bytes
    # (the route raises its own limit): the servers read bodies up to the largest any service takes.
    largest_body: ClassVar[int | None] = None

    # --- HTTP -------------------------------------------------------------------------------
    @abstractmethod
    def register(self, app: Flask) -> None:
        """Mount the service's routes (a blueprint under ``prefix``, or a dispatcher)."""

    @abstractmethod
    def render_error(self, status: int, message: str) -> Response:
        """An error answer in the service's own shape, for the current request: faults, rate
        limits, and 404/405/413/500 answers under ``prefix``."""

    def caller(self, request: Request) -> str | None:
        """The account or company the current request speaks for, read before (and apart from)
        authentication: rate limits and account-matched fault rules key on it, the journal
        shows it. None when it names none."""
        return None

    # --- state ------------------------------------------------------------------------------
    @abstractmethod
    def new_state(self, world: World) -> Any:
        """An empty state, wired to the world (its clock, its webhook dispatcher)."""

    @abstractmethod
    def dump(self, state: Any) -> dict[str, Any]:
        """The whole state as plain JSON data; ``load`` gives it back losslessly."""

    @abstractmethod
    def load(self, world: World, data: Any) -> Any:
        """A state from ``dump`` output, wired to ``world`` like ``new_state``; SectionError if
        the data cannot be read back. Takes the world, not only its clock: a state needs the
        world's webhook dispatcher too."""

    def dump_tenant(self, state: Any, name: str) -> dict[str, Any] | None:
        """One account or company of the state (``GET /_fakesaas/state?account=``); None if unknown."""
        return None

    # --- seeds ------------------------------------------------------------------------------
    @abstractmethod
    def seed(self, state: Any, section: Any, progress: Progress | None = None) -> list[str]:
        """Load the service's section of a seed document into ``state``, all or nothing; answer
        the names of the accounts or companies loaded. SectionError names what is wrong, unknown
        keys included."""

    def seed_schema(self) -> dict[str, Any] | None:
        """The JSON Schema of the service's section of a seed document (published with the others
        at /_fakesaas/seed.schema.json; seed files and posted seeds are checked against it)."""
        return None

    @abstractmethod
    def demo(self, now: datetime) -> dict[str, Any]:
        """The demo section, dated from ``now``."""

    def generate(
        self, now: datetime, bookings: int, random_seed: int, progress: Progress | None = None
    ) -> dict[str, Any] | None:
        """The demo section grown by ``bookings`` bookings (``fakesaas generate``), the same for
        the same ``random_seed``; None for a service that has no such generator."""
        return None

    def reset_tenant(self, world: World, state: Any, section: Any, name: str) -> bool:
        """Put one account or company back as ``section`` (the start-up seed's section) has it,
        with the ids it had at start; False when the state has no such tenant."""
        return False

    # --- presentation -----------------------------------------------------------------------
    @abstractmethod
    def spec(self) -> Spec:
        """The contract document served and shown on the docs page."""

    @abstractmethod
    def summary(self, state: Any) -> Summary:
        """Counts and credentials of the state."""

    def sdk_client(self, base_url: str, credentials: Mapping[str, str]) -> Any:
        """A client of the service's official SDK (or, where there is none, of ours) logged in with
        ``credentials`` at ``base_url`` (the emulator's URL with the prefix), for tests; ImportError
        names the package to install when the SDK is missing."""
        raise NotImplementedError(f"{self.title} offers no client")

    def operations(self) -> Sequence[Operation]:
        """Every operation of the real API (documented, or reached by an official SDK), emulated or
        not, for the generated coverage table (docs/coverage.md)."""
        return ()

    def banner(self, state: Any, url: str) -> list[str]:
        """Lines for ``fakesaas serve``'s start-up banner (indented by the caller); ``url`` is
        the emulator's base URL."""
        counts = ", ".join(f"{value} {key}" for key, value in self.summary(state).counts.items())
        return [f"{self.title} at {url}{self.prefix}: {counts or 'empty'}"]

    def views(self) -> ServiceViews | None:
        """The service's pages on the dashboard (``fakesaas.core.views``: calendars, tables, seat
        maps as neutral view models), and how its SDKs connect; None when it has none (the
        dashboard then shows its summary only)."""
        return None


class Registry(Sequence[Service]):
    """The services one app mounts, in order, and which of them owns a path."""

    def __init__(self, services: Iterable[Service]) -> None:
        self._services = tuple(services)
        names = [service.name for service in self._services]
        if len(set(names)) != len(names):
            raise ValueError(f"a service is registered twice: {names}")
        # Longest prefix first, so a service mounted below another's prefix wins its own paths.
        self._by_prefix = sorted(self._services, key=lambda service: len(service.prefix), reverse=True)

    def __getitem__(self, index: Any) -> Any:
        return self._services[index]

    def __len__(self) -> int:
        return len(self._services)

    def __iter__(self) -> Iterator[Service]:
        return iter(self._services)

    @property
    def names(self) -> list[str]:
        return [service.name for service in self._services]

    def named(self, name: str) -> Service | None:
        return next((service for service in self._services if service.name == name), None)

    def owner(self, path: str) -> Service | None:
        """The service whose URL space holds ``path`` (its prefix, or below it)."""
        for service in self._by_prefix:
            prefix = service.prefix
            if path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == "/"):
                return service
        return None
