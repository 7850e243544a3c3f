"""Catalogue and company reads: services, providers, categories, locations (keyed by id with
string-typed fields, or arrays with asArray), company info and params, plugins, intake fields."""

from __future__ import annotations

import pytest

from fakesaas.simplybook.client import JsonRpcClient
from fakesaas.simplybook.domain.companies import Simplybook
from fakesaas.simplybook.domain.settings import DEFAULT_PARAMS, Plugin
from tests.simplybook.support import ANNA, BEN, CHLOE, COMPANY, HAIRCUT, MASSAGE, rpc_error


def test_events_are_keyed_by_id_with_string_fields(public: JsonRpcClient) -> None:
    """Seed 003's getEventList example: {"1": {"id": "1", "duration": "60", "price": "300.0000"}}."""
    events = public.getEventList()
    assert list(events) == ["1", "2"]
    haircut = events["1"]
    assert haircut["id"] == "1"
    assert haircut["name"] == "Haircut"
    assert haircut["duration"] == "30"
    assert haircut["buffer_time_after"] == "10"
    assert haircut["price"] == "25.0000"
    assert haircut["is_public"] == haircut["is_active"] == "1"
    assert haircut["categories"] == ["1"]
    assert haircut["unit_map"] == {"1": None, "2": None}
    assert all(
        isinstance(v, str)
        for k, v in haircut.items()
        if k not in ("categories", "unit_map", "picture", "picture_path")
    )


def test_as_array_gives_a_list_in_position_order(public: JsonRpcClient) -> None:
    events = public.getEventList(False, True)
    assert [e["id"] for e in events] == ["1", "2"]
    units = public.getUnitList(False, True)
    assert [(u["id"], u["name"], u["qty"]) for u in units] == [
        ("1", "Anna", "1"),
        ("2", "Ben", "1"),
        ("3", "Chloe", "2"),
    ]


def test_clients_never_see_hidden_or_inactive_items(
    public: JsonRpcClient, admin: JsonRpcClient, state: Simplybook
) -> None:
    company = state.company(COMPANY)
    company.catalog.events[MASSAGE].is_public = False
    company.catalog.units[BEN].is_visible = False
    company.catalog.units[CHLOE].is_active = False
    assert list(public.getEventList()) == ["1"]
    assert list(public.getUnitList()) == ["1"]
    # The admin service lists everything unless asked for visible ones only.
    assert list(admin.getEventList()) == ["1", "2"]
    assert list(admin.getUnitList()) == ["1", "2", "3"]
    assert list(admin.getUnitList(True)) == ["1"]


def test_search_strings_filter_by_name(public: JsonRpcClient) -> None:
    assert list(public.getEventList(False, False, False, "mass")) == ["2"]
    assert list(public.getUnitList(False, False, False, "CHL")) == ["3"]
    assert public.getUnitList(False, False, False, "nobody") == []


def test_an_empty_list_is_an_empty_array_as_php_writes_it(public: JsonRpcClient) -> None:
    assert public.getEventList(False, False, False, "zzz") == []


def test_categories_need_their_plugin(public: JsonRpcClient, state: Simplybook) -> None:
    categories = public.getCategoriesList()
    assert categories == {
        "1": {
            "id": "1",
            "name": "Treatments",
            "description": "",
            "is_public": "1",
            "position": "0",
            "events": ["1", "2"],
        }
    }
    company = state.company(COMPANY)
    company.settings.plugins = company.settings.plugins - {Plugin.EVENT_CATEGORY}
    with rpc_error(-32001, "Plugin is not activated"):
        public.getCategoriesList()


def test_locations_list_their_providers(public: JsonRpcClient, state: Simplybook) -> None:
    locations = public.getLocationsList()
    assert locations["1"]["title"] == "Demo Studio"
    assert locations["1"]["units"] == ["1", "2", "3"]
    assert locations["1"]["is_default"] == "1"
    assert public.getLocationsList(True, True)[0]["id"] == "1"
    company = state.company(COMPANY)
    company.settings.plugins = company.settings.plugins - {Plugin.LOCATION}
    with rpc_error(-32001):
        public.getLocationsList()


def test_company_info_has_the_documented_fields(public: JsonRpcClient) -> None:
    info = public.getCompanyInfo()
    documented = {
        "login", "name", "description", "address1", "address2", "city", "country_id", "lat", "lng", "email",
        "phone", "web", "skip_address", "logo", "address", "description_text", "timezone",
        "show_in_client_timezone", "timeframe", "timeline_type", "allow_event_day_break",
        "allow_event_breaktime_break",
    }  # fmt: skip
    assert documented <= set(info)
    assert info["login"] == "demo"
    assert info["timezone"] == "Europe Amsterdam"  # the seed's example writes "Europe London"
    assert info["timeframe"] == "30"
    assert info["show_in_client_timezone"] is False


@pytest.mark.parametrize("name", sorted(DEFAULT_PARAMS))
def test_every_documented_company_param_reads_as_a_string(public: JsonRpcClient, name: str) -> None:
    value = public.getCompanyParam(name)
    assert isinstance(value, str)


def test_company_params_as_the_demo_sets_them(public: JsonRpcClient) -> None:
    assert public.getCompanyParams(["timeframe", "require_fields", "company_timezone"]) == {
        "timeframe": "30",
        "require_fields": "email",
        "company_timezone": "Europe/Amsterdam",
    }
    assert public.getTimeframe() == 30


def test_an_unknown_param_is_invalid_params(public: JsonRpcClient) -> None:
    with rpc_error(-32602):
        public.getCompanyParam("colour_scheme")
    with rpc_error(-32011, "Params is not array"):
        public.getCompanyParams({"timeframe": 1})


def test_plugins_by_the_seeds_identifiers(public: JsonRpcClient, state: Simplybook) -> None:
    statuses = public.getPluginStatuses()
    assert set(statuses) == {plugin.value for plugin in Plugin}
    assert statuses["promo"] is True
    assert statuses["paid_events"] is False
    assert public.isPluginActivated("event_category") is True
    assert public.isPluginActivated("approve_booking") is False
    assert public.isPluginActivated("no_such_plugin") is False


def test_additional_fields_of_a_service(public: JsonRpcClient, state: Simplybook) -> None:
    fields = public.getAdditionalFields(HAIRCUT)
    assert [(f["name"], f["type"], f["is_null"]) for f in fields] == [("notes", "textarea", "1")]
    with rpc_error(-32051):
        public.getAdditionalFields(99)
    company = state.company(COMPANY)
    company.settings.plugins = company.settings.plugins - {Plugin.EVENT_FIELD}
    with rpc_error(-32001):
        public.getAdditionalFields(HAIRCUT)


def test_user_license_text_needs_its_plugin(public: JsonRpcClient, state: Simplybook) -> None:
    assert "cancelled" in public.getUserLicenseText()
    company = state.company(COMPANY)
    company.settings.plugins = company.settings.plugins - {Plugin.USER_LICENSE}
    with rpc_error(-32001):
        public.getUserLicenseText()


def test_provider_ids_match_the_demo(public: JsonRpcClient) -> None:
    units = public.getUnitList()
    assert {int(k): v["name"] for k, v in units.items()} == {ANNA: "Anna", BEN: "Ben", CHLOE: "Chloe"}
