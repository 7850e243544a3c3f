"""The official Python SDK against one emulator served on a real socket, reset to the demo before each test.

The SDK is configured only through its environment variables, with SSS_API_HOST pointing at the
emulator: nothing else about it is changed for these tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.error import HTTPError

import pytest
import SuperSaaS

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.seeding import reset_world
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.support import ACCOUNT, API_KEY, T0


@dataclass(frozen=True)
class Emulator:
    """The served emulator and the handles a test steers it by."""

    clock: ManualClock
    world: World
    server: ThreadedServer

    @property
    def url(self) -> str:
        return self.server.url


@dataclass(frozen=True)
class Failure:
    """What a failed SDK call tells its caller: the status and reason, the message, the error titles."""

    status: int
    reason: str
    message: str
    titles: list[str]


MakeClient = Callable[..., SuperSaaS.Client]
Fails = Callable[[Callable[[], object]], Failure]


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    clock = ManualClock(T0)
    world = World(clock)
    server = ThreadedServer(create_app(Settings(seed="demo"), world), host="127.0.0.1", port=0).start()
    try:
        yield Emulator(clock, world, server)
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def fresh_demo(emulator: Emulator) -> None:
    # The demo's dates follow the clock, so the clock goes back first.
    emulator.clock.set(T0)
    reset_world(emulator.world, "demo")


@pytest.fixture
def world(emulator: Emulator) -> World:
    return emulator.world


@pytest.fixture
def server_url(emulator: Emulator) -> str:
    return emulator.url


@pytest.fixture
def make_client(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> MakeClient:
    """An SDK client configured from the environment, as an application would configure it."""

    def build(account: str = ACCOUNT, api_key: str = API_KEY) -> SuperSaaS.Client:
        monkeypatch.setenv("SSS_API_HOST", emulator.url)
        monkeypatch.setenv("SSS_API_ACCOUNT_NAME", account)
        monkeypatch.setenv("SSS_API_KEY", api_key)
        client = SuperSaaS.Client(SuperSaaS.Configuration())
        client.rate_limiter.throttle = lambda: None  # client-side pacing (4 calls/s), not wire behaviour
        return client

    return build


@pytest.fixture
def client(make_client: MakeClient) -> SuperSaaS.Client:
    return make_client()


@pytest.fixture
def fails() -> Fails:
    """Run an SDK call that must fail with an HTTP error; answer what the caller can learn from it."""

    def run(call: Callable[[], object]) -> Failure:
        with pytest.raises(SuperSaaS.Error) as caught:
            call()
        cause = caught.value.__cause__
        assert isinstance(cause, HTTPError), f"not an HTTP failure: {caught.value}"
        with cause:
            body = json.loads(cause.read())
        return Failure(cause.code, str(cause.reason), str(caught.value), [e["title"] for e in body["errors"]])

    return run
