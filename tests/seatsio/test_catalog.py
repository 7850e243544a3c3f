"""Charts, events and workspaces over HTTP: pages, drafts, copies, categories, channels, for-sale
settings, status-change history and seasons."""

from __future__ import annotations

from tests.seatsio.conftest import Api

CHANGE = "/events/groups/actions/change-object-status"


def keys(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return [item["key"] for item in answer.get_json()["items"]]


def test_charts_page_newest_first_with_cursors_both_ways(api: Api) -> None:
    made = [api.post("/charts", json={"name": f"c{n}"}).get_json() for n in range(5)]
    ids = [chart["id"] for chart in made]
    first = api.get("/charts?limit=2").get_json()
    assert [c["id"] for c in first["items"]] == [ids[4], ids[3]]
    assert first["next_page_starts_after"] == str(ids[3])  # ids, as strings
    assert "previous_page_ends_before" not in first
    after = api.get(f"/charts?limit=2&start_after_id={ids[3]}").get_json()
    assert [c["id"] for c in after["items"]] == [ids[2], ids[1]]
    before = api.get(f"/charts?limit=2&end_before_id={ids[1]}").get_json()
    assert [c["id"] for c in before["items"]] == [ids[3], ids[2]]
    assert before["previous_page_ends_before"] == str(ids[3])
    assert api.get("/charts?limit=0").status_code == 400


def test_charts_filter_by_name_and_tag(api: Api) -> None:
    stadium = api.post("/charts", json={"name": "Big Stadium"}).get_json()["key"]
    api.post("/charts", json={"name": "Small theatre"})
    api.post(f"/charts/{stadium}/tags/outdoor")
    assert keys(api.get("/charts?filter=stadium")) == [stadium]
    assert keys(api.get("/charts?tag=outdoor")) == [stadium]
    assert api.get("/charts/tags").get_json() == {"tags": ["outdoor"]}


def test_edits_after_the_first_event_go_to_a_draft(api: Api, theatre: str, event: str) -> None:
    assert api.get(f"/charts/{theatre}").get_json()["status"] == "PUBLISHED"
    api.post(f"/charts/{theatre}", json={"name": "New name"})
    chart = api.get(f"/charts/{theatre}").get_json()
    assert chart["status"] == "PUBLISHED_WITH_DRAFT"
    assert chart["draftVersionThumbnailUrl"]
    assert api.get(f"/charts/{theatre}/version/published").get_json()["name"] == "Small theatre"
    assert api.get(f"/charts/{theatre}/version/draft").get_json()["name"] == "New name"
    assert api.post(f"/charts/{theatre}/version/draft/actions/publish").status_code == 204
    assert api.get(f"/charts/{theatre}/version/published").get_json()["name"] == "New name"
    assert api.post(f"/charts/{theatre}/version/draft/actions/publish").status_code == 400


def test_a_copy_is_a_new_chart_named_copy(api: Api, theatre: str) -> None:
    copy = api.post(f"/charts/{theatre}/version/published/actions/copy").get_json()
    assert copy["name"] == "Small theatre (copy)"
    assert copy["key"] != theatre
    drawing = api.get(f"/charts/{copy['key']}/version/published").get_json()
    assert len(drawing["subChart"]["rows"]) == 4


def test_categories_are_listed_added_updated_and_removed(api: Api) -> None:
    key = api.post("/charts", json={"categories": [{"key": 1, "label": "One", "color": "#111"}]}).get_json()[
        "key"
    ]
    api.post(
        f"/charts/{key}/categories", json={"key": "two", "label": "Two", "color": "#222", "accessible": True}
    )
    api.post(f"/charts/{key}/categories/1", json={"label": "Uno"})
    listed = api.get(f"/charts/{key}/categories").get_json()["categories"]
    assert listed == [
        {"key": 1, "label": "Uno", "color": "#111", "accessible": False},
        {"key": "two", "label": "Two", "color": "#222", "accessible": True},
    ]
    assert api.delete(f"/charts/{key}/categories/two").status_code == 204
    assert api.delete(f"/charts/{key}/categories/two").status_code == 404


def test_the_thumbnail_is_a_png(api: Api, theatre: str) -> None:
    answer = api.get(f"/charts/{theatre}/version/published/thumbnail")
    assert answer.headers["Content-Type"] == "image/png"
    assert answer.data.startswith(b"\x89PNG")


def test_validation_reports_warnings_of_the_drawing(api: Api, theatre: str) -> None:
    assert api.post(f"/charts/{theatre}/version/published/actions/validate").get_json() == {
        "errors": [],
        "warnings": [],
    }


def test_event_keys_are_unique_and_create_multiple_is_all_or_nothing(
    api: Api, theatre: str, event: str
) -> None:
    answer = api.post("/events", json={"chartKey": theatre, "eventKey": event})
    assert answer.get_json()["errors"][0]["code"] == "EVENT_KEY_ALREADY_EXISTS"
    answer = api.post(
        "/events/actions/create-multiple",
        json={"chartKey": theatre, "events": [{"eventKey": "x"}, {"eventKey": event}]},
    )
    assert answer.status_code == 400
    assert api.get("/events/x").status_code == 404
    answer = api.post("/events/actions/create-multiple", json={"chartKey": theatre, "events": []})
    assert answer.get_json()["errors"][0]["message"] == "#/events: expected minimum item count: 1, found: 0"


def test_an_invalid_date_is_refused(api: Api, theatre: str) -> None:
    for date in ("2030-02-30", "tomorrow", "2030-1-1"):
        assert api.post("/events", json={"chartKey": theatre, "date": date}).status_code == 400


def test_object_categories_override_the_drawing(api: Api, theatre: str) -> None:
    api.post("/events", json={"chartKey": theatre, "eventKey": "e", "objectCategories": {"A-1": 2}})
    info = api.get("/events/e/objects?label=A-1").get_json()["A-1"]
    assert (info["categoryKey"], info["categoryLabel"]) == ("2", "Back")


def test_an_object_in_a_channel_needs_its_channel_key(api: Api, theatre: str) -> None:
    api.post(
        "/events",
        json={
            "chartKey": theatre,
            "eventKey": "e",
            "channels": [{"key": "vip", "name": "VIP", "color": "#000", "objects": ["A-1"]}],
        },
    )
    refused = api.post(CHANGE, json={"events": ["e"], "objects": ["A-1"], "status": "booked"})
    assert refused.get_json()["errors"][0]["code"] == "ILLEGAL_STATUS_CHANGE"
    assert (
        api.post(
            CHANGE, json={"events": ["e"], "objects": ["A-1"], "status": "booked", "channelKeys": ["vip"]}
        ).status_code
        == 204
    )


def test_an_object_moves_between_channels(api: Api, event: str) -> None:
    api.post(
        f"/events/{event}/channels",
        json=[
            {"key": "one", "name": "1", "color": "#1", "objects": ["A-1", "A-2"]},
            {"key": "two", "name": "2", "color": "#2"},
        ],
    )
    api.post(f"/events/{event}/channels/two/objects", json={"objects": ["A-2"]})
    channels = api.get(f"/events/{event}").get_json()["channels"]
    assert [(c["key"], c["objects"]) for c in channels] == [("one", ["A-1"]), ("two", ["A-2"])]


def test_not_for_sale_objects_and_places_show_in_object_infos(api: Api, event: str) -> None:
    api.post(
        f"/events/{event}/actions/mark-as-not-for-sale", json={"objects": ["A-1"], "areaPlaces": {"GA1": 7}}
    )
    infos = api.get(f"/events/{event}/objects?label=A-1&label=GA1").get_json()
    assert infos["A-1"]["forSale"] is False
    assert (infos["GA1"]["numNotForSale"], infos["GA1"]["numFree"]) == (7, 93)
    edited = api.post(f"/events/{event}/actions/edit-for-sale-config", json={"forSale": [{"object": "A-1"}]})
    assert edited.get_json()["forSaleConfig"]["objects"] == []
    assert edited.get_json()["rateLimitInfo"]["rateLimitRemainingCalls"] == 9


def test_status_changes_filter_sort_and_per_object(api: Api, event: str) -> None:
    for label, status in (("B-1", "s1"), ("A-2", "s2"), ("A-1", "s3"), ("A-1", "s4")):
        api.post(CHANGE, json={"events": [event], "objects": [label], "status": status})
    listed = api.get(f"/events/{event}/status-changes?filter=A-&sort=objectLabel:desc").get_json()["items"]
    # Ties (one label) keep the newest first.
    assert [(c["objectLabel"], c["status"]) for c in listed] == [("A-2", "s2"), ("A-1", "s4"), ("A-1", "s3")]
    mine = api.get(f"/events/{event}/objects/A-1/status-changes").get_json()["items"]
    assert [c["status"] for c in mine] == ["s4", "s3"]


def test_a_season_booking_reaches_its_events_unless_overridden(api: Api, theatre: str) -> None:
    season = api.post(
        "/seasons", json={"chartKey": theatre, "key": "s", "eventKeys": ["s1", "s2"]}
    ).get_json()
    assert [e["key"] for e in season["events"]] == ["s1", "s2"]
    api.post("/events/s2/actions/override-season-status", json={"objects": ["A-1"]})
    api.post(CHANGE, json={"events": ["s"], "objects": ["A-1"], "status": "booked"})
    status = {
        key: api.get(f"/events/{key}/objects?label=A-1").get_json()["A-1"]["status"] for key in ("s1", "s2")
    }
    assert status == {"s1": "booked", "s2": "free"}
    api.post("/events/s2/actions/use-season-status", json={"objects": ["A-1"]})
    assert api.get("/events/s2/objects?label=A-1").get_json()["A-1"]["status"] == "booked"


def test_workspaces_list_active_and_inactive_newest_first(api: Api) -> None:
    first = api.post("/workspaces", json={"name": "ws one"}).get_json()
    api.post("/workspaces", json={"name": "ws two"})
    api.post(f"/workspaces/{first['key']}/actions/deactivate")
    names = lambda path: [w["name"] for w in api.get(path).get_json()["items"]]  # noqa: E731
    assert names("/workspaces") == ["ws two", "ws one", "Production workspace"]
    assert names("/workspaces/active") == ["ws two", "Production workspace"]
    assert names("/workspaces/inactive?filter=ONE") == ["ws one"]


def test_the_default_workspace_can_be_changed_but_not_deleted(api: Api, company) -> None:  # type: ignore[no-untyped-def]
    other = api.post("/workspaces", json={"name": "other"}).get_json()
    assert api.delete(f"/workspaces/{company.workspace_key}").status_code == 400
    assert api.post(f"/workspaces/actions/set-default/{other['key']}").status_code == 204
    assert api.get(f"/workspaces/{other['key']}").get_json()["isDefault"] is True
    api.post(f"/workspaces/{company.workspace_key}/actions/deactivate")
    assert api.delete(f"/workspaces/{company.workspace_key}").status_code == 204


def test_secret_keys_are_added_and_removed(api: Api, client) -> None:  # type: ignore[no-untyped-def]
    from tests.seatsio.support import PREFIX, basic

    ws = api.post("/workspaces", json={"name": "keys"}).get_json()
    added = api.post(f"/workspaces/{ws['key']}/actions/add-secret-key").get_json()["secretKey"]
    assert client.get(f"{PREFIX}/charts", headers=basic(added)).status_code == 200
    api.post(f"/workspaces/{ws['key']}/actions/remove-secret-key", json={"secretKey": ws["secretKey"]})
    assert client.get(f"{PREFIX}/charts", headers=basic(ws["secretKey"])).status_code == 401
    assert api.get(f"/workspaces/{ws['key']}").get_json()["secretKeys"] == [added]


def test_the_event_log_lists_what_happened_oldest_first(api: Api, company) -> None:  # type: ignore[no-untyped-def]
    key = api.post("/charts", json={}).get_json()["key"]
    api.post(f"/charts/{key}", json={"name": "renamed"})
    api.post("/events", json={"chartKey": key, "eventKey": "e"})
    api.delete("/events/e")
    items = api.get("/event-log").get_json()["items"]
    assert [item["type"] for item in items] == [
        "chart.created",
        "chart.published",
        "event.created",
        "event.deleted",
    ]
    assert items[0]["data"] == {"key": key, "workspaceKey": company.workspace_key}


def test_ticket_buyer_ids_are_added_once_removed_and_paged(api: Api) -> None:
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(5)]
    added = api.post("/ticket-buyers", json={"ids": [*ids[:3], ids[0]]}).get_json()
    assert added == {"added": ids[:3], "alreadyPresent": []}
    again = api.post("/ticket-buyers", json={"ids": ids[2:]}).get_json()
    assert again == {"added": ids[3:], "alreadyPresent": ids[2:3]}
    removed = api.delete(
        "/ticket-buyers", json={"ids": [ids[1], "00000000-0000-4000-8000-999999999999"]}
    ).get_json()
    assert removed == {"removed": [ids[1]], "notPresent": ["00000000-0000-4000-8000-999999999999"]}
    first = api.get("/ticket-buyers?limit=2").get_json()
    assert first["items"] == [ids[0], ids[2]]
    rest = api.get(f"/ticket-buyers?limit=2&start_after_id={first['next_page_starts_after']}").get_json()
    assert rest["items"] == ids[3:]
    assert api.post("/ticket-buyers", json={"ids": ["not-a-uuid"]}).status_code == 400


def test_a_chart_list_keeps_the_newest_events_when_limited(api: Api, theatre: str) -> None:
    keys = [api.post("/events", json={"chartKey": theatre}).get_json()["key"] for _ in range(3)]
    listed = api.get("/charts?expand=events&eventsLimit=2").get_json()["items"][0]
    assert [event["key"] for event in listed["events"]] == [keys[2], keys[1]]
    assert len(api.get("/charts?expand=events").get_json()["items"][0]["events"]) == 3
    assert api.get("/charts?expand=events&eventsLimit=0").status_code == 400
