"""The official Python SDK's chart, event, channel, season and workspace calls against a served
emulator, each with what a user of it sees change: the rest of the SDK's surface that the status,
report and hold-token tests do not reach."""

from __future__ import annotations

import pytest
import seatsio
from seatsio import ChannelCreationParams
from seatsio.domain import TableBookingConfig
from seatsio.events.eventProperties import EventProperties
from seatsio.exceptions import SeatsioException

from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from tests.seatsio.support import PREFIX, Company, basic

# The SDK's own: jsonpickle warns about a default of its next major version.
pytestmark = pytest.mark.filterwarnings("ignore:keys will default to True:DeprecationWarning")


def test_a_chart_is_read_renamed_tagged_and_archived(sdk: seatsio.Client, sdk_theatre: str) -> None:
    show = sdk.events.create(sdk_theatre)
    chart = sdk.charts.retrieve_with_events(sdk_theatre)
    assert [event.key for event in chart.events] == [show.key]
    sdk.charts.update(sdk_theatre, new_name="Renamed")  # in use: a draft
    assert sdk.charts.retrieve(sdk_theatre).status == "PUBLISHED_WITH_DRAFT"
    sdk.charts.add_tag(sdk_theatre, "a/b")
    sdk.charts.remove_tag(sdk_theatre, "a/b")
    assert sdk.charts.retrieve(sdk_theatre).tags == []
    sdk.charts.move_to_archive(sdk_theatre)
    sdk.charts.move_out_of_archive(sdk_theatre)
    assert sdk.charts.retrieve(sdk_theatre).archived is False
    sdk.charts.remove_category(sdk_theatre, 2)
    listed = [c.key for c in sdk.charts.list_categories(sdk_theatre)]
    assert 2 not in listed


def test_a_draft_is_copied_and_validated(sdk: seatsio.Client, sdk_theatre: str) -> None:
    sdk.events.create(sdk_theatre)
    sdk.charts.update(sdk_theatre, new_name="Draft")
    copy = sdk.charts.copy_draft_version(sdk_theatre)
    assert copy.name == "Draft (copy)"
    assert sdk.charts.validate_draft_version(sdk_theatre).errors == []


def test_a_chart_is_copied_between_workspaces(sdk: seatsio.Client, sdk_theatre: str) -> None:
    other = sdk.workspaces.create("Other")
    copy = sdk.charts.copy_to_workspace(sdk_theatre, other.key)
    assert copy.name == "Small theatre"
    back = sdk.charts.copy_from_workspace_to(copy.key, other.key, sdk.workspaces.retrieve(other.key).key)
    assert back.key != copy.key


def test_an_event_is_read_updated_moved_and_deleted(sdk: seatsio.Client, sdk_theatre: str) -> None:
    show = sdk.events.create(sdk_theatre, event_key="show")
    sdk.events.update("show", name="Premiere", table_booking_config=TableBookingConfig.all_by_seat())
    updated = sdk.events.retrieve("show")
    assert (updated.name, updated.table_booking_config.mode) == ("Premiere", "ALL_BY_SEAT")
    moved = sdk.events.move_event_to_new_chart_copy("show")
    assert moved.chart_key != sdk_theatre
    assert sdk.charts.retrieve(moved.chart_key).name == "Small theatre (copy)"
    sdk.events.delete("show")
    with pytest.raises(SeatsioException) as missing:
        sdk.events.retrieve(show.key)
    assert missing.value.errors[0]["code"] == "EVENT_NOT_FOUND"


def test_for_sale_marks(sdk: seatsio.Client, sdk_theatre: str) -> None:
    show = sdk.events.create(sdk_theatre).key
    sdk.events.mark_as_not_for_sale(show, objects=["A-1", "A-2"])
    assert sdk.events.retrieve_object_info(show, "A-1").for_sale is False
    sdk.events.mark_as_for_sale(show, objects=["A-1"])
    assert sdk.events.retrieve(show).for_sale_config.objects == ["A-1"]
    sdk.events.mark_everything_as_for_sale(show)
    assert sdk.events.retrieve(show).for_sale_config is None
    assert sdk.events.retrieve_object_info(show, "A-2").for_sale is True


