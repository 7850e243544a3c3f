"""Hold tokens on the world's clock: 15 minutes by default, extendable, and what they held is free
again once they expire, with the release recorded at the expiry and no caller."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fakesaas.core.clock import ManualClock, VirtualClock
from fakesaas.core.world import World
from tests.seatsio.conftest import Api, build_app
from tests.seatsio.support import T0, new_company

CHANGE = "/events/groups/actions/change-object-status?expand=objects"


def hold(api: Api, event: str, labels: list[object], token: str) -> int:
    body = {"events": [event], "objects": labels, "status": "reservedByToken", "holdToken": token}
    return int(api.post(CHANGE, json=body).status_code)


def statuses(api: Api, event: str, *labels: str) -> dict[str, str]:
    query = "&".join(f"label={label}" for label in labels)
    return {
        label: info["status"]
        for label, info in api.get(f"/events/{event}/objects?{query}").get_json().items()
    }


def test_a_new_token_lasts_fifteen_minutes_on_the_world_clock(api: Api) -> None:
    token = api.post("/hold-tokens").get_json()
    assert token["expiresAt"] == (T0 + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert token["expiresInSeconds"] == 900


def test_expires_in_minutes_moves_the_expiry_from_now(api: Api, clock: ManualClock) -> None:
    token = api.post("/hold-tokens", json={"expiresInMinutes": 5}).get_json()["holdToken"]
    clock.advance(timedelta(minutes=4))
    updated = api.post(f"/hold-tokens/{token}", json={"expiresInMinutes": 30}).get_json()
    assert updated["expiresInSeconds"] == 1800
    clock.advance(timedelta(minutes=29))
    assert api.get(f"/hold-tokens/{token}").get_json()["expiresInSeconds"] == 60


def test_out_of_range_minutes_are_refused(api: Api) -> None:
    for minutes in (-1, 121, "ten"):
        assert api.post("/hold-tokens", json={"expiresInMinutes": minutes}).status_code == 400


def test_expiry_frees_exactly_what_the_token_held(api: Api, event: str, clock: ManualClock) -> None:
    short = api.post("/hold-tokens", json={"expiresInMinutes": 5}).get_json()["holdToken"]
    long = api.post("/hold-tokens", json={"expiresInMinutes": 60}).get_json()["holdToken"]
    assert hold(api, event, ["A-1", "A-2", {"objectId": "GA1", "quantity": 3}], short) == 200
    assert hold(api, event, ["B-1", {"objectId": "GA1", "quantity": 2}], long) == 200
    clock.advance(timedelta(minutes=5))
    assert statuses(api, event, "A-1", "A-2", "B-1") == {
        "A-1": "free",
        "A-2": "free",
        "B-1": "reservedByToken",
    }
    area = api.get(f"/events/{event}/objects?label=GA1").get_json()["GA1"]
    assert (area["numHeld"], area["holds"]) == (2, {long: {"NO_TICKET_TYPE": 2}})
    assert api.get(f"/hold-tokens/{short}").status_code == 404


def test_an_expiry_is_recorded_at_the_expiry_with_no_ip(api: Api, event: str, clock: ManualClock) -> None:
    token = api.post("/hold-tokens", json={"expiresInMinutes": 1}).get_json()["holdToken"]
    hold(api, event, ["A-1"], token)
    clock.advance(timedelta(hours=1))
    changes = api.get(f"/events/{event}/status-changes").get_json()["items"]
    assert [c["status"] for c in changes] == ["free", "reservedByToken"]
    expiry, held = changes
    assert expiry["origin"]["ip"] is None
    assert held["origin"] == {"type": "API_CALL", "ip": "127.0.0.1"}
    assert expiry["date"] == (T0 + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert expiry["holdToken"] == token


def test_an_expired_token_cannot_hold_or_book(api: Api, event: str, clock: ManualClock) -> None:
    token = api.post("/hold-tokens", json={"expiresInMinutes": 1}).get_json()["holdToken"]
    clock.advance(timedelta(minutes=2))
    answer = api.post(
        CHANGE, json={"events": [event], "objects": ["A-1"], "status": "reservedByToken", "holdToken": token}
    )
    assert answer.status_code == 400
    assert answer.get_json()["errors"][0]["code"] == "HOLD_TOKEN_EXPIRED"


def test_booking_with_the_token_before_expiry_keeps_the_seat_booked(
    api: Api, event: str, clock: ManualClock
) -> None:
    token = api.post("/hold-tokens", json={"expiresInMinutes": 1}).get_json()["holdToken"]
    hold(api, event, ["A-1"], token)
    api.post(CHANGE, json={"events": [event], "objects": ["A-1"], "status": "booked", "holdToken": token})
    clock.advance(timedelta(minutes=5))
    assert statuses(api, event, "A-1") == {"A-1": "booked"}


def test_on_running_time_an_expiry_is_never_before_the_asked_minutes() -> None:
    """On real time the expiry keeps its milliseconds, as the real API's does: a client that notes
    the time before asking for 30 minutes finds the expiry no earlier than that time plus 30."""
    world = World(VirtualClock())
    client = build_app(world).test_client()
    api = Api(client, new_company(client).admin_key)
    token = api.post("/hold-tokens").get_json()["holdToken"]
    for _ in range(20):
        now = datetime.now(UTC)
        before = now.replace(microsecond=now.microsecond // 1000 * 1000)
        updated = api.post(f"/hold-tokens/{token}", json={"expiresInMinutes": 30}).get_json()
        expires = datetime.strptime(updated["expiresAt"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        assert before + timedelta(minutes=30) <= expires
        assert expires <= datetime.now(UTC) + timedelta(minutes=30)
        assert 29 * 60 <= updated["expiresInSeconds"] <= 30 * 60
