"""A seed document's ``seatsio`` section loaded into a state: companies, workspaces, charts, events.

::

    {"system_secret": "...",                       # optional
     "companies": [{"name": "demo", "admin_key": "demo-secret-key", "designer_key": "...",
        "usage": {"cutoff": ..., "months": [...], "renderings": [...]},   # history: usage_records.py
        "workspaces": [{"name": "...", "key": "...", "secret_key": "...", "default": true,
            "charts": [{"key": "...", "drawing": {designer JSON} | "sketch": {"rows": 10, ...},
                        "tags": [...]}],
            "events": [{"key": "...", "chart": "...", "name": "...", "date": "YYYY-MM-DD",
                        "booked": ["A-1"], "statuses": {"A-2": "custom"},
                        "holds": [{"token": "...", "expires_in_minutes": 15, "objects": ["B-1"]}]}]}]}]}

All or nothing: the section is built aside and joins the state only when every part of it loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta
from typing import Any

from fakesaas.core.errors import DomainError
from fakesaas.core.service import SectionError
from fakesaas.seatsio.domain import accounts, catalog, programme, statuses
from fakesaas.seatsio.domain.history import API_CALL, Origin
from fakesaas.seatsio.domain.holds import HoldToken
from fakesaas.seatsio.domain.keys import KeyMaker
from fakesaas.seatsio.domain.objects import BOOKED, HELD
from fakesaas.seatsio.domain.sketch import AREA_KEYS, SKETCH_KEYS, TABLE_KEYS, sketch
from fakesaas.seatsio.domain.sketch import CATEGORY_KEYS as SKETCH_CATEGORY_KEYS
from fakesaas.seatsio.domain.state import Scope, Seatsio
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest
from fakesaas.seatsio.domain.usage_records import UsageDataError, read_history
from fakesaas.seatsio.domain.workspaces import DEFAULT_WORKSPACE_NAME, Company

Progress = Callable[[int, int], None]

# The keys each object of the section may have; the published schema (fakesaas/seatsio/seed_schema.py)
# is built from the same tables (and those of sketch.py and usage_records.py).
SECTION_KEYS = frozenset({"system_secret", "companies"})
COMPANY_KEYS = frozenset({"name", "admin_key", "designer_key", "workspaces", "usage"})
WORKSPACE_KEYS = frozenset({"name", "key", "secret_key", "is_test", "default", "charts", "events"})
CHART_KEYS = frozenset({"key", "name", "drawing", "sketch", "tags"})
EVENT_KEYS = frozenset({"key", "chart", "name", "date", "booked", "statuses", "holds"})
HOLD_KEYS = frozenset({"token", "expires_in_minutes", "objects"})
SEED_ORIGIN = Origin(API_CALL)


def load_section(state: Seatsio, section: Any, progress: Progress | None = None) -> list[str]:
    """Load ``section`` into ``state``; the names of the companies loaded. A company that exists
    (by name) is replaced.

    All or nothing: the companies are built apart and move in only once the whole section has
    loaded. They get the ids and keys they would get in an empty emulator (so the demo always has
    the same ones), unless a company that stays holds one of those: then they continue the
    state's own sequences."""
    if section is None:
        return []
    data = _mapping(section, "the seatsio section", SECTION_KEYS)
    specs = _list(data.get("companies"), "companies")
    # A name of the wrong kind is refused by _build, naming the place.
    names = {
        spec.get("name") for spec in specs if isinstance(spec, Mapping) and isinstance(spec.get("name"), str)
    }
    staying = [company for company in state.companies.values() if company.name not in names]
    built = _build(_fresh(state, continue_from=None), specs, progress)
    if staying and _clash(built, staying):
        built = _build(_fresh(state, continue_from=state), specs, progress)
    secret = data.get("system_secret", state.system_secret)
    if not isinstance(secret, str) or not secret:
        raise SectionError("system_secret: expected a non-empty string")
    state.system_secret = secret
    for company in list(state.companies.values()):
        if company.name in names:
            state.remove_company(company)
    _adopt(state, built)
    return [company.name for company in built.companies.values()]


