"""Payments (Accept payments plugin), carts and the promotion methods of the public service."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.simplybook.client import JsonRpcClient, SimplybookClient
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.settings import Plugin
from tests.simplybook.support import (
    ALICE_HAIRCUT,
    ANNA,
    BEN,
    CHLOE,
    CLIENT,
    COMPANY,
    HAIRCUT,
    MASSAGE,
    TUESDAY,
    WEDNESDAY,
    rpc_error,
    sign,
)


@pytest.fixture
def demo(state: Simplybook) -> Company:
    company = state.company(COMPANY)
    assert company is not None
    return company


@pytest.fixture
def paid(demo: Company) -> Company:
    demo.settings.plugins = demo.settings.plugins | {Plugin.PAID_EVENTS}
    return demo


def test_payment_is_required_only_with_the_plugin_and_a_price(public: JsonRpcClient, demo: Company) -> None:
    assert public.isPaymentRequired(HAIRCUT) is False
    demo.settings.plugins = demo.settings.plugins | {Plugin.PAID_EVENTS}
    assert public.isPaymentRequired(HAIRCUT) is True
    demo.catalog.events[HAIRCUT].price = demo.catalog.events[HAIRCUT].price * 0
    assert public.isPaymentRequired(HAIRCUT) is False
    with rpc_error(-32051):
        public.isPaymentRequired(99)


@pytest.mark.usefixtures("paid")
def test_a_paid_booking_waits_for_its_payment(public: JsonRpcClient, api: SimplybookClient) -> None:
    result = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
    assert result["require_confirm"] is True
    booked = result["bookings"][0]
    assert booked["is_confirmed"] == "0"
    assert booked["require_payment"] == "1"
    signature = api.sign(booked["id"], booked["hash"])
    with rpc_error(-32097, "Unsupported payment system"):
        public.confirmBookingPayment(booked["id"], "barter", signature)
    with rpc_error(-32085):
        public.confirmBookingPayment(booked["id"], "paypal", "0" * 32)
    assert public.confirmBookingPayment(booked["id"], "paypal", signature) is True
    details = public.getBookingDetails(booked["id"], signature)
    assert details["is_confirmed"] == "1"
    assert details["price"]["paid"] == "1"


@pytest.mark.usefixtures("paid")
def test_a_cart_pays_several_bookings(public: JsonRpcClient, api: SimplybookClient) -> None:
    first = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)["bookings"][0]
    second = public.book(MASSAGE, BEN, TUESDAY, "14:00:00", CLIENT)["bookings"][0]
    cart = public.getBookingCart([first["id"], int(second["id"])])
    assert cart["amount"] == "85.0000"
    assert cart["currency"] == "EUR"
    assert [line["id"] for line in cart["cart"]] == [first["id"], second["id"]]
    assert cart["cart"][0]["name"] == "Haircut 2030-01-08 11:00:00"
    cart_id = int(cart["cart_id"])
    assert public.validatePayment({"any": "thing"}, cart_id) is False
    with rpc_error(-32085):
        public.confirmBookingCart(cart_id, "stripe", "0" * 32)
    with rpc_error(-32095):
        public.confirmBookingCart(999, "stripe", "0" * 32)
    assert public.confirmBookingCart(cart_id, "stripe", sign(cart_id, cart["cart_hash"])) is True
    assert public.validatePayment(None, cart_id) is True
    info = public.getBooking(second["id"], api.sign(second["id"], second["hash"]))
    assert info["is_confirmed"] == "1"


@pytest.mark.usefixtures("paid")
def test_cart_refusals(public: JsonRpcClient) -> None:
    with rpc_error(-32080):
        public.getBookingCart([999])
    with rpc_error(-32602):
        public.getBookingCart([])
    with rpc_error(-32602):
        public.getBookingCart(["one"])
    with rpc_error(-32011):
        public.getBookingCart({"ids": [ALICE_HAIRCUT]})
    with rpc_error(-32602):
        public.getBookingCart(list(range(1001)))


def test_payments_need_the_plugin(public: JsonRpcClient) -> None:
    with rpc_error(-32001):
        public.getBookingCart([ALICE_HAIRCUT])
    with rpc_error(-32001):
        public.getPaymentProcessorConfig("paypal")


@pytest.mark.usefixtures("paid")
def test_payment_processor_config(public: JsonRpcClient, demo: Company) -> None:
    assert public.getPaymentProcessorConfig("paypal")["currency"] == "EUR"
    with rpc_error(-32097):
        public.getPaymentProcessorConfig("barter")
    with rpc_error(-32097):
        public.getPaymentProcessorConfig("delay")
    demo.settings.params["allow_delay_payment"] = "1"
    assert public.getPaymentProcessorConfig("delay")["payment_processor"] == "delay"


@pytest.mark.usefixtures("paid")
def test_a_group_batch_is_paid_at_once(public: JsonRpcClient, api: SimplybookClient) -> None:
    result = public.book(MASSAGE, CHLOE, WEDNESDAY, "11:00:00", CLIENT, None, 2)
    batch_id, batch_hash = int(result["group_batch_id"]), result["batch_hash"]
    with rpc_error(-32090):
        public.confirmBookingBatchPayment(batch_id, "recurrent", "paypal", sign(batch_id, batch_hash))
    assert public.confirmBookingBatchPayment(batch_id, "group", "paypal", sign(batch_id, batch_hash)) is True
    for booked in result["bookings"]:
        assert public.getBooking(booked["id"], api.sign(booked["id"], booked["hash"]))["is_confirmed"] == "1"


def test_promo_code_info_and_validation(public: JsonRpcClient, demo: Company) -> None:
    info = public.getPromocodeInfo("WELCOME10")
    assert info["code"] == "WELCOME10"
    assert info["discount"] == "10.0000"
    assert info["allow_customer_count"] == "1"
    assert public.getPromocodeInfo("nope") is None
    assert public.validatePromoCode("WELCOME10", "2030-01-08 11:00:00", HAIRCUT, 1, CLIENT) is True
    with rpc_error(-32030):
        public.validatePromoCode("NOPE", "2030-01-08 11:00:00", HAIRCUT, 1, CLIENT)
    with rpc_error(-32035):
        public.validatePromoCode("WELCOME10", "2030-01-08 11:00:00", HAIRCUT, 2, CLIENT)
    assert public.hasUpcommingPromotions() is True
    demo.settings.plugins = demo.settings.plugins - {Plugin.PROMO}
    assert public.hasUpcommingPromotions() is False
    with rpc_error(-32001):
        public.getPromocodeInfo("WELCOME10")


@pytest.mark.parametrize(
    ("change", "moment", "event", "code"),
    [
        ({"service_ids": (MASSAGE,)}, "2030-01-08 11:00:00", HAIRCUT, -32033),
        ({"allow_usage_count": 1}, "2030-01-08 11:00:00", HAIRCUT, -32034),
        ({"sheduler_start_time": 12 * 3600}, "2030-01-08 11:00:00", HAIRCUT, -32036),
        ({"active": False}, "2030-01-08 11:00:00", HAIRCUT, -32030),
    ],
)
def test_promotion_rules(
    public: JsonRpcClient, demo: Company, change: dict, moment: str, event: int, code: int
) -> None:
    promotion = next(iter(demo.promotions.values()))
    for key, value in change.items():
        setattr(promotion, key, value)
    promotion.allow_customer_count = 0
    if code == -32034:
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, {"promocode": "WELCOME10"})
    with rpc_error(code):
        public.validatePromoCode("WELCOME10", moment, event, 1, {"name": "Zed", "email": "zed@example.com"})


def test_a_promotion_not_started_yet(api: SimplybookClient, clock: ManualClock, demo: Company) -> None:
    promotion = next(iter(demo.promotions.values()))
    clock.set(datetime(2029, 11, 1, 8, tzinfo=UTC))
    with rpc_error(-32032, "Promotion is not active yet"):
        api.public.validatePromoCode("WELCOME10", "2030-01-08 11:00:00", HAIRCUT, 1, None)
    assert promotion.start_date is not None


def test_promotion_reward_info(public: JsonRpcClient, demo: Company) -> None:
    promotion = next(iter(demo.promotions.values()))
    alice = demo.clients[1]
    reward = public.getPromotionRewardInfo(promotion.common_promotion_id, alice.id, alice.hash)
    assert reward["code"] == "WELCOME10"
    assert public.getPromotionRewardInfo(promotion.common_promotion_id, alice.id, "0" * 32) is None
    assert public.getPromotionRewardInfo(999, alice.id, alice.hash) is None
