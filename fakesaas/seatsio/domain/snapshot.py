"""The whole Seats.io state as plain data and back, losslessly: for state files and /_fakesaas/state.

Drawings are stored as the designer JSON they were given and parsed again on load; instants are
ISO 8601 in UTC. Id sequences and the key maker's position are stored too, so a state read back
goes on handing out the ids and keys it would have.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fakesaas.core.clock import Clock
from fakesaas.seatsio.domain.charts import Chart, ChartVersion
from fakesaas.seatsio.domain.configs import Channel, ForSaleConfig, TableBookingConfig, TableMode
from fakesaas.seatsio.domain.events import Event
from fakesaas.seatsio.domain.history import Origin, StatusChange
from fakesaas.seatsio.domain.holds import HoldToken
from fakesaas.seatsio.domain.keys import KeyMaker
from fakesaas.seatsio.domain.layout import Category
from fakesaas.seatsio.domain.objects import ObjectState
from fakesaas.seatsio.domain.settings import AccountSettings, Level
from fakesaas.seatsio.domain.state import Seatsio
from fakesaas.seatsio.domain.usage_records import UsageDataError, read_history, write_history
from fakesaas.seatsio.domain.workspaces import Company, LogEntry, Workspace

FORMAT = 1


class SnapshotError(ValueError):
    """A snapshot that cannot be read back; the message says what is wrong."""


def dump_state(state: Seatsio) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "system_secret": state.system_secret,
        "keys": {"seed": state.keys.seed, "position": state.keys.position},
        "ids": {kind: sequence.upcoming for kind, sequence in state.ids.items()},
        "companies": [dump_company(company) for company in state.companies.values()],
    }


def dump_company(company: Company) -> dict[str, Any]:
    return {
        "id": company.id,
        "name": company.name,
        "admin_key": company.admin_key,
        "designer_key": company.designer_key,
        "default_workspace_key": company.default_workspace_key,
        "workspaces": [_workspace(workspace) for workspace in company.workspaces.values()],
        "usage": write_history(company.usage) if not company.usage.is_empty else None,
        "settings": _settings(company.settings),
    }


def _settings(settings: AccountSettings) -> dict[str, Any]:
    return {
        "validation": {rule: level.value for rule, level in settings.validation.items()},
        "hold_period_minutes": settings.hold_period_minutes,
        "draft_chart_drawings": settings.draft_chart_drawings,
        "hold_on_select_for_gas": settings.hold_on_select_for_gas,
        "renderer": dict(settings.renderer),
    }


def _load_settings(data: dict[str, Any]) -> AccountSettings:
    settings = AccountSettings()
    for rule, level in data.get("validation", {}).items():
        if rule not in settings.validation:
            raise SnapshotError(f"unknown validation rule {rule!r}")
        settings.validation[rule] = Level(level)
    settings.hold_period_minutes = int(data.get("hold_period_minutes", settings.hold_period_minutes))
    settings.draft_chart_drawings = bool(data.get("draft_chart_drawings", True))
    settings.hold_on_select_for_gas = bool(data.get("hold_on_select_for_gas", True))
    settings.renderer.update({str(k): bool(v) for k, v in data.get("renderer", {}).items()})
    return settings


def _workspace(workspace: Workspace) -> dict[str, Any]:
    return {
        "id": workspace.id,
        "key": workspace.key,
        "name": workspace.name,
        "secret_keys": list(workspace.secret_keys),
        "is_test": workspace.is_test,
        "is_active": workspace.is_active,
        "for_sale_mode": workspace.for_sale_mode,
        "charts": [_chart(chart) for chart in workspace.charts.values()],
        "events": [_event(event) for event in workspace.events.values()],
        "hold_tokens": [_token(token) for token in workspace.hold_tokens.tokens.values()],
        "event_log": [
            {"id": e.id, "type": e.type, "timestamp": e.timestamp.isoformat(), "data": e.data}
            for e in workspace.activity.log
        ],
        "ticket_buyers": [[number, buyer] for buyer, number in workspace.activity.ticket_buyers.items()],
    }


def _chart(chart: Chart) -> dict[str, Any]:
    return {
        "id": chart.id,
        "key": chart.key,
        "created_at": chart.created_at.isoformat(),
        "published": chart.published.drawing,
        "draft": chart.draft.drawing if chart.draft is not None else None,
        "tags": list(chart.tags),
        "archived": chart.archived,
        "used": chart.used,
    }


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "key": event.key,
        "chart_key": event.chart_key,
        "created_on": event.created_on.isoformat(),
        "updated_on": _iso(event.updated_on),
        "name": event.name,
        "date": event.date,
        "table_config": event.table_config.as_json(),
        "object_categories": event.object_categories,
        "categories": [category.as_json() for category in event.categories],
        "channels": [
            {
                "id": c.id,
                "key": c.key,
                "name": c.name,
                "color": c.color,
                "index": c.index,
                "objects": list(c.objects),
                "area_places": dict(c.area_places),
            }
            for c in event.channels
        ],
        "for_sale": event.for_sale.as_json() if event.for_sale is not None else None,
        "for_sale_calls": (
            [event.for_sale_calls[0].isoformat(), event.for_sale_calls[1]] if event.for_sale_calls else None
        ),
        "is_in_the_past": event.is_in_the_past,
        "is_season": event.is_season,
        "is_partial_season": event.is_partial_season,
        "overridden": sorted(event.overridden),
        "season_key": event.season_key,
        "partial_season_keys": list(event.partial_season_keys),
        "event_keys": list(event.event_keys),
        "for_sale_propagated": event.for_sale_propagated,
        "states": {label: _object_state(state) for label, state in event.states.items()},
        "history": [_change(change) for change in event.history.changes],
    }


def _object_state(state: ObjectState) -> dict[str, Any]:
    return {
        "status": state.status,
        "hold_token": state.hold_token,
        "order_id": state.order_id,
        "ticket_type": state.ticket_type,
        "extra_data": state.extra_data,
        "resale_listing_id": state.resale_listing_id,
        "released_status": state.released_status,
        "places": dict(state.places),
        "holds": {token: dict(kinds) for token, kinds in state.holds.items()},
    }


def _change(change: StatusChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "event_id": change.event_id,
        "label": change.label,
        "status": change.status,
        "date": change.date.isoformat(),
        "origin": {"type": change.origin.type, "ip": change.origin.ip},
        "quantity": change.quantity,
        "order_id": change.order_id,
        "extra_data": change.extra_data,
        "hold_token": change.hold_token,
    }


def _token(token: HoldToken) -> dict[str, Any]:
    return {
        "token": token.token,
        "workspace_key": token.workspace_key,
        "created_at": token.created_at.isoformat(),
        "expires_at": token.expires_at.isoformat(),
        "expired": token.expired,
        "held": {str(event_id): sorted(labels) for event_id, labels in token.held.items()},
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


# --- reading back ---------------------------------------------------------------------------------
def load_state(clock: Clock, document: Any) -> Seatsio:
    """A state from ``dump_state`` output; anything else raises SnapshotError."""
    if not isinstance(document, dict):
        raise SnapshotError("the seatsio state must be an object")
    if document.get("format") != FORMAT:
        raise SnapshotError(f"unknown seatsio state format {document.get('format')!r} (expected {FORMAT})")
    try:
        keys = document["keys"]
        state = Seatsio(clock, document["system_secret"], KeyMaker(keys["seed"], int(keys["position"])))
        for company in document["companies"]:
            state.add_company(_load_company(company))
        for kind, upcoming in document["ids"].items():
            if kind not in state.ids:
                raise SnapshotError(f"unknown id sequence {kind!r}")
            state.ids[kind].resume_at(int(upcoming))
    except SnapshotError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SnapshotError(
            f"the seatsio state cannot be read back: {type(error).__name__}: {error}"
        ) from None
    return state


def _load_company(data: dict[str, Any]) -> Company:
    company = Company(
        id=int(data["id"]),
        name=data["name"],
        admin_key=data["admin_key"],
        designer_key=data["designer_key"],
        default_workspace_key=data["default_workspace_key"],
    )
    for item in data["workspaces"]:
        workspace = _load_workspace(item, company.id)
        company.workspaces[workspace.key] = workspace
    if company.default_workspace_key not in company.workspaces:
        raise SnapshotError(f"company {company.name}: its default workspace is missing")
    if data.get("settings") is not None:
        company.settings = _load_settings(data["settings"])
    if data.get("usage") is not None:
        ids = {key: workspace.id for key, workspace in company.workspaces.items()}
        try:
            company.usage = read_history(data["usage"], ids, company.default_workspace_key)
        except UsageDataError as error:
            raise SnapshotError(f"company {company.name}: {error}") from None
    return company


def _load_workspace(data: dict[str, Any], company_id: int) -> Workspace:
    workspace = Workspace(
        id=int(data["id"]),
        key=data["key"],
        name=data["name"],
        secret_keys=list(data["secret_keys"]),
        company_id=company_id,
        is_test=bool(data["is_test"]),
        is_active=bool(data["is_active"]),
        for_sale_mode=data.get("for_sale_mode"),
    )
    for item in data["charts"]:
        chart = Chart(
            id=int(item["id"]),
            key=item["key"],
            published=ChartVersion.of(item["published"]),
            created_at=datetime.fromisoformat(item["created_at"]),
            draft=ChartVersion.of(item["draft"]) if item.get("draft") is not None else None,
            tags=list(item["tags"]),
            archived=bool(item["archived"]),
            used=bool(item["used"]),
        )
        workspace.charts[chart.key] = chart
    for item in data["events"]:
        workspace.add_event(_load_event(item))
    for entry in data.get("event_log", []):
        workspace.activity.log.append(
            LogEntry(
                int(entry["id"]),
                entry["type"],
                datetime.fromisoformat(entry["timestamp"]),
                dict(entry["data"]),
            )
        )
    workspace.activity.ticket_buyers = {
        str(buyer): int(number) for number, buyer in data.get("ticket_buyers", [])
    }
    for item in data["hold_tokens"]:
        workspace.hold_tokens.restore(
            HoldToken(
                token=item["token"],
                workspace_key=item["workspace_key"],
                created_at=datetime.fromisoformat(item["created_at"]),
                expires_at=datetime.fromisoformat(item["expires_at"]),
                expired=bool(item["expired"]),
                held={int(event_id): set(labels) for event_id, labels in item["held"].items()},
            )
        )
    return workspace


def _load_event(data: dict[str, Any]) -> Event:
    table = data["table_config"]
    for_sale = data.get("for_sale")
    calls = data.get("for_sale_calls")
    event = Event(
        id=int(data["id"]),
        key=data["key"],
        chart_key=data["chart_key"],
        created_on=datetime.fromisoformat(data["created_on"]),
        updated_on=datetime.fromisoformat(data["updated_on"]) if data.get("updated_on") else None,
        name=data.get("name"),
        date=data.get("date"),
        table_config=TableBookingConfig(
            TableMode(table["mode"]),
            tuple(table["tables"].items()) if table.get("tables") is not None else None,
        ),
        object_categories=data.get("object_categories"),
        categories=[
            Category(c["key"], c["label"], c["color"], bool(c["accessible"])) for c in data["categories"]
        ],
        channels=[
            Channel(
                c["id"],
                c["key"],
                c["name"],
                c["color"],
                c.get("index"),
                list(c["objects"]),
                dict(c["area_places"]),
            )
            for c in data["channels"]
        ],
        for_sale=(
            ForSaleConfig(
                bool(for_sale["forSale"]),
                list(for_sale["objects"]),
                dict(for_sale["areaPlaces"]),
                list(for_sale["categories"]),
            )
            if for_sale is not None
            else None
        ),
        for_sale_calls=(datetime.fromisoformat(calls[0]), int(calls[1])) if calls else None,
        is_in_the_past=bool(data["is_in_the_past"]),
        is_season=bool(data.get("is_season", False)),
        is_partial_season=bool(data.get("is_partial_season", False)),
        overridden=set(data.get("overridden") or []),
        season_key=data.get("season_key"),
        partial_season_keys=list(data.get("partial_season_keys") or []),
        event_keys=list(data.get("event_keys") or []),
        for_sale_propagated=bool(data.get("for_sale_propagated", True)),
    )
    for label, state in data["states"].items():
        event.states[label] = ObjectState(
            status=state["status"],
            hold_token=state.get("hold_token"),
            order_id=state.get("order_id"),
            ticket_type=state.get("ticket_type"),
            extra_data=state.get("extra_data"),
            resale_listing_id=state.get("resale_listing_id"),
            released_status=state.get("released_status", "free"),
            places={k: int(v) for k, v in state.get("places", {}).items()},
            holds={t: {k: int(v) for k, v in kinds.items()} for t, kinds in state.get("holds", {}).items()},
        )
    for item in data["history"]:
        origin = item["origin"]
        event.history.add(
            StatusChange(
                id=int(item["id"]),
                event_id=int(item["event_id"]),
                label=item["label"],
                status=item["status"],
                date=datetime.fromisoformat(item["date"]),
                origin=Origin(origin["type"], origin.get("ip")),
                quantity=item.get("quantity"),
                order_id=item.get("order_id"),
                extra_data=item.get("extra_data"),
                hold_token=item.get("hold_token"),
            )
        )
    return event
