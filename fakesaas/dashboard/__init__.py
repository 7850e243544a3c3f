"""The dashboard: pages at ``/`` that show the world and steer it through the control plane.

The overview is ``/``; everything else lives under ``/dashboard`` (service pages, journal, webhooks,
faults, clock and state, sign-in, static files), a path no service, docs page or control route uses.
It is mounted with the control plane, behind the same guard, and left out with it (``--no-control``).
Pages are server-rendered (Jinja2 templates shipped as package data) with a little JavaScript of our
own for live updates and the actions; nothing is fetched from elsewhere, so it works offline.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, request

from fakesaas.control import guard
from fakesaas.core.service import Registry
from fakesaas.dashboard import access, controls, logs, pages, templating
from fakesaas.dashboard.context import control_token, render

PREFIX = "/dashboard"
# Paths the dashboard must never take from their owners.
RESERVED = ("/_fakesaas", "/docs", "/openapi")
# Names of dashboard pages under PREFIX: a service of such a name would lose its pages to them.
OWN_PAGES = frozenset({"journal", "webhooks", "faults", "controls", "static", "sign-in", "sign-out"})

__all__ = ["PREFIX", "register"]


def register(app: Flask, services: Registry) -> None:
    clash = sorted(service.name for service in services if service.name in OWN_PAGES)
    owned = sorted(service.name for service in services if services.owner(PREFIX) is service)
    if clash or owned or any(service.prefix in ("", "/") for service in services):
        raise ValueError(f"services clash with the dashboard's paths: {clash or owned}")
    blueprint = Blueprint(
        "dashboard",
        __name__,
        template_folder="templates",
        static_folder="static",
        static_url_path=f"{PREFIX}/static",
    )
    blueprint.before_request(access.admit)
    templating.install(blueprint)
    access.register(blueprint)
    pages.register(blueprint)
    logs.register(blueprint)
    controls.register(blueprint)
    app.register_blueprint(blueprint)
    _html_for_browsers(app, services)


def _html_for_browsers(app: Flask, services: Registry) -> None:
    """A path nobody owns answers ``{"error": ...}`` (fakesaas/http_errors.py); a browser asking for
    a page gets the same message as a page, with a way back to the dashboard."""

    @app.after_request
    def _page_for_stray_paths(response: Response) -> Response:
        if response.status_code != 404:  # first: most answers are not, and ``request`` costs a look-up
            return response
        path = request.path
        if (
            request.url_rule is not None
            or services.owner(path) is not None
            or path.startswith(RESERVED)
            or not response.is_json
            or not access.wants_html()
        ):
            return response
        body = response.get_json(silent=True)
        message = body.get("error", "") if isinstance(body, dict) else ""
        token = control_token()
        # Without the token, the page says what is missing and nothing of the world.
        bare = bool(token) and not guard.holds(str(token))
        return render("not_found.html", "", status=404, message=message, bare=bare)
