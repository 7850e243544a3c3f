"""Compact UTF-8 JSON for every answer of the emulated APIs: written by orjson, the json module's
bytes exactly, for a tenth of the json module's cost.

Measured on GET one booking (33 fields): the json module's encoder took 86,000 instructions of the
request's 630,000; orjson takes a tenth of that (``python bench/instructions.py``). Its output is
byte for byte the json module's with ``ensure_ascii=False`` and ``separators=(",", ":")``, checked
by a hypothesis test (tests/test_json_bytes.py), for everything but two kinds of float: one
written in exponent form (below 1e-4 or from 1e16: ``1e-05`` is written ``0.00001``, the same
number to every parser), and NaN or an infinity, which orjson writes as ``null`` and the json
module as ``NaN``, which no JSON parser accepts. What orjson refuses (a lone surrogate, an integer
past 64 bits, a key that is not text) the json module writes, as before: an answer never fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

# One encoder for the refused cases: ``json.dumps`` with options builds a new one per call.
_OPTIONS: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
_ENCODER = json.JSONEncoder(**_OPTIONS)


def dumps(data: Any, default: Callable[[Any], Any] | None = None) -> bytes:
    """``data`` as compact JSON in UTF-8, keys in their order. ``default`` gives what to write for
    an object neither encoder knows (a dataclass included: orjson would write its fields)."""
    try:
        if default is None:
            return orjson.dumps(data)
        return orjson.dumps(data, default, orjson.OPT_PASSTHROUGH_DATACLASS)
    except TypeError:  # orjson.JSONEncodeError is one
        # "replace" only matters for text no parser lets in (lone surrogates); never fail to answer.
        encoder = _ENCODER if default is None else json.JSONEncoder(**_OPTIONS, default=default)
        return encoder.encode(data).encode("utf-8", "replace")
