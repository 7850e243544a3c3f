"""Checking a write's attribute names: which may be set, which are read-only, which are unknown."""

from __future__ import annotations

from collections.abc import Mapping

from fakesaas.core.errors import BadRequest


def writable_attributes(
    attributes: Mapping[str, object], writable: frozenset[str], read_only: frozenset[str], model: str
) -> dict[str, object]:
    """The attributes a write may apply. Read-only output fields (``id``, ``created_on``...) are
    dropped so a record read from the API can be sent back as it is; any other unknown name is
    refused with the message the SDK README shows: "Bad request: unknown attribute 'x' for Booking."
    A writable attribute holds one value: a list or an object there is refused too, rather than
    stored as nothing.
    """
    accepted: dict[str, object] = {}
    for key, value in attributes.items():
        if key in writable:
            if isinstance(value, Mapping | list):
                raise BadRequest(f"Bad request: {model.lower()}[{key}] must be a single value", key)
            accepted[key] = value
        elif key not in read_only:
            raise BadRequest(f"Bad request: unknown attribute '{key}' for {model}.", key)
    return accepted
