"""Event and chart reports over HTTP: groups, filters, summaries and deep summaries that follow every
status change and every change of an event's settings, the flat list and its CSV, tables as asked."""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import timedelta
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import DomainError
from fakesaas.seatsio.domain import accounts, catalog, channels, event_reports, programme, statuses
from fakesaas.seatsio.domain.grouping import Dimension
from fakesaas.seatsio.domain.history import Origin
from fakesaas.seatsio.domain.holds import HoldToken
from fakesaas.seatsio.domain.state import Seatsio
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest
from tests.seatsio.conftest import Api
from tests.seatsio.support import T0, post_chart, small_theatre

HELD, BOOKED, FREE = "reservedByToken", "booked", "free"
# The small theatre: 32 seats in rows A-D, GA1 of 100 places, tables T1 (per seat, 4) and T2 (whole, 4).
SEATS_IN_ROWS, AREA_PLACES = 32, 100


def book(api: Api, event: str, objects: list[Any], status: str = BOOKED, **extra: Any) -> None:
    body = {"events": [event], "objects": objects, "status": status, **extra}
    answer = api.post("/events/groups/actions/change-object-status", json=body)
    assert answer.status_code in (200, 204), answer.data


def report(api: Api, path: str) -> Any:
    answer = api.get("/reports" + path)
    assert answer.status_code == 200, answer.data
    return answer.get_json()


def test_a_report_by_status_follows_bookings_and_holds(api: Api, event: str) -> None:
    book(api, event, ["A-1", "A-2"], orderId="order-1")
    book(api, event, ["A-3"], "vip")
    token = api.post("/hold-tokens").get_json()["holdToken"]
    book(api, event, ["B-1"], HELD, holdToken=token)

    groups = report(api, f"/events/{event}/byStatus")

    assert [item["label"] for item in groups[BOOKED]] == ["A-1", "A-2"]
    assert [item["label"] for item in groups["vip"]] == ["A-3"]
    assert groups[HELD][0]["holdToken"] == token
    # T1's four seats, T2 booked whole, the GA area and the rest of the rows.
    assert len(groups[FREE]) == SEATS_IN_ROWS - 4 + 4 + 1 + 1
    assert report(api, f"/events/{event}/byOrderId/order-1") == {"order-1": groups[BOOKED]}


def test_a_report_shows_each_change_made_since_the_last_one(api: Api, event: str) -> None:
    assert report(api, f"/events/{event}/byLabel/A-1")["A-1"][0]["status"] == FREE
    report(api, f"/events/{event}")  # every object written once
    book(api, event, ["A-1"], orderId="o-1")
    api.post(f"/events/{event}/objects/A-2/actions/update-extra-data", json={"extraData": {"seen": 1}})
    flat = {item["label"]: item for item in report(api, f"/events/{event}")}
    assert (flat["A-1"]["status"], flat["A-1"]["orderId"]) == (BOOKED, "o-1")
    assert flat["A-2"]["extraData"] == {"seen": 1}
    api.post(f"/events/{event}/actions/mark-as-not-for-sale", json={"objects": ["A-3"]})
    assert report(api, f"/events/{event}/byLabel/A-3")["A-3"][0]["forSale"] is False


def test_a_filter_names_one_group_and_an_unknown_one_gives_nothing(api: Api, event: str) -> None:
    book(api, event, ["A-1"])
    assert list(report(api, f"/events/{event}/byStatus/{BOOKED}")) == [BOOKED]
    assert report(api, f"/events/{event}/byStatus/nobody-has-this") == {}
    assert report(api, f"/events/{event}/byObjectType/booth") == {"booth": []}
    assert [i["label"] for i in report(api, f"/events/{event}/byLabel/A-1")["A-1"]] == ["A-1"]
    back = report(api, f"/events/{event}/byCategoryLabel/Back")["Back"]
    assert {item["label"][0] for item in back} == {"C", "D"}


