"""The request journal and the webhook deliveries, newest first, filtered and paged; one request or one
delivery opened. Read through the same calls the control plane's listings make (``Journal.entries``,
``Dispatcher.deliveries``) and shown as they answer them, credentials redacted."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, request, url_for

from fakesaas.core.journal import JournalEntry
from fakesaas.core.webhooks import DeliveryStatus
from fakesaas.dashboard.context import render, world

PAGE = 100  # rows a listing shows at once
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def register(blueprint: Blueprint) -> None:
    @blueprint.get("/dashboard/journal")
    def journal() -> Response:
        args = request.args
        filters = {
            "service": args.get("service", ""),
            "method": args.get("method", "").upper(),
            "status": args.get("status", "").strip(),
            "path": args.get("path", ""),
            "unmatched": "1" if args.get("unmatched") else "",
        }
        status = filters["status"]
        entries = world().journal.entries(
            method=filters["method"] or None,
            path_contains=filters["path"] or None,
            status=int(status) if status.isascii() and status.isdigit() and len(status) <= 3 else None,
            service=filters["service"] or None,
            unmatched=bool(filters["unmatched"]),
        )
        before = _number(args.get("before"))
        newest_first = [entry for entry in reversed(entries) if before is None or entry.seq < before]
        shown = newest_first[:PAGE]
        kept = {key: value for key, value in filters.items() if value}
        older = None
        if len(newest_first) > PAGE:
            older = _journal_url({**kept, "before": str(shown[-1].seq)})
        chosen = _number(args.get("seq"))
        opened = _opened(chosen) if chosen is not None else None
        return render(
            "journal.html",
            "journal",
            rows=[entry.as_dict() for entry in shown],
            total=len(entries),
            filters=filters,
            kept=kept,
            query=urlencode(kept),
            older=older,
            newest=_journal_url(kept) if before is not None else None,
            opened=opened,
            chosen=chosen,
            methods=METHODS,
            services=world().services.names,
        )

    @blueprint.get("/dashboard/webhooks")
    def webhooks() -> Response:
        status = request.args.get("status", "")
        target = request.args.get("target", "")
        statuses = [kind.value for kind in DeliveryStatus]
        deliveries = world().webhooks.deliveries(
            status=status if status in statuses else None, target=target or None
        )
        chosen = _number(request.args.get("id"))
        opened = next((d for d in deliveries if d["id"] == chosen), None) if chosen is not None else None
        if chosen is not None and opened is None:
            opened = next((d for d in world().webhooks.deliveries() if d["id"] == chosen), None)
        kept = {key: value for key, value in (("status", status), ("target", target)) if value}
        return render(
            "webhooks.html",
            "webhooks",
            rows=list(reversed(deliveries))[:PAGE],
            total=len(deliveries),
            chosen_status=status,
            target=target,
            statuses=statuses,
            opened=opened,
            payload=_pretty(opened["payload"]) if opened else "",
            query=urlencode(kept),
        )


def _journal_url(params: dict[str, str]) -> str:
    return url_for("dashboard.journal") + (f"?{urlencode(params)}" if params else "")


def _opened(seq: int) -> dict[str, Any] | None:
    """One journal entry by its number, whatever the filters (the list may have moved on)."""
    found: JournalEntry | None = next((e for e in world().journal.entries() if e.seq == seq), None)
    if found is None:
        return None
    shown = found.as_dict()
    shown["body_pretty"] = _pretty_text(shown["body"])
    shown["response_pretty"] = _pretty_text(shown["response"])
    return shown


def _number(raw: str | None) -> int | None:
    if raw is None or not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return None
    return int(raw)


def _pretty(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _pretty_text(text: str) -> str:
    """A JSON body indented for reading; any other text as it came."""
    if text[:1] in ("{", "["):
        try:
            return _pretty(json.loads(text))
        except (ValueError, RecursionError):
            return text
    return text
