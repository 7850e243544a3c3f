"""``python -m fakesaas`` is the ``fakesaas`` command."""

from __future__ import annotations

from fakesaas.cli import run

run()