def test_every_known_group_is_listed_even_when_empty(api: Api, event: str) -> None:
    by_type = report(api, f"/events/{event}/byObjectType")
    assert {kind: len(items) for kind, items in by_type.items()} == {
        "seat": SEATS_IN_ROWS + 4,
        "table": 1,
        "generalAdmission": 1,
        "booth": 0,
    }
    assert set(report(api, f"/events/{event}/byCategoryKey")) == {"1", "2", "standing", "NO_CATEGORY"}
    assert list(report(api, f"/events/{event}/byZone")) == ["NO_ZONE"]
    reasons = report(api, f"/events/{event}/byAvailabilityReason")
    assert {"available", "booked", "reservedByToken", "not_for_sale"} <= set(reasons)


def test_a_summary_counts_places_and_breaks_each_group_down(api: Api, event: str) -> None:
    book(api, event, ["A-1"])
    book(api, event, [{"objectId": "GA1", "quantity": 5}])

    summary = report(api, f"/events/{event}/byStatus/summary")

    # A GA area counts its places, a table booked whole its seats.
    assert summary[BOOKED]["count"] == 1 + 5
    assert summary[BOOKED]["byObjectType"] == {"seat": 1, "generalAdmission": 5}
    assert summary[FREE]["count"] == (SEATS_IN_ROWS - 1) + 4 + 4 + (AREA_PLACES - 5)
    assert summary[FREE]["byAvailability"] == {"available": summary[FREE]["count"]}
    assert "byStatus" not in summary[FREE]
    by_key = report(api, f"/events/{event}/byCategoryKey/summary")
    assert "byCategoryLabel" not in by_key["1"]  # the same groups by another name
    empty = by_key["NO_CATEGORY"]
    assert empty == {"count": 0, **{name: {} for name in empty if name != "count"}}


def test_selectability_is_what_a_ticket_buyer_may_select(api: Api, event: str) -> None:
    book(api, event, ["A-1"])
    api.post(f"/events/{event}/actions/mark-as-not-for-sale", json={"objects": ["A-2"]})
    groups = report(api, f"/events/{event}/bySelectability")
    assert [item["label"] for item in groups["not_selectable"]] == ["A-1", "A-2"]
    assert report(api, f"/events/{event}/bySelectability/{{'not_selectable'}}") == {}  # no such group
    assert list(report(api, f"/events/{event}/bySelectability/selectable")) == ["selectable"]
    summary = report(api, f"/events/{event}/bySelectability/summary")
    assert summary["not_selectable"]["byAvailabilityReason"] == {"booked": 1, "not_for_sale": 1}
    deep = report(api, f"/events/{event}/bySelectability/summary/deep")
    assert deep["not_selectable"]["byStatus"]["free"]["byAvailabilityReason"] == {"not_for_sale": 1}


def test_a_deep_summary_breaks_each_breakdown_down_again(api: Api, event: str) -> None:
    book(api, event, ["C-1"])
    deep = report(api, f"/events/{event}/byStatus/summary/deep")
    back = deep[BOOKED]["byCategoryLabel"]["Back"]
    assert back["count"] == 1
    assert back["bySection"] == {"NO_SECTION": 1}
    assert back["byAvailability"] == {"not_available": 1}
    assert "byCategoryKey" not in back
    assert "byStatus" not in back


def test_channels_and_for_sale_settings_regroup_the_reports_at_once(api: Api, event: str) -> None:
    before = report(api, f"/events/{event}/byChannel/summary")
    assert set(before) == {"NO_CHANNEL"}
    channel = {"key": "vip", "name": "VIP", "color": "#f00", "objects": ["A-1", "A-2"]}
    answer = api.post(f"/events/{event}/channels", json=channel)
    assert answer.status_code == 204
    assert report(api, f"/events/{event}/byChannel/summary")["vip"]["count"] == 2
    api.post(f"/events/{event}/actions/mark-as-not-for-sale", json={"objects": ["B-1"]})
    reasons = report(api, f"/events/{event}/byAvailabilityReason")
    assert [item["label"] for item in reasons["not_for_sale"]] == ["B-1"]
    assert reasons["not_for_sale"][0]["forSale"] is False


