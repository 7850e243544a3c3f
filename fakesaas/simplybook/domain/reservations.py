"""Making and moving bookings: ``book`` (public and admin), recurring series, group and multiple
batches, promo codes, and ``editBook``. Everything is checked before anything is stored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from fakesaas.simplybook.domain.availability import Availability, Refusal
from fakesaas.simplybook.domain.catalog import Event, Recurrence, RecurrenceMode, Unit
from fakesaas.simplybook.domain.clients import Client, ClientData, check_client_data, matches
from fakesaas.simplybook.domain.companies import Company
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.intake import check_fields, normalise, promo_code
from fakesaas.simplybook.domain.promotions import Promotion, check_promotion, discounted
from fakesaas.simplybook.domain.records import Batch, BatchKind, Booking, BookingState
from fakesaas.simplybook.domain.settings import Plugin
from fakesaas.simplybook.domain.values import delta, md5, same_secret, whole

MOVE_LIMIT_DAYS = 31  # how far book_and_move looks for a free day [INF]


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """One ``book`` call, parsed. Public calls carry ``client_data``; admin calls ``client_id``
    and may set ``end`` (a longer or shorter appointment)."""

    event_id: int
    unit_id: int | None
    start: datetime
    client_data: Mapping[str, object] | None = None
    client_id: int | None = None
    end: datetime | None = None
    time_offset: int = 0
    additional: object = None
    count: int = 1
    batch_id: int | None = None
    recurrence: Recurrence | None = None
    admin: bool = False


@dataclass(slots=True)
class BookResult:
    require_confirm: bool
    bookings: list[Booking]
    batch: Batch | None = None
    client: Client | None = None
    extra: dict[str, str] = field(default_factory=dict)


def book(company: Company, request: BookingRequest, now: datetime) -> BookResult:
    """Create the bookings ``request`` asks for, or raise the documented error and store nothing."""
    settings = company.settings
    engine = Availability(company, now, admin=request.admin)
    event = _event(company, request.event_id, request.admin)
    units = _units(company, event, request.unit_id, request.admin)
    count = _count(company, request)
    batch = _batch(company, request.batch_id) if request.batch_id is not None else None
    recurrence = _recurrence(event, request.recurrence)
    if batch is not None and recurrence is not None:
        raise fail(Failure.INVALID_PARAMS, "a recurring booking cannot join a batch", "batchId")
    if request.end is not None and request.end <= request.start:
        raise fail(Failure.INVALID_PARAMS, "the end must be later than the start", "endTime")
    starts = series(engine, event, units, request.start, count, recurrence, request.end)
    client, new_client = _client(company, request)
    values = normalise(request.additional)
    fields = (
        check_fields(company.catalog.fields_of(event.id), values)
        if settings.active(Plugin.EVENT_FIELD)
        else {}
    )
    promotion = _promotion(company, values, now, starts[0][1], event.id, count * len(starts), client)
    # Everything is checked: from here on nothing can fail.
    if new_client:
        company.clients[client.id] = client
    pending = settings.active(Plugin.APPROVE_BOOKING) or (
        settings.active(Plugin.PAID_EVENTS) and event.price > 0
    )
    kind = BatchKind.RECURRENT if len(starts) > 1 else BatchKind.GROUP if count > 1 else None
    if kind is not None:
        batch_id = company.next_id("batch")
        batch = Batch(batch_id, kind, md5(company.login, "batch", batch_id, company.secret_key), now)
        company.batches[batch.id] = batch
    made = []
    for unit, start in starts:
        end = (
            request.end + (start - request.start)
            if request.end
            else start + delta(event.duration_with(unit.id) * 60)
        )
        for _ in range(count):
            booking = _new_booking(
                company, event, unit, client, start, end, now, request, pending, fields, promotion
            )
            if batch is not None:
                booking.batch_id = batch.id
                batch.booking_ids.append(booking.id)
            company.store(booking)
            made.append(booking)
    return BookResult(pending, made, batch, client)


def _new_booking(
    company: Company,
    event: Event,
    unit: Unit,
    client: Client,
    start: datetime,
    end: datetime,
    now: datetime,
    request: BookingRequest,
    pending: bool,
    fields: dict[str, str],
    promotion: Promotion | None,
) -> Booking:
    booking_id = company.next_id("booking")
    status = company.default_status() if company.settings.active(Plugin.STATUS) else None
    booking = Booking(
        id=booking_id,
        event_id=event.id,
        unit_id=unit.id,
        client_id=client.id,
        start=start,
        end=end,
        code=booking_code(company, booking_id),
        hash=md5(company.login, "booking", booking_id, company.secret_key),
        created=now,
        state=BookingState.PENDING if pending else BookingState.CONFIRMED,
        buffer=event.buffer_time_after,
        time_offset=request.time_offset,
        additional=dict(fields),
        promo_id=promotion.id if promotion else None,
        price=discounted(event.price, promotion),
        status_id=status.id if status else None,
        location_id=_location_of(company, unit.id),
    )
    if promotion is not None:
        promotion.usages.append((booking.id, client.id))
    return booking


def booking_code(company: Company, booking_id: int) -> str:
    """A short code like the seed's ``h8vc14ca``: stable for a company and booking id."""
    return md5(company.login, "code", booking_id)[:6] + format(booking_id % 1296, "02x")[-2:]


