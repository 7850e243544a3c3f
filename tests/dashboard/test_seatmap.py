"""The seat map: a hand-made venue's view model drawn as SVG, shapes by their geometry and coloured by
status through the legend, sections leading into their seats, a seat's details by label (what a click
fetches), hold tokens counting down on the world's clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.seatmap import Shape, ShapeKind, bounds
from fakesaas.core.world import World
from fakesaas.dashboard import PREFIX
from fakesaas.settings import Settings
from tests.dashboard.support import fetch, text, texts
from tests.dashboard.venue import Venue, VenueService
from tests.support import T0

CONCERT = f"{PREFIX}/venue/concert"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def venue_world() -> World:
    return World(ManualClock(T0))


@pytest.fixture
def venue(venue_world: World) -> FlaskClient:
    return create_app(Settings(seed="none"), venue_world, services=[VenueService()]).test_client()


def _state(world: World) -> Venue:
    return world.state("venue")  # type: ignore[no-any-return]


def _svg(page) -> object:
    (svg,) = page.xpath("//svg")
    return svg


def test_the_venue_is_drawn_as_sections_areas_tables_booths_and_labels(venue) -> None:
    page = fetch(venue, CONCERT)

    svg = _svg(page)
    assert svg.get("viewbox") or svg.get("viewBox")
    sections = svg.xpath(".//a/polygon[contains(@class, 'k-section')]/@data-id")
    assert sections == ["Section A", "Section B"]
    assert svg.xpath(".//rect[contains(@class, 'k-area')]/@data-id") == ["Standing"]
    assert svg.xpath(".//circle[contains(@class, 'k-table')]/@data-id") == ["T1"]
    assert len(svg.xpath(".//circle[contains(@class, 'k-seat')]")) == 6  # the table's seats
    assert svg.xpath(".//rect[contains(@class, 'k-booth')]/@data-id") == ["Booth 1"]
    assert "STAGE" in texts(svg, ".//text")
    assert svg.xpath(".//a[polygon[@data-id='Section A']]/@href") == [f"{CONCERT}?section=A"]


def test_a_section_shows_its_seats_with_row_labels(venue) -> None:
    page = fetch(venue, f"{CONCERT}?section=A")

    seats = _svg(page).xpath(".//circle[contains(@class, 'k-seat')]/@data-id")
    assert len(seats) == 50
    assert seats[:3] == ["A-1-1", "A-1-2", "A-1-3"]
    assert texts(page, "//svg//text[@class='t-label']") == ["1", "2", "3", "4", "5"]
    assert (
        text(page, "//section[contains(@class, 'seatmap')]/div[@class='panel-head']/p")
        == "Section A: 50 of 100 seats"
    )
    assert texts(page, "//nav[@aria-label='Parts of the map']/a") == ["Whole venue"]


def test_each_shape_is_coloured_by_its_status_through_the_legend(venue, venue_world) -> None:
    state = _state(venue_world)
    state.booked.add("A-1-1")
    state.custom["A-1-2"] = "vip"
    state.hold("tok-1", ("A-1-3",), minutes=15)
    state.custom["A-1-4"] = "a status nobody listed"

    page = fetch(venue, f"{CONCERT}?section=A")

    svg = _svg(page)
    style = svg.xpath(".//style/text()")[0]
    assert ".seatmap-svg .obj.s0{fill:#43a047}" in style
    assert ".seatmap-svg .obj.s3{fill:#8e24aa}" in style

    def classes(label: str) -> set[str]:
        return set(svg.xpath(f".//circle[@data-id='{label}']/@class")[0].split())

    assert "s1" in classes("A-1-1")  # booked
    assert "s3" in classes("A-1-2")  # the custom status's colour
    assert "s2" in classes("A-1-3")  # held
    assert "sx" in classes("A-1-4")  # unknown to the legend: drawn grey
    assert "s0" in classes("A-1-5")
    legend = texts(page, "//ul[@class='legend']/li")
    assert legend == ["Free 46", "Booked 1", "Held 1", "VIP guest 1"]


def test_a_seat_named_in_the_address_opens_with_its_details_and_is_marked(venue, venue_world) -> None:
    _state(venue_world).hold("tok-9", ("B-2-3",), minutes=10)

    page = fetch(venue, f"{CONCERT}?section=B&object=B-2-3")

    details = page.xpath("//aside[contains(@class, 'seat-details')]//dl")[0]
    shown = dict(zip(texts(details, ".//dt"), texts(details, ".//dd"), strict=True))
    assert shown["Status"] == "reservedByToken"
    assert shown["Hold token"] == "tok-9"
    assert "sel" in _svg(page).xpath(".//circle[@data-id='B-2-3']/@class")[0].split()
    assert page.xpath("//form[@class='find']//input[@name='object']/@value") == ["B-2-3"]
    assert page.xpath("//form[@class='find']//input[@type='hidden']/@name") == ["section"]


def test_an_unknown_label_shows_no_details_and_says_how_to_find_one(venue) -> None:
    page = fetch(venue, f"{CONCERT}?object=Z-9-9")

    assert "find one by its label" in text(page, "//aside[contains(@class, 'seat-details')]/p")


def test_hold_tokens_count_down_on_the_worlds_clock_and_go_when_they_expire(venue, venue_world) -> None:
    _state(venue_world).hold("tok-1", ("A-1-1", "A-1-2"), minutes=15)

    before = fetch(venue, CONCERT)
    venue_world.clock.advance(timedelta(minutes=16))  # type: ignore[attr-defined]
    after = fetch(venue, f"{CONCERT}?section=A")

    (countdown,) = before.xpath("//section[@id='panel-holds']//time[@data-expires]")
    assert countdown.get("data-expires") == "2030-01-07T08:15:00Z"
    assert texts(before, "//section[@id='panel-holds']//tbody/tr/td[2]") == ["A-1-1, A-1-2"]
    assert after.xpath("//section[@id='panel-holds']//tbody/tr") == []
    assert "s0" in _svg(after).xpath(".//circle[@data-id='A-1-1']/@class")[0].split()


def test_a_section_taken_in_part_says_how_much(venue, venue_world) -> None:
    _state(venue_world).booked.update({f"A-1-{n}" for n in range(1, 11)})

    page = fetch(venue, CONCERT)

    assert "A: 20% taken" in texts(page, "//svg//text")


def test_an_unknown_section_is_not_found(venue) -> None:
    fetch(venue, f"{CONCERT}?section=Q", status=404)


def test_the_viewbox_holds_every_shape() -> None:
    shapes = [
        Shape(ShapeKind.SEAT, "a", 10, 10, radius=5),
        Shape(ShapeKind.AREA, "b", 100, 50, width=40, height=20),
        Shape(ShapeKind.SECTION, "c", 0, 0, points=((-30, -10), (0, -40), (20, 0))),
    ]

    assert bounds(shapes, margin=0) == (-30, -40, 150, 100)
    assert bounds([]) == (0.0, 0.0, 100.0, 100.0)


def test_a_shape_is_drawn_by_its_geometry() -> None:
    assert Shape(ShapeKind.SEAT, "s", radius=4).geometry == "circle"
    assert Shape(ShapeKind.BOOTH, "b", width=3, height=2).geometry == "rect"
    assert Shape(ShapeKind.SECTION, "p", points=((0, 0), (1, 0), (0, 1))).geometry == "polygon"
    assert Shape(ShapeKind.LABEL, "", text="1").geometry == "text"
    assert Shape(ShapeKind.AREA, "nothing").geometry == "text"
