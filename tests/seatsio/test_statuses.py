"""Object statuses through the official SDK: book, hold, release, custom statuses, GA places,
previous-status rules, several events and batches all or nothing, best available."""

from __future__ import annotations

import pytest
import seatsio
from seatsio.events.objectProperties import ObjectProperties
from seatsio.events.statusChangeRequest import StatusChangeRequest
from seatsio.exceptions import BestAvailableObjectsNotFoundException, SeatsioException

HELD, BOOKED, FREE = "reservedByToken", "booked", "free"

# The SDK's own: jsonpickle warns about a default of its next major version.
pytestmark = pytest.mark.filterwarnings("ignore:keys will default to True:DeprecationWarning")


@pytest.fixture
def show(sdk: seatsio.Client, sdk_theatre: str) -> str:
    return str(sdk.events.create(sdk_theatre).key)


def status(sdk: seatsio.Client, event: str, label: str) -> str:
    return str(sdk.events.retrieve_object_info(event, label).status)


def error_code(raised: pytest.ExceptionInfo[SeatsioException]) -> str:
    return str(raised.value.errors[0]["code"])


def test_book_answers_the_objects_as_they_now_are(sdk: seatsio.Client, show: str) -> None:
    result = sdk.events.book(show, ["A-1", "A-2"], order_id="order-1")
    assert set(result.objects) == {"A-1", "A-2"}
    info = result.objects["A-1"]
    assert (info.status, info.order_id, info.category_label, info.category_key) == (
        BOOKED,
        "order-1",
        "Front",
        "1",
    )
    assert (info.labels, info.ids) == (
        {"own": {"label": "1", "type": "seat"}, "parent": {"label": "A", "type": "row"}},
        {"own": "1", "parent": "A"},
    )
    assert (info.left_neighbour, info.right_neighbour, info.object_type) == (None, "A-2", "seat")
    assert status(sdk, show, "A-3") == FREE


def test_booking_a_booked_seat_is_refused(sdk: seatsio.Client, show: str) -> None:
    sdk.events.book(show, ["A-1"])
    with pytest.raises(SeatsioException) as refused:
        sdk.events.book(show, ["A-1"])
    assert error_code(refused) == "ILLEGAL_STATUS_CHANGE"


def test_a_held_seat_is_booked_only_with_its_token_which_booking_clears(
    sdk: seatsio.Client, show: str
) -> None:
    token, other = sdk.hold_tokens.create().hold_token, sdk.hold_tokens.create().hold_token
    sdk.events.hold(show, ["A-1"], token)
    for attempt in (None, other):
        with pytest.raises(SeatsioException) as refused:
            sdk.events.book(show, ["A-1"], hold_token=attempt)
        assert error_code(refused) == "ILLEGAL_STATUS_CHANGE"
    with pytest.raises(SeatsioException):
        sdk.events.hold(show, ["A-1"], other)
    sdk.events.book(show, ["A-1"], hold_token=token)
    info = sdk.events.retrieve_object_info(show, "A-1")
    assert (info.status, info.hold_token) == (BOOKED, None)


def test_holding_needs_a_live_token(sdk: seatsio.Client, show: str) -> None:
    with pytest.raises(SeatsioException) as refused:
        sdk.events.hold(show, ["A-1"], "no-such-token")
    assert error_code(refused) == "HOLD_TOKEN_NOT_FOUND"
    assert status(sdk, show, "A-1") == FREE


def test_release_keeps_the_order_id_and_extra_data_only_when_asked(sdk: seatsio.Client, show: str) -> None:
    sdk.events.book(show, [ObjectProperties("A-1", extra_data={"seat": "kept"})])
    sdk.events.release(show, ["A-1"], order_id="refund-7", keep_extra_data=True)
    info = sdk.events.retrieve_object_info(show, "A-1")
    assert (info.status, info.order_id, info.extra_data) == (FREE, "refund-7", {"seat": "kept"})
    sdk.events.book(show, ["A-1"])
    assert sdk.events.retrieve_object_info(show, "A-1").extra_data is None


def test_ga_places_add_up_and_holds_are_per_token(sdk: seatsio.Client, show: str) -> None:
    token = sdk.hold_tokens.create().hold_token
    sdk.events.book(show, [ObjectProperties("GA1", quantity=30)])
    sdk.events.hold(show, [ObjectProperties("GA1", quantity=5, ticket_type="adult")], token)
    info = sdk.events.retrieve_object_info(show, "GA1")
    assert (info.num_booked, info.num_held, info.num_free, info.capacity) == (30, 5, 65, 100)
    assert info.holds == {token: {"adult": 5}}
    sdk.events.book(show, [ObjectProperties("GA1", quantity=5)], hold_token=token)
    info = sdk.events.retrieve_object_info(show, "GA1")
    assert (info.num_booked, info.num_held, info.holds) == (35, 0, None)
    with pytest.raises(SeatsioException):
        sdk.events.book(show, [ObjectProperties("GA1", quantity=66)])
    assert sdk.events.retrieve_object_info(show, "GA1").num_booked == 35


