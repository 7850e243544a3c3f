"""The JSON every emulated API answers with is written by orjson (fakesaas/core/render/json_bytes.py):
these pin that a client reads the very bytes the json module wrote before, and that what orjson
refuses still gets an answer."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fakesaas.core.render.json_bytes import dumps


def json_module(data: Any) -> bytes:
    """What every answer was written with before: the json module, compact, UTF-8."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")


# Floats the json module writes without an exponent (1e-4 <= |x| < 1e16): orjson writes the
# others in its own form (1e-05 as 0.00001), the same number to every parser (test below).
plain_floats = st.floats(allow_nan=False, allow_infinity=False).filter(
    lambda x: x == 0 or 1e-4 <= abs(x) < 1e16
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.text()  # control characters, quotes, backslashes, astral planes, U+2028
    | plain_floats
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=500)
@given(documents)
def test_an_answer_has_the_bytes_the_json_module_wrote(data: Any) -> None:
    assert dumps(data) == json_module(data)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_float_reads_back_as_the_same_number(number: float) -> None:
    assert json.loads(dumps({"price": number}))["price"] == number


def test_what_orjson_refuses_is_written_by_the_json_module() -> None:
    # An integer past 64 bits, a key that is not text, a lone surrogate (replaced, as before).
    for data in ({"id": 2**70}, {1: "one"}, {"name": "a\ud800b"}):
        assert dumps(data) == json_module(data)


def test_nan_and_infinities_are_written_as_null_which_parsers_accept() -> None:
    written = dumps([math.nan, math.inf, -math.inf])
    assert json.loads(written) == [None, None, None]
