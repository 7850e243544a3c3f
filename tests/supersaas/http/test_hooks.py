"""/api/hooks: adding, listing and removing webhook subscriptions, and every way to get it wrong."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from fakesaas.core.world import World
from fakesaas.seeding import load_document
from fakesaas.supersaas.domain.snapshot import dump_state, load_state
from tests.support import ACCOUNT, API_KEY, INTAKE, ROOMS, checksum, error_titles, supersaas_state

# The n8n node authenticates with query parameters and sends the rest as a JSON body.
CREDENTIALS = {"account": ACCOUNT, "api_key": API_KEY}
TARGET = "https://hooks.example.com/supersaas"


def add(api, body: dict[str, Any] | None = None, **query: str):
    return api.post("/api/hooks", query_string={**CREDENTIALS, **query}, json=body, auth=None)


def listed(api) -> list[dict[str, Any]]:
    response = api.get("/api/hooks", query_string=CREDENTIALS, auth=None)
    assert response.status_code == 200
    return response.get_json()


def test_a_hook_added_with_a_json_body_answers_201_with_the_hook_and_is_listed(api) -> None:
    response = add(api, {"event": "N", "parent_id": str(ROOMS), "target_url": TARGET})
    assert response.status_code == 201
    hook = response.get_json()
    assert set(hook) == {"id", "url", "trigger", "parent_id"}
    assert (hook["url"], hook["trigger"], hook["parent_id"]) == (TARGET, "N", ROOMS)
    assert listed(api) == [hook]


def test_a_hook_added_with_query_parameters_only_is_the_same_hook(api) -> None:
    # Pipedream's way: everything in the query, no body.
    response = add(api, None, event="C", parent_id=str(ROOMS), target_url=TARGET)
    assert response.status_code == 201
    assert listed(api) == [
        {"id": response.get_json()["id"], "url": TARGET, "trigger": "C", "parent_id": ROOMS}
    ]


def test_hooks_answer_with_json_and_xml_extensions_too(api) -> None:
    created = api.post("/api/hooks.json", json={"event": "U", "parent_id": ACCOUNT, "target_url": TARGET})
    assert created.status_code == 201
    assert api.get("/api/hooks.json").get_json() == [created.get_json()]
    xml = api.get("/api/hooks.xml")
    assert xml.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(xml.data)
    assert root.tag == "hooks"
    assert [(h.findtext("trigger"), h.findtext("parent-id"), h.findtext("url")) for h in root] == [
        ("U", ACCOUNT, TARGET)
    ]


def test_account_triggers_take_the_account_name_as_parent(api) -> None:
    for trigger in ("U", "M", "P", "H"):
        response = add(api, {"event": trigger, "parent_id": ACCOUNT.upper(), "target_url": TARGET})
        assert response.status_code == 201, trigger
        assert response.get_json()["parent_id"] == ACCOUNT
    refused = add(api, {"event": "U", "parent_id": str(ROOMS), "target_url": TARGET})
    assert refused.status_code == 422
    assert "account name" in error_titles(refused.get_json())[0]


@pytest.mark.parametrize("trigger", ["N", "C", "R", "F"])
def test_appointment_triggers_need_a_schedule_of_the_account(api, trigger: str) -> None:
    assert add(api, {"event": trigger, "parent_id": ROOMS, "target_url": TARGET}).status_code == 201
    for wrong in (999999, INTAKE, ACCOUNT, None):
        refused = add(api, {"event": trigger, "parent_id": wrong, "target_url": TARGET})
        assert refused.status_code == 422, wrong
        assert "schedule id" in error_titles(refused.get_json())[0]
    assert len(listed(api)) == 1


@pytest.mark.parametrize("trigger", ["S", "O"])
def test_form_triggers_need_a_super_form_of_the_account(api, trigger: str) -> None:
    assert add(api, {"event": trigger, "parent_id": str(INTAKE), "target_url": TARGET}).status_code == 201
    refused = add(api, {"event": trigger, "parent_id": str(ROOMS), "target_url": TARGET})
    assert refused.status_code == 422
    assert "super form id" in error_titles(refused.get_json())[0]


@pytest.mark.parametrize("event", ["X", "", "NC", None, "new"])
def test_an_unknown_event_is_refused_with_422_and_nothing_is_added(api, event: object) -> None:
    response = add(api, {"event": event, "parent_id": ROOMS, "target_url": TARGET})
    assert response.status_code == 422
    assert error_titles(response.get_json()) == ["event must be one of U, M, P, H, N, C, R, F, S, O"]
    assert listed(api) == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/hook",
        "example.com/hook",
        "",
        None,
        "http://",
        "javascript:alert(1)",
        "http://x:99999/",
    ],
)
def test_a_target_that_is_not_an_http_url_is_a_bad_request(api, url: object) -> None:
    response = add(api, {"event": "N", "parent_id": ROOMS, "target_url": url})
    assert response.status_code == 400
    assert error_titles(response.get_json()) == ["Bad request: target_url must be an http or https URL"]
    assert listed(api) == []


def test_a_lower_case_event_code_is_accepted_as_its_trigger(api) -> None:
    response = add(api, {"event": "n", "parent_id": ROOMS, "target_url": TARGET})
    assert (response.status_code, response.get_json()["trigger"]) == (201, "N")


def test_a_loopback_target_is_accepted_unlike_the_real_service(api) -> None:
    # The real service answers 400 for localhost; the emulator takes it so local receivers work.
    for url in ("http://localhost:5678/webhook/abc", "http://127.0.0.1:8080/hook", "http://[::1]:9/x"):
        assert add(api, {"event": "N", "parent_id": ROOMS, "target_url": url}).status_code == 201
    assert [hook["url"] for hook in listed(api)] == [
        "http://localhost:5678/webhook/abc",
        "http://127.0.0.1:8080/hook",
        "http://[::1]:9/x",
    ]


def test_delete_with_id_and_parent_in_the_body_removes_the_hook(api) -> None:
    keep = add(api, {"event": "C", "parent_id": ROOMS, "target_url": TARGET}).get_json()
    gone = add(api, {"event": "N", "parent_id": ROOMS, "target_url": TARGET}).get_json()
    response = api.delete(
        "/api/hooks",
        query_string=CREDENTIALS,
        json={"parent_id": str(ROOMS), "id": str(gone["id"])},
        auth=None,
    )
    assert (response.status_code, response.data) == (200, b"")
    assert listed(api) == [keep]


def test_delete_with_query_parameters_removes_the_hook(api) -> None:
    hook = add(api, {"event": "U", "parent_id": ACCOUNT, "target_url": TARGET}).get_json()
    response = api.delete("/api/hooks.json", query_string={"id": hook["id"], "parent_id": ACCOUNT})
    assert response.status_code == 200
    assert listed(api) == []


@pytest.mark.parametrize("ref", ["123", "abc", "", None])
def test_delete_of_an_unknown_hook_is_404(api, ref: object) -> None:
    add(api, {"event": "N", "parent_id": ROOMS, "target_url": TARGET})
    response = api.delete("/api/hooks", json={"id": ref, "parent_id": ROOMS})
    assert response.status_code == 404
    assert error_titles(response.get_json()) == ["Webhook not found"]
    assert len(listed(api)) == 1


def test_delete_naming_another_parent_is_404_and_keeps_the_hook(api) -> None:
    hook = add(api, {"event": "N", "parent_id": ROOMS, "target_url": TARGET}).get_json()
    response = api.delete("/api/hooks", json={"id": hook["id"], "parent_id": INTAKE})
    assert response.status_code == 404
    assert listed(api) == [hook]


def test_hooks_need_the_account_credentials(api) -> None:
    assert api.get("/api/hooks", auth=None).status_code == 401
    assert (
        api.get("/api/hooks", query_string={"account": ACCOUNT, "api_key": "wrong"}, auth=None).status_code
        == 403
    )
    # Bearer token with the account, as the n8n credential test sends it.
    bearer = api.get(
        "/api/hooks", query_string={"account": ACCOUNT}, headers={"Authorization": f"Bearer {API_KEY}"}
    )
    assert bearer.status_code == 200


def test_a_user_checksum_does_not_authorise_hooks(api) -> None:
    name = "alice@example.com"
    query = {"account": ACCOUNT, "user": name, "checksum": checksum(name)}
    assert api.get("/api/hooks", query_string=query, auth=None).status_code == 403
    body = {"event": "N", "parent_id": ROOMS, "target_url": TARGET}
    assert api.post("/api/hooks", query_string=query, json=body, auth=None).status_code == 403
    assert listed(api) == []


def test_one_account_never_sees_nor_removes_another_accounts_hooks(api, world: World) -> None:
    load_document(
        world,
        {
            "accounts": [
                {
                    "name": "other",
                    "api_key": "other-key",
                    "password": "other-password",
                    "schedules": [{"name": "Desks", "kind": "resource", "resources": ["Desk"]}],
                }
            ]
        },
    )
    hook = add(api, {"event": "N", "parent_id": ROOMS, "target_url": TARGET}).get_json()
    other = ("other", "other-key")
    assert api.get("/api/hooks", auth=other).get_json() == []
    assert api.delete("/api/hooks", json={"id": hook["id"]}, auth=other).status_code == 404
    borrowed = api.post(
        "/api/hooks", json={"event": "N", "parent_id": ROOMS, "target_url": TARGET}, auth=other
    )
    assert borrowed.status_code == 422
    assert listed(api) == [hook]


def test_hooks_are_kept_by_a_state_dump_and_read_back(api, world: World, clock) -> None:
    hook = add(api, {"event": "C", "parent_id": ROOMS, "target_url": TARGET}).get_json()
    dumped = api.get("/_fakesaas/state", query_string={"account": ACCOUNT}).get_json()
    assert [(h["id"], h["trigger"], h["parent_id"], h["target_url"]) for h in dumped["hooks"]] == [
        (hook["id"], "C", ROOMS, TARGET)
    ]
    restored = load_state(clock, dump_state(supersaas_state(world)))
    assert dump_state(restored) == dump_state(supersaas_state(world))
    # The id sequence resumes: a hook added after a reload never reuses an id.
    world.install("supersaas", restored)
    again = add(api, {"event": "N", "parent_id": ROOMS, "target_url": TARGET}).get_json()
    assert again["id"] > hook["id"]
    assert [h["id"] for h in listed(api)] == [hook["id"], again["id"]]


def test_reset_forgets_every_hook(api) -> None:
    add(api, {"event": "N", "parent_id": ROOMS, "target_url": TARGET})
    assert api.post("/_fakesaas/reset", auth=None).status_code == 200
    assert listed(api) == []


def test_the_hooks_path_takes_only_get_post_and_delete(api) -> None:
    response = api.put("/api/hooks", json={})
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST", "DELETE"}
