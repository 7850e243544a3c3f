"""A company's configuration: every param of seed 003's "Company params" and its plugins."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.values import valid_timezone, whole

TIMEFRAMES = (5, 10, 15, 20, 30, 60)
REQUIRE_FIELDS = ("", "phone", "email", "email_phone")
# "classic" is deprecated and "not supported anymore" (seed 003), so a company cannot have it.
TIMELINE_TYPES = ("flexible", "modern", "flexible_week", "modern_week")
FLAGS = (
    "allow_delay_payment",
    "allow_event_breaktime_break",
    "allow_event_day_break",
    "changable_prefix_by_client",
    "fixed_country_prefix",
    "hide_sale_tax",
    "monday_is_first_day",
    "send_notifications_in_client_timezone",
    "show_booking_page_in_client_timezone",
)
# Whole numbers: max_group_bookings (per batch), min_time_till_event (hours before the start a
# booking closes), max_time_till_event (days ahead a booking may be made; 0 = no limit) and
# payment_timeout (minutes). The units are the admin pages' [INF].
NUMBERS = ("max_group_bookings", "max_time_till_event", "min_time_till_event", "payment_timeout", "timeframe")

DEFAULT_PARAMS: Mapping[str, str] = {
    "allow_delay_payment": "0",
    "allow_event_breaktime_break": "0",
    "allow_event_day_break": "0",
    "changable_prefix_by_client": "1",
    "company_timezone": "Europe/London",
    "date_format": "Y-m-d",
    "fixed_country_prefix": "0",
    "hide_sale_tax": "0",
    "max_group_bookings": "10",
    "max_time_till_event": "0",
    "min_time_till_event": "0",
    "monday_is_first_day": "1",
    "payment_timeout": "30",
    "require_fields": "email_phone",
    "sale_tax": "0",
    "send_notifications_in_client_timezone": "0",
    "show_booking_page_in_client_timezone": "0",
    "time_format": "H:i",
    "timeframe": "60",
    "user_public_timeline_type": "modern",
}
PARAM_NAMES = tuple(DEFAULT_PARAMS)


class Plugin(Enum):
    """Plugin identifiers of seed 003, as ``isPluginActivated`` and ``getPluginStatuses`` name them."""

    ADVANCED_NOTIFICATION = "advanced_notification"
    ANY_UNIT = "any_unit"
    API = "api"
    APPROVE_BOOKING = "approve_booking"
    BACK_TO_SITE = "back_to_site"
    CONTACT_WIDGET = "contact_widget"
    COUNTER = "counter"
    CUSTOM_CSS = "custom_css"
    DATA_SECURITY = "data_security"
    DESCRIPTION = "description"
    EVENT_CATEGORY = "event_category"
    EVENT_FIELD = "event_field"
    FACEBOOK_IMAGE = "facebookImage"
    FINANCIAL_DASHBOARD = "financial_dashboard"
    GOOGLE_ANALYTICS = "google_analytics"
    GOOGLE_CALENDAR_EXPORT = "google_calendar_export"
    GROUP_BOOKING = "group_booking"
    HIPAA = "hipaa"
    LIMIT_BOOKINGS = "limit_bookings"
    LOCATION = "location"
    MOBILE_APP_BACKEND = "mobile_app_backend"
    MULTIPLE_BOOKING = "multiple_booking"
    NEWS = "news"
    PAID_EVENTS = "paid_events"
    PROMO = "promo"
    RECAP = "recap"
    SECURE = "secure"
    STATUS = "status"
    UNIT_COLORS = "unit_colors"
    USER_LICENSE = "user_license"


DEFAULT_PLUGINS = frozenset({Plugin.API})


def plugin_named(name: object) -> Plugin | None:
    return next((plugin for plugin in Plugin if plugin.value == name), None)


def check_params(values: Mapping[str, object]) -> dict[str, str]:
    """The defaults overlaid with ``values``, each checked; ValueError names the first bad one."""
    params = dict(DEFAULT_PARAMS)
    for name, raw in values.items():
        if name not in DEFAULT_PARAMS:
            raise ValueError(f"unknown company param {name!r} (known: {', '.join(PARAM_NAMES)})")
        if isinstance(raw, bool):
            raw = "1" if raw else "0"
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise ValueError(f"company param {name} must be a string or a number")
        params[name] = str(raw)
    for name in FLAGS:
        if params[name] not in ("0", "1"):
            raise ValueError(f"company param {name} must be 0 or 1, not {params[name]!r}")
    for name in NUMBERS:
        number = whole(params[name])
        if number is None or number < 0:
            raise ValueError(f"company param {name} must be a whole number, not {params[name]!r}")
    if int(params["timeframe"]) not in TIMEFRAMES:
        raise ValueError(f"timeframe must be one of {', '.join(map(str, TIMEFRAMES))} minutes")
    if params["require_fields"] not in REQUIRE_FIELDS:
        raise ValueError("require_fields must be one of phone, email, email_phone (or empty)")
    if params["user_public_timeline_type"] not in TIMELINE_TYPES:
        raise ValueError(f"user_public_timeline_type must be one of {', '.join(TIMELINE_TYPES)}")
    if not valid_timezone(params["company_timezone"]):
        raise ValueError(f"company_timezone {params['company_timezone']!r} is not an IANA timezone")
    try:
        float(params["sale_tax"])
    except ValueError:
        raise ValueError("sale_tax must be a number") from None
    return params


@dataclass(slots=True)
class Settings:
    """A company's params and plugin switches, with typed reads (the params stay strings, as the
    API shows them)."""

    params: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PARAMS))
    plugins: frozenset[Plugin] = DEFAULT_PLUGINS

    def flag(self, name: str) -> bool:
        return self.params[name] == "1"

    def number(self, name: str) -> int:
        return int(self.params[name])

    @property
    def timeframe(self) -> int:
        """Minutes of the start-time grid."""
        return int(self.params["timeframe"])

    @property
    def timezone(self) -> str:
        return self.params["company_timezone"]

    def active(self, plugin: Plugin) -> bool:
        return plugin in self.plugins

    def require(self, plugin: Plugin) -> None:
        """-32001 unless ``plugin`` is on."""
        if plugin not in self.plugins:
            raise fail(
                Failure.PLUGIN_NOT_ACTIVATED, f"the {plugin.value} plugin is not activated", plugin.value
            )
