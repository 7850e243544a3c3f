"""Routes of the control plane. Every answer is JSON; errors are ``{"error": "..."}``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

from flask import Blueprint, Response, current_app, request

from fakesaas._version import __version__
from fakesaas.core.faults import FAULT_RULE_KEYS, FaultRuleError
from fakesaas.core.world import World
from fakesaas.core.wsgi import DEFERRED
from fakesaas.persistence import PersistenceError, save_world
from fakesaas.seeding import (
    SeedError,
    checked,
    document_schema,
    load_document,
    parse_seed_text,
    reset_tenant,
    reset_world,
    sectioned,
    seed_document,
)

JOURNAL_PAGE = 1000  # entries a journal listing answers unless asked for fewer
JOURNAL_PAGE_MAX = 10_000
_ADVANCE_UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
CONTROL_SPEC = "openapi.yaml"  # beside this module, a copy of openapi/control.yaml


class ControlError(Exception):
    """A control request that cannot be carried out: status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _world() -> World:
    return current_app.extensions["fakesaas"]  # type: ignore[no-any-return]


def _startup_seed() -> str:
    return str(current_app.extensions["fakesaas.settings"].seed)


def _saved_answer(world: World, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """``POST /save``'s answer as a WSGI server sends it: what was saved, or 507 and why not."""
    try:
        data, status = save_world(world, path), 200
    except PersistenceError as error:
        data, status = {"error": str(error)}, 507
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))], body


def _reply(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status=status, mimetype="application/json")


def _body(*allowed: str) -> dict[str, Any]:
    """The JSON object sent (query parameters fill in what it leaves out). A key not in
    ``allowed`` is refused, naming it: a typo must not be taken for "not given"."""
    data: dict[str, Any] = dict(request.args.items())
    if request.get_data(cache=True).strip():
        try:
            parsed = json.loads(request.get_data(cache=True))
        except (ValueError, RecursionError):
            raise ControlError(400, "the body must be a JSON object") from None
        if not isinstance(parsed, dict):
            raise ControlError(400, "the body must be a JSON object")
        data.update(parsed)
    _refuse_unknown(data, allowed)
    return data


def _query(*allowed: str) -> dict[str, str]:
    data = dict(request.args.items())
    _refuse_unknown(data, allowed)
    return data


