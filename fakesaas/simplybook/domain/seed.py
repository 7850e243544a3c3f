"""Loading the ``simplybook`` section of a seed document into the state, all or nothing.

The section::

    {"companies": [{
        "login": "demo", "api_key": "demo-api-key", "secret_key": "demo-secret-key",
        "info": {"name": "Demo Studio", "city": "Amsterdam", "email": "studio@example.com"},
        "params": {"company_timezone": "Europe/Amsterdam", "timeframe": 30, "require_fields": "email"},
        "plugins": ["api", "event_category", "location", "promo"],
        "hours": {"mon": "09:00-17:00", "sat": ["10:00-12:00", "13:00-15:00"]},
        "holidays": ["2030-12-25"],
        "users": [{"login": "admin", "password": "demo-password", "name": "Admin"}],
        "categories": [{"id": 1, "name": "Hair"}],
        "locations": [{"id": 1, "title": "Studio", "providers": [1, 2]}],
        "providers": [{"id": 1, "name": "Anna", "qty": 1, "hours": {"mon": "09:00-17:00"},
                       "breaks": {"mon": "12:00-13:00"}, "days_off": ["2030-01-10"]}],
        "services": [{"id": 1, "name": "Haircut", "duration": 30, "buffer_time_after": 10,
                      "price": "25.00", "providers": [1], "provider_durations": {"1": 45},
                      "categories": [1], "recurring": {"days": 7, "repeat_count": 4}}],
        "fields": [{"name": "notes", "title": "Notes", "type": "textarea", "services": [1]}],
        "statuses": [{"name": "Confirmed", "color": "#4caf50", "default": true}],
        "promotions": [{"code": "WELCOME10", "discount": 10, "expired_date": "2031-01-01"}],
        "clients": [{"name": "Alice", "email": "alice@example.com", "phone": "+31 20 555 0101"}],
        "bookings": [{"service": 1, "provider": 1, "client": "alice@example.com",
                      "start": "2030-01-08 10:00", "state": "confirmed"}]}]}

Providers without ``hours`` work the company's hours; a service without ``providers`` is offered
by all. Bookings go through the admin service's rules (hours, the grid, capacity), so a seed
cannot hold what the API would refuse; ``state`` is confirmed, pending or cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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
from fakesaas.simplybook.domain.clients import check_client_data
from fakesaas.simplybook.domain.companies import AdminUser, Company, CompanyInfo, Simplybook, Status
from fakesaas.simplybook.domain.errors import SimplybookError
from fakesaas.simplybook.domain.hours import WeeklyHours
from fakesaas.simplybook.domain.promotions import Promotion
from fakesaas.simplybook.domain.records import BookingState
from fakesaas.simplybook.domain.reservations import BookingRequest, book, new_client
from fakesaas.simplybook.domain.settings import DEFAULT_PLUGINS, Plugin, Settings, check_params
from fakesaas.simplybook.domain.values import money, parse_datetime, parse_time, whole

Progress = Callable[[int, int], None]

COMPANY_KEYS = (
    "login",
    "api_key",
    "secret_key",
    "info",
    "params",
    "plugins",
    "hours",
    "holidays",
    "users",
    "categories",
    "locations",
    "providers",
    "services",
    "fields",
    "statuses",
    "promotions",
    "clients",
    "bookings",
)


class SeedError(ValueError):
    """A section that cannot be loaded; the message names the company and the value at fault."""


def load_section(state: Simplybook, section: object, progress: Progress | None = None) -> list[Company]:
    """Add the section's companies to ``state``, each replacing a company of the same login;
    nothing changes unless all of them load."""
    if section is None:
        return []
    if not isinstance(section, Mapping):
        raise SeedError('the simplybook section must be an object with a list under "companies"')
    unknown = set(section) - {"companies"}
    if unknown:
        names = ", ".join(sorted(map(str, unknown)))
        raise SeedError(f"unknown key(s) in the simplybook section: {names} (allowed: companies)")
    specs = section.get("companies", [])
    if not isinstance(specs, list):
        raise SeedError("simplybook.companies must be a list")
    total = sum(len(s.get("bookings", [])) for s in specs if isinstance(s, Mapping))
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    companies = []
    seen: set[str] = set()
    for index, spec in enumerate(specs):
        company = _company(state, spec, f"simplybook.companies[{index}]", step)
        key = company.login.casefold()
        if key in seen:
            raise SeedError(f"simplybook.companies[{index}]: the login {company.login!r} is used twice")
        seen.add(key)
        companies.append(company)
    for company in companies:
        state.remove_company(company.login)
        state.add_company(company)
    return companies


def _company(state: Simplybook, spec: object, where: str, step: Callable[[], None]) -> Company:
    data = _object(spec, where, COMPANY_KEYS)
    try:
        login = _text(data, "login", where, required=True)
        company = Company(
            login=login,
            api_key=_text(data, "api_key", where, required=True),
            secret_key=_text(data, "secret_key", where, required=True),
            info=_info(data.get("info", {}), f"{where}.info"),
            settings=Settings(
                check_params(_mapping(data.get("params", {}), f"{where}.params")), _plugins(data, where)
            ),
            hours=WeeklyHours.parse(
                data.get("hours", {d: "09:00-18:00" for d in ("mon", "tue", "wed", "thu", "fri")})
            ),
            holidays=frozenset(_dates(data.get("holidays", []), f"{where}.holidays")),
        )
    except ValueError as error:
        raise SeedError(f"{where}: {error}") from None
    _each(data, "users", where, lambda item, w: _user(company, item, w))
    _each(data, "categories", where, lambda item, w: _category(company, item, w))
    _each(data, "providers", where, lambda item, w: _provider(company, item, w))
    _each(data, "locations", where, lambda item, w: _location(company, item, w))
    _each(data, "services", where, lambda item, w: _service(company, item, w))
    _each(data, "fields", where, lambda item, w: _field(company, item, w))
    _each(data, "statuses", where, lambda item, w: _status(company, item, w))
    _each(data, "promotions", where, lambda item, w: _promotion(company, item, w))
    _each(data, "clients", where, lambda item, w: _client(company, item, w, state.clock.now()))

    def booking(item: Any, place: str) -> None:
        _booking(company, item, place, state.clock.now())
        step()

    _each(data, "bookings", where, booking)
    return company


def _each(data: Mapping[str, Any], key: str, where: str, load: Callable[[Any, str], object]) -> None:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise SeedError(f"{where}.{key} must be a list")
    for index, item in enumerate(items):
        place = f"{where}.{key}[{index}]"
        try:
            load(item, place)
        except SimplybookError as error:
            raise SeedError(f"{place}: {error.message}") from None
        except (ValueError, TypeError) as error:
            if isinstance(error, SeedError):
                raise
            raise SeedError(f"{place}: {error}") from None


def _object(spec: object, where: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(spec, Mapping):
        raise SeedError(f"{where} must be an object")
    unknown = set(spec) - set(allowed)
    if unknown:
        raise SeedError(
            f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(allowed)})"
        )
    return spec


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{where} must be an object")
    return value


def _text(data: Mapping[str, Any], key: str, where: str, required: bool = False, default: str = "") -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise SeedError(f"{where}: {key} is required")
        return default
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SeedError(f"{where}: {key} must be text")
    text = str(value)
    if required and not text.strip():
        raise SeedError(f"{where}: {key} must not be empty")
    return text


def _whole(data: Mapping[str, Any], key: str, default: int, low: int = 0) -> int:
    value = data.get(key, default)
    number = value if isinstance(value, int) and not isinstance(value, bool) else whole(value)
    if number is None:
        raise ValueError(f"{key} must be a whole number")
    if number < low:
        raise ValueError(f"{key} must be at least {low}")
    return number


def _ids(value: object, key: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise ValueError(f"{key} must be a list of ids")
    return tuple(value)


def _dates(value: object, where: str) -> list[date]:
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list of dates")
    try:
        return [date.fromisoformat(v) for v in value]
    except (TypeError, ValueError):
        raise ValueError(f"{where} must be a list of Y-m-d dates") from None


def _flag(data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false")
    return value


def _plugins(data: Mapping[str, Any], where: str) -> frozenset[Plugin]:
    names = data.get("plugins")
    if names is None:
        return DEFAULT_PLUGINS
    if not isinstance(names, list):
        raise ValueError("plugins must be a list of plugin ids")
    chosen = set()
    for name in names:
        plugin = next((p for p in Plugin if p.value == name), None)
        if plugin is None:
            raise ValueError(f"unknown plugin {name!r} (known: {', '.join(p.value for p in Plugin)})")
        chosen.add(plugin)
    return frozenset(chosen)


INFO_KEYS = tuple(CompanyInfo.__dataclass_fields__)


def _info(spec: object, where: str) -> CompanyInfo:
    data = _object(spec, where, INFO_KEYS)
    return CompanyInfo(**{key: _text(data, key, where) for key in data})


def _user(company: Company, spec: object, where: str) -> None:
    data = _object(spec, where, ("id", "login", "password", "name", "email", "phone", "blocked", "role"))
    user_id = _whole(data, "id", company.next_ids["user"], 1)
    user = AdminUser(
        user_id,
        _text(data, "login", where, required=True),
        _text(data, "password", where, required=True),
        _text(data, "name", where),
        _text(data, "email", where),
        _text(data, "phone", where),
        _flag(data, "blocked", False),
        _text(data, "role", where, default="admin"),
    )
    _put(company.users, user_id, user, "user", company)


def _put(table: dict[int, Any], key: int, value: object, kind: str, company: Company) -> None:
    if key in table:
        raise ValueError(f"id {key} is used twice")
    table[key] = value
    company.note_id(kind, key)


def _next(table: Mapping[int, Any], data: Mapping[str, Any]) -> int:
    return _whole(data, "id", max(table, default=0) + 1, 1)


def _category(company: Company, spec: object, where: str) -> None:
    data = _object(spec, where, ("id", "name", "description", "is_public", "position"))
    table = company.catalog.categories
    category_id = _next(table, data)
    category = Category(
        category_id,
        _text(data, "name", where, required=True),
        _text(data, "description", where),
        _flag(data, "is_public", True),
        _whole(data, "position", len(table)),
    )
    _put(table, category_id, category, "category", company)


def _provider(company: Company, spec: object, where: str) -> None:
    keys = (
        "id",
        "name",
        "description",
        "email",
        "phone",
        "position",
        "color",
        "is_active",
        "is_visible",
        "qty",
        "hours",
        "breaks",
        "days_off",
    )
    data = _object(spec, where, keys)
    table = company.catalog.units
    unit_id = _next(table, data)
    hours = data.get("hours")
    unit = Unit(
        unit_id,
        _text(data, "name", where, required=True),
        _text(data, "description", where),
        _text(data, "email", where),
        _text(data, "phone", where),
        _whole(data, "position", len(table)),
        _text(data, "color", where),
        _flag(data, "is_active", True),
        _flag(data, "is_visible", True),
        _whole(data, "qty", 1, 1),
        WeeklyHours.parse(hours, data.get("breaks")) if hours is not None else None,
        frozenset(_dates(data.get("days_off", []), "days_off")),
    )
    if hours is None and data.get("breaks"):
        unit.hours = WeeklyHours.parse(company.hours.describe(), data.get("breaks"))
    _put(table, unit_id, unit, "unit", company)


def _location(company: Company, spec: object, where: str) -> None:
    keys = (
        "id",
        "title",
        "description",
        "address1",
        "address2",
        "city",
        "zip",
        "country_id",
        "lat",
        "lng",
        "phone",
        "position",
        "is_default",
        "is_public",
        "providers",
    )
    data = _object(spec, where, keys)
    table = company.catalog.locations
    location_id = _next(table, data)
    units = _ids(data.get("providers", []), "providers")
    _known(units, company.catalog.units, "provider")
    texts = {k: _text(data, k, where) for k in keys[2:11]}
    location = Location(
        location_id,
        _text(data, "title", where, required=True),
        **texts,
        position=_whole(data, "position", len(table)),
        is_default=_flag(data, "is_default", not table),
        is_public=_flag(data, "is_public", True),
        unit_ids=units,
    )
    _put(table, location_id, location, "location", company)


def _known(ids: tuple[int, ...], table: Mapping[int, Any], kind: str) -> None:
    missing = [i for i in ids if i not in table]
    if missing:
        raise ValueError(f"unknown {kind} id(s) {', '.join(map(str, missing))}")


def _service(company: Company, spec: object, where: str) -> None:
    keys = (
        "id",
        "name",
        "duration",
        "buffer_time_after",
        "description",
        "price",
        "currency",
        "is_public",
        "is_active",
        "position",
        "hide_duration",
        "picture",
        "providers",
        "provider_durations",
        "categories",
        "recurring",
    )
    data = _object(spec, where, keys)
    table = company.catalog.events
    event_id = _next(table, data)
    units = _ids(data.get("providers", []), "providers")
    _known(units, company.catalog.units, "provider")
    categories = _ids(data.get("categories", []), "categories")
    _known(categories, company.catalog.categories, "category")
    durations = {}
    for key, minutes in _mapping(data.get("provider_durations", {}), "provider_durations").items():
        if whole(str(key)) not in company.catalog.units:
            raise ValueError(f"provider_durations: unknown provider {key!r}")
        durations[int(str(key))] = _whole({"minutes": minutes}, "minutes", 0, 1)
    event = Event(
        event_id,
        _text(data, "name", where, required=True),
        _whole(data, "duration", 60, 1),
        _whole(data, "buffer_time_after", 0),
        _text(data, "description", where),
        money(data.get("price", 0)),
        _text(data, "currency", where, default=company.info.currency),
        _flag(data, "is_public", True),
        _flag(data, "is_active", True),
        _whole(data, "position", len(table)),
        _flag(data, "hide_duration", False),
        data.get("picture") if isinstance(data.get("picture"), str) else None,
        units,
        durations,
        categories,
        recurrence(data["recurring"]) if data.get("recurring") is not None else None,
    )
    _put(table, event_id, event, "event", company)


def recurrence(spec: object) -> Recurrence:
    """Recurring data: ``{"days": 7, "repeat_count": 4, "type": "fixed"|"weekly", "mode":
    "skip"|"book_available"|"book_and_move"}``; ValueError names what is wrong."""
    data = _mapping(spec, "recurring data")
    unknown = set(data) - {"days", "repeat_count", "type", "mode"}
    if unknown:
        raise ValueError(f"recurring data: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    count = _whole(data, "repeat_count", 4, 1)
    if count > Recurrence.MAX_COUNT:
        raise ValueError(f"repeat_count is at most {Recurrence.MAX_COUNT}")
    try:
        kind = RecurrenceKind(data.get("type", "fixed"))
        mode = RecurrenceMode(data.get("mode", "skip"))
    except ValueError:
        raise ValueError("type is fixed or weekly; mode is skip, book_available or book_and_move") from None
    return Recurrence(_whole(data, "days", 7, 1), count, kind, mode)


def _field(company: Company, spec: object, where: str) -> None:
    keys = ("id", "name", "title", "type", "values", "default", "optional", "position", "services")
    data = _object(spec, where, keys)
    table = company.catalog.fields
    field_id = _next(table, data)
    values = data.get("values", [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("values must be a list of texts")
    try:
        kind = FieldType(data.get("type", "text"))
    except ValueError:
        raise ValueError(f"type is one of {', '.join(t.value for t in FieldType)}") from None
    services = _ids(data.get("services", []), "services")
    _known(services, company.catalog.events, "service")
    item = AdditionalField(
        field_id,
        _text(data, "name", where, required=True),
        _text(data, "title", where, required=True),
        kind,
        tuple(values),
        _text(data, "default", where),
        _flag(data, "optional", True),
        _whole(data, "position", len(table)),
        services,
    )
    _put(table, field_id, item, "field", company)


def _status(company: Company, spec: object, where: str) -> None:
    data = _object(spec, where, ("id", "name", "description", "color", "default"))
    status_id = _next(company.statuses, data)
    status = Status(
        status_id,
        _text(data, "name", where, required=True),
        _text(data, "description", where),
        _text(data, "color", where),
        _flag(data, "default", not company.statuses),
    )
    if status.is_default:
        for other in company.statuses.values():
            other.is_default = False
    _put(company.statuses, status_id, status, "status", company)


def _promotion(company: Company, spec: object, where: str) -> None:
    keys = (
        "id",
        "code",
        "title",
        "description",
        "discount",
        "start_date",
        "expired_date",
        "booking_start_date",
        "booking_end_date",
        "booking_start_time",
        "booking_end_time",
        "usage_limit",
        "usage_per_client",
        "services",
        "active",
    )
    data = _object(spec, where, keys)
    promotion_id = _next(company.promotions, data)
    services = _ids(data.get("services", []), "services")
    _known(services, company.catalog.events, "service")

    def day(key: str) -> date | None:
        value = data.get(key)
        return None if value is None else _dates([value], key)[0]

    def moment(key: str) -> int | None:
        value = data.get(key)
        return None if value is None else parse_time(value, key)

    code = _text(data, "code", where, required=True)
    if company.promotion_by_code(code) is not None:
        raise ValueError(f"promo code {code!r} is used twice")
    promotion = Promotion(
        promotion_id,
        code,
        _text(data, "title", where),
        _text(data, "description", where),
        Decimal(str(data.get("discount", 0))),
        day("start_date"),
        day("expired_date"),
        day("booking_start_date"),
        day("booking_end_date"),
        moment("booking_start_time"),
        moment("booking_end_time"),
        _whole(data, "usage_limit", 0),
        _whole(data, "usage_per_client", 0),
        services,
        _flag(data, "active", True),
        100 + promotion_id,
    )
    if not 0 <= promotion.discount <= 100:
        raise ValueError("discount is a percentage, 0 to 100")
    _put(company.promotions, promotion_id, promotion, "promotion", company)


def _client(company: Company, spec: object, where: str, now: datetime) -> None:
    keys = ("id", "name", "email", "phone", "address1", "address2", "city", "zip", "country_id")
    data = _object(spec, where, keys)
    checked = check_client_data(data, company.settings.params["require_fields"])
    client = new_client(company, checked, now)
    if "id" in data:
        client_id = _whole(data, "id", 0, 1)
        if client_id in company.clients:
            raise ValueError(f"id {client_id} is used twice")
        client.id = client_id
        company.note_id("client", client_id)
    company.clients[client.id] = client


def _booking(company: Company, spec: object, where: str, now: datetime) -> None:
    keys = ("service", "provider", "client", "start", "end", "state", "additional", "count", "status", "paid")
    data = _object(spec, where, keys)
    client = _client_ref(company, data.get("client"))
    try:
        state = BookingState(data.get("state", "confirmed"))
    except ValueError:
        raise ValueError("state is confirmed, pending or cancelled") from None
    end = data.get("end")
    request = BookingRequest(
        event_id=_whole(data, "service", 0, 1),
        unit_id=_whole(data, "provider", 0, 1) if data.get("provider") is not None else None,
        start=parse_datetime(data.get("start"), "start"),
        client_id=client,
        end=parse_datetime(end, "end") if end is not None else None,
        additional=data.get("additional"),
        count=_whole(data, "count", 1, 1),
        admin=True,
    )
    result = book(company, request, now)
    status_name = data.get("status")
    status = next((s for s in company.statuses.values() if s.name == status_name), None)
    if status_name is not None and status is None:
        raise ValueError(f"unknown status {status_name!r}")
    for booking in result.bookings:
        booking.state = state
        booking.paid = _flag(data, "paid", False)
        booking.status_id = status.id if status is not None else booking.status_id
        if state is BookingState.CANCELLED:
            booking.cancelled_by = "admin"
            company.index.remove(booking)


def _client_ref(company: Company, ref: object) -> int:
    """A client by id or by email."""
    if isinstance(ref, int) and not isinstance(ref, bool) and ref in company.clients:
        return ref
    if isinstance(ref, str):
        found = next((c for c in company.clients.values() if c.email.casefold() == ref.casefold()), None)
        if found is not None:
            return found.id
    raise ValueError(f"client {ref!r} is neither a client id nor the email of a seeded client")
