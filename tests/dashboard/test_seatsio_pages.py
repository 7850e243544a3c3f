"""Seats.io on the dashboard: each event as a seat map drawn from its chart's drawing, coloured by status
(free, booked, held, custom), an object's details, hold tokens and their expiry on the world's clock; a
big chart shown a part at a time; a workspace's events, charts and tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fakesaas.core.panels import Table
from fakesaas.core.seatmap import SeatMap, ShapeKind
from fakesaas.core.views import ViewNotFound, ViewQuery
from fakesaas.core.world import World
from fakesaas.dashboard import PREFIX
from fakesaas.seatsio.views import SeatsioViews
from fakesaas.seatsio.views.maps import MOST_SHAPES
from tests.dashboard.support import fetch, text, texts

SEATSIO = f"{PREFIX}/seatsio"
EVENT = f"{SEATSIO}/demo/events/demo-event"
AUTH = ("demo-secret-key", "")


def _page(world: World, path: str, **params: str):
    return SeatsioViews("/seatsio").page(world.state("seatsio"), ViewQuery(path, params, world.clock.now()))


def _map(world: World, path: str, **params: str) -> SeatMap:
    (found,) = [panel for panel in _page(world, path, **params).panels if isinstance(panel, SeatMap)]
    return found


def _statuses(seat_map: SeatMap) -> dict[str, str]:
    return {shape.label: shape.status for shape in seat_map.shapes if shape.label}


def test_the_demo_event_is_drawn_from_its_chart_coloured_by_status(app, world) -> None:
    seat_map = _map(world, "demo/events/demo-event")

    kinds = [shape.kind for shape in seat_map.shapes]
    assert kinds.count(ShapeKind.SEAT) == 120 + 20  # ten rows of twelve, and the tables' seats
    assert kinds.count(ShapeKind.TABLE) == 3
    assert kinds.count(ShapeKind.AREA) == 1
    statuses = _statuses(seat_map)
    assert statuses["A-5"] == statuses["T3"] == statuses["T3-1"] == "booked"  # T3 booked whole
    assert statuses["C-6"] == "reservedByToken"
    assert statuses["A-1"] == "free"
    legend = {status.key: status.count for status in seat_map.statuses}
    assert legend == {"free": 135, "booked": 7, "reservedByToken": 2, "resale": 0}


def test_seats_sit_where_the_drawing_puts_them(app, world) -> None:
    seats = {shape.label: shape for shape in _map(world, "demo/events/demo-event").shapes}

    assert (seats["A-1"].x, seats["A-1"].y) == (50.0, 100.0)
    assert (seats["A-2"].x, seats["B-1"].y) == (70.0, 124.0)
    assert seats["A-1"].radius == pytest.approx(7.6)
    area = seats["Standing"]
    assert area.text == "Standing 100/100"  # places free of all


def test_an_object_opens_with_its_status_category_and_hold(app, world) -> None:
    seat_map = _map(world, "demo/events/demo-event", object="C-6")

    assert seat_map.selected is not None
    shown = {label: value.text for label, value in seat_map.selected.items}
    assert shown["Status"] == "reservedByToken"
    assert shown["Hold token"] == "demoHoldToken"
    assert shown["Category"] == "Stalls"
    assert (shown["Row"], shown["Seat"]) == ("C", "6")


def test_custom_statuses_get_a_colour_of_their_own(app, client, world) -> None:
    body = {"events": ["demo-event"], "objects": ["D-1", "D-2"], "status": "vip"}
    answer = client.post("/seatsio/events/groups/actions/change-object-status", json=body, auth=AUTH)
    assert answer.status_code in (200, 204), answer.get_data(as_text=True)

    seat_map = _map(world, "demo/events/demo-event")

    (vip,) = [status for status in seat_map.statuses if status.key == "vip"]
    assert vip.count == 2
    assert vip.color not in {status.color for status in seat_map.statuses if status.key != "vip"}
    assert _statuses(seat_map)["D-1"] == "vip"


def test_a_hold_shows_with_its_time_left_and_is_gone_once_the_clock_passes_it(app, world, clock) -> None:
    (tokens,) = [panel for panel in _page(world, "demo/events/demo-event").panels if isinstance(panel, Table)]
    assert [row[0].text for row in tokens.rows] == ["demoHoldToken"]
    assert tokens.rows[0][2].expires == clock.now() + timedelta(minutes=120)

    clock.advance(timedelta(minutes=121))
    page = _page(world, "demo/events/demo-event")

    (tokens,) = [panel for panel in page.panels if isinstance(panel, Table)]
    assert tokens.rows == ()
    assert _statuses(_map(world, "demo/events/demo-event"))["C-6"] == "free"


def test_the_workspace_page_lists_events_charts_and_tokens(app, world) -> None:
    events, charts, tokens = _page(world, "demo").panels

    assert isinstance(events, Table)
    assert [(row[0].text, row[4].text, row[5].text) for row in events.rows] == [("demo-event", "7", "2")]
    assert isinstance(charts, Table)
    assert [(row[0].text, row[3].text) for row in charts.rows] == [("demo-theatre", "144")]
    assert isinstance(tokens, Table)
    assert [row[1].text for row in tokens.rows] == ["2"]


@pytest.mark.parametrize("path", ["nobody", "demo/events/nope", "demo/charts", "demo/events"])
def test_an_unknown_page_is_not_found(app, world, path: str) -> None:
    with pytest.raises(ViewNotFound):
        _page(world, path)


def _big(client, rows: int, seats: int, sections: bool = False) -> None:
    chart: dict[str, object] = {"key": "arena", "sketch": {"rows": rows, "seats": seats}}
    booked = ["A-1", "A-2"]
    if sections:
        chart, booked = {"key": "arena", "drawing": _sectioned(rows, seats)}, ["North-1-1", "North-1-2"]
    event = {"key": "concert", "chart": "arena", "booked": booked}
    workspace = {
        "name": "Main",
        "key": "big-ws",
        "secret_key": "big-ws-secret",
        "charts": [chart],
        "events": [event],
    }
    company = {
        "name": "big",
        "admin_key": "big-key",
        "designer_key": "big-designer",
        "workspaces": [workspace],
    }
    assert client.post("/_fakesaas/seed", json={"seatsio": {"companies": [company]}}).status_code == 201


def _sectioned(rows: int, seats: int) -> dict[str, object]:
    def section(name: str, left: float) -> dict[str, object]:
        drawn = [
            {
                "label": str(r),
                "seats": [{"label": str(s), "x": 20.0 * s, "y": 20.0 * r} for s in range(1, seats + 1)],
            }
            for r in range(1, rows + 1)
        ]
        corners = [
            {"x": 0, "y": 0},
            {"x": 20 * seats + 20, "y": 0},
            {"x": 20 * seats + 20, "y": 20 * rows + 20},
        ]
        return {"label": name, "topLeft": {"x": left, "y": 0}, "points": corners, "subChart": {"rows": drawn}}

    return {
        "name": "Arena",
        "categories": {"list": [{"key": 1, "label": "Any", "color": "#000"}]},
        "subChart": {"sections": [section("North", 0.0), section("South", 20.0 * seats + 100)]},
    }


def test_a_chart_too_big_to_draw_at_once_shows_its_blocks_and_each_block_its_seats(client, world) -> None:
    _big(client, rows=100, seats=60)  # 6,000 seats, no sections

    whole = _map(world, "big/events/concert")
    block = _map(world, "big/events/concert", part="1.1")

    assert MOST_SHAPES < 6000
    parts = [shape for shape in whole.shapes if shape.kind is ShapeKind.SECTION]
    assert len(parts) == 3
    assert all(shape.link is not None and ("part", shape.label) != () for shape in parts)
    assert parts[0].text == "Block 1: 0% taken"  # two of its seats booked
    seats = [shape for shape in block.shapes if shape.kind is ShapeKind.SEAT]
    assert 1500 <= len(seats) <= MOST_SHAPES
    assert _statuses(block)["A-1"] == "booked"
    assert [link.label for link in block.navigation] == ["Whole map"]
    assert block.note.startswith("Block 1: ")


def test_a_big_chart_with_sections_is_shown_section_by_section_in_their_outlines(client, world) -> None:
    _big(client, rows=50, seats=50, sections=True)  # two sections of 2,500

    whole = _map(world, "big/events/concert")
    north = _map(world, "big/events/concert", part="North")

    outlines = {shape.label: shape.points for shape in whole.shapes}
    assert outlines["South"][0] == (1100.0, 0.0)  # the section's points, moved by its top left
    assert len([shape for shape in north.shapes if shape.kind is ShapeKind.SEAT]) == 2500
    assert next(shape for shape in north.shapes if shape.label == "North-1-1").x == 20.0


def test_an_unknown_part_is_not_found(client, world) -> None:
    _big(client, rows=100, seats=60)

    fetch(client, f"{SEATSIO}/big/events/concert?part=9.9", status=404)


# --- the pages drawn ----------------------------------------------------------------------------------


def test_the_event_page_draws_the_map_and_the_tokens(client) -> None:
    page = fetch(client, f"{EVENT}?object=C-6")

    (svg,) = page.xpath("//svg")
    assert len(svg.xpath(".//circle[contains(@class, 'k-seat')]")) == 140
    assert svg.xpath(".//*[@data-id='C-6']/@class")[0].split()[-1] == "sel"
    assert texts(page, "//ul[@class='legend']/li") == ["Free 135", "Booked 7", "Held 2", "Resale 0"]
    assert "demoHoldToken" in text(page, "//section[@id='panel-holds']")
    assert page.xpath("//section[@id='panel-holds']//time/@data-expires") == ["2030-01-07T10:00:00Z"]
    assert "reservedByToken" in text(page, "//aside[contains(@class, 'seat-details')]")


def test_a_seat_booked_through_the_api_is_drawn_booked(client) -> None:
    answer = client.post("/seatsio/events/demo-event/actions/book", json={"objects": ["J-12"]}, auth=AUTH)
    assert answer.status_code in (200, 204), answer.get_data(as_text=True)

    page = fetch(client, EVENT)

    classes = page.xpath("//svg//*[@data-id='J-12']/@class")[0].split()
    assert "s1" in classes  # the legend's second status: booked
