"""fakesaas: an offline, stateful emulator of booking-SaaS HTTP APIs (SuperSaaS, Seats.io, SimplyBook.me).

``create_app`` is loaded on first use, so importing a light part of the package (the pytest plugin,
a domain module) does not load Flask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fakesaas._version import __version__

if TYPE_CHECKING:
    from fakesaas.app import create_app
    from fakesaas.control_client import Control, ControlError

__all__ = ["Control", "ControlError", "__version__", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from fakesaas.app import create_app

        return create_app
    if name in ("Control", "ControlError"):
        from fakesaas import control_client

        return getattr(control_client, name)
    raise AttributeError(f"module 'fakesaas' has no attribute {name!r}")
