"""``python -m fakesaas`` is the ``fakesaas`` command."""

from __future__ import annotations

import sys

from fakesaas.cli import main

sys.exit(main())
