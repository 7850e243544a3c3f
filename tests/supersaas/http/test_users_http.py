"""Users over HTTP: create, read, update, delete, foreign-key paths, the duplicate and notfound
options, validation, and what a user record shows (never the password)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from lxml import etree

from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_FK,
    ALICE_NAME,
    BOB,
    BOB_NAME,
    CAROL,
    NEXT_USER_ID,
    checksum,
    error_titles,
    id_from_location,
)

MEMBERS, STAFF = 400001, 400002
SECRET = "s3cret-Pa55word!"
USER_FIELDS = {
    "id",
    "name",
    "email",
    "full_name",
    "address",
    "mobile",
    "phone",
    "country",
    "field_1",
    "field_2",
    "super_field",
    "credit",
    "role",
    "group",
    "timezone",
    "fk",
    "created_on",
    "updated_on",
}


def _user(api: Api, ref: object) -> dict[str, Any]:
    response = api.get(f"/api/users/{ref}.json")
    assert response.status_code == 200, response.data
    return response.get_json()


def _all_users(api: Api) -> list[dict[str, Any]]:
    return api.get("/api/users.json?limit=1000").get_json()


def _titles(response: Any, status: int) -> list[str]:
    assert response.status_code == status, response.data
    return error_titles(response.get_json())


# --- create and read ----------------------------------------------------------------------------


def test_create_answers_201_with_location_and_reads_back(api) -> None:
    attributes = {"name": "dave@example.com", "full_name": "Dave Doe", "email": "dave@example.com"}
    attributes.update(country="de", field_1="left", super_field="S", timezone="Europe/Berlin")
    body = {"user": attributes}
    response = api.post("/api/users.json", json=body)
    assert (response.status_code, response.data) == (201, b"")
    assert response.headers["location"].endswith(f"/api/users/{NEXT_USER_ID}.json")
    user = _user(api, id_from_location(response.headers["location"]))
    assert set(user) == USER_FIELDS
    assert (user["id"], user["name"], user["full_name"], user["country"]) == (
        NEXT_USER_ID,
        "dave@example.com",
        "Dave Doe",
        "DE",
    )
    assert (user["field_1"], user["super_field"], user["timezone"]) == ("left", "S", "Europe/Berlin")
    assert (user["credit"], user["role"], user["group"], user["fk"]) == ("0", 3, None, None)
    assert user["created_on"] == user["updated_on"] == "2030-01-07 08:00:00"


def test_created_user_is_listed_after_the_existing_ones(api) -> None:
    api.post("/api/users.json", json={"user": {"name": "erin@example.com"}})
    assert [u["id"] for u in _all_users(api)] == [ALICE, BOB, CAROL, NEXT_USER_ID]


def test_post_to_a_foreign_key_creates_the_user_with_that_key(api) -> None:
    response = api.post("/api/users/77fk", json={"user": {"name": "fk@example.com"}})
    assert response.status_code == 201
    assert id_from_location(response.headers["location"]) == NEXT_USER_ID
    found = _user(api, "77FK")
    assert (found["id"], found["fk"], found["name"]) == (NEXT_USER_ID, "77fk", "fk@example.com")
    assert _user(api, "77fk") == found
    assert _user(api, NEXT_USER_ID) == found


def test_foreign_key_lookup_ignores_case_and_finds_seeded_user(api) -> None:
    assert _user(api, ALICE_FK.upper())["id"] == ALICE


def test_post_to_an_existing_foreign_key_updates_that_user(api) -> None:
    response = api.post(f"/api/users/{ALICE_FK}.json", json={"user": {"full_name": "Alice Renamed"}})
    assert (response.status_code, response.data) == (200, b"")
    assert id_from_location(response.headers["location"]) == ALICE
    assert _user(api, ALICE)["full_name"] == "Alice Renamed"
    assert len(_all_users(api)) == 3


def test_duplicate_raise_refuses_an_existing_foreign_key(api) -> None:
    before = _all_users(api)
    response = api.post(f"/api/users/{ALICE_FK}.json?duplicate=raise", json={"user": {"full_name": "X"}})
    assert _titles(response, 422) == ["Foreign key has already been taken"]
    assert _all_users(api) == before


def test_duplicate_ignore_leaves_an_existing_user_unchanged(api) -> None:
    before = _all_users(api)
    response = api.post(
        f"/api/users/{ALICE_FK}.json", json={"duplicate": "ignore", "user": {"full_name": "X"}}
    )
    assert (response.status_code, response.data) == (200, b"")
    assert id_from_location(response.headers["location"]) == ALICE
    assert _all_users(api) == before


def test_duplicate_raise_refuses_an_existing_name_in_any_case(api) -> None:
    before = _all_users(api)
    response = api.post("/api/users.json?duplicate=raise", json={"user": {"name": "ALICE@Example.COM"}})
    assert _titles(response, 422) == ["Name has already been taken"]
    assert _all_users(api) == before


def test_duplicate_options_do_not_matter_for_a_new_user(api) -> None:
    for number, option in enumerate(("raise", "ignore")):
        response = api.post(
            f"/api/users.json?duplicate={option}", json={"user": {"name": f"n{number}@x.org"}}
        )
        assert response.status_code == 201
    assert [u["name"] for u in _all_users(api)][-2:] == ["n0@x.org", "n1@x.org"]


def test_create_with_an_existing_name_updates_that_user(api) -> None:
    response = api.post("/api/users.json", json={"user": {"name": BOB_NAME, "phone": "+44 1"}})
    assert response.status_code == 200
    assert id_from_location(response.headers["location"]) == BOB
    assert _user(api, BOB)["phone"] == "+44 1"
    assert len(_all_users(api)) == 3


# --- update -------------------------------------------------------------------------------------


def test_update_changes_only_the_given_fields(api, clock) -> None:
    before = _user(api, BOB)
    clock.advance(timedelta(minutes=5))
    response = api.put(f"/api/users/{BOB}.json", json={"user": {"mobile": "+44 7700 900000", "credit": 7}})
    assert (response.status_code, response.data) == (200, b"")
    after = _user(api, BOB)
    assert (after["mobile"], after["credit"]) == ("+44 7700 900000", "7")
    assert after["updated_on"] == "2030-01-07 08:05:00"
    unchanged = {k: v for k, v in after.items() if k not in ("mobile", "credit", "updated_on")}
    assert unchanged == {k: v for k, v in before.items() if k not in ("mobile", "credit", "updated_on")}


def test_update_through_the_foreign_key_path(api) -> None:
    response = api.put(f"/api/users/{ALICE_FK}.json", json={"user": {"field_2": "via fk"}})
    assert response.status_code == 200
    assert _user(api, ALICE)["field_2"] == "via fk"


def test_put_unknown_user_with_notfound_error_is_404(api) -> None:
    before = _all_users(api)
    response = api.put("/api/users/1000999.json?notfound=error", json={"user": {"name": "ghost@example.com"}})
    assert _titles(response, 404) == ["User not found"]
    assert _all_users(api) == before


def test_put_unknown_user_with_notfound_ignore_is_a_200_no_op(api) -> None:
    before = _all_users(api)
    response = api.put(
        "/api/users/1000999.json", json={"notfound": "ignore", "user": {"name": "ghost@x.org"}}
    )
    assert (response.status_code, response.data) == (200, b"")
    assert "location" not in response.headers
    assert _all_users(api) == before


def test_put_unknown_user_without_notfound_creates_it(api) -> None:
    response = api.put("/api/users/1000999.json", json={"user": {"name": "ghost@example.com"}})
    assert (response.status_code, response.data) == (201, b"")
    created = _user(api, id_from_location(response.headers["location"]))
    assert created["name"] == "ghost@example.com"
    assert len(_all_users(api)) == 4


def test_put_unknown_foreign_key_without_notfound_creates_it_with_that_key(api) -> None:
    response = api.put("/api/users/55fk.json", json={"user": {"name": "fifty@example.com"}})
    assert response.status_code == 201
    assert _user(api, "55fk")["id"] == id_from_location(response.headers["location"])


def test_post_with_method_put_to_a_foreign_key_updates(api) -> None:
    response = api.post(f"/api/users/{ALICE_FK}.json?_method=PUT", json={"user": {"field_1": "x"}})
    assert response.status_code == 200
    assert _user(api, ALICE)["field_1"] == "x"


# --- delete -------------------------------------------------------------------------------------


def test_delete_removes_the_user_then_404(api) -> None:
    first = api.delete(f"/api/users/{CAROL}.json")
    assert (first.status_code, first.data) == (200, b"")
    assert api.get(f"/api/users/{CAROL}.json").status_code == 404
    assert api.delete(f"/api/users/{CAROL}.json").status_code == 404
    assert [u["id"] for u in _all_users(api)] == [ALICE, BOB]


def test_delete_by_foreign_key_frees_the_name_and_key(api) -> None:
    assert api.delete(f"/api/users/{ALICE_FK}").status_code == 200
    assert api.get(f"/api/users/{ALICE_FK}").status_code == 404
    response = api.post(f"/api/users/{ALICE_FK}.json?duplicate=raise", json={"user": {"name": ALICE_NAME}})
    assert response.status_code == 201
    assert _user(api, ALICE_FK)["id"] == NEXT_USER_ID


def test_delete_unknown_user_is_404(api) -> None:
    assert _titles(api.delete("/api/users/1000999.json"), 404) == ["User not found"]
    assert _titles(api.delete("/api/users/999fk.json"), 404) == ["User not found"]
    assert len(_all_users(api)) == 3


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [3, 4, -1, "4", "-1"])
def test_role_accepts_regular_superuser_and_blocked(api, role: object) -> None:
    assert api.put(f"/api/users/{BOB}.json", json={"user": {"role": role}}).status_code == 200
    assert _user(api, BOB)["role"] == int(role)  # type: ignore[call-overload]


@pytest.mark.parametrize("role", [0, 1, 2, 5, "admin", "", None, 3.5])
def test_any_other_role_is_422_and_changes_nothing(api, role: object) -> None:
    response = api.put(f"/api/users/{CAROL}.json", json={"user": {"role": role}})
    assert _titles(response, 422) == ["Role must be 3 (regular), 4 (superuser) or -1 (blocked)"]
    assert _user(api, CAROL)["role"] == 4


def test_group_must_exist_and_can_be_cleared(api) -> None:
    for group in (999, "Staff", STAFF + 100):
        response = api.put(f"/api/users/{BOB}.json", json={"user": {"group": group}})
        assert _titles(response, 422) == ["Group not found"]
    assert _user(api, BOB)["group"] == MEMBERS
    assert api.put(f"/api/users/{BOB}.json", json={"user": {"group": STAFF}}).status_code == 200
    assert _user(api, BOB)["group"] == STAFF
    assert api.put(f"/api/users/{BOB}.json", json={"user": {"group": ""}}).status_code == 200
    assert _user(api, BOB)["group"] is None


@pytest.mark.parametrize(("credit", "stored"), [(5, "5"), ("12.50", "12.50"), ("-3", "-3"), (" 8 ", "8")])
def test_credit_is_stored_and_shown_as_a_string(api, credit: object, stored: str) -> None:
    assert api.put(f"/api/users/{BOB}.json", json={"user": {"credit": credit}}).status_code == 200
    assert _user(api, BOB)["credit"] == stored


@pytest.mark.parametrize("credit", ["lots", "1,5", "", "1e3"])
def test_credit_that_is_not_a_number_is_422(api, credit: str) -> None:
    response = api.put(f"/api/users/{BOB}.json", json={"user": {"credit": credit}})
    assert _titles(response, 422) == ["Credit is not a number"]
    assert _user(api, BOB)["credit"] == "0"


def test_name_is_required(api) -> None:
    before = _all_users(api)
    for name in (None, "", "   "):
        response = api.post("/api/users.json", json={"user": {"name": name, "full_name": "No Name"}})
        assert _titles(response, 422) == ["Name can't be blank"]
    assert _all_users(api) == before


def test_name_is_unique_without_regard_to_case(api) -> None:
    response = api.put(f"/api/users/{BOB}.json", json={"user": {"name": "Alice@EXAMPLE.com"}})
    assert _titles(response, 422) == ["Name has already been taken"]
    assert _user(api, BOB)["name"] == BOB_NAME


def test_a_user_may_change_the_case_of_its_own_name(api) -> None:
    assert api.put(f"/api/users/{BOB}.json", json={"user": {"name": "Bob@Example.com"}}).status_code == 200
    assert _user(api, BOB)["name"] == "Bob@Example.com"


def test_renamed_user_frees_the_old_name(api) -> None:
    assert api.put(f"/api/users/{BOB}.json", json={"user": {"name": "robert@example.com"}}).status_code == 200
    response = api.post("/api/users.json?duplicate=raise", json={"user": {"name": BOB_NAME}})
    assert response.status_code == 201


def test_every_failed_rule_is_reported_and_nothing_is_stored(api) -> None:
    before = _all_users(api)
    body = {
        "user": {
            "name": ALICE_NAME.upper(),
            "email": "x",
            "country": "ZZ",
            "role": 9,
            "group": 1,
            "credit": "many",
            "timezone": "Mars/Olympus",
        }
    }
    response = api.put(f"/api/users/{BOB}.json", json=body)
    assert set(_titles(response, 422)) == {
        "Name has already been taken",
        "Email is invalid",
        "Country is not a two letter ISO 3166-1 country code",
        "Role must be 3 (regular), 4 (superuser) or -1 (blocked)",
        "Group not found",
        "Credit is not a number",
        "Timezone is not a known time zone",
    }
    assert _all_users(api) == before


def test_read_only_fields_are_ignored_so_a_record_can_be_sent_back(api) -> None:
    record = _user(api, ALICE)
    response = api.put(f"/api/users/{ALICE}.json", json={"user": {**record, "id": 1, "fk": "9fk"}})
    assert response.status_code == 200
    assert _user(api, ALICE) == record


# --- output -------------------------------------------------------------------------------------


def test_password_is_stored_but_never_shown(api) -> None:
    created = api.post("/api/users.json", json={"user": {"name": "pw@example.com", "password": SECRET}})
    assert created.status_code == 201
    user_id = id_from_location(created.headers["location"])
    api.put(f"/api/users/{BOB}.json", json={"user": {"password": SECRET}})
    responses = [
        api.get(f"/api/users/{user_id}.json"),
        api.get(f"/api/users/{user_id}.xml"),
        api.get(f"/api/users/{user_id}"),
        api.get(f"/api/users/{BOB}.xml"),
        api.get("/api/users.json"),
        api.get("/api/users.xml"),
    ]
    for response in responses:
        assert response.status_code == 200
        assert SECRET.encode() not in response.data
        assert b"password" not in response.data
    assert "password" not in _user(api, user_id)


def test_user_as_xml_uses_dashed_names_and_nil_for_empty_fields(api) -> None:
    response = api.get(f"/api/users/{ALICE}.xml")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/xml")
    user = etree.fromstring(response.data)
    assert user.tag == "user"
    assert {child.tag for child in user} == {name.replace("_", "-") for name in USER_FIELDS}
    assert (user.findtext("id"), user.findtext("name"), user.findtext("full-name")) == (
        str(ALICE),
        ALICE_NAME,
        "Alice Archer",
    )
    assert (user.findtext("fk"), user.findtext("role"), user.findtext("group")) == (
        ALICE_FK,
        "3",
        str(MEMBERS),
    )
    assert (user.findtext("credit"), user.findtext("created-on")) == ("0", "2030-01-07 08:00:00")
    assert user.find("address").get("nil") == "true"


def test_user_list_as_xml_wraps_users(api) -> None:
    root = etree.fromstring(api.get("/api/users.xml").data)
    assert root.tag == "users"
    assert [u.findtext("name") for u in root.findall("user")] == [ALICE_NAME, BOB_NAME, "carol@example.com"]


def test_user_list_pages_with_limit_and_offset(api) -> None:
    assert [u["id"] for u in api.get("/api/users.json?limit=2").get_json()] == [ALICE, BOB]
    assert [u["id"] for u in api.get("/api/users.json?limit=2&offset=2").get_json()] == [CAROL]
    assert api.get("/api/users.json?offset=3").get_json() == []


# --- checksum for users -------------------------------------------------------------------------


def test_checksum_lets_a_new_visitor_register_only_under_its_own_name(api) -> None:
    name = "visitor@example.com"
    query = {"account": ACCOUNT, "user": name, "checksum": checksum(name)}
    own = api.post("/api/users.json", auth=None, query_string=query, json={"user": {"name": name}})
    other = api.post(
        "/api/users.json", auth=None, query_string=query, json={"user": {"name": "else@example.com"}}
    )
    assert own.status_code == 201
    assert other.status_code == 403
    assert [u["name"] for u in _all_users(api)] == [ALICE_NAME, BOB_NAME, "carol@example.com", name]


def test_checksum_lets_a_user_update_itself_only(api) -> None:
    # A JSON "user" object replaces a "user" query parameter (the body wins, as in every source
    # merge), so the name the checksum was computed for goes inside it as user[name].
    query = {"account": ACCOUNT, "checksum": checksum(ALICE_NAME)}
    ok = api.put(
        f"/api/users/{ALICE}.json",
        auth=None,
        query_string=query,
        json={"user": {"name": ALICE_NAME, "phone": "1"}},
    )
    assert ok.status_code == 200
    assert _user(api, ALICE)["phone"] == "1"
    deleted = api.delete(f"/api/users/{BOB}.json", auth=None, query_string={**query, "user": ALICE_NAME})
    assert deleted.status_code == 403
    assert _user(api, BOB)["name"] == BOB_NAME


def test_checksum_for_a_new_name_cannot_take_over_an_existing_user(api) -> None:
    # A valid checksum for "someone" renaming Alice to "someone" would hand Alice's record over.
    name = "someone@example.com"
    query = {"account": ACCOUNT, "checksum": checksum(name)}
    response = api.put(
        f"/api/users/{ALICE}.json",
        auth=None,
        query_string=query,
        json={"user": {"name": name, "full_name": "Someone"}},
    )
    assert response.status_code == 403
    assert (_user(api, ALICE)["name"], _user(api, ALICE)["full_name"]) == (ALICE_NAME, "Alice Archer")
