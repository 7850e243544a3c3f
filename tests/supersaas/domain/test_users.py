"""User rules: names, foreign keys, duplicates, unknown ids, field checks and checksums."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, replace
from datetime import timedelta

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import BadRequest, FieldError, NotFound, PermissionDenied, Unprocessable
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.changes import Change, ChangeAction, Subject
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.records import Role, foreign_key
from fakesaas.supersaas.domain.users import create_user, delete_user, get_user, list_users, update_user
from tests.support import ALICE, ALICE_FK, ALICE_NAME, BOB, BOB_NAME, CAROL, NEXT_USER_ID, T0

MEMBERS, STAFF = 400001, 400002


def users_snapshot(account: Account) -> dict[int, tuple[object, ...]]:
    return {user.id: astuple(user) for user in account.users.ordered()}


def last_change(account: Account) -> Change:
    return list(account.changes)[-1]


# --- create ---------------------------------------------------------------------------------------


def test_new_user_gets_the_next_id_and_defaults(ctx: Context, account: Account) -> None:
    logged = len(account.changes)
    user, created = create_user(ctx, {"name": "dave@example.com"}, None, None, True)
    assert created is True
    assert (user.id, user.name, user.credit, user.role, user.fk, user.created_on) == (
        NEXT_USER_ID,
        "dave@example.com",
        "0",
        Role.REGULAR,
        None,
        T0,
    )
    assert get_user(ctx, NEXT_USER_ID) == user
    assert len(account.changes) == logged + 1
    assert last_change(account) == Change(
        last_change(account).seq, T0, ChangeAction.CREATE, Subject.USER, NEXT_USER_ID, None, True
    )


@pytest.mark.parametrize(
    "attributes", [{}, {"name": ""}, {"name": "   "}, {"name": None}, {"email": "a@b.nl"}]
)
def test_name_is_required(ctx: Context, account: Account, attributes: dict[str, object]) -> None:
    before = users_snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, attributes, None, None, False)
    assert exc.value.errors == [FieldError("Name can't be blank", "name")]
    assert users_snapshot(account) == before


def test_name_is_stored_without_surrounding_spaces(ctx: Context) -> None:
    user, _ = create_user(ctx, {"name": "  dave  "}, None, None, False)
    assert user.name == "dave"
    assert ctx.account.users.named("DAVE") == user


@pytest.mark.parametrize("name", [ALICE_NAME, "ALICE@example.com", " Alice@Example.COM "])
def test_name_is_unique_in_any_case_when_duplicates_raise(ctx: Context, account: Account, name: str) -> None:
    before, logged = users_snapshot(account), len(account.changes)
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, {"name": name}, None, "raise", False)
    assert exc.value.errors == [FieldError("Name has already been taken", "name")]
    assert users_snapshot(account) == before
    assert len(account.changes) == logged


def test_existing_name_updates_that_user_by_default(
    ctx: Context, account: Account, clock: ManualClock
) -> None:
    later = clock.advance(timedelta(hours=1))
    user, created = create_user(ctx, {"name": "ALICE@example.com", "phone": "112"}, None, None, True)
    assert created is False
    assert (user.id, user.phone, user.updated_on, user.created_on) == (ALICE, "112", later, T0)
    assert len(account.users) == 3
    assert last_change(account).action is ChangeAction.UPDATE
    assert (last_change(account).subject, last_change(account).subject_id) == (Subject.USER, ALICE)


def test_existing_name_is_left_alone_when_duplicates_are_ignored(ctx: Context, account: Account) -> None:
    before, logged = users_snapshot(account), len(account.changes)
    user, created = create_user(ctx, {"name": ALICE_NAME, "phone": "112"}, None, "ignore", False)
    assert (user.id, user.phone, created) == (ALICE, "+31 20 555 0101", False)
    assert users_snapshot(account) == before
    assert len(account.changes) == logged


def test_duplicate_takes_only_raise_or_ignore(ctx: Context) -> None:
    with pytest.raises(BadRequest):
        create_user(ctx, {"name": "dave"}, None, "replace", False)


@pytest.mark.parametrize(("fk_ref", "stored"), [("123FK", "123fk"), ("123fk", "123fk"), (" 77Fk ", "77fk")])
def test_foreign_key_is_stored_in_canonical_lower_case(ctx: Context, fk_ref: str, stored: str) -> None:
    user, created = create_user(ctx, {"name": "dave"}, fk_ref, None, False)
    assert (user.fk, created) == (stored, True)
    assert get_user(ctx, stored.upper()) == user
    assert ctx.account.users.find(stored) == user


@pytest.mark.parametrize("ref", ["123", "abc", "fk", "12fkx", "fk12"])
def test_a_foreign_key_reference_must_look_like_one(ctx: Context, ref: str) -> None:
    assert foreign_key(ref) is None
    with pytest.raises(NotFound):
        create_user(ctx, {"name": "dave"}, ref, None, False)


def test_existing_foreign_key_updates_that_user_even_under_a_new_name(ctx: Context) -> None:
    user, created = create_user(ctx, {"name": "alice.new@example.com"}, "1001FK", None, False)
    assert (user.id, user.name, user.fk, created) == (ALICE, "alice.new@example.com", ALICE_FK, False)
    assert ctx.account.users.named(ALICE_NAME) is None


def test_existing_foreign_key_is_refused_when_duplicates_raise(ctx: Context, account: Account) -> None:
    before = users_snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, {"name": "someone.else"}, ALICE_FK, "raise", False)
    assert exc.value.errors == [FieldError("Foreign key has already been taken", "fk")]
    assert users_snapshot(account) == before


def test_unknown_attribute_is_a_bad_request(ctx: Context) -> None:
    with pytest.raises(BadRequest) as exc:
        create_user(ctx, {"name": "dave", "colour": "red"}, None, None, False)
    assert exc.value.message == "Bad request: unknown attribute 'colour' for User."


def test_read_only_fields_sent_back_are_ignored(ctx: Context) -> None:
    user, _ = create_user(
        ctx, {"name": "dave", "id": 1, "fk": "9fk", "created_on": "1999-01-01 00:00:00"}, None, None, False
    )
    assert (user.id, user.fk, user.created_on) == (NEXT_USER_ID, None, T0)


# --- field rules ----------------------------------------------------------------------------------


def test_every_failed_rule_is_reported_at_once(ctx: Context, account: Account) -> None:
    before, logged = users_snapshot(account), len(account.changes)
    bad = {
        "name": "",
        "email": "nope",
        "country": "XX",
        "credit": "lots",
        "role": 7,
        "group": 999,
        "timezone": "Mars/Olympus",
    }
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, bad, None, None, False)
    assert {error.field for error in exc.value.errors} == set(bad)
    assert len(exc.value.errors) == len(bad)
    assert FieldError("Email is invalid", "email") in exc.value.errors
    assert FieldError("Group not found", "group") in exc.value.errors
    assert users_snapshot(account) == before
    assert len(account.changes) == logged


@pytest.mark.parametrize(
    ("raw", "role"), [(3, Role.REGULAR), (4, Role.SUPERUSER), (-1, Role.BLOCKED), ("4", Role.SUPERUSER)]
)
def test_role_is_regular_superuser_or_blocked(ctx: Context, raw: object, role: Role) -> None:
    user, _ = create_user(ctx, {"name": "dave", "role": raw}, None, None, False)
    assert user.role is role


@pytest.mark.parametrize("raw", [0, 1, 2, 5, "admin", None, True])
def test_any_other_role_is_refused(ctx: Context, raw: object) -> None:
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, {"name": "dave", "role": raw}, None, None, False)
    assert exc.value.errors == [FieldError("Role must be 3 (regular), 4 (superuser) or -1 (blocked)", "role")]


@pytest.mark.parametrize(
    ("raw", "group"), [(STAFF, STAFF), (str(MEMBERS), MEMBERS), ("", None), (None, None)]
)
def test_group_must_be_one_of_the_accounts(ctx: Context, raw: object, group: int | None) -> None:
    user, _ = update_user(ctx, ALICE, {"group": raw}, None, False)
    assert user is not None
    assert user.group == group


@pytest.mark.parametrize("raw", [999, "Staff", 1.5])
def test_unknown_group_is_refused(ctx: Context, raw: object) -> None:
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, {"name": "dave", "group": raw}, None, None, False)
    assert exc.value.errors == [FieldError("Group not found", "group")]


@pytest.mark.parametrize(("raw", "credit"), [("12.50", "12.50"), (5, "5"), ("-3", "-3"), (" 7 ", "7")])
def test_credit_is_a_number_kept_as_text(ctx: Context, raw: object, credit: str) -> None:
    user, _ = create_user(ctx, {"name": "dave", "credit": raw}, None, None, False)
    assert user.credit == credit


@pytest.mark.parametrize("raw", ["lots", "1,5", "", None, "1.", True])
def test_credit_that_is_not_a_number_is_refused(ctx: Context, raw: object) -> None:
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, {"name": "dave", "credit": raw}, None, None, False)
    assert exc.value.errors == [FieldError("Credit is not a number", "credit")]


def test_timezone_must_be_a_known_zone(ctx: Context) -> None:
    user, _ = create_user(ctx, {"name": "dave", "timezone": "Asia/Tokyo"}, None, None, False)
    assert user.timezone == "Asia/Tokyo"
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, {"name": "erin", "timezone": "Tokyo"}, None, None, False)
    assert exc.value.errors == [FieldError("Timezone is not a known time zone", "timezone")]


def test_email_must_look_like_an_address(ctx: Context) -> None:
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, {"name": "dave", "email": "dave@localhost"}, None, None, False)
    assert exc.value.errors == [FieldError("Email is invalid", "email")]


def test_country_is_normalised_or_refused(ctx: Context) -> None:
    user, _ = create_user(ctx, {"name": "dave", "country": "jp"}, None, None, False)
    assert user.country == "JP"
    with pytest.raises(Unprocessable) as exc:
        create_user(ctx, {"name": "erin", "country": "Japan"}, None, None, False)
    assert exc.value.errors == [FieldError("Country is not a two letter ISO 3166-1 country code", "country")]


# --- update ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", [ALICE, str(ALICE), ALICE_FK, "1001FK"])
def test_update_changes_only_the_given_fields_and_stamps_the_time(
    ctx: Context, account: Account, clock: ManualClock, ref: object
) -> None:
    original = replace(account.users.by_id[ALICE])
    later = clock.advance(timedelta(days=1))
    user, created = update_user(ctx, ref, {"mobile": "06 1234"}, None, True)
    assert created is False
    assert user is not None
    assert astuple(user) == astuple(replace(original, mobile="06 1234", updated_on=later))
    assert last_change(account) == Change(
        last_change(account).seq, later, ChangeAction.UPDATE, Subject.USER, ALICE, None, True
    )


def test_update_to_a_name_taken_in_another_case_is_refused(ctx: Context, account: Account) -> None:
    before = users_snapshot(account)
    with pytest.raises(Unprocessable) as exc:
        update_user(ctx, BOB, {"name": "Alice@Example.com"}, None, False)
    assert exc.value.errors == [FieldError("Name has already been taken", "name")]
    assert users_snapshot(account) == before


def test_a_user_may_change_the_case_of_their_own_name(ctx: Context) -> None:
    user, _ = update_user(ctx, BOB, {"name": "Bob@Example.com"}, None, False)
    assert user is not None
    assert user.name == "Bob@Example.com"
    assert ctx.account.users.named(BOB_NAME) == user


def test_renaming_frees_the_old_name(ctx: Context) -> None:
    update_user(ctx, BOB, {"name": "robert@example.com"}, None, False)
    user, created = create_user(ctx, {"name": BOB_NAME}, None, "raise", False)
    assert created is True
    assert user.id == NEXT_USER_ID


def test_update_of_unknown_user_with_notfound_error_is_not_found(ctx: Context, account: Account) -> None:
    before = users_snapshot(account)
    with pytest.raises(NotFound):
        update_user(ctx, 999, {"name": "dave"}, "error", False)
    assert users_snapshot(account) == before


def test_update_of_unknown_user_with_notfound_ignore_does_nothing(ctx: Context, account: Account) -> None:
    before, logged = users_snapshot(account), len(account.changes)
    assert update_user(ctx, 999, {"name": "dave"}, "ignore", False) == (None, False)
    assert users_snapshot(account) == before
    assert len(account.changes) == logged


def test_update_of_unknown_user_id_creates_the_user(ctx: Context, account: Account) -> None:
    user, created = update_user(ctx, 999, {"name": "dave"}, None, False)
    assert created is True
    assert user is not None
    assert (user.id, user.name) == (NEXT_USER_ID, "dave")
    assert last_change(account).action is ChangeAction.CREATE


def test_update_of_unknown_foreign_key_creates_the_user_with_it(ctx: Context) -> None:
    user, created = update_user(ctx, "555FK", {"name": "dave"}, None, False)
    assert created is True
    assert user is not None
    assert user.fk == "555fk"
    assert get_user(ctx, "555fk") == user


@pytest.mark.parametrize("ref", ["abc", "", None, "dave"])
def test_update_of_a_reference_that_is_no_id_is_not_found(ctx: Context, ref: object) -> None:
    with pytest.raises(NotFound):
        update_user(ctx, ref, {"name": "dave"}, None, False)


def test_notfound_takes_only_error_or_ignore(ctx: Context) -> None:
    with pytest.raises(BadRequest):
        update_user(ctx, ALICE, {"name": "dave"}, "create", False)


def test_update_that_fails_a_rule_changes_nothing(ctx: Context, account: Account) -> None:
    before, logged = users_snapshot(account), len(account.changes)
    with pytest.raises(Unprocessable):
        update_user(ctx, ALICE, {"full_name": "Changed", "email": "broken"}, None, False)
    assert users_snapshot(account) == before
    assert len(account.changes) == logged


# --- read, list, delete ---------------------------------------------------------------------------


@pytest.mark.parametrize("ref", [999, "abc", ALICE_NAME, "", None, "9fk"])
def test_get_of_unknown_user_is_not_found(ctx: Context, ref: object) -> None:
    with pytest.raises(NotFound):
        get_user(ctx, ref)


def test_list_users_in_id_order_with_limit_and_offset(ctx: Context) -> None:
    assert [u.id for u in list_users(ctx, 100, 0)] == [ALICE, BOB, CAROL]
    assert [u.id for u in list_users(ctx, 1, 1)] == [BOB]
    assert list_users(ctx, 100, 3) == []


def test_delete_removes_the_user_and_logs_it(ctx: Context, account: Account) -> None:
    deleted = delete_user(ctx, ALICE_FK, True)
    assert deleted.id == ALICE
    for ref in (ALICE, ALICE_FK):
        with pytest.raises(NotFound):
            get_user(ctx, ref)
    assert last_change(account) == Change(
        last_change(account).seq, T0, ChangeAction.DELETE, Subject.USER, ALICE, None, True
    )
    user, created = create_user(ctx, {"name": ALICE_NAME}, ALICE_FK, "raise", False)
    assert (created, user.id) == (True, NEXT_USER_ID)


def test_delete_of_unknown_user_is_not_found(ctx: Context, account: Account) -> None:
    logged = len(account.changes)
    with pytest.raises(NotFound):
        delete_user(ctx, 999, False)
    assert len(account.changes) == logged


# --- checksums ------------------------------------------------------------------------------------


@pytest.mark.parametrize("claim", [ALICE_NAME, ALICE_NAME.upper()])
def test_checksum_user_reads_and_updates_their_own_record(
    as_user: Callable[[str], Context], claim: str
) -> None:
    ctx = as_user(claim)
    assert get_user(ctx, ALICE).name == ALICE_NAME
    user, _ = update_user(ctx, ALICE_FK, {"phone": "112"}, None, False)
    assert user is not None
    assert user.phone == "112"


@pytest.mark.parametrize("claim", [str(ALICE), ALICE_FK])
def test_a_checksum_claim_of_an_id_or_foreign_key_reaches_no_user(
    as_user: Callable[[str], Context], claim: str
) -> None:
    with pytest.raises(PermissionDenied):
        get_user(as_user(claim), ALICE)


def test_checksum_for_one_user_never_reaches_another_user(
    as_user: Callable[[str], Context], account: Account
) -> None:
    ctx = as_user(ALICE_NAME)
    before, logged = users_snapshot(account), len(account.changes)
    with pytest.raises(PermissionDenied):
        get_user(ctx, BOB)
    with pytest.raises(PermissionDenied):
        update_user(ctx, BOB, {"phone": "112"}, None, False)
    with pytest.raises(PermissionDenied):
        delete_user(ctx, BOB, False)
    with pytest.raises(PermissionDenied):
        create_user(ctx, {"name": BOB_NAME, "phone": "112"}, None, None, False)
    with pytest.raises(PermissionDenied):
        create_user(ctx, {"name": BOB_NAME}, None, "ignore", False)
    assert users_snapshot(account) == before
    assert len(account.changes) == logged


def test_checksum_for_one_user_cannot_probe_another_users_name(as_user: Callable[[str], Context]) -> None:
    # Telling "taken" (422) from "not yours" (403) would reveal which names are users.
    with pytest.raises(PermissionDenied):
        create_user(as_user(ALICE_NAME), {"name": BOB_NAME}, None, "raise", False)


def test_checksum_user_cannot_take_another_name(as_user: Callable[[str], Context], account: Account) -> None:
    before = users_snapshot(account)
    with pytest.raises(PermissionDenied):
        update_user(as_user(ALICE_NAME), ALICE, {"name": "mallory@example.com"}, None, False)
    assert users_snapshot(account) == before


def test_checksum_may_create_only_the_user_it_names(as_user: Callable[[str], Context]) -> None:
    ctx = as_user("dave@example.com")
    user, created = create_user(ctx, {"name": "dave@example.com"}, None, None, False)
    assert (user.id, created) == (NEXT_USER_ID, True)
    with pytest.raises(PermissionDenied):
        create_user(ctx, {"name": "erin@example.com"}, None, None, False)


def test_checksum_cannot_list_users(as_user: Callable[[str], Context]) -> None:
    with pytest.raises(PermissionDenied):
        list_users(as_user(ALICE_NAME), 100, 0)
