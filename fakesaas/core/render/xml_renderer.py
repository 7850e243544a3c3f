"""XML renderer: element names with dashes for underscores, wrapped arrays, chosen attributes.

``None`` becomes ``<name nil="true"/>`` (the Rails convention the service grew up with), so an
XML reader can tell a missing value from an empty string, as a JSON reader can.
"""

from __future__ import annotations

import re

from lxml import etree

from fakesaas.core.document import Collection, Document, PerFormat, Record, Scalar, Value, Values

# Characters XML 1.0 cannot carry at all; stored text may hold them (JSON input allows \u0000).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(document: Document) -> bytes:
    root = _element(document.name, document)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")  # type: ignore[no-any-return]


def tag(name: str) -> str:
    """The element name for a field: underscores become dashes."""
    return name.replace("_", "-")


def _element(name: str, value: Value) -> etree._Element:
    element = etree.Element(tag(name))
    if isinstance(value, Record):
        for key, field_value in value.fields:
            if key in value.xml_attributes and not isinstance(field_value, Record | Collection | Values):
                text = _text(field_value)
                if text is not None:
                    element.set(tag(key), text)
            else:
                element.append(_element(key, field_value))
    elif isinstance(value, Collection):
        for item in value.items:
            element.append(_element(item.name, item))
    elif isinstance(value, Values):
        for scalar in value.items:
            element.append(_element(value.item_name, scalar))
    else:
        text = _text(value)
        if text is None:
            element.set("nil", "true")
        else:
            element.text = text
    return element


def _text(value: Scalar | PerFormat) -> str | None:
    if isinstance(value, PerFormat):
        value = value.xml
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("\ufffd", str(value))
