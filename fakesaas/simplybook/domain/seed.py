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
from datetime import datetime
from typing import Any

from fakesaas.simplybook.domain import seed_catalog
from fakesaas.simplybook.domain.clients import check_client_data
from fakesaas.simplybook.domain.companies import AdminUser, Company, CompanyInfo, Simplybook
from fakesaas.simplybook.domain.errors import SimplybookError
from fakesaas.simplybook.domain.hours import WeeklyHours
from fakesaas.simplybook.domain.records import BookingState
from fakesaas.simplybook.domain.reservations import BookingRequest, book, new_client
from fakesaas.simplybook.domain.seed_catalog import recurrence
from fakesaas.simplybook.domain.seed_keys import (
    BOOKING_KEYS,
    CLIENT_KEYS,
    COMPANY_KEYS,
    INFO_KEYS,
    SECTION_KEYS,
    USER_KEYS,
)
from fakesaas.simplybook.domain.seed_values import (
    SeedError,
    dates,
    flag,
    mapping,
    object_of,
    put,
    text,
    whole_number,
)
from fakesaas.simplybook.domain.settings import DEFAULT_PLUGINS, Plugin, Settings, check_params
from fakesaas.simplybook.domain.values import parse_datetime

__all__ = ["COMPANY_KEYS", "Progress", "SeedError", "load_section", "recurrence"]

Progress = Callable[[int, int], None]


def load_section(state: Simplybook, section: object, progress: Progress | None = None) -> list[Company]:
    """Add the section's companies to ``state``, each replacing a company of the same login;
    nothing changes unless all of them load."""
    if section is None:
        return []
    if not isinstance(section, Mapping):
        raise SeedError('the simplybook section must be an object with a list under "companies"')
    unknown = set(section) - set(SECTION_KEYS)
    if unknown:
        names = ", ".join(sorted(map(str, unknown)))
        raise SeedError(
            f"unknown key(s) in the simplybook section: {names} (allowed: {', '.join(SECTION_KEYS)})"
        )
    specs = section.get("companies", [])
    if not isinstance(specs, list):
        raise SeedError("simplybook.companies must be a list")
    # For progress only: a company whose bookings are no list is refused below, by name.
    total = sum(len(b) for s in specs if isinstance(s, Mapping) and isinstance(b := s.get("bookings"), list))
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
    data = object_of(spec, where, COMPANY_KEYS)
    try:
        login = text(data, "login", where, required=True)
        company = Company(
            login=login,
            api_key=text(data, "api_key", where, required=True),
            secret_key=text(data, "secret_key", where, required=True),
            info=_info(data.get("info", {}), f"{where}.info"),
            settings=Settings(
                check_params(mapping(data.get("params", {}), f"{where}.params")), _plugins(data, where)
            ),
            hours=WeeklyHours.parse(
                data.get("hours", {d: "09:00-18:00" for d in ("mon", "tue", "wed", "thu", "fri")})
            ),
            holidays=frozenset(dates(data.get("holidays", []), f"{where}.holidays")),
        )
    except ValueError as error:
        raise SeedError(f"{where}: {error}") from None
    _each(data, "users", where, lambda item, w: _user(company, item, w))
    _each(data, "categories", where, lambda item, w: seed_catalog.category(company, item, w))
    _each(data, "providers", where, lambda item, w: seed_catalog.provider(company, item, w))
    _each(data, "locations", where, lambda item, w: seed_catalog.location(company, item, w))
    _each(data, "services", where, lambda item, w: seed_catalog.service(company, item, w))
    _each(data, "fields", where, lambda item, w: seed_catalog.field(company, item, w))
    _each(data, "statuses", where, lambda item, w: seed_catalog.status(company, item, w))
    _each(data, "promotions", where, lambda item, w: seed_catalog.promotion(company, item, w))
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


def _info(spec: object, where: str) -> CompanyInfo:
    data = object_of(spec, where, INFO_KEYS)
    return CompanyInfo(**{key: text(data, key, where) for key in data})


def _user(company: Company, spec: object, where: str) -> None:
    data = object_of(spec, where, USER_KEYS)
    user_id = whole_number(data, "id", company.next_ids["user"], 1)
    user = AdminUser(
        user_id,
        text(data, "login", where, required=True),
        text(data, "password", where, required=True),
        text(data, "name", where),
        text(data, "email", where),
        text(data, "phone", where),
        flag(data, "blocked", False),
        text(data, "role", where, default="admin"),
    )
    put(company.users, user_id, user, "user", company)


def _client(company: Company, spec: object, where: str, now: datetime) -> None:
    data = object_of(spec, where, CLIENT_KEYS)
    for key in CLIENT_KEYS[1:]:
        text(data, key, where)  # a text or a number: the contact checks below read nothing else
    checked = check_client_data(data, company.settings.params["require_fields"])
    client = new_client(company, checked, now)
    if "id" in data:
        client_id = whole_number(data, "id", 0, 1)
        if client_id in company.clients:
            raise ValueError(f"id {client_id} is used twice")
        client.id = client_id
        company.note_id("client", client_id)
    company.clients[client.id] = client


def _booking(company: Company, spec: object, where: str, now: datetime) -> None:
    data = object_of(spec, where, BOOKING_KEYS)
    client = _client_ref(company, data.get("client"))
    try:
        state = BookingState(data.get("state", "confirmed"))
    except ValueError:
        raise ValueError("state is confirmed, pending or cancelled") from None
    end = data.get("end")
    request = BookingRequest(
        event_id=whole_number(data, "service", 0, 1),
        unit_id=whole_number(data, "provider", 0, 1) if data.get("provider") is not None else None,
        start=parse_datetime(data.get("start"), "start"),
        client_id=client,
        end=parse_datetime(end, "end") if end is not None else None,
        additional=data.get("additional"),
        count=whole_number(data, "count", 1, 1),
        admin=True,
    )
    result = book(company, request, now)
    status_name = data.get("status")
    status = next((s for s in company.statuses.values() if s.name == status_name), None)
    if status_name is not None and status is None:
        raise ValueError(f"unknown status {status_name!r}")
    for booking in result.bookings:
        booking.state = state
        booking.paid = flag(data, "paid", False)
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
