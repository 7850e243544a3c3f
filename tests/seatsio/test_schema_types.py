"""Body shapes judged by type: every JSON value against every kind of field, as the real API's
validator names them (``#/objects/1: expected type: ..., found: Integer``).

The checks take shortcuts for the common case (a value of the right type is let through without a
call, a list of labels in one pass); these cases hold the shortcuts to the plain rule: a value fits
a field when its JSON type is one the field names (Number takes Integer and BigDecimal), null fits
a field but is never an element of a list, and a misfit is named by its place and its type.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.http.requests import BATCH_CHANGE
from fakesaas.seatsio.http.schema import (
    ANY,
    ANY_OBJECT,
    BOOLEAN,
    INTEGER,
    KEY,
    NUMBER,
    STRING,
    Arr,
    Obj,
    Type,
    validate,
)

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=3))
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
FIELDS = [STRING, INTEGER, NUMBER, BOOLEAN, ANY_OBJECT, KEY, ANY]


def json_type(value: Any) -> str:
    """The validator's name for a JSON value, read off the value itself."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "Boolean"
    names = {int: "Integer", float: "BigDecimal", str: "String", list: "JSONArray"}
    return names.get(type(value), "JSONObject")


def fits(value: Any, field: Type) -> bool:
    found = json_type(value)
    return found in field.names or ("Number" in field.names and found in ("Integer", "BigDecimal"))


def expected(field: Type) -> str:
    return field.names[0] if len(field.names) == 1 else "one of " + ", ".join(field.names)


def message_of(value: Any, spec: Obj) -> str | None:
    try:
        validate(value, spec)
    except InvalidRequest as error:
        return str(error)
    return None


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: "|".join(field.names))
@given(value=st.one_of(SCALARS, JSON))
def test_a_field_takes_a_value_of_a_type_it_names_or_null(value: Any, field: Type) -> None:
    found = message_of({"x": value}, Obj({"x": field}))
    if value is None or fits(value, field):
        assert found is None
    else:
        assert found == f"#/x: expected type: {expected(field)}, found: {json_type(value)}"


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: "|".join(field.names))
@given(values=st.lists(st.one_of(SCALARS, JSON), max_size=5))
def test_a_list_names_each_element_that_does_not_fit(values: list[Any], field: Type) -> None:
    found = message_of({"xs": values}, Obj({"xs": Arr(field)}))
    misfits = [
        f"#/xs/{index}: expected type: {expected(field)}, found: {json_type(value)}"
        for index, value in enumerate(values)
        if value is None or not fits(value, field)
    ]
    assert found == ("; ".join(misfits) or None)


REF = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"objectId": JSON},
        optional={"ticketType": JSON, "quantity": JSON, "extraData": JSON, "other": JSON},
    ),
)
REF_FIELDS = {"objectId": STRING, "ticketType": STRING, "extraData": ANY_OBJECT}


def ref_misfits(place: str, ref: Any) -> list[str]:
    """What the validator says of one element of ``objects``: a label, or an object with an id."""
    if isinstance(ref, str):
        return []
    if not isinstance(ref, dict):  # neither: the second shape's message, null named as neither
        expecting = "String or JSONObject" if ref is None else "JSONObject"
        return [f"{place}: expected type: {expecting}, found: {json_type(ref)}"]
    found = [f"{place}: required key [objectId] not found"] if ref.get("objectId") is None else []
    for name, value in ref.items():
        if name == "quantity" and value is not None:
            if json_type(value) != "Integer":
                found.append(f"{place}/quantity: expected type: Integer, found: {json_type(value)}")
            elif value < 1:
                found.append(f"{place}/quantity: {value} is not greater or equal to 1")
        elif name in REF_FIELDS and value is not None and not fits(value, REF_FIELDS[name]):
            field = REF_FIELDS[name]
            found.append(f"{place}/{name}: expected type: {expected(field)}, found: {json_type(value)}")
    return found


@given(refs=st.lists(REF, min_size=1, max_size=5))
def test_objects_of_a_status_change_are_labels_or_objects_with_an_object_id(refs: list[Any]) -> None:
    body = {"statusChanges": [{"event": "e", "status": "booked", "objects": refs}]}
    misfits = [
        misfit
        for index, ref in enumerate(refs)
        for misfit in ref_misfits(f"#/statusChanges/0/objects/{index}", ref)
    ]
    assert message_of(body, BATCH_CHANGE) == ("; ".join(misfits) or None)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (["A-1", "A-2"], None),
        (["A-1", 7], "#/statusChanges/0/objects/1: expected type: JSONObject, found: Integer"),
        (["A-1", None], "#/statusChanges/0/objects/1: expected type: String or JSONObject, found: null"),
        ([{"objectId": "A-1"}, "A-2"], None),
        ([True], "#/statusChanges/0/objects/0: expected type: JSONObject, found: Boolean"),
    ],
)
def test_a_batch_names_the_label_that_is_neither(labels: list[Any], message: str | None) -> None:
    body = {"statusChanges": [{"event": "e", "status": "booked", "objects": labels}]}
    assert message_of(body, BATCH_CHANGE) == message
