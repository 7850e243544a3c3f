"""Seats.io's JSON shapes: domain objects in, plain JSON data out (the only place field names live)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from fakesaas.seatsio.domain.account import Validation
from fakesaas.seatsio.domain.best_available import BestAvailableResult
from fakesaas.seatsio.domain.charts import Chart
from fakesaas.seatsio.domain.configs import Channel
from fakesaas.seatsio.domain.events import Event, ObjectInfo, presence
from fakesaas.seatsio.domain.grouping import Counts, DeepCounts
from fakesaas.seatsio.domain.history import StatusChange
from fakesaas.seatsio.domain.holds import HoldToken
from fakesaas.seatsio.domain.layout import ChartObject, Layout, ObjectType
from fakesaas.seatsio.domain.pages import Page
from fakesaas.seatsio.domain.programme import ForSaleResult
from fakesaas.seatsio.domain.usage import Summary as UsageSummary
from fakesaas.seatsio.domain.usage_records import EventUsage, Month, ObjectUsage, Rendering
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
    """A page of a list. The cursors are the ids as strings: seatsio-js listChartsInArchive.test.ts
    compares them with ``chart.id + ''``; the Python SDK reads them with ``int()``."""
    data: JSON = {"items": [item(entry) for entry in found.items]}
    if found.next_page_starts_after is not None:
        data["next_page_starts_after"] = str(found.next_page_starts_after)
    if found.previous_page_ends_before is not None:
        data["previous_page_ends_before"] = str(found.previous_page_ends_before)
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
        "settings": {},  # seatsio-js createWorkspace.test.ts wants it there; its keys are undocumented
    }


def account(company: Company) -> JSON:
    """``/accounts/me``: the company's keys and settings (seatsio-js Account)."""
    settings = company.settings
    return {
        "secretKey": company.admin_key,
        "designerKey": company.designer_key,
        "publicKey": company.default_workspace_key,
        "email": f"company-{company.id}@example.com",
        "role": "OWNER",
        "company": {"id": company.id, "name": company.name},
        "settings": {
            "draftChartDrawingsEnabled": settings.draft_chart_drawings,
            "holdOnSelectForGAs": settings.hold_on_select_for_gas,
            "holdPeriodInMinutes": settings.hold_period_minutes,
            "chartValidation": {rule: level.value for rule, level in settings.validation.items()},
            "defaultRendererSettings": dict(settings.renderer),
        },
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


def validation(found: Validation) -> JSON:
    return {"errors": list(found.errors), "warnings": list(found.warnings)}


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
        "categories": [category.as_json() for category in found.all_categories(layout)],
        "isInThePast": found.is_in_the_past,
    }
    # Left out rather than null when there is none (seatsio-js retrieveEvent.test.ts and
    # updateEvent.test.ts expect undefined; forSaleConfig and updatedOn they expect null).
    if found.season_key is not None:
        data["topLevelSeasonKey"] = found.season_key
        if not found.is_season:
            data["partialSeasonKeysForEvent"] = list(found.partial_season_keys)
    if found.object_categories:
        data["objectCategories"] = dict(found.object_categories)
    if found.is_season:
        if not found.is_partial_season:
            data["partialSeasonKeys"] = list(found.partial_season_keys)
        data.update(events=members or [], forSalePropagated=found.for_sale_propagated)
    return data


def channel(found: Channel) -> JSON:
    data: JSON = {"id": found.id, "key": found.key, "name": found.name, "color": found.color}
    if found.index is not None:  # seatsio-js addChannel.test.ts "index is optional": absent, not null
        data["index"] = found.index
    data.update(objects=list(found.objects), areaPlaces=dict(found.area_places))
    return data


def for_sale_result(result: ForSaleResult) -> JSON:
    return {
        "forSaleConfig": result.config.as_json(),
        "rateLimitInfo": {
            "rateLimitRemainingCalls": result.rate_limit.remaining_calls,
            "rateLimitResetDate": instant(result.rate_limit.reset_date),
        },
    }


# --- objects --------------------------------------------------------------------------------------
def _naming(item: ChartObject) -> tuple[JSON, JSON]:
    """``labels`` (what is shown) and ``ids`` (what is booked) of an object."""
    labels: JSON = {"own": {"label": item.display_label or item.own_label, "type": item.object_type.value}}
    ids: JSON = {"own": item.own_label}
    if item.parent_label is not None:
        shown = item.parent_display_label or item.parent_label
        labels["parent"] = {"label": shown, "type": item.parent_type}
        ids["parent"] = item.parent_label
    if item.section is not None:
        labels["section"] = item.section
        ids["section"] = item.section
    if item.entrance is not None:
        labels["entrance"] = {"label": item.entrance}
    return labels, ids


