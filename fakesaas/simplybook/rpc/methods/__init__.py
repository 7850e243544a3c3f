"""Every JSON-RPC method of the three services, gathered into one table."""

from __future__ import annotations

from fakesaas.simplybook.rpc.methods import admin, availability, bookings, catalog, login, payments
from fakesaas.simplybook.rpc.registry import Method, MethodTable

__all__ = ["all_methods", "method_table"]


def all_methods() -> list[Method]:
    return [
        *login.methods(),
        *catalog.methods(),
        *availability.methods(),
        *bookings.methods(),
        *payments.methods(),
        *admin.methods(),
    ]


def method_table() -> MethodTable:
    return MethodTable(all_methods())
