"""Target, safety rails and clean-up for the Seats.io contract suite.

Options (declared in contracts/conftest.py): ``--base-url`` (e.g. https://api-eu.seatsio.net),
``--secret-key``, ``--chart-key`` and ``--allow-writes``. Without ``--base-url`` a fresh emulator is
started and its demo company used. Tests marked ``destructive`` write (charts, events, hold tokens)
and are skipped on a live target unless ``--allow-writes`` is given; what they make is removed at
the end (events deleted, charts archived and tagged ``fakesaas-contracts``, hold tokens expired).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

from contracts.seatsio.client import Client
from contracts.seatsio.target import (
    EMULATOR_CHART_KEY,
    EMULATOR_SECRET_KEY,
    Target,
    TargetError,
    running_emulator,
    setting,
)
from contracts.seatsio.venue import longest_row

CLEAN_UP_TAG = "fakesaas-contracts"

# Hypothesis settings of this suite, given to its state machine (never loaded as the global profile:
# the other services' suites may run in the same session with their own).
LOCAL = settings(
    max_examples=25, stateful_step_count=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# A live workspace: few examples and no shrinking (it would replay a failure dozens of times).
REMOTE = settings(
    max_examples=3,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.generate],
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "destructive: writes to the target; skipped on a live target without --allow-writes"
    )
    config.addinivalue_line(
        "markers", "emulator_only: needs the emulator's control plane (/_fakesaas/); skipped elsewhere"
    )


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Iterator[Target]:
    base_url = setting(pytestconfig.getoption("--base-url", None), "base_url")
    if base_url is not None:
        secret = setting(pytestconfig.getoption("--secret-key", None), "secret_key")
        chart = setting(pytestconfig.getoption("--chart-key", None), "chart_key")
        if not secret or not chart:
            raise pytest.UsageError("a live target needs --secret-key and --chart-key (a chart with seats)")
        yield Target(base_url.rstrip("/"), secret, chart)
        return
    try:
        with running_emulator() as root:
            yield Target(root + "/seatsio", EMULATOR_SECRET_KEY, EMULATOR_CHART_KEY, emulator_root=root)
    except TargetError as error:
        pytest.exit(str(error), returncode=3)


@pytest.fixture(autouse=True)
def _safety(request: pytest.FixtureRequest, target: Target) -> None:
    writes = request.node.get_closest_marker("destructive") is not None
    if writes and not target.local and not request.config.getoption("--allow-writes", False):
        pytest.skip("writes to a live target: pass --allow-writes")
    if request.node.get_closest_marker("emulator_only") and target.emulator_root is None:
        pytest.skip("needs the emulator's control plane")


@pytest.fixture(scope="session")
def api(target: Target) -> Client:
    return Client(target.base_url, target.secret_key, pace=0.0 if target.local else 0.1)


@pytest.fixture(scope="session")
def row(api: Client, target: Target) -> list[str]:
    """The longest row of the chart's seats: what the tests book on."""
    drawing = api.get(f"/charts/{target.chart_key}/version/published")
    assert drawing.status == 200, f"chart {target.chart_key}: {drawing.status} {drawing.body}"
    seats = longest_row(drawing.body)
    if len(seats) < 8:
        pytest.skip(f"chart {target.chart_key} has no row of 8 seats")
    return seats


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


class Sandbox:
    """Events, charts and hold tokens a test made, removed when it ends."""

    def __init__(self, api: Client, target: Target) -> None:
        self.api = api
        self.target = target
        self.events: list[str] = []
        self.charts: list[str] = []
        self.tokens: list[str] = []

    def event(self, chart_key: str | None = None, **fields: Any) -> str:
        key = unique("contract-event")
        answer = self.api.post(
            "/events", {"chartKey": chart_key or self.target.chart_key, "eventKey": key, **fields}
        )
        assert answer.status in (200, 201), answer.body
        self.events.append(key)
        return key

    def chart(self, **fields: Any) -> dict[str, Any]:
        answer = self.api.post("/charts", {"name": unique("contract-chart"), **fields})
        assert answer.status in (200, 201), answer.body
        self.charts.append(answer.body["key"])
        return answer.body  # type: ignore[no-any-return]

    def token(self, minutes: int | None = None) -> str:
        answer = self.api.post("/hold-tokens", {} if minutes is None else {"expiresInMinutes": minutes})
        assert answer.status in (200, 201), answer.body
        self.tokens.append(answer.body["holdToken"])
        return answer.body["holdToken"]  # type: ignore[no-any-return]

    def clean_up(self) -> None:
        for key in self.events:
            self.api.delete(f"/events/{key}")
        for key in self.charts:
            self.api.post(f"/charts/{key}/tags/{CLEAN_UP_TAG}")
            self.api.post(f"/charts/{key}/actions/move-to-archive")
        for token in self.tokens:
            self.api.post(f"/hold-tokens/{token}", {"expiresInMinutes": 0})


@pytest.fixture
def sandbox(api: Client, target: Target) -> Iterator[Sandbox]:
    made = Sandbox(api, target)
    yield made
    made.clean_up()


@pytest.fixture
def statuses(api: Client) -> Callable[[str, list[str]], dict[str, str]]:
    def read(event: str, labels: list[str]) -> dict[str, str]:
        answer = api.get(f"/events/{event}/objects", label=labels)
        assert answer.status == 200, answer.body
        return {label: info["status"] for label, info in answer.body.items()}

    return read