def _refuse_unknown(data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        listed = ", ".join(allowed) if allowed else "none"
        raise ControlError(400, f"unknown key {unknown[0]!r} (allowed: {listed})")


def _clock_state() -> dict[str, Any]:
    clock = _world().clock
    return {"now": clock.now().isoformat().replace("+00:00", "Z"), "frozen": clock.frozen}


def register(blueprint: Blueprint) -> None:
    blueprint.register_error_handler(ControlError, lambda e: _reply({"error": str(e)}, e.status))

    @blueprint.get("/")
    def index() -> Response:
        """The probe contract suites use to tell an emulator from the real service."""
        rules = sorted(
            f"{' '.join(sorted((r.methods or set()) - {'HEAD', 'OPTIONS'}))} {r.rule}"
            for r in current_app.url_map.iter_rules()
            if r.rule.startswith("/_fakesaas")
        )
        services = _world().services
        return _reply(
            {
                "fakesaas": __version__,
                "services": services.names,
                "prefixes": {service.name: service.prefix for service in services},
                "endpoints": rules,
            }
        )

    @blueprint.get("/openapi.yaml")
    def openapi() -> Response:
        """This control API's own OpenAPI document (package data; canonical copy openapi/control.yaml)."""
        text = resources.files("fakesaas.control").joinpath(CONTROL_SPEC).read_text(encoding="utf-8")
        return Response(text, content_type="application/yaml; charset=utf-8")

    @blueprint.post("/reset")
    def reset() -> Response:
        body = _body("account", "service", "clock", "faults", "journal", "webhooks")
        world = _world()
        service = _service_named(body.get("service"))
        if _truthy(body.get("clock")):
            world.clock.reset()  # first: the demo seed is dated from the clock's now
        try:
            if body.get("account"):
                name = str(body["account"])
                if not reset_tenant(world, _startup_seed(), name, service):
                    raise ControlError(404, f"no account named {name!r}")
                scope = name
            elif service is not None:
                raise ControlError(400, "service narrows an account reset: send account too")
            else:
                reset_world(world, _startup_seed())
                scope = "all"
        except SeedError as error:
            raise ControlError(422, str(error)) from None
        if _truthy(body.get("faults")):
            world.faults.clear()
        if _truthy(body.get("journal")):
            world.journal.clear()
        if _truthy(body.get("webhooks")):
            world.webhooks.clear()
        return _reply({"reset": scope, "accounts": _tenant_names(world), "services": _tenants(world)})

    @blueprint.post("/seed")
    def seed() -> Response:
        world = _world()
        name = _query("name").get("name")
        try:
            if name:
                if name != "demo":
                    raise ControlError(400, "the only built-in seed is 'demo'")
                document = seed_document(world, "demo")
            else:
                kind = request.content_type or ""
                text = request.get_data(as_text=True)
                document = parse_seed_text(text, yaml="yaml" in kind, source="the request body")
                document = checked(sectioned(document, world.services), world.services, "the request body")
            loaded = load_document(world, document)
        except SeedError as error:
            raise ControlError(422, str(error)) from None
        names = list(dict.fromkeys(tenant for tenants in loaded.values() for tenant in tenants))
        return _reply({"loaded": names, "services": loaded}, 201)

    @blueprint.get("/seed.schema.json")
    def seed_schema() -> Response:
        """The JSON Schema of seed documents (``--seed FILE``, ``POST /_fakesaas/seed``)."""
        _query()
        return _reply(document_schema(_world().services))

    @blueprint.post("/save")
    def save() -> Response:
        """Write the world to the state file given at start (``fakesaas serve --state FILE``)."""
        _body()
        path = current_app.extensions["fakesaas.settings"].state
        if not path:
            raise ControlError(409, "started without a state file (serve --state FILE): nowhere to save")
        world = _world()
        deferred = request.environ.get(DEFERRED)
        if isinstance(deferred, list):
            # Saved after this call returns, outside the server's one-request-at-a-time lock: other
            # requests are served while the file is written (the world lock is held only briefly).
            deferred.append(lambda: _saved_answer(world, path))
            return Response(status=202)  # never sent: the deferred save's answer replaces it
        status, _, body = _saved_answer(world, path)
        return Response(body, status=status, mimetype="application/json")

    @blueprint.get("/state")
    def state() -> Response:
        """Every service's state, one section each; ``service`` narrows it to one, ``account`` to
        one account or company (in ``service``, or the first service that has it)."""
        query = _query("account", "service")
        world = _world()
        service = _service_named(query.get("service"))
        with world.lock:
            services = [s for s in world.services if service is None or s.name == service]
            name = query.get("account")
            if not name:
                if service is not None:
                    return _reply(services[0].dump(world.state(service)))
                return _reply({s.name: s.dump(world.state(s.name)) for s in services})
            for candidate in services:
                found = candidate.dump_tenant(world.state(candidate.name), name)
                if found is not None:
                    return _reply(found)
            raise ControlError(404, f"no account named {name!r}")

    @blueprint.get("/clock")
    def clock_show() -> Response:
        _query()
        return _reply(_clock_state())

    @blueprint.put("/clock")
    def clock_set() -> Response:
        raw = _body("now").get("now")
        try:
            moment = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
        except ValueError:
            raise ControlError(
                400, 'send {"now": "2030-01-07T09:00:00Z"} (ISO 8601; naive means UTC)'
            ) from None
        _world().clock.set(moment)
        return _reply(_clock_state())

    @blueprint.post("/clock/advance")
    def clock_advance() -> Response:
        body = _body(*_ADVANCE_UNITS)
        seconds = 0.0
        for unit, factor in _ADVANCE_UNITS.items():
            if unit in body:
                try:
                    seconds += float(body[unit]) * factor
                except (TypeError, ValueError):
                    raise ControlError(400, f"{unit} must be a number") from None
        if not seconds:
            raise ControlError(400, "send a non-zero amount of seconds, minutes, hours or days")
        _world().clock.advance(timedelta(seconds=seconds))
        return _reply(_clock_state())

    @blueprint.post("/clock/freeze")
    def clock_freeze() -> Response:
        _body()
        _world().clock.freeze()
        return _reply(_clock_state())

    @blueprint.post("/clock/resume")
    def clock_resume() -> Response:
        _body()
        _world().clock.resume()
        return _reply(_clock_state())

    @blueprint.get("/faults")
    def faults_index() -> Response:
        _query()
        faults = _world().faults
        return _reply(
            {"rules": [rule.as_dict() for rule in faults.rules], "rate_limits": faults.limits_as_dict()}
        )

    @blueprint.post("/faults")
    def faults_add() -> Response:
        try:
            rule = _world().faults.add(_body(*FAULT_RULE_KEYS), services=_world().services.names)
        except FaultRuleError as error:
            raise ControlError(400, str(error)) from None
        return _reply(rule.as_dict(), 201)

    @blueprint.delete("/faults")
    def faults_clear() -> Response:
        seed = _body("seed").get("seed")
        try:
            number = int(str(seed), 10) if seed is not None else None
        except ValueError:
            raise ControlError(400, "seed must be a whole number") from None
        _world().faults.clear(number)
        return _reply({"rules": [], "rate_limits": {}})

    @blueprint.delete("/faults/<int:rule_id>")
    def faults_remove(rule_id: int) -> Response:
        if not _world().faults.remove(rule_id):
            raise ControlError(404, f"no fault rule {rule_id}")
        return _reply({"deleted": rule_id})

    @blueprint.put("/rate-limit")
    def rate_limit() -> Response:
        body = _body("account", "per_second", "service")
        if not body.get("account"):
            raise ControlError(400, 'send {"account": "demo", "per_second": 4} (0 or null removes the limit)')
        service = _service_named(body.get("service"))
        try:
            per_second = float(body["per_second"]) if body.get("per_second") not in (None, "") else None
        except (TypeError, ValueError):
            raise ControlError(400, "per_second must be a number") from None
        _world().faults.set_limit(str(body["account"]), per_second, service)
        return _reply({"rate_limits": _world().faults.limits_as_dict()})

    @blueprint.get("/requests")
    def requests_index() -> Response:
        """Matching entries, oldest first, a page at a time: the newest ``limit`` (default
        1,000), or with ``after``, the first ``limit`` whose seq is past it; ``more`` says whether
        further entries match beyond the page."""
        args = _query("method", "path", "status", "account", "service", "unmatched", "limit", "after")
        status = args.get("status")
        entries = _world().journal.entries(
            method=args.get("method"),
            path_contains=args.get("path"),
            status=int(status) if status and status.isdigit() and len(status) <= 3 else None,
            account=args.get("account"),
            service=args.get("service"),
            unmatched=_truthy(args.get("unmatched")),
        )
        limit = _whole_number(args, "limit", JOURNAL_PAGE, most=JOURNAL_PAGE_MAX)
        after = _whole_number(args, "after", -1) if "after" in args else None
        if after is not None:
            later = [entry for entry in entries if entry.seq > after]
            page, more = later[:limit], len(later) > limit
        else:
            page, more = (entries[-limit:] if limit else []), len(entries) > limit
        return _reply({"requests": [entry.as_dict() for entry in page], "more": more})

    @blueprint.delete("/requests")
    def requests_clear() -> Response:
        _body()
        _world().journal.clear()
        return _reply({"requests": []})


def _whole_number(args: dict[str, str], name: str, default: int, most: int | None = None) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    if not raw.isdigit() or len(raw) > 18:
        raise ControlError(400, f"{name} must be a whole number")
    return min(int(raw), most) if most is not None else int(raw)


def _service_named(name: Any) -> str | None:
    """A service name from a request, checked against those mounted; None when not given."""
    if name in (None, ""):
        return None
    names = _world().services.names
    if name not in names:
        raise ControlError(400, f"unknown service {name!r} (mounted: {', '.join(names)})")
    return str(name)


def _tenants(world: World) -> dict[str, list[str]]:
    """The accounts or companies of each service."""
    return {
        service.name: sorted(tenant.name for tenant in service.summary(world.state(service.name)).tenants)
        for service in world.services
    }


def _tenant_names(world: World) -> list[str]:
    return sorted({name for names in _tenants(world).values() for name in names})


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")
