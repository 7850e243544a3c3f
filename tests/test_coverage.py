"""docs/coverage.md is what ``python -m fakesaas.coverage`` prints: generated, never stale."""

from __future__ import annotations

from pathlib import Path

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.coverage import table, uncounted
from fakesaas.settings import Settings
from tests.support import T0

ROOT = Path(__file__).resolve().parent.parent


def test_the_coverage_table_is_current() -> None:
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == table(), (
        "docs/coverage.md is stale: python -m fakesaas.coverage > docs/coverage.md"
    )


def test_every_route_and_method_served_is_an_operation_of_the_table() -> None:
    """A route or method added without its line in the service's operations would be served but not
    counted."""
    app = create_app(Settings(seed="demo"), World(ManualClock(T0)))
    assert uncounted(app) == []


def test_the_table_says_what_is_not_emulated() -> None:
    text = table()
    assert "| `GET /api/ping` | The n8n node's credential test | emulated |" in text
    assert (
        "| `GET /api/login` | Single sign-on: logs a browser in to the schedule (user API docs) | not |"
        in text
    )
