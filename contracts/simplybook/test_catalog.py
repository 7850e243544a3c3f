"""Catalogue reads (seed 003): lists keyed by id with string-typed fields, arrays with asArray,
the company's params and info."""

from __future__ import annotations

from contracts.simplybook.rpc import Company

TIMEFRAMES = (5, 10, 15, 20, 30, 60)


def test_events_are_keyed_by_their_string_ids(company: Company) -> None:
    events = company.public.getEventList()
    if not events:
        return  # PHP writes an empty list as []
    for key, event in events.items():
        assert event["id"] == key
        assert isinstance(event["name"], str)
        assert str(event["duration"]).isdigit()
        assert event["is_public"] in ("0", "1")


def test_as_array_lists_the_same_events(company: Company) -> None:
    keyed = company.public.getEventList()
    listed = company.public.getEventList(False, True)
    assert isinstance(listed, list)
    assert sorted(e["id"] for e in listed) == sorted(keyed or {})


def test_units_are_keyed_by_their_string_ids(company: Company) -> None:
    units = company.public.getUnitList()
    for key, unit in (units or {}).items():
        assert unit["id"] == key
        assert isinstance(unit["name"], str)


def test_the_timeframe_is_one_of_the_documented_values(company: Company) -> None:
    timeframe = company.public.getTimeframe()
    assert int(timeframe) in TIMEFRAMES
    assert str(company.public.getCompanyParam("timeframe")) == str(timeframe)


def test_company_info_names_the_company(company: Company) -> None:
    info = company.public.getCompanyInfo()
    assert info["login"].casefold() == company.company.casefold()
    for field in ("name", "timezone", "timeframe", "address1", "city", "email"):
        assert field in info


def test_require_fields_is_documented_value(company: Company) -> None:
    assert company.public.getCompanyParam("require_fields") in ("", "phone", "email", "email_phone")


def test_plugin_statuses_are_booleans_by_plugin_id(company: Company) -> None:
    statuses = company.public.getPluginStatuses()
    assert isinstance(statuses, dict)
    assert all(isinstance(on, bool) for on in statuses.values())
    assert company.public.isPluginActivated("api") is True
