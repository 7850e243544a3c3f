"""The one table from domain failures to JSON-RPC errors, and the protocol's own errors.

Codes and messages are seed 003's "Error codes" (typos included: clients match on them) and the
login errors of research §2.2; -32700 ... -32603 are JSON-RPC 2.0's.
"""

from __future__ import annotations

from dataclasses import dataclass

from fakesaas.simplybook.domain.errors import Failure


@dataclass(frozen=True, slots=True)
class WireError:
    code: int
    message: str


WIRE: dict[Failure, WireError] = {
    Failure.PLUGIN_NOT_ACTIVATED: WireError(-32001, "Plugin is not activated"),
    Failure.REQUIRED_PARAMS_MISSING: WireError(-32010, "Some required params are missed"),
    Failure.PARAMS_NOT_ARRAY: WireError(-32011, "Params is not array"),
    Failure.SCHEDULER_NOT_FOUND: WireError(-32012, "Sheduler id not found"),
    Failure.NOT_RECURRENT: WireError(-32015, "Passed event id is not reccuren"),
    Failure.NO_PERMISSION: WireError(-32020, "Sorry, you have no permissions to perform this action"),
    Failure.PROMO_INVALID: WireError(-32030, "Invalid promotion code"),
    Failure.PROMO_EXPIRED: WireError(-32031, "Promotion has expired"),
    Failure.PROMO_NOT_ACTIVE_YET: WireError(-32032, "Promotion is not active yet"),
    Failure.PROMO_NOT_FOR_SERVICE: WireError(-32033, "This promocode is not valid for selected service"),
    Failure.PROMO_MAX_USAGE: WireError(-32034, "Exceed max usage limit"),
    Failure.PROMO_MAX_PER_CUSTOMER: WireError(-32035, "Exceed max usage per customer limit"),
    Failure.PROMO_NOT_FOR_DATETIME: WireError(-32036, "This promocode is not available for datetime range"),
    Failure.EVENT_NOT_AVAILABLE: WireError(-32051, "Selected event id is not available"),
    Failure.UNIT_NOT_AVAILABLE: WireError(-32052, "Selected unit id is not available"),
    Failure.DATE_NOT_AVAILABLE: WireError(-32053, "Selected date start is not available"),
    Failure.TIME_NOT_AVAILABLE: WireError(-32054, "Selected time start is not available"),
    Failure.NOT_ALL_RESERVED: WireError(-32055, "One or more appointments couldn't be reserved"),
    Failure.BOOKING_NOT_ALLOWED_NOW: WireError(-32056, "Booking is not allowed at this time"),
    Failure.CLIENT_NAME_WRONG: WireError(-32061, "Client name value is wrong"),
    Failure.CLIENT_EMAIL_WRONG: WireError(-32062, "Client email value is wrong"),
    Failure.CLIENT_PHONE_WRONG: WireError(-32063, "Client phone value is wrong"),
    Failure.ADDITIONAL_FIELDS_WRONG: WireError(-32070, "Additional field values are wrong"),
    Failure.BOOKING_NOT_FOUND: WireError(-32080, "Appointemnt couldn't be found"),
    Failure.SIGNATURE_ERROR: WireError(-32085, "Signature error"),
    Failure.CONFIRMATION_KEY_TYPE: WireError(-32090, "Confirmation with this key type is not available"),
    Failure.BATCH_NOT_FOUND: WireError(-32095, "Batch not found"),
    Failure.UNSUPPORTED_PAYMENT_SYSTEM: WireError(-32097, "Unsupported payment system"),
    Failure.PAYMENT_FAILED: WireError(-32099, "Payment failed"),
    Failure.ACCESS_DENIED: WireError(-32600, "Access denied"),
    Failure.COMPANY_NOT_FOUND: WireError(-32600, "Company does not exists"),
    Failure.INVALID_PARAMS: WireError(-32602, "Invalid params"),
    Failure.CLIENT_NOT_FOUND: WireError(-3264, "Client with given id not found"),
    Failure.LOGIN_COMPANY_NOT_FOUND: WireError(-33001, "Company does not exist"),
    Failure.LOGIN_WRONG_API_KEY: WireError(-33002, "Wrong API key"),
    Failure.LOGIN_USER_NOT_FOUND: WireError(-33003, "User with this login and password not found"),
    Failure.LOGIN_USER_BLOCKED: WireError(-33004, "User is blocked"),
    Failure.LOGIN_HIPAA: WireError(-33005, "This method is not allowed when HIPAA plugin is enabled"),
}

PARSE_ERROR = WireError(-32700, "Parse error")
INVALID_REQUEST = WireError(-32600, "Invalid Request")
METHOD_NOT_FOUND = WireError(-32601, "Method not found")
INTERNAL_ERROR = WireError(-32603, "Internal error")
SERVER_ERROR = WireError(-32000, "Server error")  # HTTP-level refusals (rate limits, gateways)
