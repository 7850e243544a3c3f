"""Fixtures: a demo-seeded app on a manual clock, a Flask test client, and an authenticated caller."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from tests.support import ACCOUNT, API_KEY, T0


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def world(clock: ManualClock) -> World:
    return World(clock)


@pytest.fixture
def app(world: World) -> Flask:
    return create_app(Settings(seed="demo"), world)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Api:
    """The test client with the demo account's HTTP Basic credentials on every call."""

    def __init__(self, client: FlaskClient, auth: tuple[str, str] | None = (ACCOUNT, API_KEY)) -> None:
        self.client = client
        self.auth = auth

    def __call__(self, method: str, path: str, **kwargs: Any) -> TestResponse:
        kwargs.setdefault("auth", self.auth)
        if kwargs["auth"] is None:
            del kwargs["auth"]
        return self.client.open(path, method=method, **kwargs)

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> TestResponse:
        return self("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> TestResponse:
        return self("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> TestResponse:
        return self("DELETE", path, **kwargs)


@pytest.fixture
def api(client: FlaskClient) -> Iterator[Api]:
    return Api(client)
