"""Promo codes (the Simply Smart Promotions plugin) and the checks -32030 ... -32036."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.values import seconds_of


@dataclass(slots=True)
class Promotion:
    """One promotion and its code. ``allow_usage_count`` and ``allow_customer_count`` of 0 mean no
    limit; ``service_ids`` empty means every service. The booking window (``sheduler_*``, spelt as
    the API spells it) limits which appointments the code applies to."""

    id: int
    code: str
    title: str = ""
    description: str = ""
    discount: Decimal = Decimal(0)  # percent
    start_date: date | None = None
    expired_date: date | None = None
    sheduler_start_date: date | None = None
    sheduler_end_date: date | None = None
    sheduler_start_time: int | None = None  # seconds from midnight
    sheduler_end_time: int | None = None
    allow_usage_count: int = 0
    allow_customer_count: int = 0
    service_ids: tuple[int, ...] = ()
    active: bool = True
    common_promotion_id: int = 0
    usages: list[tuple[int, int]] = field(default_factory=list)  # (booking id, client id)


def check_promotion(
    promotion: Promotion | None,
    today: date,
    start: datetime,
    event_id: int,
    count: int,
    client_id: int | None,
) -> Promotion:
    """The promotion, if ``count`` bookings of ``event_id`` at ``start`` by ``client_id`` may use it."""
    if promotion is None or not promotion.active:
        raise fail(Failure.PROMO_INVALID, "no active promotion has this code", "promocode")
    if promotion.expired_date is not None and today > promotion.expired_date:
        raise fail(Failure.PROMO_EXPIRED, f"the promotion expired on {promotion.expired_date}", "promocode")
    if promotion.start_date is not None and today < promotion.start_date:
        raise fail(
            Failure.PROMO_NOT_ACTIVE_YET, f"the promotion starts on {promotion.start_date}", "promocode"
        )
    if promotion.service_ids and event_id not in promotion.service_ids:
        raise fail(
            Failure.PROMO_NOT_FOR_SERVICE, f"the code does not apply to service {event_id}", "promocode"
        )
    if promotion.allow_usage_count and len(promotion.usages) + count > promotion.allow_usage_count:
        raise fail(Failure.PROMO_MAX_USAGE, "the code has been used as often as it may be", "promocode")
    if promotion.allow_customer_count:
        used = sum(1 for _, client in promotion.usages if client == client_id) if client_id is not None else 0
        if used + count > promotion.allow_customer_count:
            raise fail(
                Failure.PROMO_MAX_PER_CUSTOMER,
                "this client has used the code as often as it may",
                "promocode",
            )
    if not _in_window(promotion, start):
        raise fail(
            Failure.PROMO_NOT_FOR_DATETIME, "the code does not apply at this date and time", "promocode"
        )
    return promotion


def _in_window(promotion: Promotion, start: datetime) -> bool:
    day, seconds = start.date(), seconds_of(start)
    if promotion.sheduler_start_date is not None and day < promotion.sheduler_start_date:
        return False
    if promotion.sheduler_end_date is not None and day > promotion.sheduler_end_date:
        return False
    if promotion.sheduler_start_time is not None and seconds < promotion.sheduler_start_time:
        return False
    return promotion.sheduler_end_time is None or seconds < promotion.sheduler_end_time


def discounted(price: Decimal, promotion: Promotion | None) -> Decimal:
    if promotion is None:
        return price
    return (price * (Decimal(100) - promotion.discount) / Decimal(100)).quantize(Decimal("0.0001"))
