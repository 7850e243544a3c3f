"""Companies and the SimplyBook state of a world: who exists, their data, their tokens."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from fakesaas.core.clock import Clock
from fakesaas.simplybook.domain.catalog import Catalog
from fakesaas.simplybook.domain.clients import Client
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.hours import WeeklyHours, Workdays
from fakesaas.simplybook.domain.promotions import Promotion
from fakesaas.simplybook.domain.records import Batch, Booking, BookingIndex, Cart
from fakesaas.simplybook.domain.settings import Settings
from fakesaas.simplybook.domain.tokens import Token, TokenDraw, TokenKind, new_token
from fakesaas.simplybook.domain.values import local_now, md5


@dataclass(slots=True)
class AdminUser:
    """A user of the admin service (``getUserToken``)."""

    id: int
    login: str
    password: str
    name: str = ""
    email: str = ""
    phone: str = ""
    blocked: bool = False
    role: str = "admin"


@dataclass(slots=True)
class Status:
    """A booking status of the Status plugin; one is the default given to new bookings."""

    id: int
    name: str
    description: str = ""
    color: str = ""
    is_default: bool = False


@dataclass(slots=True)
class CompanyInfo:
    """What ``getCompanyInfo`` shows besides login, timezone and timeframe."""

    name: str = ""
    description: str = ""
    address1: str = ""
    address2: str = ""
    city: str = ""
    zip: str = ""
    country_id: str = ""
    lat: str = ""
    lng: str = ""
    email: str = ""
    phone: str = ""
    web: str = ""
    logo: str = ""
    currency: str = "EUR"
    user_license_text: str = ""


_KINDS = ("booking", "client", "batch", "cart", "promotion", "status", "user")


@dataclass(slots=True)
class Company:
    """One SimplyBook company: credentials, settings, catalogue, clients and bookings."""

    login: str
    api_key: str
    secret_key: str
    info: CompanyInfo = field(default_factory=CompanyInfo)
    settings: Settings = field(default_factory=Settings)
    hours: WeeklyHours = field(default_factory=WeeklyHours)
    holidays: frozenset[date] = field(default_factory=frozenset)
    catalog: Catalog = field(default_factory=Catalog)
    users: dict[int, AdminUser] = field(default_factory=dict)
    statuses: dict[int, Status] = field(default_factory=dict)
    clients: dict[int, Client] = field(default_factory=dict)
    bookings: dict[int, Booking] = field(default_factory=dict)
    batches: dict[int, Batch] = field(default_factory=dict)
    carts: dict[int, Cart] = field(default_factory=dict)
    promotions: dict[int, Promotion] = field(default_factory=dict)
    next_ids: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 1))
    index: BookingIndex = field(default_factory=BookingIndex)

    def next_id(self, kind: str) -> int:
        value = self.next_ids.get(kind, 1)
        self.next_ids[kind] = value + 1
        return value

    def note_id(self, kind: str, used: int) -> None:
        """Keep the sequence past an id given explicitly (seeds name their ids)."""
        self.next_ids[kind] = max(self.next_ids.get(kind, 1), used + 1)

    def workdays(self, unit_id: int | None) -> Workdays:
        """The provider's hours and days off (the company's hours when it has none of its own)."""
        unit = self.catalog.units.get(unit_id) if unit_id is not None else None
        if unit is None:
            return Workdays(self.hours)
        return Workdays(unit.hours or self.hours, unit.days_off)

    def store(self, booking: Booking) -> None:
        """Insert or replace a booking, keeping the index to its active bookings."""
        previous = self.bookings.get(booking.id)
        if previous is not None and previous.active:
            self.index.remove(previous)
        self.bookings[booking.id] = booking
        if booking.active:
            self.index.add(booking)

    def booking(self, booking_id: int) -> Booking:
        found = self.bookings.get(booking_id)
        if found is None:
            raise fail(Failure.BOOKING_NOT_FOUND, f"no booking {booking_id}", "id")
        return found

    def client(self, client_id: int) -> Client:
        found = self.clients.get(client_id)
        if found is None:
            raise fail(Failure.CLIENT_NOT_FOUND, f"no client {client_id}", "clientId")
        return found

    def promotion_by_code(self, code: str) -> Promotion | None:
        wanted = code.strip().casefold()
        return next((p for p in self.promotions.values() if p.code.casefold() == wanted), None)

    def default_status(self) -> Status | None:
        return next((s for s in self.statuses.values() if s.is_default), None)

    def sign_of(self, object_id: int, object_hash: str) -> str:
        """``md5(id . hash . secretKey)``: what the API expects as ``sign`` (User API guide)."""
        return md5(object_id, object_hash, self.secret_key)

    def today(self, now: datetime) -> date:
        return local_now(now, self.settings.timezone).date()


class Simplybook:
    """The SimplyBook state of a world: companies by login (any case) and live tokens."""

    def __init__(self, clock: Clock, draw: TokenDraw = secrets.token_hex) -> None:
        self.clock = clock
        # Where token values come from: the world's source (so a replayed write draws the same).
        self.draw = draw
        self.companies: dict[str, Company] = {}
        self.tokens: dict[str, Token] = {}

    def add_company(self, company: Company) -> None:
        key = company.login.casefold()
        if key in self.companies:
            raise ValueError(f"a company with login {company.login!r} exists already")
        self.companies[key] = company

    def remove_company(self, login: str) -> Company | None:
        key = login.casefold()
        self.tokens = {value: token for value, token in self.tokens.items() if token.company != key}
        return self.companies.pop(key, None)

    def company(self, login: object) -> Company | None:
        return self.companies.get(login.casefold()) if isinstance(login, str) else None

    def __iter__(self) -> Iterator[Company]:
        return iter(self.companies.values())

    def issue(self, company: Company, kind: TokenKind, user_id: int | None = None) -> Token:
        now = self.clock.now()
        # Expired tokens go when a new one is made: the store stays as small as the live set.
        self.tokens = {value: token for value, token in self.tokens.items() if token.valid_at(now)}
        token = new_token(company.login.casefold(), kind, now, user_id, self.draw)
        self.tokens[token.value] = token
        return token

    def token(self, value: object, company: Company, kind: TokenKind) -> Token | None:
        """The live token ``value`` of ``company`` for ``kind``, or None (unknown, expired, for
        another company or the other service)."""
        token = self.tokens.get(value) if isinstance(value, str) else None
        if (
            token is None
            or token.kind is not kind
            or token.company != company.login.casefold()
            or not token.valid_at(self.clock.now())
        ):
            return None
        return token
