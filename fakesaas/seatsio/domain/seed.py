"""A seed document's ``seatsio`` section loaded into a state: companies, workspaces, charts, events.

::

    {"system_secret": "...",                       # optional
     "companies": [{"name": "demo", "admin_key": "demo-secret-key", "designer_key": "...",
        "workspaces": [{"name": "...", "key": "...", "secret_key": "...", "default": true,
            "charts": [{"key": "...", "drawing": {designer JSON} | "sketch": {"rows": 10, ...},
                        "tags": [...]}],
            "events": [{"key": "...", "chart": "...", "name": "...", "date": "YYYY-MM-DD",
                        "booked": ["A-1"], "statuses": {"A-2": "custom"},
                        "holds": [{"token": "...", "expires_in_minutes": 15, "objects": ["B-1"]}]}]}]}]}

All or nothing: the section is built aside and joins the state only when every part of it loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from fakesaas.core.errors import DomainError
from fakesaas.core.service import SectionError
from fakesaas.seatsio.domain import accounts, catalog, programme, statuses
from fakesaas.seatsio.domain.history import API_CALL, Origin
from fakesaas.seatsio.domain.holds import HoldToken
from fakesaas.seatsio.domain.keys import KeyMaker
from fakesaas.seatsio.domain.objects import BOOKED, HELD
from fakesaas.seatsio.domain.sketch import sketch
from fakesaas.seatsio.domain.state import Scope, Seatsio
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest
from fakesaas.seatsio.domain.workspaces import DEFAULT_WORKSPACE_NAME, Company

Progress = Callable[[int, int], None]

SECTION_KEYS = {"system_secret", "companies"}
COMPANY_KEYS = {"name", "admin_key", "designer_key", "workspaces"}
WORKSPACE_KEYS = {"name", "key", "secret_key", "is_test", "default", "charts", "events"}
CHART_KEYS = {"key", "name", "drawing", "sketch", "tags"}
EVENT_KEYS = {"key", "chart", "name", "date", "booked", "statuses", "holds"}
HOLD_KEYS = {"token", "expires_in_minutes", "objects"}
SEED_ORIGIN = Origin(API_CALL)


def load_section(state: Seatsio, section: Any, progress: Progress | None = None) -> list[str]:
    """Load ``section`` into ``state``; the names of the companies loaded."""
    if section is None:
        return []
    data = _mapping(section, "the seatsio section", SECTION_KEYS)
    companies = _list(data.get("companies"), "companies")
    aside = Seatsio(state.clock, state.system_secret, KeyMaker(state.keys.seed, state.keys.position))
    for kind, sequence in state.ids.items():
        aside.ids[kind].resume_at(sequence.upcoming)
    loaded: list[Company] = []
    for index, item in enumerate(companies):
        where = f"companies[{index}]"
        try:
            loaded.append(_company(aside, state, _mapping(item, where, COMPANY_KEYS), where))
        except DomainError as error:
            raise SectionError(f"{where}: {error.message}") from None
        if progress is not None:
            progress(index + 1, len(companies))
    if "system_secret" in data:
        secret = data["system_secret"]
        if not isinstance(secret, str) or not secret:
            raise SectionError("system_secret: expected a non-empty string")
        state.system_secret = secret
    for company in loaded:
        state.add_company(company)
    for kind, sequence in aside.ids.items():
        state.ids[kind].resume_at(sequence.upcoming)
    state.keys.position = aside.keys.position
    return [company.name for company in loaded]


def _company(aside: Seatsio, state: Seatsio, data: Mapping[str, Any], where: str) -> Company:
    name = _text(data.get("name"), f"{where}.name")
    admin_key = data.get("admin_key")
    for other in (state, aside):
        if name and other.company_by_name(name) is not None:
            raise SectionError(f"{where}.name: a company named {name!r} already exists")
        if admin_key and any(c.admin_key == admin_key for c in other.companies.values()):
            raise SectionError(f"{where}.admin_key: the key is already in use")
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
    default.is_test = bool(first.get("is_test", False))
    _fill(Scope(aside, company, default, admin=True), first, f"{where}.workspaces[0]")
    for index, item in enumerate(workspaces[1:], start=1):
        at = f"{where}.workspaces[{index}]"
        spec = _mapping(item, at, WORKSPACE_KEYS)
        workspace = accounts.new_workspace(
            aside,
            company,
            _text(spec.get("name"), f"{at}.name") or f"Workspace {index + 1}",
            bool(spec.get("is_test", False)),
            key=_text(spec.get("key"), f"{at}.key"),
            secret_key=_text(spec.get("secret_key"), f"{at}.secret_key"),
        )
        company.workspaces[workspace.key] = workspace
        aside.index_workspace(workspace)
        if spec.get("default"):
            company.default_workspace_key = workspace.key
        _fill(Scope(aside, company, workspace, admin=True), spec, at)
    return company


def _fill(scope: Scope, spec: Mapping[str, Any], where: str) -> None:
    for index, item in enumerate(_list(spec.get("charts"), f"{where}.charts")):
        at = f"{where}.charts[{index}]"
        chart = _mapping(item, at, CHART_KEYS)
        if "drawing" in chart:
            drawing = dict(_mapping(chart["drawing"], f"{at}.drawing", None))
        elif "sketch" in chart:
            drawing = sketch(_mapping(chart["sketch"], f"{at}.sketch", None))
        else:
            raise SectionError(f"{at}: a chart needs a drawing or a sketch")
        if chart.get("name"):
            drawing["name"] = chart["name"]
        created = catalog.add_chart(scope, scope.workspace, drawing, _text(chart.get("key"), f"{at}.key"))
        created.tags = [str(tag) for tag in _list(chart.get("tags"), f"{at}.tags")]
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
    booked = [str(label) for label in _list(spec.get("booked"), f"{where}.booked")]
    if booked:
        changes.append(_change(event.key, booked, BOOKED))
    statuses_spec = _mapping(spec.get("statuses") or {}, f"{where}.statuses", None)
    for label, status in statuses_spec.items():
        changes.append(_change(event.key, [label], str(status)))
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
        labels = [str(label) for label in _list(hold.get("objects"), f"{at}.objects")]
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


def _mapping(value: Any, where: str, allowed: set[str] | None) -> Mapping[str, Any]:
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
