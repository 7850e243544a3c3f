"""The Seats.io service as the shared machinery sees it (fakesaas/core/service.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from fakesaas.core.coverage import Operation
from fakesaas.core.service import SectionError, Service, Spec, SpecKind, Summary, Tenant, World
from fakesaas.seatsio import http
from fakesaas.seatsio.domain.demo import demo_section
from fakesaas.seatsio.domain.drawing import DRAWING_LIMIT
from fakesaas.seatsio.domain.seed import Progress, load_section, reset_company
from fakesaas.seatsio.domain.snapshot import SnapshotError, dump_company, dump_state, load_state
from fakesaas.seatsio.domain.state import Seatsio
from fakesaas.seatsio.domain.workspaces import Company
from fakesaas.seatsio.http import context
from fakesaas.seatsio.seed_schema import section_schema
from fakesaas.seatsio.views import SeatsioViews

if TYPE_CHECKING:
    from flask import Flask, Request, Response


class SeatsioService(Service):
    name = "seatsio"
    title = "Seats.io"
    prefix = "/seatsio"
    environment = (
        "FAKESAAS_SEATSIO_SYSTEM_SECRET",
    )  # the system API secret (fakesaas/seatsio/http/context.py)
    largest_body = DRAWING_LIMIT  # a chart's drawing, posted whole to the system endpoint

    # --- HTTP ---------------------------------------------------------------------------------
    def register(self, app: Flask) -> None:
        http.register(app)

    def render_error(self, status: int, message: str) -> Response:
        return http.render_error(status, message)

    def caller(self, request: Request) -> str | None:
        # The journal asks this of every call: the company is named when the call authenticates
        # (fakesaas/seatsio/http/__init__.py, ``_prepare``), found from the key only otherwise.
        named: str | None = request.environ.get(context.ACCOUNT_KEY)
        if named is not None:
            return named
        return context.state().caller(context.credentials(request.environ)[0])

    # --- state --------------------------------------------------------------------------------
    def new_state(self, world: World) -> Seatsio:
        return Seatsio(world.clock, context.system_secret_from_env())

    def dump(self, state: Any) -> dict[str, Any]:
        return dump_state(state)

    def load(self, world: World, data: Any) -> Seatsio:
        try:
            return load_state(world.clock, data)
        except SnapshotError as error:
            raise SectionError(str(error)) from None

    def dump_tenant(self, state: Any, name: str) -> dict[str, Any] | None:
        company = _company(state, name)
        return dump_company(company) if company is not None else None

    # --- seeds --------------------------------------------------------------------------------
    def seed(self, state: Any, section: Any, progress: Progress | None = None) -> list[str]:
        return load_section(state, section, progress)

    def seed_schema(self) -> dict[str, Any]:
        return section_schema()

    def demo(self, now: datetime) -> dict[str, Any]:
        return demo_section(now)

    def reset_tenant(self, world: World, state: Any, section: Any, name: str) -> bool:
        return reset_company(state, section, name)

    # --- presentation -------------------------------------------------------------------------
    def sdk_client(self, base_url: str, credentials: Mapping[str, str]) -> Any:
        """The official ``seatsio`` package's client, on the company's admin secret key."""
        try:
            import seatsio  # type: ignore[import-untyped]
        except ImportError:
            raise ImportError("the Seats.io Python SDK: pip install seatsio") from None
        return seatsio.Client(seatsio.Region(base_url), secret_key=credentials["secret_key"])

    def spec(self) -> Spec:
        return Spec(SpecKind.OPENAPI, "fakesaas.seatsio", "openapi.yaml")

    def operations(self) -> Sequence[Operation]:
        from fakesaas.seatsio.operations import OPERATIONS

        return OPERATIONS

    def summary(self, state: Any) -> Summary:
        seatsio: Seatsio = state
        tenants = []
        totals = {"companies": 0, "workspaces": 0, "charts": 0, "events": 0}
        for company in seatsio.companies.values():
            counts = {
                "workspaces": len(company.workspaces),
                "charts": sum(len(w.charts) for w in company.workspaces.values()),
                "events": sum(len(w.events) for w in company.workspaces.values()),
            }
            totals["companies"] += 1
            for key, value in counts.items():
                totals[key] += value
            tenants.append(
                Tenant(
                    company.name,
                    # Named as the SDKs name them: seatsio.Client(region, secret_key, workspace_key).
                    (
                        ("secret_key", company.admin_key),
                        ("workspace_key", company.default_workspace_key),
                        ("workspace_secret_key", company.default_workspace.secret_key),
                    ),
                    counts,
                )
            )
        return Summary(totals, tuple(tenants))

    def views(self) -> SeatsioViews:
        return self._views

    @cached_property
    def _views(self) -> SeatsioViews:
        """One per app (a Service object is made per app): it keeps big charts' parts between pages."""
        return SeatsioViews(self.prefix)

    def banner(self, state: Any, url: str) -> list[str]:
        seatsio: Seatsio = state
        counts = self.summary(state).counts
        lines = [", ".join(f"{value} {key}" for key, value in counts.items())]
        companies = list(seatsio.companies.values())
        for company in companies[:3]:
            lines.append(
                f"company {company.name}: secret key {company.admin_key}"
                f"   workspace secret key {company.default_workspace.secret_key}"
            )
        if len(companies) > 3:
            lines.append(f"... and {len(companies) - 3} more companies")
        key = companies[0].admin_key if companies else "..."
        lines.append(f'Python SDK: seatsio.Client(seatsio.Region("{url}{self.prefix}"), secret_key="{key}")')
        return lines


def _company(state: Any, name: str) -> Company | None:
    seatsio: Seatsio = state
    return seatsio.company_by_name(name)
