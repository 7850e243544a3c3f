"""Payments, carts and promotions on the public service."""

from __future__ import annotations

from typing import Any

from fakesaas.simplybook import present
from fakesaas.simplybook.domain import lifecycle
from fakesaas.simplybook.domain.clients import check_client_data, matches
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.promotions import check_promotion
from fakesaas.simplybook.domain.settings import Plugin
from fakesaas.simplybook.domain.values import parse_datetime, same_secret, whole
from fakesaas.simplybook.rpc.methods.common import ACCESS, BOOKING_ID, EVENT_ID, PROCESSOR, SIGN, SIGNED
from fakesaas.simplybook.rpc.params import Kind, Param
from fakesaas.simplybook.rpc.registry import Call, Endpoint, Method, method
from fakesaas.simplybook.rpc.schemas import ref

PROMO_ERRORS = (
    Failure.PLUGIN_NOT_ACTIVATED,
    Failure.PROMO_INVALID,
    Failure.PROMO_EXPIRED,
    Failure.PROMO_NOT_ACTIVE_YET,
    Failure.PROMO_NOT_FOR_SERVICE,
    Failure.PROMO_MAX_USAGE,
    Failure.PROMO_MAX_PER_CUSTOMER,
    Failure.PROMO_NOT_FOR_DATETIME,
)
PAYMENT_ERRORS = (Failure.PLUGIN_NOT_ACTIVATED, Failure.UNSUPPORTED_PAYMENT_SYSTEM)


def _payment_required(call: Call, event_id: int) -> bool:
    return lifecycle.payment_required(call.company, event_id)


def _cart(call: Call, booking_ids: list[Any]) -> Any:
    ids = []
    for raw in booking_ids:
        number = raw if isinstance(raw, int) and not isinstance(raw, bool) else whole(raw)
        if number is None or number < 0:
            raise fail(Failure.INVALID_PARAMS, f"{raw!r} is not a booking id", "bookingIds")
        ids.append(number)
    company = call.company
    return present.cart(lifecycle.make_cart(company, ids), company)


def _confirm_cart(call: Call, cart_id: int, processor: str, sign: str) -> bool:
    company = call.company
    cart = lifecycle.signed_cart(company, cart_id, sign)
    return lifecycle.pay_cart(company, cart, lifecycle.processor(company, processor), call.now)


def _confirm_payment(call: Call, booking_id: int, processor: str, sign: str) -> bool:
    company = call.company
    booking = lifecycle.signed_booking(company, booking_id, sign)
    return lifecycle.confirm(company, booking, call.now, lifecycle.processor(company, processor))


def _confirm_batch_payment(call: Call, batch_id: int, batch_type: str, processor: str, sign: str) -> bool:
    company = call.company
    batch = lifecycle.signed_batch(company, batch_id, batch_type, sign)
    return lifecycle.confirm_batch(company, batch, call.now, lifecycle.processor(company, processor))


def _processor_config(call: Call, processor: str) -> dict[str, str]:
    return lifecycle.processor_config(call.company, processor)


def _validate_payment(call: Call, payment_info: Any, cart_id: int) -> bool:
    cart = call.company.carts.get(cart_id)
    return cart is not None and bool(cart.paid_with)


def _promo_info(call: Call, code: str) -> Any:
    company = call.company
    company.settings.require(Plugin.PROMO)
    found = company.promotion_by_code(code)
    return present.promotion_info(found) if found is not None else None


def _validate_promo(
    call: Call, code: str, moment: str, event_id: int, count: int | None, client_data: Any
) -> bool:
    company = call.company
    company.settings.require(Plugin.PROMO)
    start = parse_datetime(moment, "startDateTime")
    if event_id not in company.catalog.events:
        raise fail(Failure.EVENT_NOT_AVAILABLE, f"no service {event_id}", "eventId")
    client_id = None
    if isinstance(client_data, dict) and client_data.get("name"):
        checked = check_client_data(client_data, "")
        known = next((c for c in company.clients.values() if matches(c, checked)), None)
        client_id = known.id if known is not None else None
    found = company.promotion_by_code(code)
    check_promotion(found, company.today(call.now), start, event_id, count or 1, client_id)
    return True


def _reward_info(call: Call, common_id: int, client_id: int, client_hash: str) -> Any:
    company = call.company
    company.settings.require(Plugin.PROMO)
    client = company.clients.get(client_id)
    promotion = next((p for p in company.promotions.values() if p.common_promotion_id == common_id), None)
    if client is None or promotion is None or not same_secret(client_hash, client.hash):
        return None
    return present.promotion_info(promotion)


def _upcoming(call: Call) -> bool:
    company = call.company
    if not company.settings.active(Plugin.PROMO):
        return False
    today = company.today(call.now)
    return any(
        p.active and (p.expired_date is None or p.expired_date >= today) for p in company.promotions.values()
    )


