"""The shapes of the request bodies, and their translation into the domain's requests."""

from __future__ import annotations

from typing import Any

from fakesaas.seatsio.domain.best_available import BestAvailableRequest
from fakesaas.seatsio.domain.channels import ChannelSpec
from fakesaas.seatsio.domain.configs import ForSaleConfig, TableBookingConfig
from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.layout import Category
from fakesaas.seatsio.domain.programme import EventSpec, ForSaleEdit
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest
from fakesaas.seatsio.http.schema import (
    ANY_OBJECT,
    BOOLEAN,
    INTEGER,
    KEY,
    STRING,
    Arr,
    Either,
    Min,
    Obj,
)

MAX_OBJECTS = 10_000  # labels in one status change; more is refused before anything is looked up

CATEGORY = Obj({"key": KEY, "label": STRING, "color": STRING, "accessible": BOOLEAN}, required=("key",))
CHART = Obj({"name": STRING, "venueType": STRING, "categories": Arr(CATEGORY, nullable=False)})
CATEGORY_UPDATE = Obj({"label": STRING, "color": STRING, "accessible": BOOLEAN})
TABLE_CONFIG = Obj({"mode": STRING, "tables": Obj(values=STRING)}, required=("mode",))
AREA_PLACES = Obj(values=Min(0))
CHANNEL = Obj(
    {
        "key": STRING,
        "name": STRING,
        "color": STRING,
        "index": INTEGER,
        "objects": Arr(STRING),
        "areaPlaces": AREA_PLACES,
    },
    required=("key", "name", "color"),
)
CHANNELS = Either(
    Arr(CHANNEL, nullable=False),
    Obj(CHANNEL.properties, required=CHANNEL.required, nullable=False),  # one channel; no body is no channel
)
CHANNEL_UPDATE = Obj({"name": STRING, "color": STRING, "objects": Arr(STRING), "areaPlaces": AREA_PLACES})
CHANNEL_OBJECTS = Obj({"objects": Arr(STRING), "areaPlaces": AREA_PLACES})
CHANNEL_REPLACE = Obj({"channels": Arr(CHANNEL)})
FOR_SALE = Obj(
    {"forSale": BOOLEAN, "objects": Arr(STRING), "areaPlaces": AREA_PLACES, "categories": Arr(KEY)},
    required=("forSale",),
)
_EVENT_FIELDS = {
    "eventKey": STRING,
    "name": STRING,
    "date": STRING,
    "tableBookingConfig": TABLE_CONFIG,
    "objectCategories": Obj(values=KEY),
    "categories": Arr(CATEGORY),
    "channels": Arr(CHANNEL),
    "forSaleConfig": FOR_SALE,
}
EVENT_CREATE = Obj({**_EVENT_FIELDS, "chartKey": STRING}, required=("chartKey",))
EVENTS_CREATE = Obj(
    {"chartKey": STRING, "events": Arr(Obj(_EVENT_FIELDS, nullable=False), min_items=1, nullable=False)},
    required=("chartKey",),
)
EVENT_UPDATE = Obj({**_EVENT_FIELDS, "isInThePast": BOOLEAN, "forSalePropagated": BOOLEAN})
SEASON_CREATE = Obj(
    {
        **_EVENT_FIELDS,
        "chartKey": STRING,
        "key": STRING,
        "numberOfEvents": Min(0),
        "eventKeys": Arr(STRING),
        "forSalePropagated": BOOLEAN,
    },
    required=("chartKey",),
)
SEASON_EVENTS = Obj({"eventKeys": Arr(STRING), "numberOfEvents": Min(0)})
PARTIAL_SEASON = Obj({"key": STRING, "name": STRING, "eventKeys": Arr(STRING)})
SEASON_OBJECTS = Obj({"objects": Arr(STRING, nullable=False), "season": STRING}, required=("objects",))

