"""fakesaas with its demo data as a module-level WSGI callable (``bench.fakesaas_app:app``), so any
WSGI server's own command line can serve it for a measurement."""

from __future__ import annotations

from fakesaas.app import create_app
from fakesaas.settings import Settings

app = create_app(Settings.from_env(seed="demo"))
