"""The user database API: what is written reads back, updates touch only what they name, deletes stick."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.supersaas.lab import Lab, expect
from contracts.supersaas.strategies import USER_VALUES, some_of, user_fields
from contracts.supersaas.wire import FORMATS, as_text, encode

pytestmark = pytest.mark.destructive

VOLATILE = {"updated_on"}


@pytest.mark.parametrize("fmt", FORMATS)
@given(fields=user_fields())
def test_a_created_user_reads_back_as_written(lab: Lab, fmt: str, fields: dict[str, str]) -> None:
    """000: "Create a user with user attributes" answers 201 and a location; "Get a single user by
    user_id" then shows those attributes (001: "stored unchanged as UTF-8 encoded strings")."""
    with lab.sandbox() as box:
        written = box.user_fields(fields)
        reply = expect(box.create_user(written, fmt), 201)
        assert reply.location_id is not None, reply.describe()
        read_fmt = "xml" if fmt == "xml" else "json"
        user = expect(lab.user(reply.location_id, read_fmt), 200).data
        assert as_text(user["id"]) == str(reply.location_id)
        assert {name: as_text(user.get(name)) for name in written} == written


@given(fields=user_fields(), changes=some_of(USER_VALUES), data=st.data())
def test_updating_a_user_changes_only_the_given_fields(
    lab: Lab, fields: dict[str, str], changes: dict[str, str], data: st.DataObject
) -> None:
    """000: "You only need to specify the attributes you wish to update"."""
    with lab.sandbox() as box:
        user_id, _ = box.new_user(fields)
        before = expect(lab.user(user_id), 200).data
        fmt = data.draw(st.sampled_from(FORMATS), label="format")
        path = f"/api/users/{user_id}.{'xml' if fmt == 'xml' else 'json'}"
        expect(lab.client.put(path, **encode("user", changes, fmt)), 200)
        after = expect(lab.user(user_id), 200).data
        assert {name: after[name] for name in changes} == changes
        unchanged = set(before) - set(changes) - VOLATILE
        assert {k: after.get(k) for k in unchanged} == {k: before[k] for k in unchanged}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_deleted_user_is_gone(lab: Lab, fmt: str) -> None:
    """000: "Delete a single user by user_id, and if the user does not exist 404 error will be
    raised"; "Get a single user ... if the user does not exist 404 error will be raised"."""
    with lab.sandbox() as box:
        user_id, _ = box.new_user()
        expect(lab.user(user_id, fmt), 200)
        expect(lab.client.delete(f"/api/users/{user_id}.{fmt}"), 200)
        expect(lab.user(user_id, fmt), 404)
        expect(lab.client.delete(f"/api/users/{user_id}.{fmt}"), 404)