def _location_of(company: Company, unit_id: int) -> int | None:
    return next((loc.id for loc in company.catalog.locations.values() if unit_id in loc.unit_ids), None)


def _event(company: Company, event_id: int, admin: bool) -> Event:
    event = company.catalog.events.get(event_id)
    if event is None or not event.is_active or (not admin and not event.is_public):
        raise fail(Failure.EVENT_NOT_AVAILABLE, f"no bookable service {event_id}", "eventId")
    return event


def _units(company: Company, event: Event, unit_id: int | None, admin: bool) -> list[Unit]:
    offered = [u for u in company.catalog.units_of(event) if admin or u.is_visible]
    if unit_id is None:
        # "Any employee": the Any Employee selector plugin picks one, as does a service with
        # a single provider.
        if offered and (company.settings.active(Plugin.ANY_UNIT) or len(offered) == 1):
            return offered
        raise fail(Failure.UNIT_NOT_AVAILABLE, "choose a provider (the any_unit plugin is off)", "unitId")
    chosen = [u for u in offered if u.id == unit_id]
    if not chosen:
        raise fail(
            Failure.UNIT_NOT_AVAILABLE, f"provider {unit_id} does not offer service {event.id}", "unitId"
        )
    return chosen


def _count(company: Company, request: BookingRequest) -> int:
    count = request.count
    if count < 1:
        raise fail(Failure.INVALID_PARAMS, "count is at least 1", "count")
    if count > 1:
        if request.batch_id is not None:
            # "only one parameter can be specified" (seed 003, book)
            raise fail(Failure.INVALID_PARAMS, "give either count or batchId, not both", "batchId")
        company.settings.require(Plugin.GROUP_BOOKING)
        limit = company.settings.number("max_group_bookings")
        if count > limit:
            raise fail(Failure.NOT_ALL_RESERVED, f"at most {limit} bookings in a group", "count")
    return count


def _batch(company: Company, batch_id: int) -> Batch:
    company.settings.require(Plugin.MULTIPLE_BOOKING)
    batch = company.batches.get(batch_id)
    if batch is None or batch.kind is not BatchKind.MULTIPLE:
        raise fail(Failure.BATCH_NOT_FOUND, f"no multiple-booking batch {batch_id}", "batchId")
    return batch


def _recurrence(event: Event, asked: Recurrence | None) -> Recurrence | None:
    if asked is not None and not event.is_recurring:
        raise fail(Failure.NOT_RECURRENT, f"service {event.id} is not recurring", "recurringData")
    return asked or event.recurrence


def series(
    engine: Availability,
    event: Event,
    units: list[Unit],
    start: datetime,
    count: int,
    recurrence: Recurrence | None,
    end: datetime | None = None,
) -> list[tuple[Unit, datetime]]:
    """The (provider, start) of each booking to make: one, or one per occurrence of a series."""
    first = _place(engine, event, units, start, count, end)
    if isinstance(first, Refusal):
        raise fail(
            first.failure, first.reason, "time" if first.failure is not Failure.DATE_NOT_AVAILABLE else "date"
        )
    if recurrence is None:
        return [(first, start)]
    placed = [(first, start)]
    for n in range(1, recurrence.repeat_count):
        wanted = start + timedelta(days=n * recurrence.step_days)
        found = _place(engine, event, units, wanted, count, end and end + (wanted - start))
        if isinstance(found, Unit) and not _clashes(placed, found, wanted, event):
            placed.append((found, wanted))
            continue
        if recurrence.mode is RecurrenceMode.SKIP:
            raise fail(
                Failure.NOT_ALL_RESERVED,
                f"occurrence {wanted:%Y-%m-%d %H:%M} cannot be booked",
                "recurringData",
            )
        if recurrence.mode is RecurrenceMode.BOOK_AND_MOVE:
            moved = _move(engine, event, units, wanted, count, placed)
            if moved is not None:
                placed.append(moved)
    return placed


def _move(
    engine: Availability,
    event: Event,
    units: list[Unit],
    wanted: datetime,
    count: int,
    placed: list[tuple[Unit, datetime]],
) -> tuple[Unit, datetime] | None:
    for shift in range(1, MOVE_LIMIT_DAYS + 1):
        moment = wanted + timedelta(days=shift)
        found = _place(engine, event, units, moment, count)
        if isinstance(found, Unit) and not _clashes(placed, found, moment, event):
            return found, moment
    return None


