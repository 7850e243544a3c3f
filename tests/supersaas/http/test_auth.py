"""Authentication over HTTP: every credential form the docs and SDKs use, what each failure answers,
how far a checksum reaches, and that one account never sees another's objects."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from fakesaas.supersaas.domain.seed import load_seed
from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_FK,
    ALICE_NAME,
    ALICE_ROOM_1,
    API_KEY,
    BOB,
    BOB_NAME,
    BOB_ROOM_2,
    NEXT_BOOKING_ID,
    PASSWORD,
    ROOMS,
    T0,
    checksum,
    error_titles,
    id_from_location,
    supersaas_state,
)

NEW_BOOKING = {"start": "2030-02-01 10:00:00", "finish": "2030-02-01 11:00:00"}


def _state(api: Api) -> tuple[Any, Any]:
    """Everything a write could touch, read with the demo's own key."""
    bookings = api.get(f"/api/bookings.json?schedule_id={ROOMS}&limit=500").get_json()
    users = api.get("/api/users.json?limit=500").get_json()
    return bookings, users


def _assert_error(response: Any, status: int) -> None:
    assert response.status_code == status
    body = response.get_json()
    assert body["errors"][0]["status"] == str(status)
    assert body["errors"][0]["title"]


def _as_alice(**extra: str) -> dict[str, str]:
    return {"account": ACCOUNT, "user": ALICE_NAME, "checksum": checksum(ALICE_NAME), **extra}


# --- every accepted credential form -------------------------------------------------------------


def test_basic_auth_with_the_api_key_lists_schedules(api) -> None:
    response = api.get("/api/schedules.json")
    assert response.status_code == 200
    assert [s["name"] for s in response.get_json()] == ["Rooms", "Classes", "Services", "Workshops"]


def test_basic_auth_with_the_administrator_password_is_accepted(api) -> None:
    response = api.get("/api/schedules.json", auth=(ACCOUNT, PASSWORD))
    assert response.status_code == 200
    assert len(response.get_json()) == 4


def test_account_and_api_key_query_parameters_are_accepted(api) -> None:
    response = api.get("/api/users.json", auth=None, query_string={"account": ACCOUNT, "api_key": API_KEY})
    assert response.status_code == 200
    assert [u["id"] for u in response.get_json()][:2] == [ALICE, BOB]


def test_account_name_and_password_query_parameters_are_accepted(api) -> None:
    query = {"account_name": ACCOUNT, "password": PASSWORD, "schedule_id": ROOMS}
    response = api.get(f"/api/bookings/{ALICE_ROOM_1}.json", auth=None, query_string=query)
    assert response.status_code == 200
    assert response.get_json()["user_id"] == ALICE


def test_credentials_in_a_form_body_create_a_booking(api) -> None:
    form = {
        "account": ACCOUNT,
        "api_key": API_KEY,
        "schedule_id": str(ROOMS),
        "booking[start]": NEW_BOOKING["start"],
        "booking[finish]": NEW_BOOKING["finish"],
    }
    response = api.post("/api/bookings.json", auth=None, data=form)
    assert response.status_code == 201
    assert id_from_location(response.headers["location"]) == NEXT_BOOKING_ID
    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").get_json()["start"] == NEW_BOOKING["start"]


def test_credentials_in_a_json_body_create_a_booking(api) -> None:
    body = {"account_name": ACCOUNT, "password": PASSWORD, "schedule_id": ROOMS, "booking": NEW_BOOKING}
    response = api.post("/api/bookings.json", auth=None, json=body)
    assert response.status_code == 201
    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").get_json()["finish"] == NEW_BOOKING["finish"]


def test_bearer_token_with_account_parameter_is_accepted(api) -> None:
    response = api.get(
        f"/api/schedules.json?account={ACCOUNT}", auth=None, headers={"Authorization": f"Bearer {API_KEY}"}
    )
    assert response.status_code == 200
    assert len(response.get_json()) == 4