def reset_company(state: Seatsio, section: Any, name: str) -> bool:
    """Put company ``name`` back as ``section`` (the start-up seed's) has it, with the ids and keys
    it had at start; without it in ``section``, the company is forgotten. False if ``state`` has
    no such company."""
    current = state.company_by_name(name)
    if current is None:
        return False
    data = _mapping(section or {}, "the seatsio section", SECTION_KEYS)
    specs = _list(data.get("companies"), "companies")
    position = next(
        (i for i, spec in enumerate(specs) if isinstance(spec, Mapping) and spec.get("name") == name), None
    )
    state.remove_company(current)
    if position is None:
        return True
    # The companies before it in the seed took the ids before its own: build them too, keep it only.
    built = _build(_fresh(state, continue_from=None), specs[: position + 1], None)
    staying = list(state.companies.values())
    if staying and _clash(built, staying):
        built = _build(_fresh(state, continue_from=state), specs[position : position + 1], None)
    company = built.company_by_name(name)
    assert company is not None  # built from a spec of that name
    for other in list(built.companies.values()):
        if other is not company:
            built.remove_company(other)
    _adopt(state, built)
    return True


def _fresh(state: Seatsio, continue_from: Seatsio | None) -> Seatsio:
    position = continue_from.keys.position if continue_from is not None else 0
    aside = Seatsio(state.clock, state.system_secret, KeyMaker(state.keys.seed, position))
    if continue_from is not None:
        for kind, sequence in continue_from.ids.items():
            aside.ids[kind].resume_at(sequence.upcoming)
    return aside


def _build(aside: Seatsio, specs: list[Any], progress: Progress | None) -> Seatsio:
    for index, item in enumerate(specs):
        where = f"companies[{index}]"
        try:
            _company(aside, _mapping(item, where, COMPANY_KEYS), where)  # joins ``aside``
        except DomainError as error:
            raise SectionError(f"{where}: {error.message}") from None
        if progress is not None:
            progress(index + 1, len(specs))
    return aside


def _adopt(state: Seatsio, built: Seatsio) -> None:
    for company in built.companies.values():
        state.add_company(company)
    for kind, sequence in built.ids.items():
        state.ids[kind].resume_at(max(sequence.upcoming, state.ids[kind].upcoming))
    state.keys.position = max(state.keys.position, built.keys.position)


def _marks(companies: Iterable[Company]) -> set[tuple[str, object]]:
    """Every id and key a company holds that must be unique across companies."""
    found: set[tuple[str, object]] = set()
    for company in companies:
        found |= {("company", company.id), ("key", company.admin_key), ("key", company.designer_key)}
        for workspace in company.workspaces.values():
            found |= {("workspace", workspace.id), ("key", workspace.key)}
            found |= {("key", key) for key in workspace.secret_keys}
            found |= {("chart", chart.id) for chart in workspace.charts.values()}
            found |= {("token", token) for token in workspace.hold_tokens.tokens}
            for event in workspace.events.values():
                found.add(("event", event.id))
                found |= {("status_change", change.id) for change in event.history.changes}
    return found


def _clash(built: Seatsio, staying: list[Company]) -> bool:
    return bool(_marks(built.companies.values()) & _marks(staying))


