"""fakesaas: an offline, stateful emulator of booking-SaaS HTTP APIs (SuperSaaS first)."""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports below: the modules they load read it

from fakesaas.app import create_app

__all__ = ["__version__", "create_app"]
