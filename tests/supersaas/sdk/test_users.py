"""Users through the official Python SDK: create, read, update, delete, list and validation."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import SuperSaaS

from fakesaas.core.world import World
from fakesaas.supersaas.domain.changes import ChangeAction, Subject
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_FK,
    ALICE_NAME,
    BOB,
    BOB_NAME,
    CAROL,
    NEXT_USER_ID,
    T0,
    id_from_location,
    supersaas_state,
)

if TYPE_CHECKING:
    from tests.supersaas.sdk.conftest import Emulator, Fails

DAVE = {"name": "dave@example.com", "full_name": "Dave Dunn", "email": "dave@example.com", "country": "de"}


def user_ids(client: SuperSaaS.Client) -> list[int]:
    return [user.id for user in client.users.list()]


def test_create_answers_the_location_of_a_user_that_reads_back(
    client: SuperSaaS.Client, server_url: str
) -> None:
    answer = client.users.create(DAVE)
    assert answer == {"location": f"{server_url}/api/users/{NEXT_USER_ID}.json"}
    dave = client.users.get(id_from_location(answer["location"]))
    assert (dave.id, dave.name, dave.full_name, dave.email) == (
        NEXT_USER_ID,
        "dave@example.com",
        "Dave Dunn",
        "dave@example.com",
    )
    assert dave.country == "DE"
    assert dave.fk is None
    assert (dave.role, dave.credit) == (3, "0")
    assert dave.created_on == dave.updated_on == T0.strftime("%Y-%m-%d %H:%M:%S")


def test_create_with_a_foreign_key_gives_the_user_that_key(client: SuperSaaS.Client) -> None:
    answer = client.users.create(DAVE, user_id="2002fk")
    created_id = id_from_location(answer["location"])
    by_fk = client.users.get("2002fk")
    assert (by_fk.id, by_fk.fk, by_fk.name) == (created_id, "2002fk", "dave@example.com")
    assert vars(client.users.get(created_id)) == vars(by_fk)


def test_create_with_webhook_creates_the_user_and_asks_for_the_webhook(
    client: SuperSaaS.Client, world: World
) -> None:
    answer = client.users.create(DAVE, webhook=True)
    created_id = id_from_location(answer["location"])
    assert client.users.get(created_id).name == "dave@example.com"
    with world.lock:
        last = list(supersaas_state(world).account(ACCOUNT).changes)[-1]
    assert (last.action, last.subject, last.subject_id, last.webhook) == (
        ChangeAction.CREATE,
        Subject.USER,
        created_id,
        True,
    )


def test_create_without_webhook_does_not_ask_for_one(client: SuperSaaS.Client, world: World) -> None:
    created_id = id_from_location(client.users.create(DAVE)["location"])
    with world.lock:
        last = list(supersaas_state(world).account(ACCOUNT).changes)[-1]
    assert (last.subject_id, last.webhook) == (created_id, False)


def test_create_on_a_taken_foreign_key_with_duplicate_raise_fails_422_and_changes_nothing(
    client: SuperSaaS.Client, fails: Fails, server_url: str
) -> None:
    before = vars(client.users.get(ALICE))
    failure = fails(lambda: client.users.create(DAVE, user_id=ALICE_FK, duplicate="raise"))
    assert (failure.status, failure.reason) == (422, "UNPROCESSABLE ENTITY")
    assert failure.message == (
        f"HTTP Request Error: UNPROCESSABLE ENTITY, ({server_url}/api/users/{ALICE_FK}.json?duplicate=raise)"
    )
    assert failure.titles == ["Foreign key has already been taken"]
    assert vars(client.users.get(ALICE)) == before
    assert user_ids(client) == [ALICE, BOB, CAROL]


def test_create_on_a_taken_foreign_key_with_duplicate_ignore_leaves_the_user_as_it_was(
    client: SuperSaaS.Client,
) -> None:
    before = vars(client.users.get(ALICE_FK))
    answer = client.users.create({**DAVE, "full_name": "Not Alice"}, user_id=ALICE_FK, duplicate="ignore")
    # A 200 (not 201) carries no location the SDK reads: it hands back the empty body.
    assert answer == {"location": b""}
    assert vars(client.users.get(ALICE_FK)) == before
    assert user_ids(client) == [ALICE, BOB, CAROL]


def test_create_on_a_taken_foreign_key_without_duplicate_updates_that_user(
    client: SuperSaaS.Client, emulator: Emulator
) -> None:
    emulator.clock.advance(timedelta(hours=1))
    answer = client.users.create({"full_name": "Alice Renamed"}, user_id=ALICE_FK)
    assert answer == {"location": b""}
    alice = client.users.get(ALICE)
    assert (alice.full_name, alice.name, alice.fk) == ("Alice Renamed", ALICE_NAME, ALICE_FK)
    assert alice.updated_on == "2030-01-07 09:00:00"
    assert user_ids(client) == [ALICE, BOB, CAROL]


def test_get_by_id_and_by_foreign_key_read_the_same_user(client: SuperSaaS.Client) -> None:
    by_id = client.users.get(ALICE)
    by_fk = client.users.get(ALICE_FK)
    assert vars(by_id) == vars(by_fk)
    assert (by_id.id, by_id.name, by_id.fk, by_id.full_name, by_id.country) == (
        ALICE,
        ALICE_NAME,
        ALICE_FK,
        "Alice Archer",
        "NL",
    )
    assert by_id.group == 400001
    assert not hasattr(by_id, "password")


def test_get_of_an_unknown_user_fails_404(client: SuperSaaS.Client, fails: Fails, server_url: str) -> None:
    for ref in (999, "999fk"):
        failure = fails(lambda ref=ref: client.users.get(ref))
        assert (failure.status, failure.titles) == (404, ["User not found"])
        # The SDK always appends "?" here: its query holds form=None, dropped only after the check.
        assert failure.message == f"HTTP Request Error: NOT FOUND, ({server_url}/api/users/{ref}.json?)"


def test_update_changes_only_the_given_fields(client: SuperSaaS.Client, emulator: Emulator) -> None:
    before = vars(client.users.get(BOB))
    emulator.clock.advance(timedelta(minutes=30))
    assert client.users.update(BOB, {"full_name": "Robert Baker", "phone": "+44 20 7946 0000"}) == b""
    after = vars(client.users.get(BOB))
    assert (after["full_name"], after["phone"]) == ("Robert Baker", "+44 20 7946 0000")
    assert after["updated_on"] == "2030-01-07 08:30:00"
    unchanged = {
        key: value for key, value in after.items() if key not in {"full_name", "phone", "updated_on"}
    }
    assert unchanged == {key: before[key] for key in unchanged}
    assert (after["name"], after["email"], after["country"]) == (BOB_NAME, BOB_NAME, "GB")


def test_update_of_an_unknown_user_with_notfound_error_fails_404_and_creates_nobody(
    client: SuperSaaS.Client, fails: Fails
) -> None:
    failure = fails(lambda: client.users.update(999_999, DAVE, notfound="error"))
    assert (failure.status, failure.reason, failure.titles) == (404, "NOT FOUND", ["User not found"])
    assert user_ids(client) == [ALICE, BOB, CAROL]


def test_update_of_an_unknown_user_with_notfound_ignore_succeeds_and_creates_nobody(
    client: SuperSaaS.Client, fails: Fails
) -> None:
    assert client.users.update(999_999, DAVE, notfound="ignore") == b""
    assert user_ids(client) == [ALICE, BOB, CAROL]
    assert fails(lambda: client.users.get(999_999)).status == 404


def test_update_of_an_unknown_foreign_key_without_notfound_creates_that_user(
    client: SuperSaaS.Client,
) -> None:
    # The 201 of a PUT carries a location, but the SDK reads it only for a POST.
    assert client.users.update("3003fk", DAVE) == b""
    dave = client.users.get("3003fk")
    assert (dave.id, dave.fk, dave.name) == (NEXT_USER_ID, "3003fk", "dave@example.com")
    assert user_ids(client) == [ALICE, BOB, CAROL, NEXT_USER_ID]


def test_delete_removes_the_user(client: SuperSaaS.Client, fails: Fails) -> None:
    assert client.users.delete(BOB) == b""
    failure = fails(lambda: client.users.get(BOB))
    assert (failure.status, failure.titles) == (404, ["User not found"])
    assert user_ids(client) == [ALICE, CAROL]
    assert fails(lambda: client.users.delete(BOB)).status == 404


def test_list_pages_with_limit_and_offset(client: SuperSaaS.Client) -> None:
    assert [user.name for user in client.users.list()] == [ALICE_NAME, BOB_NAME, "carol@example.com"]
    assert [user.id for user in client.users.list(limit=2)] == [ALICE, BOB]
    assert [user.id for user in client.users.list(limit=2, offset=1)] == [BOB, CAROL]
    assert [user.id for user in client.users.list(limit=5, offset=2)] == [CAROL]
    assert client.users.list(offset=3) == []


def test_a_password_set_through_the_sdk_is_never_read_back(client: SuperSaaS.Client) -> None:
    created_id = id_from_location(client.users.create({**DAVE, "password": "s3cret-pass"})["location"])
    client.users.update(BOB, {"password": "another-secret"})
    listed = client.users.list()
    assert created_id in [user.id for user in listed]
    for user in [*listed, client.users.get(created_id), client.users.get(BOB)]:
        assert not hasattr(user, "password")
        assert "s3cret-pass" not in repr(vars(user))
        assert "another-secret" not in repr(vars(user))


def test_a_bad_email_fails_422_and_creates_nobody(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.users.create({**DAVE, "email": "not-an-address"}))
    assert (failure.status, failure.reason, failure.titles) == (
        422,
        "UNPROCESSABLE ENTITY",
        ["Email is invalid"],
    )
    assert user_ids(client) == [ALICE, BOB, CAROL]


def test_a_taken_name_a_bad_role_or_an_unknown_group_fail_422(client: SuperSaaS.Client, fails: Fails) -> None:
    taken = fails(lambda: client.users.create({"name": BOB_NAME}, duplicate="raise"))
    assert (taken.status, taken.titles) == (422, ["Name has already been taken"])
    assert fails(lambda: client.users.create({**DAVE, "role": 7})).titles == [
        "Role must be 3 (regular), 4 (superuser) or -1 (blocked)"
    ]
    assert fails(lambda: client.users.create({**DAVE, "group": 1})).titles == ["Group not found"]
    assert fails(lambda: client.users.create({"email": "dave@example.com"})).titles == ["Name can't be blank"]
    assert user_ids(client) == [ALICE, BOB, CAROL]


def test_a_bad_country_fails_422_and_leaves_the_user_unchanged(
    client: SuperSaaS.Client, fails: Fails
) -> None:
    failure = fails(lambda: client.users.update(ALICE, {"country": "Netherlands", "full_name": "Changed"}))
    assert (failure.status, failure.titles) == (422, ["Country is not a two letter ISO 3166-1 country code"])
    alice = client.users.get(ALICE)
    assert (alice.country, alice.full_name) == ("NL", "Alice Archer")
    failure = fails(lambda: client.users.create({**DAVE, "country": "XX"}))
    assert failure.status == 422
    assert user_ids(client) == [ALICE, BOB, CAROL]
