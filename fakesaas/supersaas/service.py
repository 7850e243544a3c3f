"""SuperSaaS as the shared machinery sees it: its Service object."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fakesaas.core.coverage import Operation
from fakesaas.core.service import Progress, SectionError, Service, Spec, SpecKind, Summary, Tenant, World
from fakesaas.supersaas import http
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.demo import DEMO_ACCOUNT, DEMO_API_KEY, DEMO_PASSWORD, demo_document
from fakesaas.supersaas.domain.scale import scaled_document
from fakesaas.supersaas.domain.seed import SeedError, load_seed, reset_account
from fakesaas.supersaas.domain.snapshot import SnapshotError, dump_account, dump_state, load_state
from fakesaas.supersaas.http.webhooks import subscribe
from fakesaas.supersaas.operations import OPERATIONS
from fakesaas.supersaas.seed_schema import section_schema
from fakesaas.supersaas.views import SupersaasViews

if TYPE_CHECKING:
    from flask import Flask, Request, Response


class SupersaasService(Service):
    """SuperSaaS REST (XML and JSON), mounted at ``/api`` as on www.supersaas.com."""

    name = http.context.NAME
    title = "SuperSaaS"
    prefix = http.PREFIX
    # The free-time API answers If-Modified-Since from Last-Modified (the docs recommend it).
    cors_exposed = ("Last-Modified",)
    legacy_seed_keys = frozenset({"accounts"})  # {"accounts": [...]}: the seed format before sections

    def register(self, app: Flask) -> None:
        http.register(app)

    def render_error(self, status: int, message: str) -> Response:
        return http.render_error(status, message)

    def caller(self, request: Request) -> str | None:
        return http.caller(request)

    def new_state(self, world: World) -> SuperSaas:
        backend = SuperSaas(world.clock)
        subscribe(backend, world.webhooks)
        return backend

    def dump(self, state: SuperSaas) -> dict[str, Any]:
        return dump_state(state)

    def load(self, world: World, data: Any) -> SuperSaas:
        try:
            backend = load_state(world.clock, data)
        except SnapshotError as error:
            raise SectionError(str(error)) from None
        subscribe(backend, world.webhooks)
        return backend

    def dump_tenant(self, state: SuperSaas, name: str) -> dict[str, Any] | None:
        account = state.account(name)
        return dump_account(account) if account is not None else None

    def seed(self, state: SuperSaas, section: Any, progress: Progress | None = None) -> list[str]:
        try:
            return [account.name for account in load_seed(state, section, progress)]
        except SeedError as error:
            raise SectionError(str(error)) from None

    def seed_schema(self) -> dict[str, Any]:
        return section_schema()

    def demo(self, now: datetime) -> dict[str, Any]:
        return demo_document(now)

    def generate(
        self, now: datetime, bookings: int, random_seed: int, progress: Progress | None = None
    ) -> dict[str, Any]:
        return scaled_document(now, bookings, random_seed, progress)

    def reset_tenant(self, world: World, state: SuperSaas, section: Any, name: str) -> bool:
        try:
            return reset_account(state, section or {"accounts": []}, name)
        except SeedError as error:
            raise SectionError(str(error)) from None

    def sdk_client(self, base_url: str, credentials: Mapping[str, str]) -> Any:
        """The official Python SDK's ``SuperSaaS.Client``, its client-side pacing (4 calls a second)
        off: it only slows tests, and the emulator's own rate limits still apply."""
        try:
            import SuperSaaS  # type: ignore[import-untyped]
        except ImportError:
            raise ImportError("the SuperSaaS Python SDK: pip install supersaas-api-client") from None
        configuration = SuperSaaS.Configuration()
        # The SDK adds /api itself: it wants the emulator's root, not the prefix.
        configuration.host = base_url.removesuffix(self.prefix)
        configuration.account_name = credentials["account"]
        configuration.api_key = credentials["api_key"]
        client = SuperSaaS.Client(configuration)
        limiter = getattr(client, "rate_limiter", None)
        if limiter is not None:
            limiter.throttle = lambda: None
        return client

    def operations(self) -> Sequence[Operation]:
        return OPERATIONS

    def spec(self) -> Spec:
        return Spec(SpecKind.OPENAPI, "fakesaas.supersaas", "openapi.yaml")

    def summary(self, state: SuperSaas) -> Summary:
        accounts = list(state.accounts.values())
        tenants = tuple(
            Tenant(
                account.name,
                (("account", account.name), ("api_key", account.api_key), ("password", account.password)),
                _counts([account]),
            )
            for account in accounts
        )
        return Summary(_counts(accounts), tenants)

    def views(self) -> SupersaasViews:
        return SupersaasViews()

    def banner(self, state: SuperSaas, url: str) -> list[str]:
        demo = state.account(DEMO_ACCOUNT)
        if demo is None or demo.api_key != DEMO_API_KEY:
            names = ", ".join(account.name for account in state.accounts.values()) or "none"
            return [f"SuperSaaS accounts: {names}"]
        return [
            f"demo account: {DEMO_ACCOUNT}   API key: {DEMO_API_KEY}   admin password: {DEMO_PASSWORD}",
            *(f"schedule {s.id}: {s.name} ({s.kind.value})" for s in demo.schedules.values()),
            f"Python SDK: SSS_API_HOST={url} SSS_API_ACCOUNT_NAME={DEMO_ACCOUNT} SSS_API_KEY={DEMO_API_KEY}",
        ]


def _counts(accounts: list[Account]) -> dict[str, int]:
    stored = active = users = 0
    for account in accounts:
        users += len(account.users)
        stored += len(account.bookings)
        # Every booking not deleted is in its schedule's index, so a million are counted without
        # reading one (the dashboard's overview asks on every refresh).
        active += sum(len(account.index.schedule(schedule_id)) for schedule_id in account.schedules)
    return {
        "accounts": len(accounts),
        "bookings": active,
        "deleted_bookings": stored - active,
        "users": users,
    }
