"""The service's state: lossless dump and load, seed sections, the demo, summaries and banners."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.core.service import SectionError
from fakesaas.core.world import World
from fakesaas.seatsio.domain.demo import DEMO_EVENT_KEY, DEMO_HOLD_TOKEN, DEMO_SECRET_KEY
from fakesaas.seatsio.domain.state import Seatsio
from fakesaas.seatsio.service import SeatsioService
from tests.seatsio.conftest import Api
from tests.seatsio.support import T0, small_theatre

SERVICE = SeatsioService()
CHANGE = "/events/groups/actions/change-object-status"


def busy_state(api: Api, theatre: str) -> None:
    """A bit of everything: events, a season, statuses, holds, GA places, channels, drafts, tags."""
    api.post(
        "/events",
        json={
            "chartKey": theatre,
            "eventKey": "e1",
            "name": "One",
            "date": "2030-02-01",
            "channels": [{"key": "c", "name": "C", "color": "#000", "objects": ["D-1"]}],
            "forSaleConfig": {"forSale": False, "objects": ["D-8"], "areaPlaces": {"GA1": 3}},
        },
    )
    api.post("/seasons", json={"chartKey": theatre, "key": "s", "eventKeys": ["s1", "s2"]})
    token = api.post("/hold-tokens").get_json()["holdToken"]
    api.post(
        CHANGE,
        json={
            "events": ["e1"],
            "objects": ["A-1", {"objectId": "GA1", "quantity": 4}],
            "status": "booked",
            "orderId": "o-1",
        },
    )
    api.post(
        CHANGE,
        json={"events": ["e1", "s"], "objects": ["B-2"], "status": "reservedByToken", "holdToken": token},
    )
    api.post("/events/e1/actions/update-extra-data", json={"extraData": {"C-3": {"note": "x"}}})
    api.post(f"/charts/{theatre}", json={"name": "Renamed"})
    api.post(f"/charts/{theatre}/tags/gala")
    api.post("/workspaces", json={"name": "second", "isTest": True})
    api.post("/ticket-buyers", json={"ids": ["00000000-0000-4000-8000-000000000001"]})


def test_dump_then_load_gives_the_same_state_back(
    api: Api, theatre: str, world: World, state: Seatsio
) -> None:
    busy_state(api, theatre)
    dumped = SERVICE.dump(state)
    reloaded = SERVICE.load(World(ManualClock(T0)), json.loads(json.dumps(dumped)))
    assert SERVICE.dump(reloaded) == dumped


def test_a_loaded_state_goes_on_as_the_saved_one_would(api: Api, theatre: str, state: Seatsio) -> None:
    busy_state(api, theatre)
    reloaded = SERVICE.load(World(ManualClock(T0)), SERVICE.dump(state))
    assert reloaded.keys.token() == state.keys.token()
    assert reloaded.next_id("event") == state.next_id("event")
    company = next(iter(reloaded.companies.values()))
    scope = reloaded.authenticate(company.admin_key, None)
    event = scope.workspace.events["e1"]
    assert event.state("GA1").num_booked == 4
    assert event.state("B-2").status == "reservedByToken"
    token = event.state("B-2").hold_token
    assert token is not None
    assert scope.workspace.hold_tokens.tokens[token].held[event.id] == {"B-2"}


@pytest.mark.parametrize(
    "data",
    [None, [], {"format": 99}, {"format": 1}, {"format": 1, "system_secret": "x", "keys": {}, "ids": {}}],
)
def test_a_state_that_cannot_be_read_back_is_a_section_error(data: Any) -> None:
    with pytest.raises(SectionError):
        SERVICE.load(World(), data)


def test_the_demo_has_a_theatre_and_an_event_partly_booked_and_held(world: World) -> None:
    state = SERVICE.new_state(world)
    assert SERVICE.seed(state, SERVICE.demo(T0)) == ["demo"]
    scope = state.authenticate(DEMO_SECRET_KEY, None)
    event = scope.workspace.events[DEMO_EVENT_KEY]
    layout = scope.workspace.charts[event.chart_key].layout
    assert scope.workspace.charts[event.chart_key].name == "Demo theatre"
    kinds = {item.object_type.value for item in layout.objects.values()}
    assert kinds == {"seat", "table", "generalAdmission"}
    assert len(layout.categories) == 4
    assert event.state("A-5").status == "booked"
    assert event.state("C-6").hold_token == DEMO_HOLD_TOKEN
    assert event.date == (T0 + timedelta(days=30)).date().isoformat()


def test_the_banner_and_summary_name_the_demo_key(world: World) -> None:
    state = SERVICE.new_state(world)
    SERVICE.seed(state, SERVICE.demo(T0))
    summary = SERVICE.summary(state)
    assert summary.counts == {"companies": 1, "workspaces": 1, "charts": 1, "events": 1}
    assert ("secret_key", DEMO_SECRET_KEY) in summary.tenants[0].credentials
    banner = "\n".join(SERVICE.banner(state, "http://127.0.0.1:8080"))
    assert DEMO_SECRET_KEY in banner
    assert "http://127.0.0.1:8080/seatsio" in banner


def test_a_seed_section_with_a_drawing_and_events(world: World) -> None:
    state = SERVICE.new_state(world)
    section = {
        "system_secret": "s3cret",
        "companies": [
            {
                "name": "acme",
                "admin_key": "acme-key",
                "workspaces": [
                    {
                        "name": "Main",
                        "key": "acme-ws",
                        "secret_key": "acme-ws-secret",
                        "charts": [{"key": "hall", "drawing": small_theatre("Hall"), "tags": ["x"]}],
                        "events": [
                            {"key": "gig", "chart": "hall", "booked": ["A-1"], "statuses": {"A-2": "vip"}}
                        ],
                    },
                    {"name": "Staging", "is_test": True},
                ],
            }
        ],
    }
    assert SERVICE.seed(state, section) == ["acme"]
    assert state.system_secret == "s3cret"
    scope = state.authenticate("acme-ws-secret", None)
    assert scope.workspace.events["gig"].state("A-2").status == "vip"
    assert len(scope.company.workspaces) == 2


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"companies": [{"name": "x", "colour": "red"}]}, "unknown keys ['colour']"),
        ({"companies": [{"workspaces": [{"charts": [{"key": "c"}]}]}]}, "needs a drawing or a sketch"),
        (
            {"companies": [{"workspaces": [{"charts": [{"key": "c", "drawing": {"subChart": 3}}]}]}]},
            "subChart",
        ),
        ({"companies": [{"workspaces": [{"events": [{"key": "e", "chart": "none"}]}]}]}, "Chart not found"),
        ({"companies": [{"name": "a"}, {"name": "a"}]}, "in the section twice"),
        ({"companies": "x"}, "expected a list"),
    ],
)
def test_a_bad_seed_section_loads_nothing_and_says_why(world: World, section: Any, message: str) -> None:
    state = SERVICE.new_state(world)
    with pytest.raises(SectionError) as refused:
        SERVICE.seed(state, section)
    assert message in str(refused.value)
    assert state.companies == {}


def test_reset_tenant_puts_a_company_back_with_the_ids_it_had(world: World) -> None:
    state = SERVICE.new_state(world)
    section = SERVICE.demo(T0)
    SERVICE.seed(state, section)
    at_start = SERVICE.dump_tenant(state, "demo")
    scope = state.authenticate(DEMO_SECRET_KEY, None)
    scope.workspace.remove_event(scope.workspace.events[DEMO_EVENT_KEY])
    assert SERVICE.reset_tenant(world, state, section, "demo") is True
    assert SERVICE.dump_tenant(state, "demo") == at_start
    assert SERVICE.reset_tenant(world, state, section, "nobody") is False


def test_seeding_a_company_again_replaces_it(world: World) -> None:
    state = SERVICE.new_state(world)
    SERVICE.seed(state, SERVICE.demo(T0))
    at_start = SERVICE.dump_tenant(state, "demo")
    state.authenticate(DEMO_SECRET_KEY, None).workspace.events.clear()
    assert SERVICE.seed(state, SERVICE.demo(T0)) == ["demo"]
    assert SERVICE.dump_tenant(state, "demo") == at_start
    assert len(state.companies) == 1


def test_a_seed_beside_companies_made_since_start_continues_their_ids(world: World) -> None:
    state = SERVICE.new_state(world)
    from fakesaas.seatsio.domain.accounts import create_company

    made = create_company(state)
    SERVICE.seed(state, SERVICE.demo(T0))
    demo = state.company_by_name("demo")
    assert demo is not None
    assert demo.id != made.id
    assert demo.default_workspace.id != made.default_workspace.id


def test_dump_tenant_is_one_company(world: World) -> None:
    state = SERVICE.new_state(world)
    SERVICE.seed(state, SERVICE.demo(T0))
    assert SERVICE.dump_tenant(state, "demo")["admin_key"] == DEMO_SECRET_KEY  # type: ignore[index]
    assert SERVICE.dump_tenant(state, "nobody") is None
