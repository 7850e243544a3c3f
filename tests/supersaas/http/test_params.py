"""JSON bodies are read by orjson where it reads them as the json module does, and by the json module
otherwise (fakesaas/supersaas/http/params.py, ``_loads``): a body means the same parameters, or is
refused with the same message, whichever reads it."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fakesaas.core.errors import BadRequest
from fakesaas.supersaas.http.params import collect


def read_by_the_json_module(body: bytes) -> dict[str, Any] | str:
    """What a body meant when the json module read every one: its parameters, or the refusal."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return "Bad request: malformed JSON"
    if data is None:
        return {}
    if not isinstance(data, dict):
        return "Bad request: a JSON body must be an object"
    try:
        json.dumps(data).encode()  # the escapes of a lone surrogate stay ASCII; decode to check
        for text in _texts(data):
            text.encode("utf-8")
    except UnicodeEncodeError:
        return "Bad request: the JSON body holds an unpaired surrogate (\\ud800-\\udfff)"
    return data


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *_texts(item))]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def read_now(body: bytes) -> dict[str, Any] | str:
    try:
        params = collect((), (), body, "application/json")
    except BadRequest as refused:
        return refused.details[0].message
    # Every name the json module finds in the body, read back through the routes' own reader.
    try:
        names = json.loads(body)
    except (ValueError, RecursionError):
        return "read, where the json module refuses it"
    return {name: params.get(name) for name in names} if isinstance(names, dict) else {}


def same(left: Any, right: Any) -> bool:
    """Equal, types included (1 is not 1.0), NaN equal to NaN."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float):
        return left == right or (math.isnan(left) and math.isnan(right))
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right, strict=True))
    return bool(left == right)


# Any code point, lone surrogates included (hypothesis leaves them out of text unless asked).
any_text = st.text(st.characters(exclude_categories=()), max_size=12)
values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)  # past 64 bits: orjson would read floats
    | st.floats()  # NaN and infinities: the json module writes them, orjson refuses them
    | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(values)
def test_a_json_body_means_what_the_json_module_read_in_it(value: Any) -> None:
    body = json.dumps(value).encode("utf-8", "surrogatepass")
    assert same(read_now(body), read_by_the_json_module(body))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40) | st.sampled_from([b'{"a":NaN}', b'\xef\xbb\xbf{"a":1}', b'{"a":1e400}']))
def test_any_bytes_are_read_or_refused_as_the_json_module_did(body: bytes) -> None:
    if not body.strip():
        return  # an empty body is no parameters, before either reads it
    assert same(read_now(body), read_by_the_json_module(body))


@pytest.mark.parametrize(
    "body",
    [
        b'{"booking": {"resource_id": 123456789012345678901234567890}}',
        b'{"booking": {"start": "2031-01-06 08:00"}, "big": -98765432109876543210}',
    ],
)
def test_an_integer_past_64_bits_stays_an_integer(body: bytes) -> None:
    read = read_now(body)
    assert same(read, json.loads(body))
