"""The operations of a real API, as a service lists them for the coverage table (docs/coverage.md).

A service names every operation of the real API it emulates, from the API's documentation and its
official SDKs' methods, emulated or not; ``fakesaas/coverage.py`` finds out from the running app which
of them are served and which tests pin them, so the table is generated, never claimed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of the real API.

    ``route`` is a REST operation's ``(method, example path)`` (``("GET", "/api/free/100001.json")``);
    ``rpc`` a JSON-RPC operation's ``(endpoint path, method name)``. ``missing`` says what of it is not
    emulated (an operation served with something missing is "partly"). ``needles`` are texts whose
    presence in a test file marks it as pinning the operation (default: derived from the route or
    method name).
    """

    name: str
    reference: str
    route: tuple[str, str] | None = None
    rpc: tuple[str, str] | None = None
    missing: str = ""
    needles: tuple[str, ...] = ()
