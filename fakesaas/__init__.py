"""fakesaas: an offline, stateful emulator of booking-SaaS HTTP APIs (SuperSaaS first)."""

from __future__ import annotations

from fakesaas.app import create_app

__version__ = "0.1.0"

__all__ = ["__version__", "create_app"]
