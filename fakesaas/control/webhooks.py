"""Control routes for outgoing webhooks: the delivery log (GET) and clearing it (DELETE)."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, request

from fakesaas.control.routes import ControlError
from fakesaas.core.webhooks import DeliveryStatus, Dispatcher

_STATUSES = tuple(status.value for status in DeliveryStatus)


def _dispatcher() -> Dispatcher:
    return current_app.extensions["fakesaas"].webhooks  # type: ignore[no-any-return]


def _reply(data: Any) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


def register(blueprint: Blueprint) -> None:
    @blueprint.get("/webhooks")
    def webhooks_index() -> Response:
        """Every delivery, oldest first: ``status`` (pending, delivered, failed), ``target``
        (substring of the URL) and ``limit`` (the newest n) narrow it down."""
        args = request.args
        status = args.get("status") or None
        if status is not None and status not in _STATUSES:
            raise ControlError(400, f"status must be one of {', '.join(_STATUSES)}")
        deliveries, idle = _dispatcher().log_and_idle(status=status, target=args.get("target") or None)
        limit = args.get("limit")
        if limit and limit.isdigit():
            deliveries = deliveries[-int(limit) :] if int(limit) else []
        return _reply({"webhooks": deliveries, "idle": idle})

    @blueprint.delete("/webhooks")
    def webhooks_clear() -> Response:
        """Forget the log and drop deliveries still waiting to be sent."""
        _dispatcher().clear()
        return _reply({"webhooks": []})