def test_channels_are_removed_replaced_and_emptied(sdk: seatsio.Client, sdk_theatre: str) -> None:
    show = sdk.events.create(sdk_theatre).key
    sdk.events.channels.add(show, "vip", "VIP", "#f00", 1, ["A-1", "A-2"])
    sdk.events.channels.remove_objects(show, "vip", ["A-1"])
    assert sdk.events.retrieve(show).channels[0].objects == ["A-2"]
    sdk.events.channels.replace(show, [ChannelCreationParams("press", "Press", "#00f", 1, ["B-1"])])
    assert [channel.key for channel in sdk.events.retrieve(show).channels] == ["press"]
    sdk.events.channels.remove(show, "press")
    assert sdk.events.retrieve(show).channels == []


def test_partial_seasons_gain_and_lose_events(sdk: seatsio.Client, sdk_theatre: str) -> None:
    season = sdk.seasons.create(sdk_theatre, key="season", event_keys=["e1", "e2"])
    assert sdk.seasons.retrieve(season.key).is_top_level_season
    partial = sdk.seasons.create_partial_season("season", partial_season_key="p1", event_keys=["e1"])
    assert [event.key for event in partial.events] == ["e1"]
    grown = sdk.seasons.add_events_to_partial_season("season", "p1", ["e2"])
    assert [event.key for event in grown.events] == ["e1", "e2"]
    shrunk = sdk.seasons.remove_event_from_partial_season("season", "p1", "e1")
    assert [event.key for event in shrunk.events] == ["e2"]
    assert sdk.events.retrieve("e2").partial_season_keys_for_event == ["p1"]


def test_seasons_and_events_update_through_the_same_call(sdk: seatsio.Client, sdk_theatre: str) -> None:
    sdk.seasons.create(sdk_theatre, key="season", number_of_events=1)
    sdk.seasons.update("season", name="The season")
    assert sdk.events.retrieve("season").name == "The season"
    created = sdk.events.create_multiple(sdk_theatre, [EventProperties(event_key="a"), EventProperties()])
    assert created[0].key == "a"


def test_a_workspace_is_deactivated_its_key_replaced_and_deleted(
    sdk: seatsio.Client, served: tuple[ThreadedServer, World], sdk_company: Company
) -> None:
    server, _ = served
    workspace = sdk.workspaces.create("Short-lived")
    new_key = sdk.workspaces.regenerate_secret_key(workspace.key)
    assert new_key != workspace.secret_key
    as_workspace = seatsio.Client(seatsio.Region(server.url + PREFIX), new_key, max_retries=0)
    assert as_workspace.hold_tokens.create().workspace_key == workspace.key
    sdk.workspaces.deactivate(workspace.key)
    assert sdk.workspaces.retrieve(workspace.key).is_active is False
    sdk.workspaces.activate(workspace.key)
    sdk.workspaces.deactivate(workspace.key)
    sdk.workspaces.delete(workspace.key)
    with pytest.raises(SeatsioException) as missing:
        sdk.workspaces.retrieve(workspace.key)
    assert missing.value.errors[0]["code"] == "WORKSPACE_NOT_FOUND"


def test_the_documented_per_event_actions_book_hold_and_release(
    served: tuple[ThreadedServer, World], sdk: seatsio.Client, sdk_theatre: str, sdk_company: Company
) -> None:
    """The docs' /events/{key}/actions/book|hold|release, which no SDK calls but other clients do."""
    server, _ = served
    client = server.app.test_client()
    headers = basic(sdk_company.admin_key)
    show = sdk.events.create(sdk_theatre).key
    token = sdk.hold_tokens.create().hold_token
    answer = client.post(
        f"{PREFIX}/events/{show}/actions/hold?expand=objects",
        json={"objects": ["A-1"], "holdToken": token},
        headers=headers,
    )
    assert answer.get_json()["objects"]["A-1"]["status"] == "reservedByToken"
    release = {"objects": ["A-1"], "holdToken": token}
    client.post(f"{PREFIX}/events/{show}/actions/release", json=release, headers=headers)
    assert sdk.events.retrieve_object_info(show, "A-1").status == "free"
    client.post(f"{PREFIX}/events/{show}/actions/book", json={"objects": ["A-1"]}, headers=headers)
    assert sdk.events.retrieve_object_info(show, "A-1").status == "booked"
    client.post(f"{PREFIX}/events/{show}/actions/mark-everything-as-not-for-sale", headers=headers)
    assert sdk.events.retrieve_object_info(show, "A-2").for_sale is False
