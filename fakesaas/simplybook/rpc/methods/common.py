"""Parameters and error lists several methods share."""

from __future__ import annotations

from fakesaas.simplybook.domain.errors import Failure
from fakesaas.simplybook.rpc.params import Kind, Param

ACCESS = (Failure.ACCESS_DENIED, Failure.COMPANY_NOT_FOUND, Failure.INVALID_PARAMS)
BOOKING_ERRORS = (
    Failure.EVENT_NOT_AVAILABLE,
    Failure.UNIT_NOT_AVAILABLE,
    Failure.DATE_NOT_AVAILABLE,
    Failure.TIME_NOT_AVAILABLE,
    Failure.NOT_ALL_RESERVED,
    Failure.BOOKING_NOT_ALLOWED_NOW,
    Failure.ADDITIONAL_FIELDS_WRONG,
    Failure.NOT_RECURRENT,
    Failure.BATCH_NOT_FOUND,
    Failure.PLUGIN_NOT_ACTIVATED,
    Failure.REQUIRED_PARAMS_MISSING,
    Failure.PROMO_INVALID,
    Failure.PROMO_EXPIRED,
    Failure.PROMO_NOT_ACTIVE_YET,
    Failure.PROMO_NOT_FOR_SERVICE,
    Failure.PROMO_MAX_USAGE,
    Failure.PROMO_MAX_PER_CUSTOMER,
    Failure.PROMO_NOT_FOR_DATETIME,
)
SIGNED = (Failure.BOOKING_NOT_FOUND, Failure.SIGNATURE_ERROR)

EVENT_ID = Param("eventId", Kind.INT, description="service id")
UNIT_ID_OR_ANY = Param("unitId", Kind.INT, nullable=True, description="provider id; null for any provider")
COUNT = Param("count", Kind.INT, required=False, description="places to book at once (default 1)")
BOOKING_ID = Param("id", Kind.INT, description="booking id")
SIGN = Param("sign", Kind.STRING, description="md5(id . hash . API secret key)")
DATE_FROM = Param("from", Kind.STRING, description="first date, Y-m-d")
DATE_TO = Param("to", Kind.STRING, description="last date, Y-m-d")
DATA = Param(
    "data",
    Kind.ANY,
    required=False,
    description="a provider id, or {unit_group_id, event_id}; null for the company's own hours",
)
ADDITIONAL = Param(
    "additional",
    Kind.STRUCTURE,
    required=False,
    description='intake field values {name: value} and {"promocode": code}',
)
BATCH_ID = Param("batchId", Kind.INT, required=False, description="a batch from createBatch")
RECURRING = Param(
    "recurringData",
    Kind.STRUCTURE,
    required=False,
    description='{"days", "repeat_count", "type": fixed|weekly, "mode": skip|book_available|book_and_move}',
)
PROCESSOR = Param("paymentProcessor", Kind.STRING, description="payment processor name")
