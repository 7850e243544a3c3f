"""Settings of one emulator instance, from FAKESAAS_* environment variables and command-line flags."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

MiB = 1 << 20
PREFIX = "FAKESAAS_"
# FAKESAAS_* variables that belong to the contract suites and the test runs, not to the emulator:
# left alone here, so one shell can hold both (contracts/README.md, tests/supersaas/test_schemathesis.py).
OTHER_VARIABLES = frozenset(
    {
        "FAKESAAS_BASE_URL",
        "FAKESAAS_ACCOUNT",
        "FAKESAAS_API_KEY",
        "FAKESAAS_SCHEDULE_RESOURCE",
        "FAKESAAS_SCHEDULE_CAPACITY",
        "FAKESAAS_SCHEMATHESIS_EXAMPLES",
        "FAKESAAS_SCHEMATHESIS_SEED",
    }
)


class SettingsError(ValueError):
    """A setting that cannot be taken: the message names the variable and what it accepts."""


@dataclass(frozen=True, slots=True)
class Settings:
    """``seed`` is ``demo``, ``none`` or the path of a seed file (JSON, see README).

    ``location_base`` replaces the scheme and host of ``location`` headers; unset, they point
    back at this emulator. Set it to ``https://www.supersaas.com`` for the Ruby SDK, which only
    returns a location naming that host.

    ``state`` is the path of a state file (see fakesaas/persistence.py): loaded at start when it
    exists (it then wins over ``seed``), saved on stop, on ``POST /_fakesaas/save`` and, when
    ``save_every`` is above 0, every that many seconds.

    ``durable`` (with ``state``) journals every acknowledged write before it is answered, and plays
    the journal back at start (fakesaas/durable.py): a crash loses nothing acknowledged.

    ``threads`` is how many Python threads of ``fakesaas serve`` answer requests (see
    fakesaas/production.py: one is the fastest).

    ``control_token``, when set, is required by the control plane (and the dashboard) on every
    request. Served on an address other than loopback, the emulator makes one up (and prints it)
    unless one is given or ``insecure_control`` says to go without.

    ``body_timeout`` is how many seconds a request's body may take to arrive once its headers have:
    past it the request is answered 408 and its connection closed, so a client that stalls mid-body
    holds nothing but itself (fakesaas/bridge.py, fakesaas/server.py).
    ``cors`` and ``cors_origins``: browser pages on other origins may call the emulated APIs (any
    origin unless ``cors_origins`` lists some, comma-separated, ``*`` patterns allowed; fakesaas/cors.py).

    ``webhook_targets`` is the hosts outgoing webhooks may reach (fakesaas/core/targets.py); unset,
    any host on a loopback-bound emulator, only public addresses on an exposed one.
    """

    host: str = "127.0.0.1"
    port: int = 8080
    seed: str = "demo"
    location_base: str | None = None
    max_body_bytes: int = MiB
    control: bool = True
    state: str | None = None
    save_every: float = 0.0
    durable: bool = False
    threads: int = 1
    access_log: bool = False
    control_token: str | None = None
    insecure_control: bool = False
    webhook_targets: str | None = None
    body_timeout: float = 5.0
    cors: bool = True
    cors_origins: str | None = None

    @classmethod
    def variables(cls) -> list[str]:
        """The environment variables that set the emulator, one per field."""
        return [f"{PREFIX}{field.name.upper()}" for field in fields(cls)]

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, services: Iterable[str] = (), **overrides: Any
    ) -> Settings:
        """Settings from ``FAKESAAS_*`` variables, then ``overrides`` (flags) where not None. An
        unknown ``FAKESAAS_*`` variable, or a value of the wrong kind, is a SettingsError naming it;
        ``services`` are the variables the services read themselves (``Service.environment``)."""
        environ = os.environ if environ is None else environ
        known = [*cls.variables(), *services]
        for name in environ:
            if name.startswith(PREFIX) and name not in known and name not in OTHER_VARIABLES:
                raise SettingsError(f"unknown environment variable {name} (known: {', '.join(known)})")
        values: dict[str, Any] = {}
        for field in fields(cls):
            variable = f"{PREFIX}{field.name.upper()}"
            raw = environ.get(variable)
            if raw is not None and raw != "":
                values[field.name] = _convert(variable, field.type, raw)
        values.update({key: value for key, value in overrides.items() if value is not None})
        return replace(cls(), **values)


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _convert(variable: str, kind: object, raw: str) -> Any:
    text = raw.strip()
    try:
        if kind in ("int", int):
            return int(text, 10)
        if kind in ("float", float):
            number = float(text)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(text)
            return number
    except ValueError:
        what = "a whole number" if kind in ("int", int) else "a number"
        raise SettingsError(f"{variable}={raw!r} is not {what}") from None
    if kind in ("bool", bool):
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise SettingsError(f"{variable}={raw!r} is not one of {', '.join(_TRUE + _FALSE)}")
    return raw
