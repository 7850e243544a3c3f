"""Helpers the Seats.io tests share: drawings to post, a company per test, raw HTTP calls."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fakesaas.seatsio.domain.sketch import sketch

T0 = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
SYSTEM_SECRET = "superSecretSystemApi"
PREFIX = "/seatsio"


def basic(key: str) -> dict[str, str]:
    """HTTP Basic with the secret key as user and an empty password, as every SDK sends it."""
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()}


def small_theatre(name: str = "Small theatre") -> dict[str, Any]:
    """Rows A-D of 8 seats (A-7 accessible; C and D in "Back"), a 100-place GA area ("Standing"),
    two tables of 4 (T2 booked whole)."""
    return sketch(
        {
            "name": name,
            "rows": 4,
            "seats": 8,
            "categories": [
                {"key": 1, "label": "Front", "color": "#111111"},
                {"key": 2, "label": "Back", "color": "#222222"},
                {"key": "standing", "label": "Standing", "color": "#333333"},
            ],
            "row_categories": {"C": 2, "D": 2},
            "accessible": ["A-7"],
            "areas": [{"label": "GA1", "capacity": 100, "category": "standing"}],
            "tables": [{"label": "T1", "seats": 4}, {"label": "T2", "seats": 4, "book_as_a_whole": True}],
        }
    )


@dataclass
class Company:
    """A fresh company made through the system endpoint, as the official harness makes one."""

    admin_key: str
    workspace_key: str
    workspace_secret_key: str


def new_company(client: Any) -> Company:
    answer = client.post(f"{PREFIX}/system/private/create-test-company", headers=basic(SYSTEM_SECRET))
    assert answer.status_code == 200, answer.data
    data = answer.get_json()
    return Company(data["admin"]["secretKey"], data["workspace"]["key"], data["workspace"]["secretKey"])


def post_chart(client: Any, key: str, chart_key: str, drawing: dict[str, Any]) -> None:
    answer = client.post(
        f"{PREFIX}/system/public/charts/{chart_key}", data=json.dumps(drawing), headers=basic(key)
    )
    assert answer.status_code == 201, answer.data
