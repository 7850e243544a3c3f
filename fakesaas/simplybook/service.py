"""SimplyBook.me on the Service interface: what the shared machinery knows of this service."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

from fakesaas.core.coverage import Operation
from fakesaas.core.service import Progress, SectionError, Service, Spec, SpecKind, Summary, Tenant, World
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.demo import demo_section
from fakesaas.simplybook.domain.scale import scaled_section
from fakesaas.simplybook.domain.seed import SeedError, load_section
from fakesaas.simplybook.domain.snapshot import SnapshotError, dump_company, dump_state, load_state
from fakesaas.simplybook.operations import OPERATIONS
from fakesaas.simplybook.rpc import protocol, web
from fakesaas.simplybook.rpc.describe import PREFIX, for_endpoint
from fakesaas.simplybook.rpc.dispatch import Dispatcher
from fakesaas.simplybook.rpc.methods import method_table
from fakesaas.simplybook.rpc.registry import Endpoint
from fakesaas.simplybook.seed_schema import section_schema
from fakesaas.simplybook.views import SimplybookViews

if TYPE_CHECKING:
    from flask import Flask, Request, Response

CONTRACT = "openrpc.json"
LOGIN_METHODS = ("getToken", "getUserToken", "getServiceUrl")


class SimplybookService(Service):
    """SimplyBook.me's JSON-RPC API: login at /simplybook/login, the public service at
    /simplybook/ and the admin service at /simplybook/admin."""

    name = "simplybook"
    title = "SimplyBook.me"
    prefix = PREFIX

    # --- HTTP -------------------------------------------------------------------------------
    def register(self, app: Flask) -> None:
        web.register(app, self.dispatcher, self.name, lambda: self.contract_bytes)

    def render_error(self, status: int, message: str) -> Response:
        return web.error_response(status, message)

    def caller(self, request: Request) -> str | None:
        """The company: X-Company-Login, or the first param of a login call."""
        named: str | None = request.environ.get("HTTP_X_COMPANY_LOGIN")  # the journal asks every call
        if named:
            return named.strip()
        if request.method != "POST" or not request.path.rstrip("/").endswith("/login"):
            return None
        try:
            call = protocol.read(request.get_data(cache=True))
        except (protocol.Unreadable, Exception):
            return None
        if isinstance(call, dict) and call.get("method") in LOGIN_METHODS:
            params = call.get("params")
            first = params[0] if isinstance(params, list) and params else None
            if isinstance(params, dict):
                first = params.get("companyLogin")
            return first if isinstance(first, str) else None
        return None

    @cached_property
    def dispatcher(self) -> Dispatcher:
        return Dispatcher(method_table(), self.discover)

    # --- state ------------------------------------------------------------------------------
    def new_state(self, world: World) -> Simplybook:
        return Simplybook(world.clock, world.entropy.token_hex)

    def dump(self, state: Any) -> dict[str, Any]:
        return dump_state(state)

    def load(self, world: World, data: Any) -> Simplybook:
        try:
            state = load_state(world.clock, data)
        except SnapshotError as error:
            raise SectionError(str(error)) from None
        state.draw = world.entropy.token_hex
        return state

    def dump_tenant(self, state: Any, name: str) -> dict[str, Any] | None:
        company = state.company(name)
        return dump_company(company) if company is not None else None

    # --- seeds ------------------------------------------------------------------------------
    def seed(self, state: Any, section: Any, progress: Progress | None = None) -> list[str]:
        try:
            return [company.login for company in load_section(state, section, progress)]
        except SeedError as error:
            raise SectionError(str(error)) from None

    def seed_schema(self) -> dict[str, Any]:
        return section_schema()

    def demo(self, now: datetime) -> dict[str, Any]:
        return demo_section(now)

    def generate(
        self, now: datetime, bookings: int, random_seed: int, progress: Progress | None = None
    ) -> dict[str, Any]:
        return scaled_section(now, bookings, random_seed, progress)

    def reset_tenant(self, world: World, state: Any, section: Any, name: str) -> bool:
        if state.company(name) is None:
            return False
        companies = section.get("companies", []) if isinstance(section, dict) else []
        chosen = [
            c
            for c in companies
            if isinstance(c, dict) and str(c.get("login", "")).casefold() == name.casefold()
        ]
        removed = state.remove_company(name)
        try:
            load_section(state, {"companies": chosen})
        except SeedError as error:
            if removed is not None:
                state.add_company(removed)
            raise SectionError(str(error)) from None
        return True

    # --- presentation -----------------------------------------------------------------------
    def operations(self) -> Sequence[Operation]:
        return OPERATIONS

    def sdk_client(self, base_url: str, credentials: Mapping[str, str]) -> Any:
        """SimplyBook.me publishes no Python SDK: our JSON-RPC client (fakesaas/simplybook/client.py)."""
        from fakesaas.simplybook.client import SimplybookClient

        return SimplybookClient(
            base_url,
            credentials["company"],
            api_key=credentials.get("api_key"),
            secret_key=credentials.get("secret_key"),
            user=credentials.get("user"),
            password=credentials.get("password"),
        )

    def spec(self) -> Spec:
        return Spec(SpecKind.OPENRPC, "fakesaas.simplybook", CONTRACT)

    @cached_property
    def contract_bytes(self) -> bytes:
        return resources.files("fakesaas.simplybook").joinpath(CONTRACT).read_bytes()

    @cached_property
    def contract(self) -> dict[str, Any]:
        return json.loads(self.contract_bytes)  # type: ignore[no-any-return]

    def discover(self, endpoint: Endpoint) -> dict[str, Any]:
        """``rpc.discover``: the part of the contract the called service URL answers."""
        return for_endpoint(self.contract, endpoint)

    def summary(self, state: Any) -> Summary:
        companies = list(state)
        tenants = tuple(
            Tenant(
                company.login,
                # The names SimplybookClient (fakesaas/simplybook/client.py) takes them by.
                (
                    ("company", company.login),
                    ("api_key", company.api_key),
                    ("secret_key", company.secret_key),
                    *_first_user(company),
                ),
                {
                    "services": len(company.catalog.events),
                    "providers": len(company.catalog.units),
                    "bookings": len(company.bookings),
                },
            )
            for company in companies
        )
        counts = {
            "companies": len(companies),
            "services": sum(len(c.catalog.events) for c in companies),
            "providers": sum(len(c.catalog.units) for c in companies),
            "clients": sum(len(c.clients) for c in companies),
            "bookings": sum(len(c.bookings) for c in companies),
        }
        return Summary(counts, tenants)

    def views(self) -> SimplybookViews:
        return SimplybookViews(self.prefix)

    def banner(self, state: Any, url: str) -> list[str]:
        lines = super().banner(state, url)
        for company in state:
            users = ", ".join(f"{u.login} / {u.password}" for u in company.users.values())
            lines.append(
                f"  company {company.login}: API key {company.api_key}, secret key {company.secret_key}"
                + (f", admin {users}" if users else "")
            )
        return lines


def _first_user(company: Company) -> tuple[tuple[str, str], ...]:
    user = next(iter(company.users.values()), None)
    return (("user", user.login), ("password", user.password)) if user is not None else ()
