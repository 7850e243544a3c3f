"""Seats.io's JSON shapes: domain objects in, plain JSON data out (the only place field names live)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from fakesaas.seatsio.domain.best_available import BestAvailableResult
from fakesaas.seatsio.domain.charts import Chart
from fakesaas.seatsio.domain.configs import Channel
from fakesaas.seatsio.domain.events import Event, ObjectInfo, presence
from fakesaas.seatsio.domain.history import StatusChange
from fakesaas.seatsio.domain.holds import HoldToken
from fakesaas.seatsio.domain.layout import Layout, ObjectType
from fakesaas.seatsio.domain.pages import Page
from fakesaas.seatsio.domain.programme import ForSaleResult
from fakesaas.seatsio.domain.workspaces import Company, LogEntry, Workspace

T = TypeVar("T")
VENUE_TYPES = {"ZONES": "WITH_ZONES"}
JSON = dict[str, Any]


def instant(moment: datetime | None) -> str | None:
    """``2026-01-31T12:00:00.000Z``: the SDK parses ``%Y-%m-%dT%H:%M:%S.%fZ``."""
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def page(found: Page[T], item: Callable[[T], JSON]) -> JSON:
    data: JSON = {"items": [item(entry) for entry in found.items]}
    if found.next_page_starts_after is not None:
        data["next_page_starts_after"] = found.next_page_starts_after
    if found.previous_page_ends_before is not None:
        data["previous_page_ends_before"] = found.previous_page_ends_before
    return data


# --- companies and workspaces ---------------------------------------------------------------------
def workspace(found: Workspace, company: Company) -> JSON:
    return {
        "id": found.id,
        "name": found.name,
        "key": found.key,
        "secretKey": found.secret_key,
        "secretKeys": list(found.secret_keys),
        "isTest": found.is_test,
        "isActive": found.is_active,
        "isDefault": found.key == company.default_workspace_key,
        "forSaleMode": found.for_sale_mode,
    }


def test_company(company: Company) -> JSON:
    return {
        "id": company.id,
        "name": company.name,
        "admin": {"secretKey": company.admin_key, "designerKey": company.designer_key},
        "workspace": workspace(company.default_workspace, company),
    }


# --- charts ---------------------------------------------------------------------------------------
def chart(
    found: Chart,
    base_url: str,
    events: list[JSON] | None = None,
    validation: JSON | None = None,
    venue_type: bool = False,
    zones: bool = False,
) -> JSON:
    layout = found.layout
    data: JSON = {
        "id": found.id,
        "key": found.key,
        "status": found.status.value,
        "name": found.name,
        "publishedVersionThumbnailUrl": f"{base_url}/charts/{found.key}/version/published/thumbnail",
        "draftVersionThumbnailUrl": (
            f"{base_url}/charts/{found.key}/version/draft/thumbnail" if found.draft is not None else None
        ),
        "tags": list(found.tags),
        "archived": found.archived,
    }
    if events is not None:
        data["events"] = events
    if validation is not None:
        data["validation"] = validation
    if venue_type:
        # testListAllCharts::test_expand_all: a drawing saying ZONES is listed as WITH_ZONES.
        data["venueType"] = VENUE_TYPES.get(layout.venue_type, layout.venue_type)
    # testRetrieveChart::testZones shows them unasked; testListAllCharts::test_expand_none not.
    if zones and layout.zones:
        data["zones"] = [{"key": zone.key, "label": zone.label} for zone in layout.zones]
    return data


# --- events ---------------------------------------------------------------------------------------
def event(found: Event, layout: Layout, members: list[JSON] | None = None) -> JSON:
    """An event; a season also lists its events (``members``) and partial seasons."""
    data: JSON = {
        "id": found.id,
        "key": found.key,
        "name": found.name,
        "date": found.date,
        "chartKey": found.chart_key,
        "tableBookingConfig": found.table_config.as_json(),
        "supportsBestAvailable": layout.has_focal_point,
        "forSaleConfig": found.for_sale.as_json() if found.for_sale is not None else None,
        "createdOn": instant(found.created_on),
        "updatedOn": instant(found.updated_on),
        "channels": [channel(entry) for entry in found.channels],
        "isSeason": found.is_season,
        "isTopLevelSeason": found.is_season and not found.is_partial_season,
        "isPartialSeason": found.is_partial_season,
        "isEventInSeason": not found.is_season and found.season_key is not None,
        "topLevelSeasonKey": found.season_key,
        "objectCategories": dict(found.object_categories) if found.object_categories else None,
        "categories": [category.as_json() for category in found.all_categories(layout)],
        "isInThePast": found.is_in_the_past,
        "partialSeasonKeysForEvent": (
            list(found.partial_season_keys) if not found.is_season and found.season_key is not None else None
        ),
    }
    if found.is_season:
        data.update(
            partialSeasonKeys=list(found.partial_season_keys) if not found.is_partial_season else [],
            events=members or [],
            forSalePropagated=found.for_sale_propagated,
        )
    return data


def channel(found: Channel) -> JSON:
    return {
        "id": found.id,
        "key": found.key,
        "name": found.name,
        "color": found.color,
        "index": found.index,
        "objects": list(found.objects),
        "areaPlaces": dict(found.area_places),
    }


def for_sale_result(result: ForSaleResult) -> JSON:
    return {
        "forSaleConfig": result.config.as_json(),
        "rateLimitInfo": {
            "rateLimitRemainingCalls": result.rate_limit.remaining_calls,
            "rateLimitResetDate": instant(result.rate_limit.reset_date),
        },
    }


# --- objects --------------------------------------------------------------------------------------
def object_info(info: ObjectInfo) -> JSON:
    """An object in an event. Absent values are left out, as the real API does (seatsio-js
    retrieveEventObjectInfo.test.ts: ``ticketType`` and ``extraData`` are undefined)."""
    item, state = info.item, info.state
    area = item.is_area
    labels: JSON = {"own": {"label": item.own_label, "type": item.object_type.value}}
    ids: JSON = {"own": item.own_label}
    if item.parent_label is not None:
        labels["parent"] = {"label": item.parent_label, "type": item.parent_type}
        ids["parent"] = item.parent_label
    if item.section is not None:
        labels["section"] = item.section
        ids["section"] = item.section
    if item.entrance is not None:
        labels["entrance"] = {"label": item.entrance}
    data: JSON = {
        "status": info.status,
        "label": item.label,
        "labels": labels,
        "ids": ids,
        "categoryLabel": info.category.label if info.category is not None else None,
        # testChangeObjectStatus::test: "9" here, though the event's categories say 9.
        "categoryKey": str(info.category_key) if info.category_key is not None else None,
        "ticketType": state.ticket_type,
        "orderId": state.order_id,
        "forSale": info.for_sale,
        "holdToken": state.hold_token,
        "section": item.section,
        "entrance": item.entrance,
        "objectType": item.object_type.value,
        "extraData": state.extra_data,
        "leftNeighbour": item.left,
        "rightNeighbour": item.right,
        "isAvailable": info.is_available,
        "channel": info.channel,
        "distanceToFocalPoint": item.distance,
        "zone": item.zone,
        "floor": {"name": item.floor.name, "displayName": item.floor.display_name} if item.floor else None,
        "resaleListingId": state.resale_listing_id,
    }
    if area:
        data.update(
            numBooked=state.num_booked,
            numFree=info.num_free,
            numHeld=state.num_held,
            capacity=item.capacity,
            bookAsAWhole=bool(item.book_as_a_whole),
            numNotForSale=info.not_for_sale_places,
            variableOccupancy=item.variable_occupancy,
            minOccupancy=item.min_occupancy,
            maxOccupancy=item.max_occupancy,
            holds={token: dict(kinds) for token, kinds in state.holds.items()} or None,
        )
    elif item.object_type is ObjectType.TABLE:
        data.update(bookAsAWhole=bool(item.book_as_a_whole), numSeats=item.num_seats)
    else:
        flags = item.flags
        data.update(
            isAccessible=flags.accessible,
            isCompanionSeat=flags.companion_seat,
            hasRestrictedView=flags.restricted_view,
            hasLiftUpArmrests=flags.lift_up_armrests,
            isHearingImpaired=flags.hearing_impaired,
            isSemiAmbulatorySeat=flags.semi_ambulatory,
            hasSignLanguageInterpretation=flags.sign_language,
            isPlusSize=flags.plus_size,
        )
    return {key: value for key, value in data.items() if value is not None}


def object_infos(infos: Iterable[ObjectInfo]) -> JSON:
    return {info.item.label: object_info(info) for info in infos}


def best_available(result: BestAvailableResult) -> JSON:
    return {
        "nextToEachOther": result.next_to_each_other,
        "objects": list(result.labels),
        "objectDetails": {label: object_info(info) for label, info in result.objects.items()},
    }


def status_change(change: StatusChange, found: Event, layout: Layout) -> JSON:
    present, reason = presence(found, layout, change.label)
    return {
        "id": change.id,
        "eventId": change.event_id,
        "status": change.status,
        "quantity": change.quantity,
        "objectLabel": change.label,
        "date": instant(change.date),
        "orderId": change.order_id,
        "extraData": change.extra_data,
        "origin": {"type": change.origin.type, "ip": change.origin.ip},
        "isPresentOnChart": present,
        "notPresentOnChartReason": reason,
        "holdToken": change.hold_token,
    }


def log_entry(entry: LogEntry) -> JSON:
    return {
        "id": entry.id,
        "type": entry.type,
        "timestamp": instant(entry.timestamp),
        "data": dict(entry.data),
    }


# --- hold tokens ----------------------------------------------------------------------------------
def hold_token(found: HoldToken, now: datetime) -> JSON:
    return {
        "holdToken": found.token,
        "expiresAt": instant(found.expires_at),
        "expiresInSeconds": found.seconds_left(now),
        "workspaceKey": found.workspace_key,
    }
