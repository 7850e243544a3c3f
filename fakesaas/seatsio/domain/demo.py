"""The demo company: a theatre with rows, a standing area and tables, and an event partly sold."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

DEMO_SECRET_KEY = "demo-secret-key"
DEMO_WORKSPACE_KEY = "demo-workspace-key"
DEMO_WORKSPACE_SECRET_KEY = "demo-workspace-secret-key"
DEMO_CHART_KEY = "demo-theatre"
DEMO_EVENT_KEY = "demo-event"
DEMO_HOLD_TOKEN = "demoHoldToken"


def demo_section(now: datetime) -> dict[str, Any]:
    """The ``seatsio`` section of the demo seed, with the event 30 days after ``now``."""
    categories = [
        {"key": 1, "label": "Stalls", "color": "#5E42ED"},
        {"key": 2, "label": "Back stalls", "color": "#87A9CD"},
        {"key": 3, "label": "Standing", "color": "#F5A623"},
        {"key": 4, "label": "Tables", "color": "#7ED321"},
    ]
    return {
        "companies": [
            {
                "name": "demo",
                "admin_key": DEMO_SECRET_KEY,
                "designer_key": "demo-designer-key",
                "workspaces": [
                    {
                        "name": "Production workspace",
                        "key": DEMO_WORKSPACE_KEY,
                        "secret_key": DEMO_WORKSPACE_SECRET_KEY,
                        "charts": [
                            {
                                "key": DEMO_CHART_KEY,
                                "name": "Demo theatre",
                                "tags": ["demo"],
                                "sketch": {
                                    "rows": 10,
                                    "seats": 12,
                                    "categories": categories,
                                    "row_categories": {row: 2 for row in "FGHIJ"},
                                    "accessible": ["J-1", "J-12"],
                                    "areas": [{"label": "Standing", "capacity": 100, "category": 3}],
                                    "tables": [
                                        {"label": "T1", "seats": 6, "category": 4},
                                        {"label": "T2", "seats": 6, "category": 4},
                                        {"label": "T3", "seats": 8, "category": 4, "book_as_a_whole": True},
                                    ],
                                },
                            }
                        ],
                        "events": [
                            {
                                "key": DEMO_EVENT_KEY,
                                "chart": DEMO_CHART_KEY,
                                "name": "Opening night",
                                "date": (now + timedelta(days=30)).date().isoformat(),
                                "booked": ["A-5", "A-6", "A-7", "A-8", "B-6", "B-7", "T3"],
                                "holds": [
                                    {
                                        "token": DEMO_HOLD_TOKEN,
                                        "expires_in_minutes": 120,
                                        "objects": ["C-6", "C-7"],
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ]
    }
