"""Request parameters from every place the SDKs and docs put them, merged into one mapping.

Sources, later ones winning at the top level: the query string, a form-encoded body, a JSON body,
an XML body. ``booking[start]=...`` in a query or form becomes ``{"booking": {"start": ...}}``;
sections (``booking``, ``user``) from several sources are merged key by key.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from fakesaas.core.errors import BadRequest, FieldError, Unprocessable
from fakesaas.core.json_read import UNREAD, quick_loads
from fakesaas.supersaas.domain.values import parse_flag, parse_int, parse_time
from fakesaas.supersaas.http.xml_input import parse_xml_body

_BRACKETED = re.compile(r"\A([A-Za-z_][\w-]*)\[([\w-]*)\]\Z")


class Params:
    """One request's parameters with typed readers that fail as the API does (422, or 400)."""

    def __init__(self, data: Mapping[str, Any], query: Mapping[str, Any] | None = None) -> None:
        self._data = dict(data)
        self._query = dict(query or {})

    def from_query(self, name: str) -> Any:
        """A value as the query string gave it, before a body of the same name replaced it."""
        return self._query.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self._data

    def get(self, name: str, default: Any = None) -> Any:
        value = self._data.get(name, default)
        return default if value is None else value

    def scalar(self, name: str) -> str | None:
        """A plain value as text (JSON numbers included); sections and lists are refused."""
        value = self._data.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bool | int | float):
            return str(value).lower() if isinstance(value, bool) else str(value)
        raise BadRequest(f"Bad request: {name} must be a single value", name)

    def section(self, name: str) -> dict[str, Any]:
        """A nested object such as ``booking``; absent means empty."""
        value = self._data.get(name)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise BadRequest(f"Bad request: {name} must be an object of attributes", name)
        return value

    def flag(self, name: str) -> bool:
        """Yes or no; a list or an object is refused (400) as for any single value."""
        value = self._data.get(name)
        if isinstance(value, dict | list):
            raise BadRequest(f"Bad request: {name} must be a single value", name)
        return parse_flag(value)

    def count(self, name: str, default: int, minimum: int = 0) -> int:
        raw = self._data.get(name)
        if raw in (None, ""):
            return default
        number = parse_int(raw)
        if number is None or number < minimum:
            raise Unprocessable([FieldError(f"{name} must be a whole number of at least {minimum}", name)])
        # Any count past what a list can hold means "all": clamp it for islice and slicing.
        return min(number, sys.maxsize)

    def time(self, name: str) -> datetime | None:
        raw = self._data.get(name)
        if raw in (None, ""):
            return None
        moment = parse_time(raw)
        if moment is None:
            raise Unprocessable([FieldError(f"{name} is not a valid time (use YYYY-MM-DD HH:MM:SS)", name)])
        return moment


def collect(
    query: Iterable[tuple[str, str]], form: Iterable[tuple[str, str]], body: bytes, content_type: str
) -> Params:
    data: dict[str, Any] = {}
    from_query = _nest(query)
    _merge(data, from_query)
    _merge(data, _nest(form))
    _merge(data, _parse_body(body, content_type))
    return Params(data, from_query)


def _nest(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for key, value in pairs:
        match = _BRACKETED.match(key)
        if match:
            section = nested.setdefault(match.group(1), {})
            if isinstance(section, dict):
                section[match.group(2)] = value
        else:
            nested[key] = value
    return nested


def _merge(into: dict[str, Any], source: Mapping[str, Any]) -> None:
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            into[key].update(value)
        else:
            into[key] = value


def _parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    """JSON or XML by Content-Type, or by the first character when the type says neither.
    Form bodies arrive through ``form`` already; an empty body or a JSON ``null`` (what Ruby
    sends on DELETE) is no parameters at all."""
    content_type = content_type.lower()
    if "form-urlencoded" in content_type or "multipart/" in content_type:
        return {}
    stripped = body.strip()
    if not stripped:
        return {}
    if "xml" in content_type or ("json" not in content_type and stripped.startswith(b"<")):
        return parse_xml_body(stripped)
    if "json" in content_type or stripped[:1] in (b"{", b"[") or stripped == b"null":
        return _parse_json(stripped)
    raise BadRequest("Bad request: the body is neither JSON, XML nor form-encoded")


def _parse_json(body: bytes) -> dict[str, Any]:
    try:
        data, valid_text = _loads(body)
    except (ValueError, RecursionError):
        raise BadRequest("Bad request: malformed JSON") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadRequest("Bad request: a JSON body must be an object")
    if not valid_text and not _encodable(data):
        # "\ud800" alone is valid JSON but no character at all; storing it would make every
        # later answer that shows it unrenderable.
        raise BadRequest("Bad request: the JSON body holds an unpaired surrogate (\\ud800-\\udfff)")
    return data


def _loads(body: bytes) -> tuple[Any, bool]:
    """The parsed body, and whether its texts are known to be valid Unicode: orjson refuses a
    lone surrogate, so what it reads needs no walk for one (fakesaas/core/json_read.py)."""
    data = quick_loads(body)
    if data is not UNREAD:
        return data, True
    return json.loads(body), False


def _encodable(value: Any) -> bool:
    """Whether every string in a parsed JSON value (keys included) is valid Unicode text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True