def test_held_places_of_an_area_count_as_held_and_the_area_shows_its_last_change(
    api: Api, event: str
) -> None:
    book(api, event, [{"objectId": "GA1", "quantity": 5}])
    token = api.post("/hold-tokens").get_json()["holdToken"]
    book(api, event, [{"objectId": "GA1", "quantity": 3}], HELD, holdToken=token)

    area = report(api, f"/events/{event}/byLabel/GA1")["GA1"][0]
    assert (area["status"], area["numBooked"], area["numHeld"], area["numFree"]) == (HELD, 5, 3, 92)
    assert (area["isAvailable"], area["availabilityReason"]) == (True, "available")
    summary = report(api, f"/events/{event}/byAvailabilityReason/summary")
    assert summary[HELD]["byObjectType"] == {"generalAdmission": 3}


def test_the_flat_list_is_in_label_order_and_its_csv_has_a_row_per_object(api: Api, event: str) -> None:
    book(api, event, ["B-2"], orderId="o-7")
    flat = report(api, f"/events/{event}")
    labels = [item["label"] for item in flat]
    assert labels == sorted(labels)
    answer = api.get(f"/reports/events/{event}.csv")
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert [row["label"] for row in rows] == labels
    assert next(row for row in rows if row["label"] == "B-2")["orderId"] == "o-7"


@pytest.mark.parametrize(
    ("tables", "listed"),
    [(None, 8 + 2), ("chart", 4 + 1), ("true", 2), ("false", 8)],
)
def test_a_chart_report_lists_tables_or_their_seats_as_asked(
    api: Api, theatre: str, tables: str | None, listed: int
) -> None:
    query = f"?bookWholeTables={tables}" if tables else ""
    groups = report(api, f"/charts/{theatre}/byObjectType{query}")
    assert len(groups["table"]) + len(groups["seat"]) - SEATS_IN_ROWS == listed
    assert len(report(api, f"/charts/{theatre}/byLabel{query}")) == SEATS_IN_ROWS + 1 + listed


def test_a_chart_summary_counts_tables_once_and_areas_by_their_places(api: Api, theatre: str) -> None:
    summary = report(api, f"/charts/{theatre}/byObjectType/summary?bookWholeTables=true")
    assert (summary["table"]["count"], summary["generalAdmission"]["count"]) == (2, AREA_PLACES)
    empty: dict[str, Any] = {"bySection": {}, "byCategoryKey": {}, "byCategoryLabel": {}, "byZone": {}}
    assert summary["booth"] == {"count": 0, **empty}


def test_a_chart_report_reads_the_draft_when_asked(api: Api, theatre: str) -> None:
    assert api.get(f"/reports/charts/{theatre}/byLabel?version=draft").status_code == 400  # no draft yet
    api.post("/events", json={"chartKey": theatre})
    api.post(f"/charts/{theatre}/categories", json={"key": 9, "label": "New", "color": "#999"})
    assert "New" in report(api, f"/charts/{theatre}/byCategoryLabel?version=draft")
    assert "New" not in report(api, f"/charts/{theatre}/byCategoryLabel")


@pytest.mark.parametrize(
    "path",
    [
        "/reports/events/nope/byStatus",
        "/reports/events/nope/byStatus/summary",
        "/reports/charts/nope/byLabel",
    ],
)
def test_reports_on_what_does_not_exist_are_404(api: Api, path: str) -> None:
    assert api.get(path).status_code == 404


def test_bad_report_parameters_are_400(api: Api, theatre: str) -> None:
    assert api.get(f"/reports/charts/{theatre}/byLabel?bookWholeTables=maybe").status_code == 400
    assert api.get(f"/reports/charts/{theatre}/byLabel?version=latest").status_code == 400


