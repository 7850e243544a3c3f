"""Loading a seed section's catalogue: categories, providers, locations, services (and their
recurring data), intake fields, statuses and promotions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from fakesaas.simplybook.domain.catalog import (
    AdditionalField,
    Category,
    Event,
    FieldType,
    Location,
    Recurrence,
    RecurrenceKind,
    RecurrenceMode,
    Unit,
)
from fakesaas.simplybook.domain.companies import Company, Status
from fakesaas.simplybook.domain.hours import WeeklyHours
from fakesaas.simplybook.domain.promotions import Promotion
from fakesaas.simplybook.domain.seed_keys import (
    CATEGORY_KEYS,
    FIELD_KEYS,
    LOCATION_KEYS,
    LOCATION_TEXTS,
    PROMOTION_KEYS,
    PROVIDER_KEYS,
    RECURRING_KEYS,
    SERVICE_KEYS,
    STATUS_KEYS,
)
from fakesaas.simplybook.domain.seed_values import (
    dates,
    flag,
    ids,
    known,
    mapping,
    next_id,
    object_of,
    put,
    text,
    whole_number,
)
from fakesaas.simplybook.domain.values import money, parse_time, whole


def category(company: Company, spec: object, where: str) -> None:
    data = object_of(spec, where, CATEGORY_KEYS)
    table = company.catalog.categories
    category_id = next_id(table, data)
    category = Category(
        category_id,
        text(data, "name", where, required=True),
        text(data, "description", where),
        flag(data, "is_public", True),
        whole_number(data, "position", len(table)),
    )
    put(table, category_id, category, "category", company)


def provider(company: Company, spec: object, where: str) -> None:
    data = object_of(spec, where, PROVIDER_KEYS)
    table = company.catalog.units
    unit_id = next_id(table, data)
    hours = data.get("hours")
    if data.get("breaks") is not None and not isinstance(data["breaks"], Mapping):
        raise ValueError("breaks must be an object keyed by weekday (mon..sun)")
    unit = Unit(
        unit_id,
        text(data, "name", where, required=True),
        text(data, "description", where),
        text(data, "email", where),
        text(data, "phone", where),
        whole_number(data, "position", len(table)),
        text(data, "color", where),
        flag(data, "is_active", True),
        flag(data, "is_visible", True),
        whole_number(data, "qty", 1, 1),
        WeeklyHours.parse(hours, data.get("breaks")) if hours is not None else None,
        frozenset(dates(data.get("days_off", []), "days_off")),
    )
    if hours is None and data.get("breaks"):
        unit.hours = WeeklyHours.parse(company.hours.describe(), data.get("breaks"))
    put(table, unit_id, unit, "unit", company)


def location(company: Company, spec: object, where: str) -> None:
    data = object_of(spec, where, LOCATION_KEYS)
    table = company.catalog.locations
    location_id = next_id(table, data)
    units = ids(data.get("providers", []), "providers")
    known(units, company.catalog.units, "provider")
    texts = {k: text(data, k, where) for k in LOCATION_TEXTS}
    location = Location(
        location_id,
        text(data, "title", where, required=True),
        **texts,
        position=whole_number(data, "position", len(table)),
        is_default=flag(data, "is_default", not table),
        is_public=flag(data, "is_public", True),
        unit_ids=units,
    )
    put(table, location_id, location, "location", company)


def service(company: Company, spec: object, where: str) -> None:
    data = object_of(spec, where, SERVICE_KEYS)
    table = company.catalog.events
    event_id = next_id(table, data)
    units = ids(data.get("providers", []), "providers")
    known(units, company.catalog.units, "provider")
    categories = ids(data.get("categories", []), "categories")
    known(categories, company.catalog.categories, "category")
    durations = {}
    for key, minutes in mapping(data.get("provider_durations", {}), "provider_durations").items():
        if whole(str(key)) not in company.catalog.units:
            raise ValueError(f"provider_durations: unknown provider {key!r}")
        durations[int(str(key))] = whole_number({"minutes": minutes}, "minutes", 0, 1)
    event = Event(
        event_id,
        text(data, "name", where, required=True),
        whole_number(data, "duration", 60, 1),
        whole_number(data, "buffer_time_after", 0),
        text(data, "description", where),
        money(data.get("price", 0)),
        text(data, "currency", where, default=company.info.currency),
        flag(data, "is_public", True),
        flag(data, "is_active", True),
        whole_number(data, "position", len(table)),
        flag(data, "hide_duration", False),
        text(data, "picture", where) or None,
        units,
        durations,
        categories,
        recurrence(data["recurring"]) if data.get("recurring") is not None else None,
    )
    put(table, event_id, event, "event", company)


def recurrence(spec: object) -> Recurrence:
    """Recurring data: ``{"days": 7, "repeat_count": 4, "type": "fixed"|"weekly", "mode":
    "skip"|"book_available"|"book_and_move"}``; ValueError names what is wrong."""
    data = mapping(spec, "recurring data")
    unknown = set(data) - set(RECURRING_KEYS)
    if unknown:
        raise ValueError(f"recurring data: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    count = whole_number(data, "repeat_count", 4, 1)
    if count > Recurrence.MAX_COUNT:
        raise ValueError(f"repeat_count is at most {Recurrence.MAX_COUNT}")
    try:
        kind = RecurrenceKind(data.get("type", "fixed"))
        mode = RecurrenceMode(data.get("mode", "skip"))
    except ValueError:
        raise ValueError("type is fixed or weekly; mode is skip, book_available or book_and_move") from None
    return Recurrence(whole_number(data, "days", 7, 1), count, kind, mode)


def field(company: Company, spec: object, where: str) -> None:
    data = object_of(spec, where, FIELD_KEYS)
    table = company.catalog.fields
    field_id = next_id(table, data)
    values = data.get("values", [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("values must be a list of texts")
    try:
        kind = FieldType(data.get("type", "text"))
    except ValueError:
        raise ValueError(f"type is one of {', '.join(t.value for t in FieldType)}") from None
    services = ids(data.get("services", []), "services")
    known(services, company.catalog.events, "service")
    item = AdditionalField(
        field_id,
        text(data, "name", where, required=True),
        text(data, "title", where, required=True),
        kind,
        tuple(values),
        text(data, "default", where),
        flag(data, "optional", True),
        whole_number(data, "position", len(table)),
        services,
    )
    put(table, field_id, item, "field", company)


def status(company: Company, spec: object, where: str) -> None:
    data = object_of(spec, where, STATUS_KEYS)
    status_id = next_id(company.statuses, data)
    status = Status(
        status_id,
        text(data, "name", where, required=True),
        text(data, "description", where),
        text(data, "color", where),
        flag(data, "default", not company.statuses),
    )
    if status.is_default:
        for other in company.statuses.values():
            other.is_default = False
    put(company.statuses, status_id, status, "status", company)


def promotion(company: Company, spec: object, where: str) -> None:
    data = object_of(spec, where, PROMOTION_KEYS)
    promotion_id = next_id(company.promotions, data)
    services = ids(data.get("services", []), "services")
    known(services, company.catalog.events, "service")

    def day(key: str) -> date | None:
        value = data.get(key)
        return None if value is None else dates([value], key)[0]

    def moment(key: str) -> int | None:
        value = data.get(key)
        return None if value is None else parse_time(value, key)

    code = text(data, "code", where, required=True)
    if company.promotion_by_code(code) is not None:
        raise ValueError(f"promo code {code!r} is used twice")
    promotion = Promotion(
        promotion_id,
        code,
        text(data, "title", where),
        text(data, "description", where),
        _discount(data.get("discount", 0)),
        day("start_date"),
        day("expired_date"),
        day("booking_start_date"),
        day("booking_end_date"),
        moment("booking_start_time"),
        moment("booking_end_time"),
        whole_number(data, "usage_limit", 0),
        whole_number(data, "usage_per_client", 0),
        services,
        flag(data, "active", True),
        100 + promotion_id,
    )
    put(company.promotions, promotion_id, promotion, "promotion", company)


def _discount(value: object) -> Decimal:
    try:
        amount = money(value)
    except ValueError:
        amount = Decimal(-1)
    if amount > 100 or amount < 0:
        raise ValueError("discount is a percentage, 0 to 100")
    return amount