def _company(aside: Seatsio, data: Mapping[str, Any], where: str) -> Company:
    name = _text(data.get("name"), f"{where}.name")
    admin_key = data.get("admin_key")
    if name and aside.company_by_name(name) is not None:
        raise SectionError(f"{where}.name: a company named {name!r} is in the section twice")
    if admin_key and any(c.admin_key == admin_key for c in aside.companies.values()):
        raise SectionError(f"{where}.admin_key: the key is used twice in the section")
    workspaces = _list(data.get("workspaces"), f"{where}.workspaces") or [{}]
    first = _mapping(workspaces[0], f"{where}.workspaces[0]", WORKSPACE_KEYS)
    company = accounts.create_company(
        aside,
        name=name,
        admin_key=_text(admin_key, f"{where}.admin_key"),
        designer_key=_text(data.get("designer_key"), f"{where}.designer_key"),
        workspace_key=_text(first.get("key"), f"{where}.workspaces[0].key"),
        workspace_secret_key=_text(first.get("secret_key"), f"{where}.workspaces[0].secret_key"),
        workspace_name=_text(first.get("name"), f"{where}.workspaces[0].name") or DEFAULT_WORKSPACE_NAME,
    )
    default = company.default_workspace
    default.is_test = _flag(first.get("is_test"), f"{where}.workspaces[0].is_test")
    _flag(first.get("default"), f"{where}.workspaces[0].default")  # the first is the default anyway
    _fill(Scope(aside, company, default, admin=True), first, f"{where}.workspaces[0]")
    for index, item in enumerate(workspaces[1:], start=1):
        at = f"{where}.workspaces[{index}]"
        spec = _mapping(item, at, WORKSPACE_KEYS)
        workspace = accounts.new_workspace(
            aside,
            company,
            _text(spec.get("name"), f"{at}.name") or f"Workspace {index + 1}",
            _flag(spec.get("is_test"), f"{at}.is_test"),
            key=_text(spec.get("key"), f"{at}.key"),
            secret_key=_text(spec.get("secret_key"), f"{at}.secret_key"),
        )
        company.workspaces[workspace.key] = workspace
        aside.index_workspace(workspace)
        if _flag(spec.get("default"), f"{at}.default"):
            company.default_workspace_key = workspace.key
        _fill(Scope(aside, company, workspace, admin=True), spec, at)
    if data.get("usage") is not None:
        ids = {key: workspace.id for key, workspace in company.workspaces.items()}
        try:
            company.usage = read_history(data["usage"], ids, company.default_workspace_key)
        except UsageDataError as error:
            raise SectionError(f"{where}.{error}") from None
    return company


def _fill(scope: Scope, spec: Mapping[str, Any], where: str) -> None:
    for index, item in enumerate(_list(spec.get("charts"), f"{where}.charts")):
        at = f"{where}.charts[{index}]"
        chart = _mapping(item, at, CHART_KEYS)
        if "drawing" in chart:
            drawing = dict(_mapping(chart["drawing"], f"{at}.drawing", None))
        elif "sketch" in chart:
            drawing = sketch(_sketch(chart["sketch"], f"{at}.sketch"))
        else:
            raise SectionError(f"{at}: a chart needs a drawing or a sketch")
        if _text(chart.get("name"), f"{at}.name"):
            drawing["name"] = chart["name"]
        created = catalog.add_chart(scope, scope.workspace, drawing, _text(chart.get("key"), f"{at}.key"))
        created.tags = _texts(chart.get("tags"), f"{at}.tags")
    for index, item in enumerate(_list(spec.get("events"), f"{where}.events")):
        at = f"{where}.events[{index}]"
        _event(scope, _mapping(item, at, EVENT_KEYS), at)


def _event(scope: Scope, spec: Mapping[str, Any], where: str) -> None:
    chart_key = _text(spec.get("chart"), f"{where}.chart")
    if not chart_key:
        raise SectionError(f"{where}.chart: an event needs the key of its chart")
    event = programme.create_events(
        scope,
        chart_key,
        [
            programme.EventSpec(
                key=_text(spec.get("key"), f"{where}.key"),
                name=_text(spec.get("name"), f"{where}.name"),
                date=_text(spec.get("date"), f"{where}.date"),
            )
        ],
    )[0]
    changes = []
    booked = _texts(spec.get("booked"), f"{where}.booked")
    if booked:
        changes.append(_change(event.key, booked, BOOKED))
    statuses_spec = _mapping(spec.get("statuses") or {}, f"{where}.statuses", None)
    if spec.get("statuses") is not None and not isinstance(spec["statuses"], Mapping):
        raise SectionError(f"{where}.statuses: expected an object")
    for label, status in statuses_spec.items():
        if not isinstance(status, str) or not status:
            raise SectionError(f"{where}.statuses.{label}: expected a status (a non-empty string)")
        changes.append(_change(event.key, [label], status))
    for index, item in enumerate(_list(spec.get("holds"), f"{where}.holds")):
        at = f"{where}.holds[{index}]"
        hold = _mapping(item, at, HOLD_KEYS)
        minutes = hold.get("expires_in_minutes", 15)
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
            raise SectionError(f"{at}.expires_in_minutes: expected a whole number of minutes")
        now = scope.state.now()
        token_name = _text(hold.get("token"), f"{at}.token") or scope.state.keys.token()
        token = HoldToken(token_name, scope.workspace.key, now, now + timedelta(minutes=minutes))
        scope.workspace.hold_tokens.add(token)
        labels = _texts(hold.get("objects"), f"{at}.objects")
        if labels:
            changes.append(_change(event.key, labels, HELD, token_name))
    if changes:
        statuses.change(scope, changes, SEED_ORIGIN)