def object_info(info: ObjectInfo) -> JSON:
    """An object in an event. Absent values are left out, as the real API does (seatsio-js
    retrieveEventObjectInfo.test.ts: ``ticketType`` and ``extraData`` are undefined)."""
    # Written field by field, each absent one skipped where it would go: a dict of every field
    # filtered afterwards took half as long again, and a pick or a report writes one per object.
    item, state = info.item, info.state
    labels, ids = _naming(item)
    data: JSON = {"status": info.status, "label": item.label, "labels": labels, "ids": ids}
    if info.category is not None:
        data["categoryLabel"] = info.category.label
    if info.category_key is not None:
        # testChangeObjectStatus::test: "9" here, though the event's categories say 9.
        data["categoryKey"] = str(info.category_key)
    if state.ticket_type is not None:
        data["ticketType"] = state.ticket_type
    if state.order_id is not None:
        data["orderId"] = state.order_id
    data["forSale"] = info.for_sale
    if state.hold_token is not None:
        data["holdToken"] = state.hold_token
    if item.section is not None:
        data["section"] = item.section
    if item.entrance is not None:
        data["entrance"] = item.entrance
    data["objectType"] = item.object_type.value
    if state.extra_data is not None:
        data["extraData"] = state.extra_data
    if item.left is not None:
        data["leftNeighbour"] = item.left
    if item.right is not None:
        data["rightNeighbour"] = item.right
    data["isAvailable"] = info.is_available
    if info.channel is not None:
        data["channel"] = info.channel
    if item.distance is not None:
        data["distanceToFocalPoint"] = item.distance
    if item.zone is not None:
        data["zone"] = item.zone
    if item.floor is not None:
        data["floor"] = {"name": item.floor.name, "displayName": item.floor.display_name}
    if state.resale_listing_id is not None:
        data["resaleListingId"] = state.resale_listing_id
    data["availabilityReason"] = info.availability_reason
    # Only where the designer names the type otherwise (seatsio-js eventReport.test.ts: absent).
    if item.display_type is not None and item.display_type != item.object_type.value:
        data["displayedObjectType"] = item.display_type
    if item.parent_display_type is not None and item.parent_display_type != item.parent_type:
        data["parentDisplayedObjectType"] = item.parent_display_type
    # seatsio-js changeObjectStatus.test.ts: 0 outside seasons, always there.
    data["seasonStatusOverriddenQuantity"] = info.season_overridden
    if item.is_area:
        area = {
            "numBooked": state.num_booked,
            "numFree": info.num_free,
            "numHeld": state.num_held,
            "capacity": item.capacity,
            "bookAsAWhole": bool(item.book_as_a_whole),
            "numNotForSale": info.not_for_sale_places,
            "variableOccupancy": item.variable_occupancy,
            "minOccupancy": item.min_occupancy,
            "maxOccupancy": item.max_occupancy,
            "holds": {token: dict(kinds) for token, kinds in state.holds.items()} or None,
        }
        data.update((name, value) for name, value in area.items() if value is not None)
    elif item.object_type is ObjectType.TABLE:
        data["bookAsAWhole"] = bool(item.book_as_a_whole)
        if item.num_seats is not None:
            data["numSeats"] = item.num_seats
    else:
        data.update(_flags(item))
    return data


def _flags(item: ChartObject) -> JSON:
    flags = item.flags
    return {
        "isAccessible": flags.accessible,
        "isCompanionSeat": flags.companion_seat,
        "hasRestrictedView": flags.restricted_view,
        "hasLiftUpArmrests": flags.lift_up_armrests,
        "isHearingImpaired": flags.hearing_impaired,
        "isSemiAmbulatorySeat": flags.semi_ambulatory,
        "hasSignLanguageInterpretation": flags.sign_language,
        "isPlusSize": flags.plus_size,
    }


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
    item = layout.get(change.label)
    data: JSON = {
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
        "holdToken": change.hold_token,
        "displayedLabel": item.displayed_label if item is not None else change.label,
    }
    if reason is not None:  # seatsio-js listAllStatusChanges.test.ts: absent while present
        data["notPresentOnChartReason"] = reason
    return data


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


# --- reports -------------------------------------------------------------------------------------
def _shape(item: ChartObject, layout: Layout) -> JSON:
    """What a chart report tells of an object: the fields an event report adds nothing to."""
    category = layout.category(item.category_key)
    labels, ids = _naming(item)
    data: JSON = {
        "label": item.label,
        "labels": labels,
        "ids": ids,
        "categoryLabel": category.label if category is not None else None,
        "categoryKey": str(item.category_key) if category is not None else None,
        "section": item.section,
        "entrance": item.entrance,
        "objectType": item.object_type.value,
        "leftNeighbour": item.left,
        "rightNeighbour": item.right,
        "distanceToFocalPoint": item.distance,
        "zone": item.zone,
        "floor": {"name": item.floor.name, "displayName": item.floor.display_name} if item.floor else None,
    }
    if item.is_area:
        data.update(capacity=item.capacity, bookAsAWhole=bool(item.book_as_a_whole))
    elif item.object_type is ObjectType.TABLE:
        data.update(bookAsAWhole=bool(item.book_as_a_whole), numSeats=item.num_seats)
    else:
        data.update(_flags(item))
    return {key: value for key, value in data.items() if value is not None}


