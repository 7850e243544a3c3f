"""Schemathesis hooks for the SuperSaaS contract: reading XML answers so their schemas are checked too.

Loaded by the schemathesis run (``hooks`` in tests/supersaas/schemathesis.toml). XML answers are turned
into the
JSON shape the schema describes, guided by the schema's own ``xml`` objects: element names (dashes for
underscores), attributes (``<slot start=".." finish="..">``, left out when null), wrapped and unwrapped
arrays, and ``nil="true"`` for null. Elements the schema does not name are kept (under their name with
underscores), so an unexpected or renamed element fails the schema check instead of vanishing.

It also holds the run's one ``filter_failure`` hook, which drops two documented false alarms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import schemathesis
from jsonschema import Draft202012Validator
from lxml import etree
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.core.mutations import OperatorKind
from schemathesis.core.parameters import ParameterLocation

Schema = Mapping[str, Any]

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class XmlReader:
    """Reads an XML element as the JSON value ``schema`` describes (refs resolved within ``document``)."""

    def __init__(self, document: Schema) -> None:
        self.document = document

    def resolve(self, schema: Schema) -> dict[str, Any]:
        resolved = dict(schema)
        seen = 0
        while "$ref" in resolved:
            seen += 1
            if seen > 50:
                raise ValueError(f"$ref cycle at {resolved['$ref']}")
            target: Any = self.document
            for part in resolved.pop("$ref").removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            # Siblings of a $ref (OpenAPI 3.1) win over the referenced schema's keywords.
            resolved = {**target, **resolved}
        for part in resolved.pop("allOf", []):
            part = self.resolve(part)
            merged = {**part.get("properties", {}), **resolved.get("properties", {})}
            resolved = {**part, **resolved, "properties": merged}
        return resolved

    def types(self, schema: Schema) -> set[str]:
        schema = self.resolve(schema)
        declared = schema.get("type")
        if declared is not None:
            return {declared} if isinstance(declared, str) else set(declared)
        values = [*schema.get("enum", []), *([schema["const"]] if "const" in schema else [])]
        found = {_json_type(value) for value in values}
        for key in ("oneOf", "anyOf"):
            for alternative in schema.get(key, []):
                found |= self.types(alternative)
        return found

    def read(self, element: etree._Element, schema: Schema) -> Any:
        schema = self.resolve(schema)
        if element.get("nil") == "true" and len(element) == 0:
            return None
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return self.read(element, self._choose(element, schema[key]))
        types = self.types(schema)
        if "array" in types and (len(element) or types <= {"array", "null"}):
            items = schema.get("items", {})
            return [self.read(child, items) for child in _children(element)]
        if "object" in types or "properties" in schema or len(element):
            return self._object(element, schema)
        return _scalar(element.text or "", types)

    def _choose(self, element: etree._Element, alternatives: list[Schema]) -> Schema:
        """The alternative that fits the element best: its XML name, then its required children."""

        def fit(alternative: Schema) -> tuple[int, int, int]:
            resolved = self.resolve(alternative)
            types = self.types(resolved)
            named = resolved.get("xml", {}).get("name") == element.tag
            if types == {"null"}:
                return (0, -1, 0)
            shape = ("object" in types or "array" in types) == bool(len(element))
            children = {child.tag for child in _children(element)}
            required = [
                self._xml_name(name, resolved.get("properties", {}).get(name, {}))
                for name in resolved.get("required", [])
            ]
            present = sum(1 for name in required if name in children or element.get(name) is not None)
            return (int(named), int(shape), present - len(required))

        return max(alternatives, key=fit)

    def _xml_name(self, name: str, schema: Schema) -> str:
        return str(self.resolve(schema).get("xml", {}).get("name", name))

    def _object(self, element: etree._Element, schema: Schema) -> dict[str, Any]:
        result: dict[str, Any] = {}
        used: set[int] = set()
        attributes = {key: value for key, value in element.attrib.items() if key != "nil"}
        children = _children(element)
        for name, raw in schema.get("properties", {}).items():
            prop = self.resolve(raw)
            xml = prop.get("xml", {})
            tag = xml.get("name", name)
            if xml.get("attribute"):
                if tag in attributes:
                    result[name] = _scalar(attributes.pop(tag), self.types(prop))
                elif "null" in self.types(prop):
                    # An attribute cannot say nil="true": a null one is left out (<slot start="..">).
                    result[name] = None
                continue
            if "array" in self.types(prop) and not xml.get("wrapped"):
                items = self.resolve(prop.get("items", {}))
                item_tag = items.get("xml", {}).get("name", name)
                found = [child for child in children if child.tag == item_tag]
                used.update(id(child) for child in found)
                result[name] = [self.read(child, items) for child in found]
                continue
            child = next((c for c in children if c.tag == tag and id(c) not in used), None)
            if child is not None:
                used.add(id(child))
                result[name] = self.read(child, prop)
        extra = schema.get("additionalProperties")
        extra_schema: Schema = extra if isinstance(extra, Mapping) else {}
        for child in children:
            if id(child) not in used:
                result[str(child.tag).replace("-", "_")] = self.read(child, extra_schema)
        for key, value in attributes.items():
            result[key.replace("-", "_")] = value
        return result


def _children(element: etree._Element) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str)]


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


def _scalar(text: str, types: set[str]) -> Any:
    if not types:
        return text
    if "integer" in types and _INTEGER.fullmatch(text):
        return int(text)
    if "number" in types and _NUMBER.fullmatch(text):
        number = float(text)
        return int(number) if number.is_integer() and "e" not in text.lower() else number
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    return text


def response_schema(document: Schema, path: str, method: str, status: int, media_type: str) -> Schema:
    """The schema ``document`` gives for one answer (``{}`` when it gives none)."""
    reader = XmlReader(document)
    operation = document["paths"][path][method.lower()]
    responses = operation.get("responses", {})
    answer = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
    if answer is None:
        return {}
    media = reader.resolve(answer).get("content", {})
    entry = media.get(media_type) or media.get("application/xml") or media.get("text/xml") or {}
    return entry.get("schema", {})  # type: ignore[no-any-return]


def read_xml(document: Schema, schema: Schema, body: bytes) -> Any:
    root = etree.fromstring(body, _parser())
    return XmlReader(document).read(root, schema)


@schemathesis.deserializer("application/xml", "text/xml")
def deserialize_xml(ctx: schemathesis.DeserializationContext, response: schemathesis.Response) -> Any:
    if not response.content.strip():
        return None  # creates, updates and deletes answer with an empty body
    operation = ctx.operation
    document = operation.schema.raw_schema
    media_type = (response.headers.get("content-type") or ["application/xml"])[0].split(";")[0].strip()
    schema = response_schema(document, operation.path, operation.method, response.status_code, media_type)
    return read_xml(document, schema, response.content)


# Operations whose documented options turn a write into a no-op that answers 200 without looking at the
# attributes: nothing is written, so nothing is validated.
_USER_WRITES = re.compile(r"^users_(create|update|post)(_json|_xml)?$")


@schemathesis.hook
def filter_failure(
    context: schemathesis.HookContext,
    failure: object,
    case: schemathesis.Case,
    response: schemathesis.Response,
) -> bool:
    """Drops two false alarms of negative_data_rejection, and nothing else.

    1. The SDK README: "To avoid automatically creating a new record, you can add the parameter
       notfound=error or notfound=ignore to return a 404 Not Found or 200 OK respectively"; and with
       `duplicate=ignore` a create that finds the user already there leaves it unchanged. Either way the
       attributes are never applied, so invalid ones are not refused: 200 with an empty body.
    2. A query parameter given several times counts once, with its last value (fakesaas/supersaas/http/
       params.py: "later ones winning", as Rails reads a query string). A "list" whose last value is a
       valid value of that parameter is therefore a valid request, not an accepted invalid one.
    """
    if not isinstance(failure, AcceptedNegativeData) or not 200 <= response.status_code < 300:
        return True
    return not (_ignored_user_write(case, response) or _repeated_query_parameter(case))


def _ignored_user_write(case: schemathesis.Case, response: schemathesis.Response) -> bool:
    if response.status_code != 200 or response.content:
        return False
    if not _USER_WRITES.match(case.operation.definition.raw.get("operationId", "")):
        return False
    query = case.query or {}
    return query.get("notfound") == "ignore" or query.get("duplicate") == "ignore"


def _repeated_query_parameter(case: schemathesis.Case) -> bool:
    data = case.meta.phase.data if case.meta is not None else None
    mutations = getattr(data, "mutations", ())
    if not mutations:
        return False
    reader = XmlReader(case.operation.schema.raw_schema)
    declared = {
        parameter["name"]: parameter.get("schema", {})
        for parameter in (reader.resolve(p) for p in case.operation.definition.raw.get("parameters", []))
        if parameter.get("in") == "query"
    }
    for mutation in mutations:
        value = mutation.new_value
        if (
            mutation.parameter_location != ParameterLocation.QUERY
            or mutation.operator != OperatorKind.CHANGE_TYPE
            or mutation.parameter not in declared
            or not isinstance(value, list)
            or not value
        ):
            return False
        schema = _inline(reader, declared[mutation.parameter])
        if not Draft202012Validator(schema).is_valid(value[-1]):
            return False
    return True


def _inline(reader: XmlReader, schema: Any, depth: int = 0) -> Any:
    """``schema`` with every local ``$ref`` replaced by what it names (query schemas are shallow)."""
    if depth > 20:
        raise ValueError("schema nests too deeply to inline")
    if isinstance(schema, Mapping):
        resolved = reader.resolve(schema) if "$ref" in schema else dict(schema)
        return {key: _inline(reader, value, depth + 1) for key, value in resolved.items()}
    if isinstance(schema, list):
        return [_inline(reader, item, depth + 1) for item in schema]
    return schema
