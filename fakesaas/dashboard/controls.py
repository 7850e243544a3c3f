"""The pages that steer the world: fault rules, and the clock with reset, seed and save.

They only show state and forms: every change is a call the page makes to the control plane's own
endpoints (``/_fakesaas/faults``, ``/_fakesaas/clock/...``, ``/_fakesaas/reset``, ``/_fakesaas/save``),
so its rules (what a fault rule may say, what a reset puts back) live in one place.
"""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.core.faults import FaultAction
from fakesaas.dashboard.context import render, settings, world

ADVANCE_UNITS = ("minutes", "hours", "days", "seconds")


def register(blueprint: Blueprint) -> None:
    @blueprint.get("/dashboard/faults")
    def faults() -> Response:
        state = world().faults
        return render(
            "faults.html",
            "faults",
            rules=[rule.as_dict() for rule in list(state.rules)],
            limits=state.limits_as_dict(),
            actions=[action.value for action in FaultAction],
            services=world().services.names,
        )

    @blueprint.get("/dashboard/controls")
    def controls() -> Response:
        state_of = world()
        tenants: list[tuple[str, str]] = []
        with state_of.lock:
            for service in state_of.services:
                summary = service.summary(state_of.state(service.name))
                tenants += [(service.name, tenant.name) for tenant in summary.tenants]
        return render(
            "controls.html",
            "controls",
            units=ADVANCE_UNITS,
            state_file=settings().state,
            seed=settings().seed,
            tenants=tenants,
            services=state_of.services,
        )