def test_previous_status_rules_name_the_statuses(sdk: seatsio.Client, show: str) -> None:
    sdk.events.change_object_status(show, ["A-1"], "vip")
    with pytest.raises(SeatsioException) as refused:
        sdk.events.change_object_status(show, ["A-1"], "sold", allowed_previous_statuses=["free"])
    assert refused.value.errors == [
        {
            "code": "ILLEGAL_STATUS_CHANGE",
            "message": "Cannot change from [vip] to [sold]: vip is not in the list of "
            "allowed previous statuses",
        }
    ]
    sdk.events.change_object_status(show, ["A-1"], "sold", allowed_previous_statuses=["vip"])
    assert status(sdk, show, "A-1") == "sold"


def test_several_events_change_together_or_not_at_all(sdk: seatsio.Client, sdk_theatre: str) -> None:
    first, second = sdk.events.create(sdk_theatre).key, sdk.events.create(sdk_theatre).key
    sdk.events.book(second, ["A-2"])
    with pytest.raises(SeatsioException):
        sdk.events.book([first, second], ["A-1", "A-2"])
    assert [status(sdk, first, label) for label in ("A-1", "A-2")] == [FREE, FREE]
    assert status(sdk, second, "A-1") == FREE
    sdk.events.book([first, second], ["A-1"])
    assert [status(sdk, key, "A-1") for key in (first, second)] == [BOOKED, BOOKED]


def test_a_batch_applies_in_order_all_or_nothing(sdk: seatsio.Client, show: str) -> None:
    results = sdk.events.change_object_status_in_batch(
        [StatusChangeRequest(show, ["A-1"], BOOKED), StatusChangeRequest(show, ["A-1"], type="RELEASE")]
    )
    assert [result.objects["A-1"].status for result in results] == [BOOKED, FREE]
    with pytest.raises(SeatsioException):
        sdk.events.change_object_status_in_batch(
            [StatusChangeRequest(show, ["A-2"], BOOKED), StatusChangeRequest(show, ["A-2"], BOOKED)]
        )
    assert status(sdk, show, "A-2") == FREE
    labels = [change.status for change in sdk.events.status_changes(show).list()]
    assert labels == [FREE, BOOKED]


def test_a_batch_lists_its_changes_with_ids_in_the_order_asked(sdk: seatsio.Client, show: str) -> None:
    sdk.events.change_object_status_in_batch(
        [
            StatusChangeRequest(show, ["A-1", "A-2"], BOOKED),
            StatusChangeRequest(show, ["A-1"], type="RELEASE"),
        ]
    )
    sdk.events.book(show, ["A-3"])
    changes = list(sdk.events.status_changes(show).list())  # newest first
    assert [(change.object_label, change.status) for change in changes] == [
        ("A-3", BOOKED),
        ("A-1", FREE),
        ("A-2", BOOKED),
        ("A-1", BOOKED),
    ]
    ids = [change.id for change in changes]
    assert ids == sorted(set(ids), reverse=True)


def test_tables_book_whole_or_per_seat_as_the_event_says(sdk: seatsio.Client, sdk_theatre: str) -> None:
    event = sdk.events.create(sdk_theatre).key
    sdk.events.book(event, ["T1-1", "T2"])  # the drawing: T1 per seat, T2 whole
    for label in ("T1", "T2-1"):
        with pytest.raises(SeatsioException) as refused:
            sdk.events.book(event, [label])
        assert error_code(refused) == "OBJECT_NOT_FOUND"


def test_best_available_picks_the_closest_run_and_avoids_orphans(sdk: seatsio.Client, show: str) -> None:
    # Row A: seats 1-8 around the middle, A-7 accessible (not offered unless asked for).
    first = sdk.events.book_best_available(show, 2)
    assert (first.next_to_each_other, first.objects) == (True, ["A-4", "A-5"])
    second = sdk.events.book_best_available(show, 2)
    # would leave A-1 alone and A-6 would pair with the accessible A-7: row B then.
    assert second.objects == ["B-4", "B-5"]
    third = sdk.events.book_best_available(show, 2, try_to_prevent_orphan_seats=False)
    assert third.objects == ["A-2", "A-3"]


def test_best_available_with_accessible_seats_takes_exactly_that_many(sdk: seatsio.Client, show: str) -> None:
    result = sdk.events.change_best_available_object_status(show, 2, BOOKED, accessible_seats=1)
    assert result.objects in (["A-6", "A-7"], ["A-7", "A-8"])
    assert sum(sdk.events.retrieve_object_info(show, label).is_accessible for label in result.objects) == 1


def test_best_available_by_category_and_ticket_types(sdk: seatsio.Client, show: str) -> None:
    result = sdk.events.book_best_available(show, 2, categories=["Back"], ticket_types=["adult", "child"])
    assert result.objects == ["C-4", "C-5"]
    assert [result.objectDetails[label].ticket_type for label in result.objects] == ["adult", "child"]


def test_best_available_that_cannot_be_met_raises_its_own_exception(sdk: seatsio.Client, show: str) -> None:
    with pytest.raises(BestAvailableObjectsNotFoundException) as refused:
        sdk.events.book_best_available(show, 500)
    assert refused.value.message == "Best available objects not found."
    assert status(sdk, show, "A-5") == FREE