def test_bearer_token_that_is_not_the_key_is_refused(api) -> None:
    response = api.get(
        f"/api/schedules.json?account={ACCOUNT}", auth=None, headers={"Authorization": "Bearer not-the-key"}
    )
    _assert_error(response, 403)


def test_account_name_is_matched_without_regard_to_case(api) -> None:
    assert api.get("/api/schedules.json", auth=("DEMO", API_KEY)).status_code == 200


# --- failures -----------------------------------------------------------------------------------


def test_missing_credentials_answer_401_with_error_document_and_challenge(api) -> None:
    response = api.get("/api/users.json", auth=None)
    _assert_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_missing_credentials_on_an_xml_path_answer_an_xml_error_document(api) -> None:
    response = api.get("/api/users.xml", auth=None)
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith("application/xml")
    assert b"<errors><error><status>401</status>" in response.data
    assert "WWW-Authenticate" in response.headers


def test_account_name_without_any_secret_is_401(api) -> None:
    response = api.get(f"/api/schedules.json?account={ACCOUNT}", auth=None)
    _assert_error(response, 401)
    assert "WWW-Authenticate" in response.headers


def test_unknown_account_is_401(api) -> None:
    response = api.get("/api/schedules.json", auth=("no-such-account", API_KEY))
    _assert_error(response, 401)
    assert "WWW-Authenticate" in response.headers


def test_wrong_api_key_is_403(api) -> None:
    response = api.get("/api/schedules.json", auth=(ACCOUNT, "wrong-key"))
    _assert_error(response, 403)
    assert "WWW-Authenticate" not in response.headers


def test_wrong_password_in_query_is_403(api) -> None:
    response = api.get("/api/users.json", auth=None, query_string={"account": ACCOUNT, "password": "nope"})
    _assert_error(response, 403)


def test_wrong_key_on_a_write_changes_nothing(api) -> None:
    before = _state(api)
    update = api.put(
        f"/api/bookings/{ALICE_ROOM_1}.json", auth=(ACCOUNT, "x"), json={"booking": {"full_name": "X"}}
    )
    create = api.post(
        "/api/bookings.json", auth=(ACCOUNT, "x"), json={"schedule_id": ROOMS, "booking": NEW_BOOKING}
    )
    delete = api.delete(f"/api/bookings/{BOB_ROOM_2}.json", auth=(ACCOUNT, "x"))
    for response in (update, create, delete):
        _assert_error(response, 403)
    assert _state(api) == before


# --- checksum -----------------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [API_KEY, PASSWORD], ids=["api_key", "password"])
def test_checksum_lets_alice_read_her_own_booking(api, secret: str) -> None:
    query = {
        "schedule_id": ROOMS,
        "account": ACCOUNT,
        "user": ALICE_NAME,
        "checksum": checksum(ALICE_NAME, secret),
    }
    response = api.get(f"/api/bookings/{ALICE_ROOM_1}", auth=None, query_string=query)
    assert response.status_code == 200
    assert response.get_json()["id"] == ALICE_ROOM_1


@pytest.mark.parametrize("user", [str(ALICE), ALICE_FK, ALICE_FK.upper()], ids=["id", "fk", "FK"])
def test_a_checksum_vouches_for_a_user_name_not_an_id_or_foreign_key(api, user: str) -> None:
    """The docs compute the checksum over the user *name*."""
    query = {"account": ACCOUNT, "user": user, "checksum": checksum(user), "schedule_id": str(ROOMS)}
    _assert_error(api.get(f"/api/bookings/{ALICE_ROOM_1}", auth=None, query_string=query), 403)


