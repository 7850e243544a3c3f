"""Clients: who books. Their data is checked against the company's ``require_fields``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from fakesaas.simplybook.domain.errors import Failure, fail

_EMAIL = re.compile(r"\A[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_PHONE = re.compile(r"\A\+?[0-9][0-9 ()./-]{3,30}\Z")
TEXT_LIMIT = 255
CONTACT_FIELDS = ("address1", "address2", "city", "zip", "country_id")


@dataclass(slots=True)
class Client:
    id: int
    name: str
    email: str = ""
    phone: str = ""
    address1: str = ""
    address2: str = ""
    city: str = ""
    zip: str = ""
    country_id: str = ""
    hash: str = ""  # client_hash: md5 secret half of client_sign
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class ClientData:
    """Checked client data from a call, ready to match or create a client."""

    name: str
    email: str
    phone: str
    extra: tuple[tuple[str, str], ...] = ()


def check_client_data(data: Mapping[str, object], require_fields: str) -> ClientData:
    """Name always; email and phone as ``require_fields`` asks (phone, email, email_phone), and
    well-formed when given. -32061/-32062/-32063 name the first wrong value."""
    name = _text(data.get("name"))
    if not name or len(name) > TEXT_LIMIT:
        raise fail(
            Failure.CLIENT_NAME_WRONG, "the client's name is required (at most 255 characters)", "name"
        )
    email = _text(data.get("email"))
    if ("email" in require_fields and not email) or (email and not _EMAIL.match(email)):
        raise fail(
            Failure.CLIENT_EMAIL_WRONG, f"the client's email {email!r} is missing or malformed", "email"
        )
    phone = _text(data.get("phone"))
    if ("phone" in require_fields and not phone) or (phone and not _PHONE.match(phone)):
        raise fail(
            Failure.CLIENT_PHONE_WRONG, f"the client's phone {phone!r} is missing or malformed", "phone"
        )
    extra = tuple(
        (key, _text(data.get(key))[:TEXT_LIMIT]) for key in CONTACT_FIELDS if data.get(key) is not None
    )
    return ClientData(name, email, phone, extra)


def _text(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def matches(client: Client, data: ClientData) -> bool:
    """The same person: the same name, email (any case) and phone."""
    return (
        client.name == data.name
        and client.email.casefold() == data.email.casefold()
        and client.phone == data.phone
    )
