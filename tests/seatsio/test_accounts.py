"""The company's account over HTTP: its settings and what they change (chart validation, the hold
period, drafts of charts in use), its keys, and who may touch them."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from fakesaas.seatsio.domain.snapshot import dump_state, load_state
from tests.seatsio.conftest import Api
from tests.seatsio.support import PREFIX, Company, basic, post_chart, small_theatre

RULES = (
    "VALIDATE_DUPLICATE_LABELS",
    "VALIDATE_OBJECTS_WITHOUT_CATEGORIES",
    "VALIDATE_UNLABELED_OBJECTS",
    "VALIDATE_FOCAL_POINT",
    "VALIDATE_OBJECT_TYPES_PER_CATEGORY",
    "VALIDATE_EMPTY_FLOOR",
)


def flawed() -> dict[str, Any]:
    """The small theatre with a label twice, a seat without a label and no focal point."""
    drawing = copy.deepcopy(small_theatre())
    seats = drawing["subChart"]["rows"][0]["seats"]
    seats[1]["label"] = "1"
    seats[2]["label"] = None
    drawing["subChart"]["focalPoint"] = None
    return drawing


def setting(api: Api, key: str, value: str) -> int:
    return int(api.post("/accounts/me/settings", json={"key": key, "value": value}).status_code)


def test_a_new_account_has_every_rule_off_and_a_15_minute_hold(api: Api, company: Company) -> None:
    account = api.get("/accounts/me").get_json()
    assert account["secretKey"] == company.admin_key
    assert account["settings"]["chartValidation"] == dict.fromkeys(RULES, "OFF")
    assert account["settings"]["holdPeriodInMinutes"] == 15
    assert account["settings"]["draftChartDrawingsEnabled"] is True


def test_validation_reports_each_rule_as_the_company_set_it(
    api: Api, client: FlaskClient, company: Company
) -> None:
    post_chart(client, company.admin_key, "flawed", flawed())
    validate = "/charts/flawed/version/published/actions/validate"
    assert api.post(validate).get_json() == {"errors": [], "warnings": []}
    assert setting(api, "VALIDATE_DUPLICATE_LABELS", "ERROR") == 204
    assert setting(api, "VALIDATE_FOCAL_POINT", "WARNING") == 204
    assert setting(api, "VALIDATE_OBJECTS_WITHOUT_CATEGORIES", "WARNING") == 204  # nothing to flag there
    assert api.post(validate).get_json() == {
        "errors": ["VALIDATE_DUPLICATE_LABELS"],
        "warnings": ["VALIDATE_FOCAL_POINT"],
    }
    listed = api.get("/charts?expand=validation").get_json()["items"][0]
    assert listed["validation"]["errors"] == ["VALIDATE_DUPLICATE_LABELS"]


def test_an_empty_floor_is_flagged_when_asked(api: Api, client: FlaskClient, company: Company) -> None:
    drawing = copy.deepcopy(small_theatre())
    sub = drawing.pop("subChart")
    drawing["subChartFloors"] = [
        {"floorName": "1", "floorDisplayName": "Ground", **sub},
        {"floorName": "2", "floorDisplayName": "Roof", "rows": []},
    ]
    post_chart(client, company.admin_key, "floors", drawing)
    setting(api, "VALIDATE_EMPTY_FLOOR", "WARNING")
    answer = api.post("/charts/floors/version/published/actions/validate").get_json()
    assert answer == {"errors": [], "warnings": ["VALIDATE_EMPTY_FLOOR"]}


def test_the_hold_period_is_what_a_token_made_without_one_lasts(api: Api) -> None:
    answer = api.post("/accounts/me/actions/change-hold-period", json={"holdPeriodInMinutes": 5})
    assert answer.status_code == 204
    assert api.post("/hold-tokens").get_json()["expiresInSeconds"] == 5 * 60
    assert api.post("/hold-tokens", json={"expiresInMinutes": 30}).get_json()["expiresInSeconds"] == 30 * 60
    assert api.get("/accounts/me").get_json()["settings"]["holdPeriodInMinutes"] == 5


def test_without_drafts_an_edit_of_a_chart_in_use_is_published_at_once(api: Api, theatre: str) -> None:
    api.post("/events", json={"chartKey": theatre})
    api.post(f"/charts/{theatre}", json={"name": "Draft name"})
    assert api.get(f"/charts/{theatre}").get_json()["status"] == "PUBLISHED_WITH_DRAFT"
    api.post(f"/charts/{theatre}/version/draft/actions/discard")
    assert api.post("/accounts/me/draft-chart-drawings/actions/disable").status_code == 204
    api.post(f"/charts/{theatre}", json={"name": "At once"})
    chart = api.get(f"/charts/{theatre}").get_json()
    assert (chart["status"], chart["name"]) == ("PUBLISHED", "At once")
    api.post(f"/charts/{theatre}/categories", json={"key": 9, "label": "New", "color": "#999"})
    published = api.get(f"/charts/{theatre}/version/published").get_json()
    labels = [category["label"] for category in published["categories"]["list"]]
    assert "New" in labels


def test_a_regenerated_secret_key_replaces_the_old_one(
    api: Api, client: FlaskClient, company: Company
) -> None:
    new = api.post("/accounts/me/secret-key/actions/regenerate").get_json()["secretKey"]
    assert new != company.admin_key
    assert client.get(f"{PREFIX}/accounts/me", headers=basic(company.admin_key)).status_code == 401
    assert client.get(f"{PREFIX}/accounts/me", headers=basic(new)).get_json()["secretKey"] == new


def test_a_regenerated_designer_key_is_shown(api: Api) -> None:
    new = api.post("/accounts/me/designer-key/actions/regenerate").get_json()["designerKey"]
    assert api.get("/accounts/me").get_json()["designerKey"] == new


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/accounts/me/settings", {"key": "VALIDATE_EVERYTHING", "value": "ERROR"}),
        ("/accounts/me/settings", {"key": "VALIDATE_FOCAL_POINT", "value": "LOUD"}),
        ("/accounts/me/actions/change-hold-period", {"holdPeriodInMinutes": 0}),
        ("/accounts/me/actions/change-hold-period", {"holdPeriodInMinutes": "ten"}),
        ("/accounts/me/actions/change-password", {"password": ""}),
    ],
)
def test_bad_settings_are_400_and_change_nothing(api: Api, path: str, body: dict[str, Any]) -> None:
    before = api.get("/accounts/me").get_json()
    assert api.post(path, json=body).status_code == 400
    assert api.get("/accounts/me").get_json() == before


def test_a_workspace_secret_key_may_not_see_the_account(client: FlaskClient, company: Company) -> None:
    answer = client.get(f"{PREFIX}/accounts/me", headers=basic(company.workspace_secret_key))
    assert answer.status_code == 403


def test_a_state_file_keeps_the_settings(api: Api, state: Any) -> None:
    setting(api, "VALIDATE_FOCAL_POINT", "ERROR")
    api.post("/accounts/me/actions/change-hold-period", json={"holdPeriodInMinutes": 7})
    api.post("/accounts/me/draft-chart-drawings/actions/disable")
    data = json.loads(json.dumps(dump_state(state)))
    again = load_state(state.clock, data)
    assert dump_state(again) == data
    settings = next(iter(again.companies.values())).settings
    assert (settings.hold_period_minutes, settings.draft_chart_drawings) == (7, False)
    assert settings.validation["VALIDATE_FOCAL_POINT"].value == "ERROR"
