"""Output formats and the one renderer each: a Document in, bytes out."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from fakesaas.core.document import Document
from fakesaas.core.render import json_renderer, xml_renderer


class Format(Enum):
    """A wire format, named by the path extension that selects it."""

    JSON = "json"
    XML = "xml"

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]

    def render(self, document: Document) -> bytes:
        return _RENDERERS[self](document)


_MEDIA_TYPES = {
    Format.JSON: "application/json; charset=utf-8",
    Format.XML: "application/xml; charset=utf-8",
}
_RENDERERS: dict[Format, Callable[[Document], bytes]] = {
    Format.JSON: json_renderer.render,
    Format.XML: xml_renderer.render,
}

__all__ = ["Format"]