OBJECT_REF = Either(
    STRING,
    Obj(
        {"objectId": STRING, "ticketType": STRING, "quantity": Min(1), "extraData": ANY_OBJECT},
        required=("objectId",),
        nullable=False,
    ),
)
_CHANGE_FIELDS = {
    "type": STRING,
    "status": STRING,
    "objects": Arr(OBJECT_REF, min_items=1, max_items=MAX_OBJECTS, nullable=False),
    "holdToken": STRING,
    "orderId": STRING,
    "keepExtraData": BOOLEAN,
    "ignoreChannels": BOOLEAN,
    "channelKeys": Arr(STRING),
    "allowedPreviousStatuses": Arr(STRING),
    "rejectedPreviousStatuses": Arr(STRING),
    "resaleListingId": STRING,
    "season": STRING,
}
GROUP_CHANGE = Obj(
    {**_CHANGE_FIELDS, "events": Arr(STRING, min_items=1, nullable=False)}, required=("events", "objects")
)
BATCH_CHANGE = Obj(
    {
        "statusChanges": Arr(
            Obj({**_CHANGE_FIELDS, "event": STRING}, required=("event", "objects"), nullable=False),
            min_items=1,
            nullable=False,
        )
    },
    required=("statusChanges",),
)
EVENT_CHANGE = Obj(
    {
        **_CHANGE_FIELDS,
        "bestAvailable": Obj(
            {
                "number": Min(1),
                "categories": Arr(KEY),
                "zone": STRING,
                "sections": Arr(STRING),
                "extraData": Arr(ANY_OBJECT),
                "ticketTypes": Arr(STRING),
                "tryToPreventOrphanSeats": BOOLEAN,
                "accessibleSeats": Min(0),
            },
            required=("number",),
        ),
    }
)
HOLD_TOKEN = Obj({"expiresInMinutes": Min(0)})
HOLD_TOKEN_UPDATE = Obj({"expiresInMinutes": Min(0)}, required=("expiresInMinutes",))
WORKSPACE = Obj({"name": STRING, "isTest": BOOLEAN, "forSaleMode": STRING}, required=("name",))
SECRET_KEY = Obj({"secretKey": STRING}, required=("secretKey",))
PASSWORD = Obj({"password": STRING}, required=("password",))
HOLD_PERIOD = Obj({"holdPeriodInMinutes": INTEGER}, required=("holdPeriodInMinutes",))
SETTING = Obj({"key": STRING, "value": STRING}, required=("key", "value"))
TICKET_BUYERS = Obj({"ids": Arr(STRING, max_items=MAX_OBJECTS, nullable=False)}, required=("ids",))
EXTRA_DATA = Obj({"extraData": ANY_OBJECT})
EXTRA_DATAS = Obj({"extraData": Obj(values=ANY_OBJECT)})
_PLACES = Arr(Obj({"object": STRING, "quantity": Min(1)}, required=("object",), nullable=False))
FOR_SALE_EDIT = Obj({"forSale": _PLACES, "notForSale": _PLACES})
FOR_SALE_EDITS = Obj({"events": Obj(values=FOR_SALE_EDIT)}, required=("events",))
FOR_SALE_MARK = Obj({"objects": Arr(STRING), "areaPlaces": AREA_PLACES, "categories": Arr(KEY)})


def categories(items: list[dict[str, Any]] | None) -> list[Category] | None:
    if items is None:
        return None
    return [
        Category(item["key"], item.get("label") or "", item.get("color") or "", bool(item.get("accessible")))
        for item in items
    ]


def channel_specs(items: list[dict[str, Any]] | None) -> list[ChannelSpec] | None:
    if items is None:
        return None
    return [
        ChannelSpec(
            key=item["key"],
            name=item["name"],
            color=item["color"],
            index=item.get("index"),
            objects=list(item.get("objects") or []),
            area_places=dict(item.get("areaPlaces") or {}),
        )
        for item in items
    ]