# --- the index against a count from scratch ------------------------------------------------------
LABELS = ["A-1", "A-2", "B-3", "C-1", "T1-1", "T2", "GA1"]
changes = st.lists(
    st.tuples(
        st.sampled_from(["booked", "vip", "free", "release", "hold", "channel", "not-for-sale"]),
        st.lists(st.sampled_from(LABELS), min_size=1, max_size=3, unique=True),
        st.sampled_from([None, "o-1", "o-2"]),
        st.integers(1, 30),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(steps=changes)
def test_the_report_index_always_counts_what_a_count_from_scratch_does(
    steps: list[tuple[str, list[str], str | None, int]],
) -> None:
    """Each status change moves its objects between the index's cells; a change of settings drops
    the index. Whatever happened, it holds what counting the event afresh gives."""
    state = Seatsio(ManualClock(T0))
    company = accounts.create_company(state)
    scope = state.authenticate(company.admin_key, None)
    catalog.add_chart(scope, scope.workspace, small_theatre(), "theatre")
    event = programme.create_events(scope, "theatre", [programme.EventSpec(key="show")])[0]
    token = HoldToken("token", scope.workspace.key, T0, T0 + timedelta(minutes=30))
    scope.workspace.hold_tokens.add(token)
    for kind, labels, order, quantity in steps:
        event_reports.summary(scope, "show", Dimension.STATUS)  # the index exists before each step
        refs = tuple(ObjectRef(label, quantity=quantity if label == "GA1" else None) for label in labels)
        if kind == "channel":
            if event.channel("c") is None:
                channels.add_channels(state.keys, event, [channels.ChannelSpec("c", "C", "#000")])
            channels.add_objects(event, "c", labels, {})
            continue
        if kind == "not-for-sale":
            programme.replace_for_sale(scope, "show", False, labels, {}, [])
            continue
        request = StatusRequest(
            ChangeKind.RELEASE if kind == "release" else ChangeKind.CHANGE_STATUS_TO,
            ("show",),
            refs,
            status={"hold": HELD}.get(kind, kind),
            hold_token="token" if kind in ("hold", "release") else None,
            order_id=order,
            ignore_channels=True,
        )
        with contextlib.suppress(DomainError):
            statuses.change(scope, [request], Origin("API_CALL"))
    layout = statuses.layout_of(scope, event)
    kept = event_reports.tally_of(event, layout)
    event.tally = None
    fresh = event_reports.tally_of(event, layout)
    assert (kept.cells, kept.by_status, kept.by_order) == (fresh.cells, fresh.by_status, fresh.by_order)


def test_the_designers_display_labels_and_types_are_shown_where_they_differ(
    api: Api, client: Any, company: Any
) -> None:
    drawing = small_theatre()
    row = drawing["subChart"]["rows"][0]
    row["displayLabel"], row["displayObjectType"] = "Front row", "box"
    row["seats"][0]["displayLabel"] = "One"
    post_chart(client, company.admin_key, "display", drawing)
    api.post("/events", json={"chartKey": "display", "eventKey": "shown"})
    book(api, "shown", ["A-1", "B-1"])
    infos = api.get("/events/shown/objects?label=A-1&label=B-1").get_json()
    assert infos["A-1"]["labels"]["own"]["label"] == "One"
    assert infos["A-1"]["labels"]["parent"] == {"label": "Front row", "type": "row"}
    assert infos["A-1"]["ids"] == {"own": "1", "parent": "A"}  # what is booked keeps its label
    assert infos["A-1"]["parentDisplayedObjectType"] == "box"
    assert "parentDisplayedObjectType" not in infos["B-1"]
    assert "displayedObjectType" not in infos["A-1"]
    changes = {c["objectLabel"]: c for c in api.get("/events/shown/status-changes").get_json()["items"]}
    assert changes["A-1"]["displayedLabel"] == "Front row-One"
    assert changes["B-1"]["displayedLabel"] == "B-1"
    assert "notPresentOnChartReason" not in changes["B-1"]
