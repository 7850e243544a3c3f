"""Why a SimplyBook call fails: one ``Failure`` per documented error, raised as ``SimplybookError``.

The domain names the condition; ``fakesaas/simplybook/rpc/errors.py`` holds the one table that
gives each condition its JSON-RPC code and documented message::

    DomainError (fakesaas.core.errors)
    └── SimplybookError     failure: Failure, message (detail), field
"""

from __future__ import annotations

from enum import Enum

from fakesaas.core.errors import DomainError


class Failure(Enum):
    """Every error condition of seed 003's "Error codes" list and of the login service."""

    PLUGIN_NOT_ACTIVATED = "plugin_not_activated"
    REQUIRED_PARAMS_MISSING = "required_params_missing"
    PARAMS_NOT_ARRAY = "params_not_array"
    SCHEDULER_NOT_FOUND = "scheduler_not_found"
    NOT_RECURRENT = "not_recurrent"
    NO_PERMISSION = "no_permission"
    PROMO_INVALID = "promo_invalid"
    PROMO_EXPIRED = "promo_expired"
    PROMO_NOT_ACTIVE_YET = "promo_not_active_yet"
    PROMO_NOT_FOR_SERVICE = "promo_not_for_service"
    PROMO_MAX_USAGE = "promo_max_usage"
    PROMO_MAX_PER_CUSTOMER = "promo_max_per_customer"
    PROMO_NOT_FOR_DATETIME = "promo_not_for_datetime"
    EVENT_NOT_AVAILABLE = "event_not_available"
    UNIT_NOT_AVAILABLE = "unit_not_available"
    DATE_NOT_AVAILABLE = "date_not_available"
    TIME_NOT_AVAILABLE = "time_not_available"
    NOT_ALL_RESERVED = "not_all_reserved"
    BOOKING_NOT_ALLOWED_NOW = "booking_not_allowed_now"
    CLIENT_NAME_WRONG = "client_name_wrong"
    CLIENT_EMAIL_WRONG = "client_email_wrong"
    CLIENT_PHONE_WRONG = "client_phone_wrong"
    ADDITIONAL_FIELDS_WRONG = "additional_fields_wrong"
    BOOKING_NOT_FOUND = "booking_not_found"
    SIGNATURE_ERROR = "signature_error"
    CONFIRMATION_KEY_TYPE = "confirmation_key_type"
    BATCH_NOT_FOUND = "batch_not_found"
    UNSUPPORTED_PAYMENT_SYSTEM = "unsupported_payment_system"
    PAYMENT_FAILED = "payment_failed"
    ACCESS_DENIED = "access_denied"
    COMPANY_NOT_FOUND = "company_not_found"
    INVALID_PARAMS = "invalid_params"
    CLIENT_NOT_FOUND = "client_not_found"
    LOGIN_COMPANY_NOT_FOUND = "login_company_not_found"
    LOGIN_WRONG_API_KEY = "login_wrong_api_key"
    LOGIN_USER_NOT_FOUND = "login_user_not_found"
    LOGIN_USER_BLOCKED = "login_user_blocked"
    LOGIN_HIPAA = "login_hipaa"


class SimplybookError(DomainError):
    """A refused call: ``failure`` says which documented error it is; ``message`` adds the detail
    (which value, which rule) and ``field`` the parameter at fault, when there is one."""

    code = "simplybook"

    def __init__(self, failure: Failure, message: str = "", field: str | None = None) -> None:
        super().__init__(message or failure.value.replace("_", " "), field)
        self.failure = failure


def fail(failure: Failure, message: str = "", field: str | None = None) -> SimplybookError:
    """The error to raise: ``raise fail(Failure.X, "why", "param")``."""
    return SimplybookError(failure, message, field)
