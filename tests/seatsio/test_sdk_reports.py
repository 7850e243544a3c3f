"""Every report method of the official Python SDK against a served emulator: each answers what the
SDK reads (EventReport, ChartReport, lists of object infos, summaries), with the small theatre's
numbers: 32 seats in rows A-D (C and D "Back"), GA1 of 100 places, T1 per seat, T2 booked whole."""

from __future__ import annotations

import pytest
import seatsio
from seatsio.domain import ChartReport, EventObjectInfo, EventReport
from seatsio.events.objectProperties import ObjectProperties

# The SDK's own: jsonpickle warns about a default of its next major version.
pytestmark = pytest.mark.filterwarnings("ignore:keys will default to True:DeprecationWarning")

BOOKABLE = 32 + 4 + 1 + 1  # the rows, T1's seats, T2, GA1
PLACES = 32 + 4 + 4 + 100  # a table booked whole counts its seats, an area its places


@pytest.fixture
def show(sdk: seatsio.Client, sdk_theatre: str) -> str:
    """A-1 and A-2 booked in order-1, GA1 5 places booked, B-1 and B-2 in channel "vip"."""
    key = str(sdk.events.create(sdk_theatre).key)
    sdk.events.channels.add(key, "vip", "VIP", "#ff0000", 1, ["B-1", "B-2"])
    sdk.events.book(key, ["A-1", "A-2"], order_id="order-1")
    sdk.events.book(key, [ObjectProperties("GA1", quantity=5)])
    return key


def sizes(report: EventReport | ChartReport) -> dict[str, int]:
    return {group: len(items) for group, items in report.items.items()}


def test_detailed_event_reports_group_every_bookable_object(sdk: seatsio.Client, show: str) -> None:
    reports = sdk.events.reports
    assert sizes(reports.by_status(show)) == {"booked": 3, "free": BOOKABLE - 3}
    assert sizes(reports.by_order_id(show)) == {"order-1": 2, "NO_ORDER_ID": BOOKABLE - 2}
    assert sizes(reports.by_category_label(show))["Back"] == 16
    assert sizes(reports.by_category_key(show))["2"] == 16
    assert sizes(reports.by_section(show)) == {"NO_SECTION": BOOKABLE}
    assert sizes(reports.by_zone(show)) == {"NO_ZONE": BOOKABLE}
    assert sizes(reports.by_object_type(show)) == {"seat": 36, "table": 1, "generalAdmission": 1, "booth": 0}
    assert sizes(reports.by_channel(show)) == {"vip": 2, "NO_CHANNEL": BOOKABLE - 2}
    assert sizes(reports.by_availability(show)) == {"available": BOOKABLE - 2, "not_available": 2}
    reasons = sizes(reports.by_availability_reason(show))
    assert (reasons["available"], reasons["booked"], reasons["not_for_sale"]) == (BOOKABLE - 2, 2, 0)
    assert len(reports.by_label(show).items) == BOOKABLE
    item = reports.by_label(show).get("A-1")[0]
    assert isinstance(item, EventObjectInfo)
    assert (item.status, item.order_id, item.is_available, item.season_status_overridden_quantity) == (
        "booked",
        "order-1",
        False,
        0,
    )


def test_a_filter_asks_for_one_group(sdk: seatsio.Client, show: str) -> None:
    reports = sdk.events.reports
    assert [item.label for item in reports.by_status(show, "booked")] == ["A-1", "A-2", "GA1"]
    assert [item.label for item in reports.by_order_id(show, "order-1")] == ["A-1", "A-2"]
    assert [item.label for item in reports.by_label(show, "B-1")] == ["B-1"]
    assert [item.label for item in reports.by_channel(show, "vip")] == ["B-1", "B-2"]
    assert len(reports.by_category_key(show, "2")) == 16
    assert len(reports.by_category_label(show, "Back")) == 16
    assert len(reports.by_section(show, "NO_SECTION")) == BOOKABLE
    assert len(reports.by_zone(show, "NO_ZONE")) == BOOKABLE
    assert len(reports.by_object_type(show, "table")) == 1
    assert len(reports.by_availability(show, "not_available")) == 2
    assert len(reports.by_availability_reason(show, "booked")) == 2
    assert reports.by_status(show, "nobody") == []


