"""The names the dashboard's templates use beyond Jinja's own: links, times, tones, panel kinds."""

from __future__ import annotations

import re

from flask import Blueprint

from fakesaas.core.panels import Calendar, Details, Notice, Table
from fakesaas.core.seatmap import SeatMap
from fakesaas.dashboard import calendar
from fakesaas.dashboard.context import href, iso, page_url
from fakesaas.dashboard.seatmap import shapes_svg

_DELIVERY_TONES = {
    "delivered": "tone-free",
    "pending": "tone-held",
    "failed": "tone-bad",
    "refused": "tone-muted",
}


def install(blueprint: Blueprint) -> None:
    names = {
        "href": href,
        "page_url": page_url,
        "iso": iso,
        "lay_out": calendar.lay_out,
        "HOUR_PX": calendar.HOUR_PX,
        "panel_kind": panel_kind,
        "shapes_svg": shapes_svg,
        "status_tone": status_tone,
        "delivery_tone": delivery_tone,
    }
    blueprint.record_once(lambda setup: setup.app.jinja_env.globals.update(names))
    blueprint.add_app_template_filter(slug, "slug")


def panel_kind(panel: object) -> str:
    """Which macro of panels.html draws ``panel``."""
    for kind, name in ((Table, "table"), (Details, "details"), (Notice, "notice"), (Calendar, "calendar")):
        if isinstance(panel, kind):
            return name
    return "seatmap" if isinstance(panel, SeatMap) else "unknown"


def status_tone(status: int) -> str:
    if status < 300:
        return "tone-free"
    if status < 400:
        return "tone-held"
    return "tone-full"


def delivery_tone(status: str) -> str:
    return _DELIVERY_TONES.get(status, "")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "panel"