def _place(
    engine: Availability,
    event: Event,
    units: list[Unit],
    start: datetime,
    count: int,
    end: datetime | None = None,
) -> Unit | Refusal:
    refusals = []
    for unit in units:
        refusal = engine.refusal(event, unit, start, count, end)
        if refusal is None:
            return unit
        refusals.append(refusal)
    return refusals[0]


def _clashes(placed: list[tuple[Unit, datetime]], unit: Unit, start: datetime, event: Event) -> bool:
    """Whether a new occurrence overlaps one already placed in the same series on its provider."""
    busy = delta((event.duration_with(unit.id) + event.buffer_time_after) * 60)
    return any(u.id == unit.id and s < start + busy and start < s + busy for u, s in placed)


def _client(company: Company, request: BookingRequest) -> tuple[Client, bool]:
    """The booking's client and whether it is new (stored only once everything is checked)."""
    if request.admin:
        if request.client_id is None:
            raise fail(Failure.REQUIRED_PARAMS_MISSING, "clientId is required", "clientId")
        return company.client(request.client_id), False
    data = request.client_data or {}
    claimed = data.get("client_id")
    if claimed not in (None, "", 0, "0"):
        # client_sign = md5(client_id . client_hash . secretKey) reuses a known client (research §2.2).
        number = claimed if isinstance(claimed, int) and not isinstance(claimed, bool) else whole(claimed)
        client = company.clients.get(number) if number is not None else None
        if client is None:
            raise fail(Failure.CLIENT_NOT_FOUND, f"no client {claimed}", "client_id")
        if not same_secret(data.get("client_sign"), company.sign_of(client.id, client.hash)):
            raise fail(Failure.SIGNATURE_ERROR, "client_sign does not match the client", "client_sign")
        return client, False
    checked = check_client_data(data, company.settings.params["require_fields"])
    existing = next((c for c in company.clients.values() if matches(c, checked)), None)
    if existing is not None:
        return existing, False
    return new_client(company, checked), True


def new_client(company: Company, data: ClientData, created: datetime | None = None) -> Client:
    """A client record for ``data`` with the next id (not stored)."""
    client_id = company.next_id("client")
    client = Client(client_id, data.name, data.email, data.phone, created=created)
    for key, value in data.extra:
        setattr(client, key, value)
    client.hash = md5(company.login, "client", client_id, company.secret_key)
    return client


def _promotion(
    company: Company,
    values: Mapping[str, str],
    now: datetime,
    start: datetime,
    event_id: int,
    count: int,
    client: Client,
) -> Promotion | None:
    code = promo_code(values)
    if not code:
        return None
    company.settings.require(Plugin.PROMO)
    found = company.promotion_by_code(code)
    return check_promotion(found, company.today(now), start, event_id, count, client.id)


def edit(
    company: Company,
    booking_id: int,
    request: BookingRequest,
    now: datetime,
) -> Booking:
    """``editBook``: move a booking (service, provider, client, times, fields); it must fit as a
    new booking would, itself left out."""
    booking = company.booking(booking_id)
    if not booking.active:
        raise fail(Failure.BOOKING_NOT_FOUND, f"booking {booking_id} is cancelled", "id")
    engine = Availability(company, now, admin=True)
    event = _event(company, request.event_id, admin=True)
    unit = _units(company, event, request.unit_id if request.unit_id is not None else booking.unit_id, True)[
        0
    ]
    client = (
        company.client(request.client_id)
        if request.client_id is not None
        else company.client(booking.client_id)
    )
    end = request.end or request.start + delta(event.duration_with(unit.id) * 60)
    if end <= request.start:
        raise fail(Failure.INVALID_PARAMS, "the end must be later than the start", "endTime")
    refusal = engine.refusal(event, unit, request.start, 1, end, ignore=booking.id)
    if refusal is not None:
        raise fail(refusal.failure, refusal.reason, "startTime")
    values = normalise(request.additional)
    fields = (
        check_fields(company.catalog.fields_of(event.id), {**booking.additional, **values})
        if company.settings.active(Plugin.EVENT_FIELD)
        else booking.additional
    )
    moved = replace(
        booking,
        event_id=event.id,
        unit_id=unit.id,
        client_id=client.id,
        start=request.start,
        end=end,
        buffer=event.buffer_time_after,
        time_offset=request.time_offset,
        additional=dict(fields),
        edited=now,
        location_id=_location_of(company, unit.id),
    )
    company.store(moved)
    return moved


def recurring_starts(
    company: Company,
    event_id: int,
    unit_id: int | None,
    start: datetime,
    recurrence: Recurrence | None,
    now: datetime,
) -> list[datetime]:
    """``getRecurringDatetimes``: the starts a recurring ``book`` would make (nothing is stored)."""
    engine = Availability(company, now)
    event = _event(company, event_id, admin=False)
    units = _units(company, event, unit_id, admin=False)
    chosen = _recurrence(event, recurrence)
    if chosen is None:
        raise fail(Failure.NOT_RECURRENT, f"service {event.id} is not recurring", "eventId")
    return [moment for _, moment in series(engine, event, units, start, 1, chosen)]