@pytest.mark.parametrize("name", [str(BOB), "1002fk"], ids=["another-users-id", "another-users-fk"])
def test_a_checksum_over_another_users_id_or_fk_is_refused(api, name: str) -> None:
    """A user whose login name is another user's id or foreign key gets their own records only."""
    dave = api.post("/api/users/1002fk.json", json={"user": {"name": "dave@example.com"}})
    assert dave.status_code == 201
    victim = BOB if name == str(BOB) else int(dave.headers["location"].rsplit("/", 1)[1].split(".")[0])
    created = api.post("/api/users.json", json={"user": {"name": name, "full_name": "Mallory"}})
    assert created.status_code == 201
    mallory = {"account": ACCOUNT, "user": name, "checksum": checksum(name)}

    _assert_error(api.get(f"/api/users/{victim}.json", auth=None, query_string=mallory), 403)
    if victim == BOB:
        _assert_error(api.get(f"/api/bookings/{BOB_ROOM_2}", auth=None, query_string=mallory), 403)
    own = api.get(f"/api/agenda/{ROOMS}.json", auth=None, query_string={**mallory, "user": name})
    assert (own.status_code, own.get_json()) == (200, {"bookings": []})


def test_checksum_in_upper_case_hex_is_accepted(api) -> None:
    query = _as_alice(checksum=checksum(ALICE_NAME).upper(), schedule_id=str(ROOMS))
    assert api.get(f"/api/bookings/{ALICE_ROOM_1}", auth=None, query_string=query).status_code == 200


def test_checksum_for_alice_never_reads_bobs_booking(api) -> None:
    query = _as_alice(schedule_id=str(ROOMS))
    response = api.get(f"/api/bookings/{BOB_ROOM_2}", auth=None, query_string=query)
    _assert_error(response, 403)


def test_checksum_for_alice_never_changes_bobs_booking(api) -> None:
    before = _state(api)
    update = api.put(f"/api/bookings/{BOB_ROOM_2}.json", auth=None, query_string=_as_alice(),
                     json={"booking": {"full_name": "Hijacked"}})  # fmt: skip
    delete = api.delete(f"/api/bookings/{BOB_ROOM_2}.json", auth=None, query_string=_as_alice())
    for response in (update, delete):
        _assert_error(response, 403)
    assert _state(api) == before


def test_checksum_for_alice_reads_her_user_but_not_bobs(api) -> None:
    own = api.get(f"/api/users/{ALICE}.json", auth=None, query_string=_as_alice())
    other = api.get(f"/api/users/{BOB}.json", auth=None, query_string=_as_alice())
    assert own.status_code == 200
    assert own.get_json()["name"] == ALICE_NAME
    _assert_error(other, 403)


def test_checksum_user_may_be_given_as_user_name_form_field(api) -> None:
    query = {"account": ACCOUNT, "user[name]": ALICE_NAME, "checksum": checksum(ALICE_NAME)}
    response = api.get(f"/api/users/{ALICE}.json", auth=None, query_string=query)
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/api/users.json", "/api/schedules.json", "/api/bookings.json"])
def test_checksum_never_authorises_an_account_wide_call(api, path: str) -> None:
    response = api.get(path, auth=None, query_string=_as_alice(schedule_id=str(ROOMS)))
    _assert_error(response, 403)


def test_checksum_computed_for_another_user_name_is_refused(api) -> None:
    # Bob's checksum presented as if it were Alice's.
    query = {
        "account": ACCOUNT,
        "user": ALICE_NAME,
        "checksum": checksum(BOB_NAME),
        "schedule_id": str(ROOMS),
    }
    response = api.get(f"/api/bookings/{ALICE_ROOM_1}", auth=None, query_string=query)
    _assert_error(response, 403)


def test_checksum_without_the_user_it_was_computed_for_is_refused(api) -> None:
    query = {"account": ACCOUNT, "checksum": checksum(ALICE_NAME)}
    response = api.get(f"/api/users/{ALICE}.json", auth=None, query_string=query)
    _assert_error(response, 403)


def test_checksum_creates_a_booking_for_its_own_user(api) -> None:
    body = {"schedule_id": ROOMS, "booking": NEW_BOOKING}
    response = api.post("/api/bookings.json", auth=None, query_string=_as_alice(), json=body)
    assert response.status_code == 201
    booking = api.get(f"/api/bookings/{id_from_location(response.headers['location'])}.json").get_json()
    assert (booking["user_id"], booking["name"], booking["created_by"]) == (ALICE, ALICE_NAME, ALICE_NAME)


