"""Fixtures: the SimplyBook service on a demo-seeded app, a manual clock, and JSON-RPC clients."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from flask import Flask
from flask.testing import FlaskClient

from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.simplybook.client import JsonRpcClient, SimplybookClient, Transport
from fakesaas.simplybook.domain.companies import Simplybook
from fakesaas.simplybook.service import SimplybookService
from tests.simplybook.support import API_KEY, COMPANY, PASSWORD, SECRET_KEY, T0, USER


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def world(clock: ManualClock) -> World:
    return World(clock)


@pytest.fixture
def service() -> SimplybookService:
    return SimplybookService()


@pytest.fixture
def seed_section(service: SimplybookService) -> dict | None:
    """The section the app is seeded with: the demo unless a test module overrides it."""
    return service.demo(T0)


@pytest.fixture
def app(world: World, service: SimplybookService, seed_section: dict | None) -> Flask:
    app = Flask("fakesaas-simplybook-tests")
    app.config.update(MAX_CONTENT_LENGTH=1 << 20)
    app.extensions["fakesaas"] = world
    service.register(app)
    with world.lock:
        service.seed(service.state_of(world), seed_section)
    return app


@pytest.fixture
def state(app: Flask, world: World, service: SimplybookService) -> Simplybook:
    """The seeded state behind ``app``."""
    return service.state_of(world)


@pytest.fixture
def http(app: Flask) -> FlaskClient:
    return app.test_client()


def flask_transport(client: FlaskClient) -> Transport:
    def send(url: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        path = url.split("://", 1)[-1].split("/", 1)[-1]
        response = client.post("/" + path, data=body, headers=dict(headers))
        return response.status_code, response.get_data()

    return send


@pytest.fixture
def api(http: FlaskClient) -> SimplybookClient:
    """The demo company's three services, through the Flask test client."""
    return SimplybookClient(
        "http://localhost/simplybook",
        COMPANY,
        api_key=API_KEY,
        secret_key=SECRET_KEY,
        user=USER,
        password=PASSWORD,
        transport=flask_transport(http),
    )


@pytest.fixture
def public(api: SimplybookClient) -> JsonRpcClient:
    return api.public


@pytest.fixture
def admin(api: SimplybookClient) -> JsonRpcClient:
    return api.admin
