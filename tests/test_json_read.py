"""Request bodies read by orjson mean what the json module reads in them (fakesaas/core/json_read.py):
every body orjson reads, the json module reads the same, types included; what orjson leaves
alone is read by the json module as before. Seats.io's bodies and SimplyBook's calls go this way."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fakesaas.core.json_read import UNREAD, quick_loads
from fakesaas.simplybook.rpc import protocol
from tests.supersaas.http.test_params import same, values

bodies = (
    values.map(lambda value: json.dumps(value).encode("utf-8", "surrogatepass"))
    | values.map(lambda value: json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    | st.binary(max_size=40)
    | st.sampled_from([b'{"a":NaN}', b'\xef\xbb\xbf{"a":1}', b'{"a":1e400}', b'{"a":1,"a":2}', b'"\\ud800"'])
)


def by_the_json_module(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return UNREAD


@settings(max_examples=600, deadline=None)
@given(bodies)
def test_what_orjson_reads_the_json_module_reads_alike(body: bytes) -> None:
    quick = quick_loads(body)
    if quick is not UNREAD:
        assert same(quick, by_the_json_module(body))


@settings(max_examples=300, deadline=None)
@given(bodies)
def test_a_simplybook_call_reads_as_the_json_module_reads_its_utf8_text(body: bytes) -> None:
    try:
        expected: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        expected = protocol.Unreadable
    try:
        found = protocol.read(body)
    except protocol.Unreadable:
        found = protocol.Unreadable
    assert same(found, expected)


def test_a_body_with_a_long_number_is_left_to_the_json_module() -> None:
    assert quick_loads(b'{"id": 123456789012345678901234567890}') is UNREAD
    assert quick_loads(b'{"id": 1234567890}') == {"id": 1234567890}