def test_summaries_count_places(sdk: seatsio.Client, show: str) -> None:
    reports = sdk.events.reports
    by_status = reports.summary_by_status(show)
    assert by_status["booked"]["count"] == 2 + 5
    assert sum(group["count"] for group in by_status.values()) == PLACES
    assert reports.summary_by_object_type(show)["table"]["count"] == 4
    assert reports.summary_by_category_label(show)["Back"]["byStatus"] == {"free": 16}
    assert reports.summary_by_category_key(show)["2"]["count"] == 16
    assert reports.summary_by_section(show)["NO_SECTION"]["count"] == PLACES
    assert reports.summary_by_zone(show)["NO_ZONE"]["byChannel"] == {"vip": 2, "NO_CHANNEL": PLACES - 2}
    assert reports.summary_by_channel(show)["vip"]["byCategoryLabel"] == {"Front": 2}
    # The area's booked places are not available, though the area is (detailed reports list it so).
    assert reports.summary_by_availability(show)["not_available"]["byStatus"] == {"booked": 7}
    booked = reports.summary_by_availability_reason(show)["booked"]
    assert booked["byObjectType"] == {"seat": 2, "generalAdmission": 5}


def test_deep_summaries_break_each_breakdown_down(sdk: seatsio.Client, show: str) -> None:
    reports = sdk.events.reports
    assert reports.deep_summary_by_status(show)["booked"]["bySection"]["NO_SECTION"]["count"] == 7
    assert reports.deep_summary_by_object_type(show)["seat"]["byChannel"]["vip"]["byStatus"] == {"free": 2}
    assert reports.deep_summary_by_category_key(show)["1"]["byStatus"]["booked"]["count"] == 2
    assert reports.deep_summary_by_category_label(show)["Front"]["byStatus"]["booked"]["count"] == 2
    assert reports.deep_summary_by_section(show)["NO_SECTION"]["byCategoryLabel"]["Back"]["count"] == 16
    assert reports.deep_summary_by_zone(show)["NO_ZONE"]["count"] == PLACES
    assert reports.deep_summary_by_channel(show)["vip"]["bySection"]["NO_SECTION"]["count"] == 2
    deep = reports.deep_summary_by_availability(show)["not_available"]
    assert deep["byCategoryLabel"]["Front"]["bySection"] == {"NO_SECTION": 2}
    deep = reports.deep_summary_by_availability_reason(show)["booked"]
    assert deep["byObjectType"]["seat"]["count"] == 2


def test_the_flat_list_and_its_csv(sdk: seatsio.Client, show: str) -> None:
    flat = sdk.events.reports.flat_list(show)
    assert [item.label for item in flat] == sorted(item.label for item in flat)
    csv = sdk.events.reports.flat_list_csv(show)
    assert csv.splitlines()[0].startswith("label,")
    assert len(csv.splitlines()) == 1 + BOOKABLE


def test_chart_reports(sdk: seatsio.Client, sdk_theatre: str) -> None:
    assert len(sdk.charts.reports.by_label(sdk_theatre).items) == 32 + 8 + 2 + 1
    assert sizes(sdk.charts.reports.by_object_type(sdk_theatre, book_whole_tables="chart"))["table"] == 1
    assert sizes(sdk.charts.reports.by_category_key(sdk_theatre))["standing"] == 1
    assert sizes(sdk.charts.reports.by_category_label(sdk_theatre))["Back"] == 16
    assert sizes(sdk.charts.reports.by_section(sdk_theatre)) == {"NO_SECTION": 43}
    assert sizes(sdk.charts.reports.by_zone(sdk_theatre)) == {"NO_ZONE": 43}
    tables = sdk.charts.reports.summary_by_object_type(sdk_theatre, book_whole_tables="true")
    assert tables["table"]["count"] == 2
    assert sdk.charts.reports.summary_by_category_key(sdk_theatre)["standing"]["count"] == 100
    assert sdk.charts.reports.summary_by_category_label(sdk_theatre)["Back"]["byObjectType"] == {"seat": 16}
    places = 32 + 8 + 2 + 100  # a chart summary counts a table once, besides its seats
    assert sdk.charts.reports.summary_by_section(sdk_theatre)["NO_SECTION"]["byZone"] == {"NO_ZONE": places}
    assert sdk.charts.reports.summary_by_zone(sdk_theatre)["NO_ZONE"]["count"] == places
