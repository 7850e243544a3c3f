"""Settings of one emulator instance, from FAKESAAS_* environment variables and command-line flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

MiB = 1 << 20


@dataclass(frozen=True, slots=True)
class Settings:
    """``seed`` is ``demo``, ``none`` or the path of a seed file (JSON, see README).

    ``location_base`` replaces the scheme and host of ``location`` headers; unset, they point
    back at this emulator. Set it to ``https://www.supersaas.com`` for the Ruby SDK, which only
    returns a location naming that host.

    ``state`` is the path of a state file (see fakesaas/persistence.py): loaded at start when it
    exists (it then wins over ``seed``), saved on stop, on ``POST /_fakesaas/save`` and, when
    ``save_every`` is above 0, every that many seconds.

    ``threads`` is how many Python threads of ``fakesaas serve`` answer requests (see
    fakesaas/production.py: one is the fastest).
    """

    host: str = "127.0.0.1"
    port: int = 8080
    seed: str = "demo"
    location_base: str | None = None
    max_body_bytes: int = MiB
    control: bool = True
    state: str | None = None
    save_every: float = 0.0
    threads: int = 1

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = environ.get(f"FAKESAAS_{field.name.upper()}")
            if raw is not None and raw != "":
                values[field.name] = _convert(field.type, raw)
        values.update({key: value for key, value in overrides.items() if value is not None})
        return replace(cls(), **values)


def _convert(kind: object, raw: str) -> Any:
    if kind in ("int", int):
        return int(raw)
    if kind in ("float", float):
        return float(raw)
    if kind in ("bool", bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return raw
