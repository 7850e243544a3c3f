"""JSON renderer: records become objects, collections arrays (wrapped at the top when asked)."""

from __future__ import annotations

from typing import Any

from fakesaas.core.document import Collection, Document, PerFormat, Record, Value, Values
from fakesaas.core.render.json_bytes import dumps


def render(document: Document) -> bytes:
    if isinstance(document, Collection) and document.wrap_json:
        data: Any = {document.name: [_record(item) for item in document.items]}
    else:
        data = _value(document)
    return dumps(data)


_SCALARS = frozenset((str, int, float, bool, type(None)))


def _value(value: Value) -> Any:
    if type(value) in _SCALARS:
        return value  # most fields: asked first, so they skip the checks below
    if isinstance(value, Record):
        return _record(value)
    if isinstance(value, Collection):
        return [_record(item) for item in value.items]
    if isinstance(value, Values):
        return list(value.items)
    if isinstance(value, PerFormat):
        return value.json
    return value


def _record(item: Record) -> dict[str, Any]:
    # The scalar test inline too: a record is mostly scalars, and a call per field adds up.
    return {key: value if type(value) in _SCALARS else _value(value) for key, value in item.fields}
