"""The overview at ``/`` and each service's pages, drawn from the Service interface alone: ``summary`` for
counts and credentials, ``views`` for how SDKs connect and for calendars, tables and seat maps."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, g, request

from fakesaas.core.service import Service, Summary
from fakesaas.core.views import Connect, Page, ViewNotFound, ViewQuery
from fakesaas.dashboard.context import base_url, render, world


@dataclass(frozen=True, slots=True)
class ServiceCard:
    """One service on the overview."""

    service: Service
    summary: Summary
    connect: Connect | None
    url: str  # where its API lives on this emulator


def register(blueprint: Blueprint) -> None:
    @blueprint.get("/")
    def overview() -> Response:
        cards = []
        here = base_url()
        state_of = world()
        for service in state_of.services:
            views = service.views()
            with state_of.lock:
                state = state_of.state(service.name)
                summary = service.summary(state)
                connect = views.connect(state, here) if views is not None else None
            cards.append(ServiceCard(service, summary, connect, here + service.prefix))
        shared = {
            "requests": len(state_of.journal),
            "faults": len(state_of.faults.rules),
            "webhooks": len(state_of.webhooks.deliveries()),
        }
        return render("overview.html", "overview", cards=cards, base=here, shared=shared)

    @blueprint.get("/dashboard/<service>/", defaults={"path": ""})
    @blueprint.get("/dashboard/<service>/<path:path>")
    def service_page(service: str, path: str) -> Response:
        found = world().services.named(service)
        views = found.views() if found is not None else None
        if found is None or views is None:
            return not_found(f"no service {service!r} with pages on this emulator")
        g.dashboard_service = found.name
        state_of = world()
        query = ViewQuery(path.strip("/"), dict(request.args.items()), state_of.clock.now())
        try:
            with state_of.lock:
                page: Page = views.page(state_of.state(found.name), query)
        except ViewNotFound as error:
            return not_found(str(error) or f"nothing at {request.path}")
        return render("service.html", found.name, page=page, service=found)


def not_found(message: str) -> Response:
    return render("not_found.html", "", status=404, message=message)
