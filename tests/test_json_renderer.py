"""The JSON renderer hands the document tree to the encoder as it is, and the encoder asks for each
record, collection and value list as it meets them (fakesaas/core/render/json_renderer.py): the
bytes must be those of a tree converted to plain lists and dicts first, whatever the document
holds, texts orjson refuses and integers past 64 bits included."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fakesaas.core.document import Collection, Document, PerFormat, Record, Value, Values
from fakesaas.core.render import json_renderer


def converted_first(document: Document) -> bytes:
    """The tree as plain lists and dicts, then written by the json module, compact, in UTF-8."""

    def plain(value: Value) -> Any:
        if isinstance(value, Record):
            return {key: plain(field) for key, field in value.fields}
        if isinstance(value, Collection):
            return [plain(item) for item in value.items]
        if isinstance(value, Values):
            return list(value.items)
        if isinstance(value, PerFormat):
            return value.json
        return value

    data = (
        {document.name: [plain(item) for item in document.items]}
        if isinstance(document, Collection) and document.wrap_json
        else plain(document)
    )
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "replace")


names = st.text(max_size=8)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)  # past 64 bits: orjson refuses them
    | st.text(st.characters(exclude_categories=()), max_size=10)  # lone surrogates: orjson refuses them
    | st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x == 0 or 1e-4 <= abs(x) < 1e16)
)
leaf_values = (
    scalars
    | st.builds(PerFormat, scalars, scalars)
    | st.builds(Values, names, st.lists(scalars, max_size=3).map(tuple))
)


def records_of(values: st.SearchStrategy[Value]) -> st.SearchStrategy[Record]:
    fields = st.lists(st.tuples(names, values), max_size=5).map(tuple)
    return st.builds(Record, names, fields)


values = st.recursive(
    leaf_values,
    lambda inner: (
        records_of(inner)
        | st.builds(Collection, names, st.lists(records_of(inner), max_size=3).map(tuple), st.booleans())
    ),
    max_leaves=25,
)
documents = records_of(values) | st.builds(
    Collection, names, st.lists(records_of(values), max_size=4).map(tuple), st.booleans()
)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_the_renderer_writes_the_bytes_of_the_tree_converted_first(document: Document) -> None:
    assert json_renderer.render(document) == converted_first(document)


def test_a_record_in_a_record_in_a_wrapped_collection_is_written_in_field_order() -> None:
    inner = Record("resource", (("id", 2), ("name", "Room 1")))
    outer = Record("booking", (("id", 1), ("flag", PerFormat(True, "W")), ("resource", inner)))
    document = Collection("bookings", (outer,), wrap_json=True)
    assert json_renderer.render(document) == (
        b'{"bookings":[{"id":1,"flag":true,"resource":{"id":2,"name":"Room 1"}}]}'
    )