def for_sale_config(data: dict[str, Any] | None) -> ForSaleConfig | None:
    if data is None:
        return None
    return ForSaleConfig(
        data["forSale"],
        list(data.get("objects") or []),
        dict(data.get("areaPlaces") or {}),
        [str(c) for c in data.get("categories") or []],
    )


def event_spec(data: dict[str, Any]) -> EventSpec:
    table = data.get("tableBookingConfig")
    return EventSpec(
        key=data.get("eventKey"),
        name=data.get("name"),
        date=data.get("date"),
        table_config=TableBookingConfig.of(table["mode"], table.get("tables")) if table else None,
        object_categories=data.get("objectCategories"),
        categories=categories(data.get("categories")),
        channels=channel_specs(data.get("channels")),
        for_sale=for_sale_config(data.get("forSaleConfig")),
        is_in_the_past=data.get("isInThePast"),
        for_sale_propagated=data.get("forSalePropagated"),
    )


def object_refs(items: list[Any]) -> tuple[ObjectRef, ...]:
    refs = []
    for item in items:
        if isinstance(item, str):
            refs.append(ObjectRef(item))
        else:
            refs.append(
                ObjectRef(
                    item["objectId"], item.get("ticketType"), item.get("quantity"), item.get("extraData")
                )
            )
    return tuple(refs)


_CHANGE_KINDS = {kind.value: kind for kind in ChangeKind}  # ChangeKind(name) goes through EnumType.__call__


def status_request(
    data: dict[str, Any], events: tuple[str, ...], default_status: str | None = None
) -> StatusRequest:
    kind_name = data.get("type") or "CHANGE_STATUS_TO"
    kind = _CHANGE_KINDS.get(kind_name)
    if kind is None:
        names = ", ".join(k.value for k in ChangeKind)
        raise InvalidRequest(f"#/type: {kind_name} is not a valid enum value ({names})")
    return StatusRequest(
        kind=kind,
        events=events,
        objects=object_refs(data["objects"]),
        status=data.get("status") or default_status,
        hold_token=data.get("holdToken"),
        order_id=data.get("orderId"),
        keep_extra_data=bool(data.get("keepExtraData")),
        ignore_channels=bool(data.get("ignoreChannels")),
        channel_keys=_tuple(data.get("channelKeys")),
        allowed_previous=_tuple(data.get("allowedPreviousStatuses")),
        rejected_previous=_tuple(data.get("rejectedPreviousStatuses")),
        resale_listing_id=data.get("resaleListingId"),
        season=data.get("season"),
    )


def best_available_request(data: dict[str, Any]) -> BestAvailableRequest:
    wanted = data["bestAvailable"]
    orphans = wanted.get("tryToPreventOrphanSeats")
    return BestAvailableRequest(
        number=wanted["number"],
        status=data.get("status") or "booked",
        categories=_tuple([str(c) for c in wanted["categories"]] if wanted.get("categories") else None),
        zone=wanted.get("zone"),
        sections=_tuple(wanted.get("sections")),
        extra_data=_tuple(wanted.get("extraData")),
        ticket_types=_tuple(wanted.get("ticketTypes")),
        prevent_orphans=True if orphans is None else orphans,
        accessible_seats=wanted.get("accessibleSeats") or 0,
        hold_token=data.get("holdToken"),
        order_id=data.get("orderId"),
        keep_extra_data=bool(data.get("keepExtraData")),
        ignore_channels=bool(data.get("ignoreChannels")),
        channel_keys=_tuple(data.get("channelKeys")),
    )


def for_sale_edit(data: dict[str, Any]) -> ForSaleEdit:
    def places(items: list[dict[str, Any]] | None) -> list[tuple[str, int | None]]:
        return [(item["object"], item.get("quantity")) for item in items or []]

    return ForSaleEdit(places(data.get("forSale")), places(data.get("notForSale")))


def _tuple(values: list[Any] | None) -> tuple[Any, ...] | None:
    return None if values is None else tuple(values)
