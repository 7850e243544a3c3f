"""What every dashboard page needs: the world and its settings, the navigation, links as URLs, rendering."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from flask import Response, current_app, g, render_template, request, url_for

from fakesaas._version import __version__
from fakesaas.core.panels import Link
from fakesaas.core.service import Service
from fakesaas.core.world import World
from fakesaas.settings import Settings

CONTROL = "/_fakesaas"  # the control plane the page's actions call (fakesaas/control/__init__.py)


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url: str
    current: bool


def world() -> World:
    return current_app.extensions["fakesaas"]  # type: ignore[no-any-return]


def settings() -> Settings:
    return current_app.extensions["fakesaas.settings"]  # type: ignore[no-any-return]


def control_token() -> str | None:
    """The token the control plane (and so the dashboard) needs, None when it needs none."""
    token = settings().control_token
    return str(token) if token else None


def base_url() -> str:
    """The emulator's URL as this browser reaches it, without a slash at the end."""
    return request.host_url.rstrip("/")


def services_with_pages() -> list[Service]:
    return [service for service in world().services if service.views() is not None]


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def clock_state() -> dict[str, Any]:
    """The world's clock as ``GET /_fakesaas/clock`` answers it."""
    clock = world().clock
    return {"now": iso(clock.now()), "frozen": clock.frozen}


def navigation(section: str) -> list[NavItem]:
    items = [NavItem("Overview", url_for("dashboard.overview"), section == "overview")]
    for service in services_with_pages():
        url = url_for("dashboard.service_page", service=service.name, path="")
        items.append(NavItem(service.title, url, section == service.name))
    for label, endpoint, name in (
        ("Journal", "dashboard.journal", "journal"),
        ("Webhooks", "dashboard.webhooks", "webhooks"),
        ("Faults", "dashboard.faults", "faults"),
        ("Clock & state", "dashboard.controls", "controls"),
    ):
        items.append(NavItem(label, url_for(endpoint), section == name))
    return items


def href(link: Link, service: str | None = None) -> str:
    """The URL of a service page's link (``service``: the page's own service by default)."""
    url = page_url(link.path, service)
    return url + (f"?{urlencode(link.params)}" if link.params else "")


def page_url(path: str, service: str | None = None) -> str:
    """The URL of the page at ``path`` below a service (the current page's by default)."""
    name = service or g.get("dashboard_service")
    if name is None:
        raise ValueError("a service link outside a service's page")
    return url_for("dashboard.service_page", service=name, path=path)


def render(template: str, section: str, status: int = 200, bare: bool = False, **values: Any) -> Response:
    """A page; ``bare`` leaves out what tells of the world (navigation, clock) for those not signed in."""
    body = render_template(
        f"dashboard/{template}",
        nav=[] if bare else navigation(section),
        clock=clock_state(),
        bare=bare,
        control=CONTROL,
        version=__version__,
        signed_in=bool(control_token()),
        **values,
    )
    response = Response(body, status=status, mimetype="text/html")
    # The pages show live state: never from a cache, never inside another site's frame.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    )
    return response
