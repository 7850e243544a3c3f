"""Choosing the output format once per request: path extension, then Accept, then the body's type."""

from __future__ import annotations

from fakesaas.core.render import Format

_EXTENSIONS = {".json": Format.JSON, ".xml": Format.XML}
_XML_TYPES = ("application/xml", "text/xml")


def choose_format(path: str, accept: str, content_type: str) -> Format:
    """``.json``/``.xml`` decide, as in every documented URL. Without an extension an explicit
    Accept for XML (and not JSON) gives XML, as does an XML request body; anything else is JSON,
    which is what every official SDK asks for."""
    for extension, fmt in _EXTENSIONS.items():
        if path.endswith(extension):
            return fmt
    accept = accept.lower()
    wants_xml = any(t in accept for t in _XML_TYPES)
    if wants_xml and "json" not in accept:
        return Format.XML
    accepts_anything = accept.strip() in ("", "*/*")
    if accepts_anything and any(t in content_type.lower() for t in _XML_TYPES):
        return Format.XML
    return Format.JSON