def test_checksum_for_alice_cannot_book_for_bob(api) -> None:
    before = _state(api)
    body = {"schedule_id": ROOMS, "user_id": BOB, "booking": NEW_BOOKING}
    response = api.post("/api/bookings.json", auth=None, query_string=_as_alice(), json=body)
    _assert_error(response, 403)
    assert _state(api) == before


def test_password_wins_over_a_wrong_checksum(api) -> None:
    # The docs: the checksum is "Ignored if you send the account password".
    query = {"account": ACCOUNT, "password": PASSWORD, "user": ALICE_NAME, "checksum": "0" * 32}
    assert api.get("/api/users.json", auth=None, query_string=query).status_code == 200


# --- account isolation --------------------------------------------------------------------------

OTHER = {
    "name": "other",
    "api_key": "other-api-key",
    "password": "other-password",
    "users": [{"name": "olga@example.org", "full_name": "Olga"}],
    "schedules": [{"name": "Desks", "kind": "resource", "timezone": "UTC", "resources": ["Desk"]}],
    "bookings": [
        {"schedule": "Desks", "user": "olga@example.org", "resource": "Desk",
         "start": "2030-01-08 10:00", "finish": "2030-01-08 11:00"},
    ],
}  # fmt: skip
OTHER_AUTH = ("other", "other-api-key")


@pytest.fixture
def other(world: World, api: Api) -> dict[str, int]:
    """A second account in the same world (after the app seeded the demo, hence ``api``); returns
    the ids of its schedule, user and booking."""
    with world.lock:
        (account,) = load_seed(supersaas_state(world), {"accounts": [OTHER]})
        (schedule,) = account.schedules.values()
        (user,) = account.users.by_id.values()
        (booking,) = account.bookings.values()
    return {"schedule": schedule.id, "user": user.id, "booking": booking.id}


def test_another_accounts_key_cannot_read_update_or_delete_demo_bookings(api, other) -> None:
    before = _state(api)
    read = api.get(f"/api/bookings/{ALICE_ROOM_1}.json", auth=OTHER_AUTH)
    update = api.put(
        f"/api/bookings/{ALICE_ROOM_1}.json", auth=OTHER_AUTH, json={"booking": {"full_name": "X"}}
    )
    delete = api.delete(f"/api/bookings/{ALICE_ROOM_1}.json", auth=OTHER_AUTH)
    for response in (read, update, delete):
        _assert_error(response, 404)
    assert _state(api) == before


def test_another_accounts_key_lists_only_its_own_schedules(api, other) -> None:
    schedules = api.get("/api/schedules.json", auth=OTHER_AUTH).get_json()
    assert schedules == [{"id": other["schedule"], "name": "Desks"}]
    _assert_error(api.get(f"/api/bookings.json?schedule_id={ROOMS}", auth=OTHER_AUTH), 404)
    _assert_error(api.get(f"/api/users/{ALICE}.json", auth=OTHER_AUTH), 404)
    assert [u["name"] for u in api.get("/api/users.json", auth=OTHER_AUTH).get_json()] == ["olga@example.org"]


def test_another_accounts_key_cannot_book_into_demo_schedules(api, other) -> None:
    before = _state(api)
    response = api.post(
        "/api/bookings.json", auth=OTHER_AUTH, json={"schedule_id": ROOMS, "booking": NEW_BOOKING}
    )
    _assert_error(response, 404)
    assert _state(api) == before


def test_demo_key_cannot_see_the_other_accounts_objects(api, other) -> None:
    _assert_error(api.get(f"/api/bookings/{other['booking']}.json"), 404)
    _assert_error(api.get(f"/api/users/{other['user']}.json"), 404)
    _assert_error(api.get(f"/api/bookings.json?schedule_id={other['schedule']}"), 404)
    _assert_error(api.delete(f"/api/bookings/{other['booking']}.json"), 404)
    assert other["schedule"] not in [s["id"] for s in api.get("/api/schedules.json").get_json()]
    # ... and the other account still has its booking.
    assert api.get(f"/api/bookings/{other['booking']}.json", auth=OTHER_AUTH).status_code == 200


