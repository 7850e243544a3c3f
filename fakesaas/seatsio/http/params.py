"""Query parameters: cursor pages, ``expand`` (repeated or comma-separated) and labels."""

from __future__ import annotations

from flask import request

from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.pages import DEFAULT_LIMIT, PageRequest


def page_request() -> PageRequest:
    return PageRequest(
        limit=_int("limit", DEFAULT_LIMIT) or 0,
        start_after_id=_int("start_after_id", None),
        end_before_id=_int("end_before_id", None),
    )


def expand() -> set[str]:
    """``?expand=events&expand=zones`` (the SDK) or ``?expand=events,zones``."""
    return {
        part.strip() for value in request.args.getlist("expand") for part in value.split(",") if part.strip()
    }


def _int(name: str, default: int | None) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidRequest(f"{name} must be a whole number, found: {raw}") from None


def positive_int(name: str) -> int | None:
    """A query parameter that, given, is a whole number of at least 1."""
    value = _int(name, None)
    if value is not None and value < 1:
        raise InvalidRequest(f"{name} must be at least 1, found: {value}")
    return value
