"""Bodies on the wire: encode writes as JSON, XML or form fields; decode JSON and XML answers alike."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from lxml import etree

FORMATS = ("json", "xml", "form")

# Containers the API answers with; an empty one (<bookings/>) is an empty list, not an empty string.
_LIST_TAGS = frozenset({"bookings", "users", "slots", "schedules", "resources", "errors", "groups", "forms"})

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def encode(section: str, fields: Mapping[str, Any], fmt: str, **top: Any) -> dict[str, Any]:
    """Keyword arguments for ``requests`` that send ``{section: fields}`` (plus top-level values).

    ``json``: the SDKs' shape ``{"schedule_id": .., "booking": {..}}``; ``xml``: ``<booking>..</booking>``
    with dashes for underscores and the top-level values in the query; ``form``: ``booking[field]=..``.
    """
    if fmt == "json":
        return {"json": {**top, section: dict(fields)}}
    if fmt == "xml":
        root = etree.Element(section)
        for name, value in fields.items():
            child = etree.SubElement(root, name.replace("_", "-"))
            if value is None:
                child.set("nil", "true")
            else:
                child.text = _text(value)
        body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        return {
            "data": body,
            "params": {k: _text(v) for k, v in top.items()},
            "headers": {"Content-Type": "application/xml"},
        }
    if fmt == "form":
        data = {k: _text(v) for k, v in top.items()}
        data.update({f"{section}[{name}]": _text(value) for name, value in fields.items()})
        return {"data": data}
    raise ValueError(f"unknown format {fmt!r}")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def decode(content_type: str, body: bytes) -> Any:
    """The answer as Python data: JSON as is; XML as dicts (dashes -> underscores) and lists."""
    if not body.strip():
        return None
    if "xml" in content_type.lower() or body.lstrip().startswith(b"<"):
        return xml_to_data(etree.fromstring(body, _PARSER))
    return json.loads(body)


def xml_to_data(element: etree._Element) -> Any:
    """One XML element as data. Leaves are text (``nil="true"`` is None; Rails' ``type`` attributes
    make integers and booleans); attributes and children of an element become one dict; a plural
    element whose children all carry its singular name is a list."""
    if element.get("nil") == "true":
        return None
    children = [child for child in element if isinstance(child.tag, str)]
    kind = element.get("type")
    attributes = {
        name.replace("-", "_"): value for name, value in element.attrib.items() if name not in ("nil", "type")
    }
    tag = element.tag.replace("-", "_")
    if children and not attributes and all(child.tag == element.tag[:-1] for child in children):
        return [xml_to_data(child) for child in children]
    if not children and not attributes:
        if kind == "array" or (tag in _LIST_TAGS and not (element.text or "").strip()):
            return []
        return _typed(element.text or "", kind)
    data: dict[str, Any] = dict(attributes)
    for child in children:
        data[child.tag.replace("-", "_")] = xml_to_data(child)
    return data


def _typed(text: str, kind: str | None) -> Any:
    if kind == "integer":
        return int(text)
    if kind == "boolean":
        return text == "true"
    return text


def as_text(value: Any, field: str = "") -> str | None:
    """A JSON value as XML would carry it, to compare the two formats field by field.

    ``waitlisted`` is the documented exception (001: "If this booking is waitlisted this field
    contains the letter W"): JSON true is XML "W", false is empty."""
    if value is None:
        return None
    if field == "waitlisted" and isinstance(value, bool):
        return "W" if value else ""
    return _text(value)


def differences(json_value: Any, xml_value: Any, path: str = "$") -> list[str]:
    """Where a JSON answer and its XML twin disagree, as ``path: json vs xml`` lines."""
    field = path.rsplit(".", 1)[-1]
    if isinstance(json_value, dict) and isinstance(xml_value, dict):
        found = []
        for key in sorted(set(json_value) | set(xml_value)):
            if key not in xml_value:
                found.append(f"{path}.{key}: only in JSON")
            elif key not in json_value:
                found.append(f"{path}.{key}: only in XML")
            else:
                found += differences(json_value[key], xml_value[key], f"{path}.{key}")
        return found
    if isinstance(json_value, list) and isinstance(xml_value, list):
        if len(json_value) != len(xml_value):
            return [f"{path}: {len(json_value)} items in JSON, {len(xml_value)} in XML"]
        found = []
        for index, (left, right) in enumerate(zip(json_value, xml_value, strict=True)):
            found += differences(left, right, f"{path}[{index}]")
        return found
    if isinstance(json_value, dict | list) or isinstance(xml_value, dict | list):
        return [f"{path}: {json_value!r} vs {xml_value!r}"]
    left, right = as_text(json_value, field), as_text(xml_value, field)
    return [] if left == right else [f"{path}: {json_value!r} vs {xml_value!r}"]