def _change(event_key: str, labels: list[str], status: str, token: str | None = None) -> StatusRequest:
    return StatusRequest(
        ChangeKind.CHANGE_STATUS_TO,
        (event_key,),
        tuple(ObjectRef(label) for label in labels),
        status=status,
        hold_token=token,
    )


def _sketch(value: Any, where: str) -> Mapping[str, Any]:
    """A sketch (sketch.py) whose keys and values are all of the kinds it draws from."""
    spec = _mapping(value, where, SKETCH_KEYS)
    _text(spec.get("name"), f"{where}.name")
    _text(spec.get("venue_type"), f"{where}.venue_type")
    for key in ("rows", "seats"):
        _whole(spec.get(key, 0), f"{where}.{key}", 0)
    for index, item in enumerate(_list(spec.get("categories"), f"{where}.categories")):
        at = f"{where}.categories[{index}]"
        category = _mapping(item, at, SKETCH_CATEGORY_KEYS)
        _category_key(category.get("key"), f"{at}.key")
        _text(category.get("label"), f"{at}.label")
        _text(category.get("color"), f"{at}.color")
        _flag(category.get("accessible"), f"{at}.accessible")
    rows = spec.get("row_categories")
    for row, key in _mapping(rows if rows is not None else {}, f"{where}.row_categories", None).items():
        _category_key(key, f"{where}.row_categories.{row}")
    _texts(spec.get("accessible"), f"{where}.accessible")
    for index, item in enumerate(_list(spec.get("areas"), f"{where}.areas")):
        at = f"{where}.areas[{index}]"
        area = _mapping(item, at, AREA_KEYS)
        if not _text(area.get("label"), f"{at}.label"):
            raise SectionError(f"{at}.label: an area needs a label")
        _whole(area.get("capacity", 0), f"{at}.capacity", 0)
        if "category" in area:
            _category_key(area["category"], f"{at}.category")
    for index, item in enumerate(_list(spec.get("tables"), f"{where}.tables")):
        at = f"{where}.tables[{index}]"
        table = _mapping(item, at, TABLE_KEYS)
        if not _text(table.get("label"), f"{at}.label"):
            raise SectionError(f"{at}.label: a table needs a label")
        _whole(table.get("seats", 1), f"{at}.seats", 1)
        if "category" in table:
            _category_key(table["category"], f"{at}.category")
        _flag(table.get("book_as_a_whole"), f"{at}.book_as_a_whole")
    return spec


def _category_key(value: Any, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise SectionError(f"{where}: expected a category key (a number or a string)")


def _whole(value: Any, where: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise SectionError(f"{where}: expected a whole number, {low} or more")
    return value


def _flag(value: Any, where: str) -> bool:
    if value is not None and not isinstance(value, bool):
        raise SectionError(f"{where}: expected true or false")
    return bool(value)


def _texts(value: Any, where: str) -> list[str]:
    items = _list(value, where)
    if not all(isinstance(item, str) for item in items):
        raise SectionError(f"{where}: expected a list of strings")
    return list(items)


def _mapping(value: Any, where: str, allowed: frozenset[str] | None) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SectionError(f"{where}: expected an object")
    if allowed is not None:
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise SectionError(f"{where}: unknown keys {unknown} (allowed: {sorted(allowed)})")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SectionError(f"{where}: expected a list")
    return value


def _text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SectionError(f"{where}: expected a string")
    return value
