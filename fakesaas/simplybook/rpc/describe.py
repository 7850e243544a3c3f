"""Descriptions of the services: the Zend-style SMD a GET answers (SimplyBook's own JS client
reads it to build its methods) and the OpenRPC contract the table generates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fakesaas._version import __version__
from fakesaas.simplybook.examples import Example
from fakesaas.simplybook.rpc.errors import WIRE
from fakesaas.simplybook.rpc.params import Kind
from fakesaas.simplybook.rpc.registry import Endpoint, Method, MethodTable
from fakesaas.simplybook.rpc.schemas import components

PREFIX = "/simplybook"
BASE = "http://127.0.0.1:8080"


def smd(table: MethodTable, endpoint: Endpoint) -> dict[str, Any]:
    """``{"transport": "POST", "envelope": "JSON-RPC-2.0", ..., "methods": {name: {...}}}``: the
    official json-rpc-client.js makes one function per key of ``methods`` (research §2.1)."""
    target = PREFIX + endpoint.path
    return {
        "transport": "POST",
        "envelope": "JSON-RPC-2.0",
        "contentType": "application/json",
        "SMDVersion": "2.0",
        "target": target,
        "methods": {
            item.name: {
                "envelope": "JSON-RPC-2.0",
                "transport": "POST",
                "parameters": [
                    {"type": _smd_type(p.kind), "name": p.name, "optional": not p.required}
                    for p in item.params
                ],
                "returns": _smd_return(item),
            }
            for item in sorted(table.of(endpoint), key=lambda m: m.name)
        },
    }


def _smd_type(kind: Kind) -> str:
    return {Kind.STRUCTURE: "array", Kind.ANY: "any"}.get(kind, kind.value)


def _smd_return(item: Method) -> str:
    kind = item.result.get("type")
    return kind if isinstance(kind, str) else "any"


def openrpc(table: MethodTable, examples: Iterable[Example] = ()) -> dict[str, Any]:
    """The OpenRPC document of all three services. Each method names its service in ``tags``
    and ``servers``; a method served by two services (the catalogue reads of the public and
    admin services) appears once per service, so ``for_endpoint`` cuts out a document per URL
    whose method names are unique."""
    by_method: dict[tuple[Endpoint, str], list[Example]] = {}
    for example in examples:
        by_method.setdefault((example.endpoint, example.method), []).append(example)
    # Methods in the order the examples call them (a client's order: token, catalogue, book,
    # confirm, cancel), so that replaying the document's examples in order replays the story.
    first = {key: index for index, key in reversed(list(enumerate(by_method)))}
    methods = []
    for endpoint in Endpoint:
        ordered = sorted(
            table.of(endpoint), key=lambda m: (first.get((endpoint, m.name), len(first)), m.name)
        )
        for item in ordered:
            methods.append(_method(item, endpoint, by_method.get((endpoint, item.name), [])))
    return {
        # 1.2.6, not 1.3.x: the meta-schema bundled with @open-rpc/test-coverage's tools stops there.
        "openrpc": "1.2.6",
        "info": {
            "title": "SimplyBook.me JSON-RPC API (fakesaas emulation)",
            "version": __version__,
            "description": (
                "The login service (getToken, getUserToken), the company public service (X-Company-Login "
                "and X-Token headers) and the company administration service (X-Company-Login and "
                "X-User-Token), as fakesaas emulates them under /simplybook. Errors come back with HTTP "
                "200 in the JSON-RPC error member."
            ),
        },
        "servers": [_server(endpoint) for endpoint in Endpoint],
        "methods": methods,
        "components": {
            "schemas": components(),
            "tags": {
                endpoint.value: {"name": endpoint.value, "description": endpoint.title}
                for endpoint in Endpoint
            },
        },
    }


def _server(endpoint: Endpoint) -> dict[str, Any]:
    # A concrete URL: the meta-schema asks for a URI. The emulator answers wherever it listens.
    return {
        "name": endpoint.value,
        "url": BASE + PREFIX + endpoint.path,
        "summary": endpoint.title,
        "description": f"fakesaas serve's default address; the real service is https://user-api.simplybook.me{endpoint.path}",
    }


def _method(item: Method, endpoint: Endpoint, examples: list[Example]) -> dict[str, Any]:
    seen: set[tuple[int, str]] = set()
    errors = []
    for failure in item.errors:
        wire = WIRE[failure]
        if (wire.code, wire.message) not in seen:
            seen.add((wire.code, wire.message))
            errors.append({"code": wire.code, "message": wire.message})
    described: dict[str, Any] = {
        "name": item.name,
        "summary": item.summary,
        "tags": [{"$ref": f"#/components/tags/{endpoint.value}"}],
        "servers": [_server(endpoint)],
        "paramStructure": "either",
        "params": [
            {
                "name": p.name,
                "description": p.description,
                "required": p.required,
                "schema": p.json_schema(),
            }
            for p in item.params
        ],
        "result": {"name": item.result_name, "schema": dict(item.result)},
        "errors": errors,
    }
    if item.description:
        described["description"] = item.description
    pairs = [
        {
            "name": example.title,
            "params": [
                {"name": p.name, "value": v} for p, v in zip(item.params, example.params, strict=False)
            ],
            "result": {"name": item.result_name, "value": example.answer["result"]},
        }
        for example in examples
        if "result" in example.answer
    ]
    if pairs:
        described["examples"] = pairs
    return described


def for_endpoint(document: dict[str, Any], endpoint: Endpoint) -> dict[str, Any]:
    """The part of the document one service URL answers: its methods, and it as the server."""
    tag = f"#/components/tags/{endpoint.value}"
    return {
        **document,
        "servers": [_server(endpoint)],
        "methods": [m for m in document["methods"] if any(t.get("$ref") == tag for t in m.get("tags", []))],
    }
