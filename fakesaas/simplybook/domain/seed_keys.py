"""The keys each object of a ``simplybook`` seed section may have: the loaders refuse any other, and
the published schema (fakesaas/simplybook/seed_schema.py) is built from the same tables."""

from __future__ import annotations

from fakesaas.simplybook.domain.companies import CompanyInfo

SECTION_KEYS = ("companies",)
COMPANY_KEYS = (
    "login",
    "api_key",
    "secret_key",
    "info",
    "params",
    "plugins",
    "hours",
    "holidays",
    "users",
    "categories",
    "locations",
    "providers",
    "services",
    "fields",
    "statuses",
    "promotions",
    "clients",
    "bookings",
)
INFO_KEYS = tuple(CompanyInfo.__dataclass_fields__)
USER_KEYS = ("id", "login", "password", "name", "email", "phone", "blocked", "role")
CATEGORY_KEYS = ("id", "name", "description", "is_public", "position")
PROVIDER_KEYS = (
    "id",
    "name",
    "description",
    "email",
    "phone",
    "position",
    "color",
    "is_active",
    "is_visible",
    "qty",
    "hours",
    "breaks",
    "days_off",
)
# The texts of a location, besides its (required) title.
LOCATION_TEXTS = ("description", "address1", "address2", "city", "zip", "country_id", "lat", "lng", "phone")
LOCATION_KEYS = ("id", "title", *LOCATION_TEXTS, "position", "is_default", "is_public", "providers")
SERVICE_KEYS = (
    "id",
    "name",
    "duration",
    "buffer_time_after",
    "description",
    "price",
    "currency",
    "is_public",
    "is_active",
    "position",
    "hide_duration",
    "picture",
    "providers",
    "provider_durations",
    "categories",
    "recurring",
)
RECURRING_KEYS = ("days", "repeat_count", "type", "mode")
FIELD_KEYS = ("id", "name", "title", "type", "values", "default", "optional", "position", "services")
STATUS_KEYS = ("id", "name", "description", "color", "default")
PROMOTION_KEYS = (
    "id",
    "code",
    "title",
    "description",
    "discount",
    "start_date",
    "expired_date",
    "booking_start_date",
    "booking_end_date",
    "booking_start_time",
    "booking_end_time",
    "usage_limit",
    "usage_per_client",
    "services",
    "active",
)
CLIENT_KEYS = ("id", "name", "email", "phone", "address1", "address2", "city", "zip", "country_id")
BOOKING_KEYS = (
    "service",
    "provider",
    "client",
    "start",
    "end",
    "state",
    "additional",
    "count",
    "status",
    "paid",
)
