"""Fixtures: a world on a manual clock with the Seats.io service mounted, a test client, a served
app for the official SDK, and a fresh company with a small theatre and an event per test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import seatsio
from flask import Flask
from flask.testing import FlaskClient

from fakesaas.app import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.seatsio.domain.state import Seatsio
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.seatsio.support import PREFIX, T0, Company, basic, new_company, post_chart, small_theatre


def build_app(world: World) -> Flask:
    """The emulator with every registered service, seeded with nothing: each test makes its own
    company through the system endpoint, as the official suite does."""
    return create_app(Settings(seed="none"), world)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def world(clock: ManualClock) -> World:
    return World(clock)


@pytest.fixture
def app(world: World) -> Flask:
    return build_app(world)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def state(app: Flask, world: World) -> Seatsio:
    return world.state("seatsio")  # type: ignore[no-any-return]


@pytest.fixture
def company(client: FlaskClient) -> Company:
    return new_company(client)


class Api:
    """The test client with a company's admin key on every call."""

    def __init__(self, client: FlaskClient, key: str) -> None:
        self.client = client
        self.key = key

    def __call__(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**basic(self.key), **kwargs.pop("headers", {})}
        return self.client.open(PREFIX + path, method=method, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self("POST", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self("DELETE", path, **kwargs)


@pytest.fixture
def api(client: FlaskClient, company: Company) -> Api:
    return Api(client, company.admin_key)


@pytest.fixture
def theatre(client: FlaskClient, company: Company) -> str:
    """The key of a small theatre chart in the company's default workspace."""
    post_chart(client, company.admin_key, "theatre", small_theatre())
    return "theatre"


@pytest.fixture
def event(api: Api, theatre: str) -> str:
    answer = api.post("/events", json={"chartKey": theatre, "eventKey": "show"})
    assert answer.status_code == 201, answer.data
    return "show"


# --- the official SDK against a served emulator ------------------------------------------------
@pytest.fixture(scope="module")
def served() -> Iterator[tuple[ThreadedServer, World]]:
    world = World(ManualClock(T0))
    with ThreadedServer(build_app(world)) as server:
        yield server, world


@pytest.fixture
def sdk_company(served: tuple[ThreadedServer, World]) -> Company:
    server, _ = served
    return new_company(server.app.test_client())


@pytest.fixture
def sdk(served: tuple[ThreadedServer, World], sdk_company: Company) -> seatsio.Client:
    server, _ = served
    return seatsio.Client(seatsio.Region(server.url + PREFIX), sdk_company.admin_key, max_retries=0)


@pytest.fixture
def sdk_theatre(served: tuple[ThreadedServer, World], sdk_company: Company) -> str:
    server, _ = served
    post_chart(server.app.test_client(), sdk_company.admin_key, "theatre", small_theatre())
    return "theatre"
