"""Fixtures: an emulator serving SimplyBook with its demo on a manual clock, and JSON-RPC clients."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from flask import Flask
from flask.testing import FlaskClient

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
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
def app(world: World, service: SimplybookService) -> Flask:
    """The emulator as ``fakesaas serve`` builds it, serving SimplyBook only."""
    return create_app(Settings(seed="demo"), world, services=[service])


@pytest.fixture
def state(app: Flask, world: World, service: SimplybookService) -> Simplybook:
    """The seeded state behind ``app``."""
    return world.state(service.name)  # type: ignore[no-any-return]


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