def test_demo_key_is_wrong_for_the_other_account(api, other) -> None:
    _assert_error(api.get("/api/schedules.json", auth=("other", API_KEY)), 403)


# --- properties ---------------------------------------------------------------------------------


def _fresh_client() -> FlaskClient:
    return create_app(Settings(seed="demo"), World(ManualClock(T0))).test_client()


@pytest.fixture(scope="module")
def read_only_client() -> FlaskClient:
    """One app for every example of a property that only reads."""
    return _fresh_client()


wrong_secrets = st.text(min_size=1, max_size=24).filter(lambda s: s not in (API_KEY, PASSWORD) and s.strip())


@pytest.mark.slow
@settings(max_examples=50, deadline=None)
@given(secret=wrong_secrets)
def test_any_wrong_api_key_is_refused_with_403_and_changes_nothing(secret: str) -> None:
    api = Api(_fresh_client())
    before = _state(api)
    wrong = (ACCOUNT, secret)
    responses = [
        api.get("/api/schedules.json", auth=wrong),
        api.put(f"/api/bookings/{ALICE_ROOM_1}.json", auth=wrong, json={"booking": {"full_name": "X"}}),
        api.post("/api/bookings.json", auth=wrong, json={"schedule_id": ROOMS, "booking": NEW_BOOKING}),
        api.delete(f"/api/bookings/{BOB_ROOM_2}.json", auth=wrong),
        api.post(
            "/api/users.json", auth=None, json={"account": ACCOUNT, "api_key": secret, "user": {"name": "z"}}
        ),
    ]
    for response in responses:
        assert response.status_code == 403, (secret, response.data)
        assert error_titles(response.get_json())
    assert _state(api) == before


@settings(max_examples=50, deadline=None)
@given(
    token=st.text(alphabet="0123456789abcdef", max_size=40).filter(
        lambda t: t not in (checksum(ALICE_NAME), checksum(ALICE_NAME, PASSWORD))
    )
)
def test_any_checksum_but_the_right_one_is_refused(read_only_client: FlaskClient, token: str) -> None:
    query = {"account": ACCOUNT, "user": ALICE_NAME, "checksum": token}
    response = read_only_client.get(f"/api/users/{ALICE}.json", query_string=query)
    # An empty checksum is no credential at all (401); any other wrong one is 403.
    assert response.status_code == (401 if token == "" else 403)


def test_basic_header_that_is_not_base64_is_treated_as_missing_credentials(client) -> None:
    response = client.get("/api/schedules.json", headers={"Authorization": "Basic %%%not-base64"})
    assert response.status_code == 401
    assert response.get_json()["errors"][0]["status"] == "401"


def test_basic_header_with_colon_in_the_key_compares_the_whole_key(client) -> None:
    raw = base64.b64encode(f"{ACCOUNT}:{API_KEY}:extra".encode()).decode()
    response = client.get("/api/schedules.json", headers={"Authorization": f"Basic {raw}"})
    assert response.status_code == 403


def test_a_checksum_call_on_a_schedule_needs_no_account_parameter(api) -> None:
    # 001: the agenda takes "account" only when the schedule id is left out; the schedule names
    # the account.
    query = {"user": ALICE_NAME, "checksum": checksum(ALICE_NAME)}
    response = api.get(f"/api/agenda/{ROOMS}.json", auth=None, query_string=query)
    assert response.status_code == 200
    assert [b["user_id"] for b in response.get_json()["bookings"]] == [ALICE]
    other = {"user": BOB_NAME, "checksum": checksum(ALICE_NAME)}
    assert api.get(f"/api/agenda/{ROOMS}.json", auth=None, query_string=other).status_code == 403
    unknown = api.get("/api/agenda/999999.json", auth=None, query_string=query)
    assert unknown.status_code == 404  # "404 ... if the schedule doesn't exist"
