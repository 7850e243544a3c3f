"""Worked examples of every method, recorded on the demo company: the contract's ``examples``.

``record()`` builds the demo at Monday 2030-01-07 09:00 (Amsterdam) with the Accept payments
plugin on and a recurring service added, runs each call below in order through the dispatcher,
and keeps what it answered. ``python -m fakesaas.simplybook.contract`` writes them into the
OpenRPC document; the contract tests replay them.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fakesaas.core.clock import ManualClock
from fakesaas.core.render.json_bytes import dumps
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.demo import DEMO_API_KEY, DEMO_LOGIN, DEMO_PASSWORD, DEMO_USER, demo_section
from fakesaas.simplybook.domain.seed import load_section
from fakesaas.simplybook.rpc.dispatch import Caller, Dispatcher
from fakesaas.simplybook.rpc.registry import Endpoint, MethodTable

T0 = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
BASE = "http://127.0.0.1:8080"
TUE, WED, THU = "2030-01-08", "2030-01-09", "2030-01-10"
SAMPLE_TOKENS = {"getToken": "5" * 64, "getUserToken": "a" * 64}
NEW_CLIENT = {"name": "Carol Example", "email": "carol@example.com", "phone": "+31 6 5550 0103"}


def example_section() -> dict[str, Any]:
    """The demo with payments on and a weekly recurring service (id 3) with Anna."""
    section = demo_section(T0)
    company = section["companies"][0]
    company["plugins"] = [*company["plugins"], "paid_events"]
    company["services"].append(
        {
            "id": 3,
            "name": "Weekly coaching",
            "duration": 60,
            "providers": [1],
            "recurring": {"days": 7, "repeat_count": 4, "type": "fixed", "mode": "skip"},
        }
    )
    return section


@dataclass(slots=True)
class Scene:
    """What the calls share: the company (for signatures) and what earlier calls answered."""

    company: Company
    memo: dict[str, Any] = field(default_factory=dict)

    def sign(self, booking_id: object) -> str:
        booking = self.company.bookings[int(str(booking_id))]
        return self.company.sign_of(booking.id, booking.hash)

    def sign_of(self, object_id: object, object_hash: str) -> str:
        return self.company.sign_of(int(str(object_id)), object_hash)


Params = Callable[[Scene], list[Any]]
Call = tuple[Endpoint, str, str, Params, str | None]  # endpoint, method, title, params, memo key

PUBLIC, ADMIN, LOGIN = Endpoint.PUBLIC, Endpoint.ADMIN, Endpoint.LOGIN


def _fixed(*values: Any) -> Params:
    return lambda scene: list(values)


def _id(scene: Scene, key: str) -> int:
    return int(scene.memo[key]["bookings"][0]["id"])


def _signed(key: str) -> Params:
    """[id, sign] of the first booking an earlier call made."""
    return lambda scene: [_id(scene, key), scene.sign(_id(scene, key))]


def _reward(scene: Scene) -> list[Any]:
    promotion = next(iter(scene.company.promotions.values()))
    return [promotion.common_promotion_id, 1, scene.company.clients[1].hash]


def _catalogue(endpoint: Endpoint) -> list[Call]:
    return [
        (endpoint, "getEventList", "services keyed by id", _fixed(), None),
        (endpoint, "getUnitList", "providers as an array", _fixed(False, True), None),
        (endpoint, "getCategoriesList", "categories", _fixed(), None),
        (endpoint, "getLocationsList", "locations", _fixed(), None),
        (endpoint, "getCompanyInfo", "the company", _fixed(), None),
        (endpoint, "getCompanyParam", "the timeframe param", _fixed("timeframe"), None),
        (endpoint, "getCompanyParams", "two params", _fixed(["timeframe", "require_fields"]), None),
        (endpoint, "getTimeframe", "minutes of the grid", _fixed(), None),
        (endpoint, "isPluginActivated", "the promo plugin", _fixed("promo"), None),
        (endpoint, "getPluginStatuses", "every plugin", _fixed(), None),
        (endpoint, "getAdditionalFields", "intake fields of the haircut", _fixed(1), None),
        (
            endpoint,
            "getStartTimeMatrix",
            "haircut starts on Tuesday, any provider",
            _fixed(TUE, TUE, 1, None, 1),
            None,
        ),
        (endpoint, "getCartesianStartTimeMatrix", "per provider", _fixed(TUE, TUE, 1, None, 1), None),
        (endpoint, "getAvailableTimeIntervals", "free time on Tuesday", _fixed(TUE, TUE, 1, None, 1), None),
        (endpoint, "getAvailableUnits", "who is free at 09:00", _fixed(1, f"{TUE} 09:00:00", 1), None),
        (endpoint, "calculateEndTime", "a haircut at 11:30", _fixed(f"{TUE} 11:30:00", 1, 1), None),
        (endpoint, "getWorkCalendar", "Chloe's January", _fixed(2030, 1, 3), None),
        (endpoint, "getFirstWorkingDay", "Chloe's next working day", _fixed(3), None),
    ]


CALLS: list[Call] = [
    (LOGIN, "getToken", "a public token", _fixed(DEMO_LOGIN, DEMO_API_KEY), None),
    (LOGIN, "getUserToken", "an admin token", _fixed(DEMO_LOGIN, DEMO_USER, DEMO_PASSWORD), None),
    (LOGIN, "getServiceUrl", "where the API is", _fixed(DEMO_LOGIN), None),
    *_catalogue(PUBLIC),
    (PUBLIC, "getUserLicenseText", "the terms", _fixed(), None),
    (PUBLIC, "getCaptchaChallenge", "no captcha", _fixed(), None),
    (PUBLIC, "getRecurringDatetimes", "a weekly series", _fixed(3, 1, TUE, "09:00:00", None), None),
    (PUBLIC, "createBatch", "a multiple-booking batch", _fixed(), "batch"),
    (PUBLIC, "book", "a haircut with Anna", _fixed(1, 1, TUE, "11:00:00", NEW_CLIENT), "haircut"),
    (PUBLIC, "book", "two places of a massage", _fixed(2, 3, WED, "11:00:00", NEW_CLIENT, None, 2), "group"),
    (
        PUBLIC, "book", "a massage in the batch",
        lambda s: [2, 2, TUE, "14:00:00", NEW_CLIENT, None, 1, int(s.memo["batch"])], "batched",
    ),
    (PUBLIC, "getBooking", "the haircut", _signed("haircut"), None),
    (PUBLIC, "getBookingDetails", "the haircut", _signed("haircut"), None),
    (PUBLIC, "confirmBooking", "the haircut", _signed("haircut"), None),
    (
        PUBLIC, "confirmBookingBatch", "the batch",
        lambda s: [int(s.memo["batch"]), "batch_multiple_booking",
                   s.sign_of(s.memo["batch"], s.memo["batched"]["batch_hash"])], None,
    ),
    (PUBLIC, "isPaymentRequired", "the haircut's", _fixed(1), None),
    (PUBLIC, "getPaymentProcessorConfig", "PayPal", _fixed("paypal"), None),
    (PUBLIC, "getBookingCart", "a cart of the haircut", lambda s: [[_id(s, "haircut")]], "cart"),
    (
        PUBLIC, "confirmBookingCart", "paid with PayPal",
        lambda s: [int(s.memo["cart"]["cart_id"]), "paypal",
                   s.sign_of(s.memo["cart"]["cart_id"], s.memo["cart"]["cart_hash"])], None,
    ),
    (PUBLIC, "validatePayment", "the paid cart", lambda s: [{}, int(s.memo["cart"]["cart_id"])], None),
    (
        PUBLIC, "confirmBookingPayment", "the haircut, paid",
        lambda s: [_id(s, "haircut"), "paypal", s.sign(_id(s, "haircut"))], None,
    ),
    (
        PUBLIC, "confirmBookingBatchPayment", "the group, paid",
        lambda s: [int(s.memo["group"]["group_batch_id"]), "batch_group_booking", "paypal",
                   s.sign_of(s.memo["group"]["group_batch_id"], s.memo["group"]["batch_hash"])], None,
    ),
    (PUBLIC, "getPromocodeInfo", "WELCOME10", _fixed("WELCOME10"), None),
    (
        PUBLIC, "validatePromoCode", "WELCOME10 for a haircut",
        _fixed("WELCOME10", f"{THU} 11:00:00", 1, 1, {"name": "Dan", "email": "dan@example.com"}), None,
    ),
    (
        PUBLIC, "getPromotionRewardInfo", "Alice's",
        _reward,
        None,
    ),
    (PUBLIC, "hasUpcommingPromotions", "promotions ahead", _fixed(), None),
    (PUBLIC, "getClientInfo", "Alice", lambda s: [1, s.sign_of(1, s.company.clients[1].hash)], None),
    (PUBLIC, "cancelBooking", "the haircut", _signed("haircut"), None),
    *_catalogue(ADMIN),
    (ADMIN, "getBookings", "Tuesday and later", _fixed({"date_from": TUE, "order": "date_start_asc"}), None),
    (ADMIN, "getBookingDetails", "Alice's haircut", _fixed(1), None),
    (ADMIN, "book", "a haircut for Alice on Thursday", _fixed(1, 1, 1, THU, "11:00:00"), "admin_booking"),
    (
        ADMIN, "editBook", "moved to 13:00",
        lambda s: [_id(s, "admin_booking"), 1, 1, 1, THU, "13:00:00", None, None, 0, None], None,
    ),
    (ADMIN, "cancelBooking", "the moved haircut", lambda s: [_id(s, "admin_booking")], None),
    (ADMIN, "addClient", "a new client", _fixed({"name": "Erin", "email": "erin@example.com"}), None),
    (ADMIN, "getClientList", "clients named Example", _fixed("example", 10), None),
    (ADMIN, "getClientInfo", "Alice", _fixed(1), None),
    (ADMIN, "getStatuses", "the statuses", _fixed(), None),
    (ADMIN, "setStatus", "Alice arrived", _fixed(1, 2), None),
    (ADMIN, "getBookingStatus", "Alice's booking", _fixed(1), None),
    (ADMIN, "getCurrentUserDetails", "the admin", _fixed(), None),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Example:
    endpoint: Endpoint
    method: str
    title: str
    params: list[Any]
    answer: dict[str, Any]  # the JSON-RPC answer: result or error


def record(table: MethodTable) -> list[Example]:
    """Run ``CALLS`` on a fresh example world; every answer, in order."""
    clock = ManualClock(T0)
    state = Simplybook(clock)
    load_section(state, example_section())
    company = state.company(DEMO_LOGIN)
    assert company is not None
    dispatcher = Dispatcher(table, lambda endpoint: {})
    scene = Scene(company)
    lock = threading.RLock()
    tokens: dict[Endpoint, str | None] = {LOGIN: None}
    recorded = []
    for number, (endpoint, method, title, build, keep) in enumerate(CALLS, 1):
        params = build(scene)
        caller = Caller(endpoint, DEMO_LOGIN, tokens.get(endpoint), BASE)
        call = {"jsonrpc": "2.0", "method": method, "params": params, "id": number}
        # As the caller reads it off the wire: the answer's tuples are lists there.
        answer = json.loads(dumps(dispatcher.one(call, caller, state, lock, clock.now) or {}))
        if method == "getToken":
            tokens[PUBLIC] = answer["result"]
        if method == "getUserToken":
            tokens[ADMIN] = answer["result"]
        if keep is not None:
            scene.memo[keep] = answer.get("result")
        if method in ("getToken", "getUserToken"):
            # Tokens are random; the contract shows a stand-in so that it is the same every time.
            answer = {**answer, "result": SAMPLE_TOKENS[method]}
        recorded.append(Example(endpoint, method, title, params, answer))
    return recorded
