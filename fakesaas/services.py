"""The registry: every emulated service, one line each, in the order they are mounted and listed.

The only module outside a service's package that imports it (tests/test_layers.py checks).
"""

from __future__ import annotations

from fakesaas.core.service import Service
from fakesaas.seatsio.service import SeatsioService
from fakesaas.simplybook.service import SimplybookService
from fakesaas.supersaas.service import SupersaasService


def all_services() -> list[Service]:
    """A fresh Service object of each emulated service (they hold no state; the world does)."""
    return [
        SupersaasService(),
        SeatsioService(),
        SimplybookService(),
    ]