def methods() -> list[Method]:
    batch_id = Param("batchId", Kind.INT, description="batch id")
    batch_type = Param("batchType", Kind.STRING, description="the batch's batch_type")
    batch_sign = Param("sign", Kind.STRING, description="md5(batchId . batchHash . API secret key)")
    return [
        method(
            "isPaymentRequired",
            Endpoint.PUBLIC,
            (EVENT_ID,),
            _payment_required,
            {"type": "boolean"},
            "Whether booking the service asks for payment (Accept payments plugin and a price).",
            (*ACCESS, Failure.EVENT_NOT_AVAILABLE),
            result_name="required",
        ),
        method(
            "getBookingCart",
            Endpoint.PUBLIC,
            (Param("bookingIds", Kind.ARRAY, description="booking ids"),),
            _cart,
            ref("Cart"),
            "A cart to pay several bookings at once.",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED, Failure.BOOKING_NOT_FOUND, Failure.PARAMS_NOT_ARRAY),
            result_name="cart",
        ),
        method(
            "confirmBookingCart",
            Endpoint.PUBLIC,
            (
                Param("cartId", Kind.INT, description="cart id"),
                PROCESSOR,
                Param("sign", Kind.STRING, description="md5(cartId . cartHash . API secret key)"),
            ),
            _confirm_cart,
            {"const": True},
            "Confirm a cart as paid.",
            (*ACCESS, *PAYMENT_ERRORS, Failure.BATCH_NOT_FOUND, Failure.SIGNATURE_ERROR),
            result_name="confirmed",
        ),
        method(
            "confirmBookingPayment",
            Endpoint.PUBLIC,
            (BOOKING_ID, PROCESSOR, SIGN),
            _confirm_payment,
            {"const": True},
            "Confirm a booking as paid.",
            (*ACCESS, *SIGNED, *PAYMENT_ERRORS),
            result_name="confirmed",
        ),
        method(
            "confirmBookingBatchPayment",
            Endpoint.PUBLIC,
            (batch_id, batch_type, PROCESSOR, batch_sign),
            _confirm_batch_payment,
            {"const": True},
            "Confirm every booking of a batch as paid.",
            (
                *ACCESS,
                *PAYMENT_ERRORS,
                Failure.BATCH_NOT_FOUND,
                Failure.CONFIRMATION_KEY_TYPE,
                Failure.SIGNATURE_ERROR,
            ),
            result_name="confirmed",
        ),
        method(
            "getPaymentProcessorConfig",
            Endpoint.PUBLIC,
            (PROCESSOR,),
            _processor_config,
            {"type": "object", "additionalProperties": {"type": "string"}},
            "A payment processor's settings.",
            (*ACCESS, *PAYMENT_ERRORS),
            result_name="config",
        ),
        method(
            "validatePayment",
            Endpoint.PUBLIC,
            (
                Param("paymentInfo", Kind.ANY, nullable=True, description="the payment's data"),
                Param("cartId", Kind.INT, description="cart id"),
            ),
            _validate_payment,
            {"type": "boolean"},
            "Whether the cart has been paid.",
            ACCESS,
            result_name="valid",
        ),
        method(
            "getPromocodeInfo",
            Endpoint.PUBLIC,
            (Param("code", Kind.STRING, description="promo code"),),
            _promo_info,
            {"oneOf": [ref("Promotion"), {"type": "null"}]},
            "The promotion of a code, or null.",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED),
            result_name="promotion",
        ),
        method(
            "validatePromoCode",
            Endpoint.PUBLIC,
            (
                Param("code", Kind.STRING, description="promo code"),
                Param("startDateTime", Kind.STRING, description="Y-m-d H:i:s"),
                EVENT_ID,
                Param("count", Kind.INT, required=False, description="bookings (default 1)"),
                Param("clientData", Kind.STRUCTURE, required=False, description="{name, email, phone}"),
            ),
            _validate_promo,
            {"const": True},
            "True if the code may be used, else the reason as an error.",
            (*ACCESS, *PROMO_ERRORS, Failure.EVENT_NOT_AVAILABLE),
            result_name="valid",
        ),
        method(
            "getPromotionRewardInfo",
            Endpoint.PUBLIC,
            (
                Param("commonPromotionId", Kind.INT, description="common promotion id"),
                Param("clientId", Kind.INT, description="client id"),
                Param("hash", Kind.STRING, description="client hash"),
            ),
            _reward_info,
            {"oneOf": [ref("Promotion"), {"type": "null"}]},
            "A client's promotion reward, or null.",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED),
            result_name="reward",
        ),
        method(
            "hasUpcommingPromotions",
            Endpoint.PUBLIC,
            (),
            _upcoming,
            {"type": "boolean"},
            "Whether any promotion is active or coming.",
            ACCESS,
            result_name="upcoming",
        ),
    ]
