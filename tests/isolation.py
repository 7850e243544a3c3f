"""Cross-tenant isolation, shared by every service's fuzz: a tenant's state as a hash, the routes
and request fields a service serves (read from the app and its contract, so new endpoints are
covered without listing them), requests drawn over them, and the checks run around each one.

A probe is one request made with another tenant's credentials (or none, or garbled ones). Around
each, the first tenant's dump (``Service.dump_tenant``) is hashed: an unchanged hash means the
probe wrote nothing of it. Its answer must not be a 5xx and must not carry a value only the first
tenant's records hold (unless the probe itself sent that value: an error may echo the id asked).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import quote, unquote

import yaml
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakesaas.core.service import Service
from fakesaas.core.world import World
from fakesaas.services import all_services

JUNK_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
JUNK = st.one_of(
    JUNK_TEXT,
    st.integers(min_value=-(2**40), max_value=2**40),
    st.sampled_from(["", "0", "-1", "1", "..", "%2F", "null", "*", "1e9", "99999999999999999999"]),
)


def service_named(name: str) -> Service:
    found = next((service for service in all_services() if service.name == name), None)
    assert found is not None, f"no service {name!r} is registered"
    return found


def seed_tenant(world: World, service: Service, section: Mapping[str, Any]) -> list[str]:
    """Load ``section`` (the service's seed format) next to what the world holds already."""
    with world.lock:
        return service.seed(world.state(service.name), section)


def tenant_dump(world: World, service: Service, tenant: str) -> dict[str, Any]:
    with world.lock:
        dump = service.dump_tenant(world.state(service.name), tenant)
    assert dump is not None, f"{service.name} has no tenant {tenant!r}"
    return dump


def tenant_hash(world: World, service: Service, tenant: str) -> str:
    """sha256 of the tenant's records as JSON with sorted keys."""
    text = json.dumps(tenant_dump(world, service, tenant), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def contract_text(service: Service) -> str:
    spec = service.spec()
    return resources.files(spec.package).joinpath(spec.filename).read_text(encoding="utf-8")


# --- what a REST service serves ----------------------------------------------------------------
_ARGUMENT = re.compile(r"<(?:(\w+)(?:\((.*?)\))?:)?(\w+)>")


@dataclass(frozen=True, slots=True)
class Route:
    """One URL rule of the app: its template, methods, and for each argument the values it takes
    (None: any text, e.g. an id)."""

    rule: str
    methods: tuple[str, ...]
    arguments: tuple[tuple[str, tuple[str, ...] | None], ...]

    def path(self, values: Mapping[str, str]) -> str:
        def fill(match: re.Match[str]) -> str:
            return quote(values[match.group(3)], safe="")

        return _ARGUMENT.sub(fill, self.rule)


def routes(app: Flask, prefix: str) -> list[Route]:
    """Every rule of ``app`` under ``prefix``, with its methods (HEAD and OPTIONS left out)."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.rule != prefix and not rule.rule.startswith(prefix + "/"):
            continue
        methods = tuple(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}))
        arguments = []
        for converter, options, name in _ARGUMENT.findall(rule.rule):
            choices = None
            if converter == "any":
                choices = tuple(option.strip().strip("'\"") for option in options.split(","))
            arguments.append((name, choices))
        found.append(Route(rule.rule, methods, tuple(arguments)))
    assert found, f"nothing is served under {prefix}"
    return found


def contract_fields(service: Service) -> tuple[list[str], list[str]]:
    """(query parameter names, body property names) named anywhere in an OpenAPI contract."""
    document = yaml.safe_load(contract_text(service))
    queries: set[str] = set()
    properties: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                properties.update(str(key) for key in node["properties"])
            if node.get("in") == "query" and isinstance(node.get("name"), str):
                queries.add(node["name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return sorted(queries), sorted(properties)


# --- probes ------------------------------------------------------------------------------------
@dataclass(slots=True)
class Probe:
    """One request as sent: what it names is what its answer may echo."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = None

    def text(self) -> str:
        return json.dumps([self.path, unquote(self.path), self.headers, self.query, self.body], default=str)


def values_strategy(ours: Sequence[Any], theirs: Sequence[Any]) -> st.SearchStrategy[Any]:
    """A value a request may carry: one of the target tenant's ids or names, one of the caller's
    own, or junk."""
    return st.one_of(st.sampled_from(list(ours)), st.sampled_from(list(theirs)), JUNK)


def rest_probes(
    route_list: Sequence[Route],
    values: st.SearchStrategy[Any],
    queries: Sequence[str],
    fields: Sequence[str],
    credentials: Sequence[dict[str, str]],
) -> st.SearchStrategy[Probe]:
    """A request over any route and method, path arguments and parameters drawn from ``values``,
    a JSON body (or none) made of the contract's property names, with one of ``credentials``."""
    scalar = st.one_of(values, values.map(str))
    leaf = st.one_of(scalar, st.lists(scalar, max_size=3))
    body = st.recursive(
        st.dictionaries(st.sampled_from(list(fields)), leaf, max_size=4),
        lambda inner: st.one_of(
            st.dictionaries(st.sampled_from(list(fields)), st.one_of(leaf, inner), max_size=4),
            st.lists(inner, max_size=3),
        ),
        max_leaves=8,
    )

    @st.composite
    def probe(draw: st.DrawFn) -> Probe:
        route = draw(st.sampled_from(list(route_list)))
        method = draw(st.sampled_from(route.methods))
        arguments = {
            name: draw(st.sampled_from(choices) if choices else scalar.map(str))
            for name, choices in route.arguments
        }
        query = draw(st.dictionaries(st.sampled_from(list(queries)), scalar.map(str), max_size=3))
        payload = draw(st.none() | body) if method != "GET" else None
        return Probe(
            method, route.path(arguments), dict(draw(st.sampled_from(list(credentials)))), query, payload
        )

    return probe()


def send(client: FlaskClient, probe: Probe) -> tuple[int, str]:
    kwargs: dict[str, Any] = {"headers": probe.headers, "query_string": probe.query}
    if probe.body is not None:
        kwargs["json"] = probe.body
    answer = client.open(probe.path, method=probe.method, **kwargs)
    # Some answers are binary (chart thumbnails): read them as text all the same.
    return answer.status_code, answer.get_data().decode("utf-8", "replace")


# --- the checks --------------------------------------------------------------------------------
def secret_values(candidates: Iterable[str], caller: Mapping[str, Any], printed: str = "") -> list[str]:
    """The values of the target tenant that mark a leak: those its records hold that the caller's
    own records (``caller``, its dump) do not, and that ``printed`` (what the service answers to
    anyone, e.g. its contract's examples) does not hold either."""
    theirs = json.dumps(caller, default=str)
    return sorted(value for value in candidates if value not in theirs and value not in printed)


def identifying_values(
    dump: object, keys: Iterable[str], min_length: int = 6, min_id: int | None = None
) -> set[str]:
    """Strings of at least ``min_length`` characters held under ``keys`` anywhere in ``dump``, and
    (with ``min_id``) the ints at least that large held under ``id``: names, emails, keys, ids."""
    wanted = set(keys)
    found: set[str] = set()

    def walk(node: object, key: str | None) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, str(name))
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key in wanted and len(node) >= min_length:
            found.add(node)
        elif _is_id(node, key, min_id):
            found.add(str(node))

    walk(dump, None)
    return found


def _is_id(node: object, key: str | None, min_id: int | None) -> bool:
    number = isinstance(node, int) and not isinstance(node, bool)
    return number and key == "id" and min_id is not None and node >= min_id  # type: ignore[operator]


def leaks(answer: str, secrets: Iterable[str], probe: Probe) -> list[str]:
    """The secrets in ``answer`` that ``probe`` did not send itself; numbers match whole only."""
    sent = probe.text()
    found = []
    for value in secrets:
        if value.isdigit():
            pattern = rf"(?<!\d){value}(?!\d)"
            if re.search(pattern, answer) and not re.search(pattern, sent):
                found.append(value)
        elif value in answer and value not in sent:
            found.append(value)
    return found


@dataclass(slots=True)
class Tally:
    """What a fuzz run did, for its final assertions (and figures when run with -s)."""

    sent: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    routes: set[str] = field(default_factory=set)

    def count(self, status: int, what: str) -> None:
        self.sent += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.routes.add(what)


def checked(
    world: World,
    service: Service,
    tenant: str,
    secrets: Sequence[str],
    run: Callable[[], tuple[int, str]],
    probe: Probe,
) -> tuple[int, str]:
    """Run one probe and check it: the tenant's hash unchanged, no 5xx, no leak."""
    before = tenant_hash(world, service, tenant)
    status, answer = run()
    assert status < 500, f"{probe}: {status} {answer[:500]}"
    assert tenant_hash(world, service, tenant) == before, f"{probe} changed {tenant}: {status} {answer[:500]}"
    leaked = leaks(answer, secrets, probe)
    assert not leaked, f"{probe} answered {tenant}'s {leaked}: {answer[:800]}"
    return status, answer


@dataclass(slots=True)
class Tenants:
    """The target tenant and another beside it in one app; ``probe`` runs a request through
    ``checked`` and counts it."""

    world: World
    app: Flask
    client: FlaskClient
    service: Service
    target: str
    ours: list[Any]  # the target's ids and names, drawn into requests
    theirs: list[Any]  # the other tenant's
    secrets: list[str]
    tally: Tally = field(default_factory=Tally)
    # Run after each probe: puts the other tenant back when a probe took its own credentials away
    # (a rotated key, a deactivated workspace), so the probes after it still get past the login.
    restore: Callable[[], None] | None = None
    # How a probe is sent and its answer read (a service may read a failure in its answer body).
    sender: Callable[[FlaskClient, Probe], tuple[int, str]] = send

    def probe(self, probe: Probe) -> tuple[int, str]:
        run = lambda: self.sender(self.client, probe)  # noqa: E731
        status, answer = checked(self.world, self.service, self.target, self.secrets, run, probe)
        self.tally.count(status, probe.method + " " + probe.path)
        if self.restore is not None:
            self.restore()
        return status, answer


def fuzz(tenants: Tenants, probes: st.SearchStrategy[Probe], examples: int) -> None:
    """``examples`` probes drawn from ``probes`` (the same ones every run), each checked."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(probe=probes)
    def one(probe: Probe) -> None:
        tenants.probe(probe)

    one()
    assert tenants.tally.sent >= examples * 0.9
    statuses = sorted(tenants.tally.statuses.items())
    print(f"{tenants.service.name} isolation fuzz: {tenants.tally.sent} requests, statuses {statuses}")
