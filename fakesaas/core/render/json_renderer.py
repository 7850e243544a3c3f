"""JSON renderer: records become objects, collections arrays (wrapped at the top when asked)."""

from __future__ import annotations

from typing import Any

from fakesaas.core.document import Collection, Document, PerFormat, Record, Values
from fakesaas.core.render.json_bytes import dumps


def render(document: Document) -> bytes:
    # The document goes to the encoder as it is: the encoder asks ``_plain`` for each record,
    # collection and value list it meets, so no copy of the tree is built in Python first (for a
    # record, ``dict(fields)``, a fraction of a comprehension that tests each field's type).
    if type(document) is Collection and document.wrap_json:
        return dumps({document.name: document.items}, _plain)
    return dumps(document, _plain)


def _plain(value: Any) -> Any:
    """What the encoder writes for a document's own objects (scalars and tuples it writes itself)."""
    if type(value) is Record:
        return dict(value.fields)
    if type(value) is Collection:
        return value.items
    if type(value) is Values:
        return value.items
    if type(value) is PerFormat:
        return value.json
    raise TypeError(f"{type(value).__name__} is not part of a document")