def chart_report(layout: Layout, groups: dict[str, list[ChartObject]]) -> JSON:
    return {group: [_shape(item, layout) for item in items] for group, items in groups.items()}


def counts(found: Counts) -> JSON:
    return {"count": found.count, **{dimension.value: dict(values) for dimension, values in found.by.items()}}


def summary(found: dict[str, Counts]) -> JSON:
    return {group: counts(value) for group, value in found.items()}


def deep_summary(found: dict[str, DeepCounts]) -> JSON:
    return {
        group: {
            "count": value.count,
            **{
                dimension.value: {inner: counts(deeper) for inner, deeper in groups.items()}
                for dimension, groups in value.by.items()
            },
        }
        for group, value in found.items()
    }


CSV_COLUMNS = (
    ("label", "label"),
    ("objectType", "objectType"),
    ("status", "status"),
    ("categoryKey", "categoryKey"),
    ("categoryLabel", "categoryLabel"),
    ("section", "section"),
    ("zone", "zone"),
    ("orderId", "orderId"),
    ("ticketType", "ticketType"),
    ("holdToken", "holdToken"),
    ("channel", "channel"),
    ("forSale", "forSale"),
    ("isAvailable", "isAvailable"),
    ("availabilityReason", "availabilityReason"),
)


def csv_rows(infos: Iterable[ObjectInfo]) -> Iterable[list[str]]:
    """The flat report as CSV rows: a header, then an object per row."""
    yield [title for title, _ in CSV_COLUMNS]
    for info in infos:
        data = object_info(info)
        yield [_cell(data.get(field)) for _, field in CSV_COLUMNS]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- usage ---------------------------------------------------------------------------------------
def _month(month: Month) -> JSON:
    return {"year": month.year, "month": month.month}


def usage_months(found: UsageSummary) -> list[JSON]:
    return [{"month": _month(month), "numUsedObjects": count} for month, count in found.months]


def usage_summary(found: UsageSummary) -> JSON:
    """``/reports/usage?version=2``: the months and the moment they were counted up to."""
    return {"usage": usage_months(found), "usageCutoffDate": instant(found.cutoff)}


def usage_month(found: dict[int, dict[tuple[str, str], list[EventUsage]]]) -> list[JSON]:
    return [
        {
            "workspace": workspace_id,
            "usageByChart": [
                {
                    "chart": {"name": name, "key": key},
                    # seatsio-js usageReport.test.ts: an event is exactly its id, key and deleted.
                    "usageByEvent": [
                        {
                            "event": {"id": usage.event_id, "key": usage.event_key, "deleted": usage.deleted},
                            "numUsedObjects": usage.used,
                        }
                        for usage in events
                    ],
                }
                for (key, name), events in charts.items()
            ],
        }
        for workspace_id, charts in found.items()
    ]


def usage_objects(month: Month, objects: list[ObjectUsage]) -> list[JSON]:
    """An event's objects in a month: the old shape up to November 2022, the new one after (the
    docs, "Usage details for event in month")."""
    if not month.old_shape:
        return [
            {"object": item.label, "numUsedObjects": item.used, "usageByReason": dict(item.reasons)}
            for item in objects
        ]
    found = []
    for item in objects:
        data: JSON = {
            "object": item.label,
            "numFirstBookings": item.first_bookings,
            "numFirstSelections": item.first_selections,
            # The docs' Standing: 34 first bookings, 56 first selections, 56 either.
            "numFirstBookingsOrSelections": max(item.first_bookings, item.first_selections),
        }
        if item.first_booking_date is not None:
            data["firstBookingDate"] = instant(item.first_booking_date)
        found.append(data)
    return found


def _rendering_usage(renderings: list[Rendering]) -> JSON:
    workspaces: JSON = {}
    for rendering in renderings:
        workspace = workspaces.setdefault(
            rendering.workspace_key,
            {"workspaceKey": rendering.workspace_key, "workspaceId": rendering.workspace_id, "usage": {}},
        )
        charts = workspace["usage"]
        empty = {"chartKey": rendering.chart_key, "numBillableRenderings": 0}
        chart = charts.setdefault(rendering.chart_key, empty)
        chart["numBillableRenderings"] += rendering.count
    return workspaces


def renderings(company_id: int, found: list[Rendering]) -> JSON:
    months: dict[Month, list[Rendering]] = {}
    for rendering in found:
        months.setdefault(rendering.month, []).append(rendering)
    return {
        "companyId": company_id,
        "usage": {
            str(month): {"month": _month(month), "usage": _rendering_usage(items)}
            for month, items in months.items()
        },
    }


def renderings_in_month(company_id: int, month: Month, found: list[Rendering]) -> JSON:
    return {"companyId": company_id, "month": _month(month), "usage": _rendering_usage(found)}


def chart_renderings(chart_key: str, found: list[Rendering]) -> JSON:
    return {"chartKey": chart_key, "numBillableRenderings": sum(rendering.count for rendering in found)}
