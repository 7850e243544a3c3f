"""After ``book``: confirming, cancelling, paying (bookings, batches, carts) and statuses.

Public calls prove they may touch a booking, batch or cart with ``sign = md5(id . hash .
secretKey)``; admin calls need none. An unknown object is looked up before the signature is
checked, so -32080 wins over -32085 (seed 003, cancelBooking).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from fakesaas.simplybook.domain.companies import Company, Status
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.records import Batch, BatchKind, Booking, BookingState, Cart
from fakesaas.simplybook.domain.settings import Plugin
from fakesaas.simplybook.domain.values import md5, same_secret

# Payment processors the emulator answers for; anything else is -32097 [INF: names of the
# Accept payments plugin's common processors].
PROCESSORS = ("manual", "cash", "delay", "paypal", "stripe", "square", "mollie")
CART_LIMIT = 100  # bookings in one cart [INF]


def signed_booking(company: Company, booking_id: int, sign: object) -> Booking:
    """The booking, if ``sign`` is its signature (-32080 unknown, -32085 wrong signature)."""
    booking = company.booking(booking_id)
    check_sign(company, booking.id, booking.hash, sign)
    return booking


def check_sign(company: Company, object_id: int, object_hash: str, sign: object) -> None:
    if not same_secret(sign, company.sign_of(object_id, object_hash)):
        raise fail(Failure.SIGNATURE_ERROR, "sign must be md5(id . hash . secret key)", "sign")


def cancel(company: Company, booking: Booking, now: datetime, by: str) -> bool:
    """Cancel a booking: it frees its time at once. Cancelling twice changes nothing."""
    if booking.active:
        booking.state = BookingState.CANCELLED
        booking.edited, booking.cancelled_by = now, by
        company.index.remove(booking)
    return True


def confirm(company: Company, booking: Booking, now: datetime, paid_with: str = "") -> bool:
    if not booking.active:
        raise fail(Failure.BOOKING_NOT_FOUND, f"booking {booking.id} is cancelled", "id")
    if booking.state is BookingState.PENDING:
        booking.state = BookingState.CONFIRMED
        booking.edited = now
    if paid_with:
        booking.paid, booking.payment_processor = True, paid_with
    return True


def processor(company: Company, name: object) -> str:
    """A payment processor the company can take (-32001 without the Accept payments plugin)."""
    company.settings.require(Plugin.PAID_EVENTS)
    if not isinstance(name, str) or name not in PROCESSORS:
        raise fail(
            Failure.UNSUPPORTED_PAYMENT_SYSTEM,
            f"{name!r} is not a supported payment system",
            "paymentProcessor",
        )
    if name == "delay" and not company.settings.flag("allow_delay_payment"):
        raise fail(
            Failure.UNSUPPORTED_PAYMENT_SYSTEM,
            "delayed payment is off (allow_delay_payment)",
            "paymentProcessor",
        )
    return name


def processor_config(company: Company, name: object) -> dict[str, str]:
    chosen = processor(company, name)
    return {"payment_processor": chosen, "currency": company.info.currency, "test_mode": "1"}


def signed_batch(company: Company, batch_id: int, batch_type: object, sign: object) -> Batch:
    batch = company.batches.get(batch_id)
    if batch is None:
        raise fail(Failure.BATCH_NOT_FOUND, f"no batch {batch_id}", "batchId")
    if batch_type not in (batch.kind.value, batch.kind.wire):
        kinds = ", ".join(kind.wire for kind in BatchKind)
        raise fail(
            Failure.CONFIRMATION_KEY_TYPE,
            f"batch {batch_id} is a {batch.kind.wire} (types: {kinds})",
            "batchType",
        )
    check_sign(company, batch.id, batch.hash, sign)
    return batch


def confirm_batch(company: Company, batch: Batch, now: datetime, paid_with: str = "") -> bool:
    for booking in _members(company, batch.booking_ids):
        if booking.active:
            confirm(company, booking, now, paid_with)
    return True


def create_batch(company: Company, now: datetime) -> Batch:
    """``createBatch``: an empty multiple-booking batch that ``book(..., batchId)`` fills."""
    company.settings.require(Plugin.MULTIPLE_BOOKING)
    batch_id = company.next_id("batch")
    batch = Batch(
        batch_id, BatchKind.MULTIPLE, md5(company.login, "batch", batch_id, company.secret_key), now
    )
    company.batches[batch.id] = batch
    return batch


def make_cart(company: Company, booking_ids: Iterable[int]) -> Cart:
    """``getBookingCart``: the bookings to pay together, their total and a signed cart id."""
    company.settings.require(Plugin.PAID_EVENTS)
    wanted = list(dict.fromkeys(booking_ids))
    if not wanted or len(wanted) > CART_LIMIT:
        raise fail(Failure.INVALID_PARAMS, f"a cart holds 1 to {CART_LIMIT} bookings", "bookingIds")
    bookings = [company.booking(booking_id) for booking_id in wanted]
    cart_id = company.next_id("cart")
    cart = Cart(
        cart_id,
        md5(company.login, "cart", cart_id, company.secret_key),
        tuple(b.id for b in bookings),
        sum((b.price for b in bookings), Decimal(0)),
        company.info.currency,
    )
    company.carts[cart.id] = cart
    return cart


def signed_cart(company: Company, cart_id: int, sign: object) -> Cart:
    cart = company.carts.get(cart_id)
    if cart is None:
        raise fail(Failure.BATCH_NOT_FOUND, f"no cart {cart_id}", "cartId")
    check_sign(company, cart.id, cart.hash, sign)
    return cart


def pay_cart(company: Company, cart: Cart, paid_with: str, now: datetime) -> bool:
    for booking in _members(company, cart.booking_ids):
        if booking.active:
            confirm(company, booking, now, paid_with)
    cart.paid_with = paid_with
    return True


def _members(company: Company, ids: Iterable[int]) -> list[Booking]:
    return [company.bookings[i] for i in ids if i in company.bookings]


def status(company: Company, status_id: int) -> Status:
    company.settings.require(Plugin.STATUS)
    found = company.statuses.get(status_id)
    if found is None:
        raise fail(Failure.INVALID_PARAMS, f"no status {status_id}", "statusId")
    return found


def set_status(company: Company, booking: Booking, chosen: Status, now: datetime) -> bool:
    booking.status_id = chosen.id
    booking.edited = now
    return True


def status_of(company: Company, booking: Booking) -> Status | None:
    company.settings.require(Plugin.STATUS)
    if booking.status_id is not None and booking.status_id in company.statuses:
        return company.statuses[booking.status_id]
    return company.default_status()


def payment_required(company: Company, event_id: int) -> bool:
    """``isPaymentRequired``: the Accept payments plugin is on and the service has a price."""
    event = company.catalog.events.get(event_id)
    if event is None:
        raise fail(Failure.EVENT_NOT_AVAILABLE, f"no service {event_id}", "eventId")
    return company.settings.active(Plugin.PAID_EVENTS) and event.price > 0
