"""The drawing parser: labels, types, categories, neighbours, distances; unreadable drawings refused."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fakesaas.seatsio.domain.drawing import parse_drawing
from fakesaas.seatsio.domain.errors import InvalidDrawing
from fakesaas.seatsio.domain.layout import ObjectType
from tests.seatsio.support import small_theatre


def sections_drawing() -> dict[str, Any]:
    row = {"label": "A", "seats": [{"label": str(n), "x": 10.0 * n, "y": 0} for n in (1, 2, 3)]}
    return {
        "categories": {"list": [{"key": "vip", "label": "VIP", "color": "#000"}]},
        "zones": {"list": [{"key": "north", "label": "North", "focalPoint": {"x": 0, "y": 0}}]},
        "subChart": {
            "focalPoint": {"x": 1000, "y": 1000},
            "sections": [
                {
                    "label": "Sec 1",
                    "categoryKey": "vip",
                    "entrance": "Gate 3",
                    "zone": "north",
                    "topLeft": {"x": 100, "y": 0},
                    "subChart": {"rows": [row], "generalAdmissionAreas": [{"label": "Pit", "capacity": 5}]},
                }
            ],
        },
    }


def test_row_seats_are_labelled_row_dash_seat_with_neighbours_in_seat_order() -> None:
    layout = parse_drawing(small_theatre())
    first, second, last = layout.objects["A-1"], layout.objects["A-2"], layout.objects["A-8"]
    assert (first.object_type, first.own_label, first.parent_label, first.parent_type) == (
        ObjectType.SEAT,
        "1",
        "A",
        "row",
    )
    assert (first.left, first.right) == (None, "A-2")
    assert (second.left, second.right) == ("A-1", "A-3")
    assert (last.left, last.right) == ("A-7", None)


def test_categories_come_from_the_seat_and_keep_their_json_type() -> None:
    layout = parse_drawing(small_theatre())
    assert layout.objects["A-1"].category_key == 1
    assert layout.objects["D-8"].category_key == 2
    assert layout.category("2") is not None
    assert layout.category("2").label == "Back"


def test_tables_and_their_seats_and_ga_areas_are_objects() -> None:
    layout = parse_drawing(small_theatre())
    table, seat, area = layout.objects["T2"], layout.objects["T2-3"], layout.objects["GA1"]
    assert (table.object_type, table.book_as_a_whole, table.num_seats) == (ObjectType.TABLE, True, 4)
    assert (seat.parent_label, seat.parent_type, seat.table) == ("T2", "table", "T2")
    assert (area.object_type, area.capacity) == (ObjectType.GENERAL_ADMISSION, 100)


def test_sections_prefix_labels_and_carry_entrance_zone_and_category() -> None:
    layout = parse_drawing(sections_drawing())
    seat = layout.objects["Sec 1-A-1"]
    assert (seat.section, seat.entrance, seat.zone, seat.category_key) == ("Sec 1", "Gate 3", "north", "vip")
    assert "Sec 1-Pit" in layout.objects
    assert layout.zones[0].key == "north"


def test_distance_is_to_the_zone_focal_point_from_the_seat_offset_by_its_section() -> None:
    seat = parse_drawing(sections_drawing()).objects["Sec 1-A-1"]
    assert seat.distance == pytest.approx(110.0)  # (100 + 10, 0) to (0, 0)


def test_floors_are_read_with_their_names() -> None:
    drawing = {
        "subChartFloors": [
            {
                "floorName": "1",
                "floorDisplayName": "Ground",
                "rows": [{"label": "A", "seats": [{"label": "1"}]}],
            },
            {
                "floorName": "2",
                "floorDisplayName": "Balcony",
                "rows": [{"label": "B", "seats": [{"label": "1"}]}],
            },
        ]
    }
    layout = parse_drawing(drawing)
    assert layout.objects["B-1"].floor is not None
    assert (layout.objects["B-1"].floor.name, layout.objects["B-1"].floor.display_name) == ("2", "Balcony")


def test_rows_are_grouped_for_best_available_and_ranked_by_their_closest_seat() -> None:
    layout = parse_drawing(small_theatre())
    assert layout.groups[0] == tuple(f"A-{n}" for n in range(1, 9))
    assert layout.group_floor[0] < layout.group_floor[1]


def test_findings_flag_duplicates_unlabeled_uncategorized_and_no_focal_point() -> None:
    drawing = small_theatre()
    seats = drawing["subChart"]["rows"][0]["seats"]
    seats[1]["label"] = "1"  # A-1 twice
    seats[2]["label"] = None  # unlabeled
    seats[3]["categoryKey"] = 99  # no such category
    drawing["subChart"]["focalPoint"] = None
    findings = parse_drawing(drawing).findings
    assert findings.broken() == {
        "VALIDATE_DUPLICATE_LABELS",
        "VALIDATE_OBJECTS_WITHOUT_CATEGORIES",
        "VALIDATE_UNLABELED_OBJECTS",
        "VALIDATE_FOCAL_POINT",
    }


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    drawing = copy.deepcopy(small_theatre())
    node: Any = drawing
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return drawing


@pytest.mark.parametrize(
    ("drawing", "message"),
    [
        pytest.param([], "must be a JSON object", id="not-an-object"),
        pytest.param({"name": "no sub chart"}, "needs a subChart", id="no-sub-chart"),
        pytest.param(_broken(["subChart", "rows"], "A"), "subChart.rows: expected a list", id="rows-text"),
        pytest.param(
            _broken(["subChart", "rows", 0, "seats", 0], 7),
            "subChart.rows[0].seats[0]: expected an object",
            id="seat",
        ),
        pytest.param(
            _broken(["subChart", "rows", 0, "seats", 0, "x"], "left"),
            "x and y must be numbers",
            id="coordinate",
        ),
        pytest.param(
            _broken(["subChart", "generalAdmissionAreas", 0, "capacity"], -1),
            "capacity",
            id="negative-capacity",
        ),
        pytest.param(
            _broken(["categories", "list", 0], {"label": "x"}), "needs a key", id="category-without-key"
        ),
        pytest.param(_broken(["subChart", "focalPoint"], {"x": "a", "y": 1}), "focalPoint", id="focal-point"),
    ],
)
def test_a_drawing_it_cannot_read_is_refused_naming_the_place(drawing: Any, message: str) -> None:
    with pytest.raises(InvalidDrawing) as refused:
        parse_drawing(drawing)
    assert message in refused.value.message


def test_a_clean_drawing_has_no_findings() -> None:
    assert parse_drawing(small_theatre()).findings.broken() == set()
