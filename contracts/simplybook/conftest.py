"""Target selection and safety rails of the SimplyBook contract suite.

With no target it starts ``python -m fakesaas serve --port 0`` and uses the demo company. Against a
real company pass ``--base-url https://user-api.simplybook.me --company LOGIN --api-key KEY
--secret-key SECRET`` (and ``--user-login``/``--user-password`` for the admin service); tests
that book run only with ``--allow-writes`` and cancel what they booked.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from contracts.simplybook.rpc import Company, Pace

DEMO = {
    "company": "demo",
    "api_key": "demo-api-key",
    "secret_key": "demo-secret-key",
    "user": "admin",
    "password": "demo-password",
}
_LISTENING = re.compile(r"listening on (http://\S+)")


@dataclass(frozen=True)
class Target:
    base_url: str
    company: str
    api_key: str
    secret_key: str | None
    user: str | None
    password: str | None
    started: bool

    @property
    def local(self) -> bool:
        host = urlsplit(self.base_url).hostname or ""
        return host in ("localhost", "::1") or host.startswith("127.")


def _setting(config: pytest.Config, option: str, variable: str) -> str | None:
    value = config.getoption(option, None)
    return value or os.environ.get(variable) or None


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Iterator[Target]:
    company = _setting(pytestconfig, "--company", "SIMPLYBOOK_COMPANY")
    base_url = _setting(pytestconfig, "--base-url", "SIMPLYBOOK_BASE_URL")
    if company is not None:
        if base_url is None:
            raise pytest.UsageError("--company needs --base-url (e.g. https://user-api.simplybook.me)")
        api_key = _setting(pytestconfig, "--api-key", "SIMPLYBOOK_API_KEY")
        if api_key is None:
            raise pytest.UsageError("--company needs --api-key (or SIMPLYBOOK_API_KEY)")
        yield Target(
            base_url,
            company,
            api_key,
            _setting(pytestconfig, "--secret-key", "SIMPLYBOOK_SECRET_KEY"),
            _setting(pytestconfig, "--user-login", "SIMPLYBOOK_USER"),
            _setting(pytestconfig, "--user-password", "SIMPLYBOOK_PASSWORD"),
            started=False,
        )
        return
    if pytestconfig.getoption("--base-url", None):
        pytest.skip("--base-url without --company names another service's target")
    with _emulator() as url:
        yield Target(url + "/simplybook", started=True, **DEMO)


@pytest.fixture(scope="session")
def company(target: Target) -> Iterator[Company]:
    # A live company: SimplyBook allows 5 calls a second; the emulator needs no pacing.
    pace = None if target.local else Pace(4)
    opened = Company(
        target.base_url, target.company, target.api_key, target.secret_key, target.user, target.password, pace
    )
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def control_url(target: Target) -> str | None:
    """The emulator's control plane, when the target has one (GET /_fakesaas/ answers 200)."""
    root = target.base_url.rsplit("/simplybook", 1)[0]
    try:
        ok = requests.get(f"{root}/_fakesaas/", timeout=5).status_code == 200
    except requests.RequestException:
        ok = False
    return f"{root}/_fakesaas" if ok else None


@pytest.fixture(autouse=True)
def _rails(request: pytest.FixtureRequest, pytestconfig: pytest.Config) -> None:
    if "simplybook" not in str(request.node.path):
        return
    if request.node.get_closest_marker("destructive"):
        where: Target = request.getfixturevalue("target")
        if not where.local and not pytestconfig.getoption("--allow-writes"):
            pytest.skip(f"books on {where.base_url}: pass --allow-writes to let this test book and cancel")
    if request.node.get_closest_marker("emulator_only") and request.getfixturevalue("control_url") is None:
        pytest.skip("the target has no /_fakesaas/ control plane (a real company)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "destructive: writes to the target; needs --allow-writes off 127.0.0.1"
    )
    config.addinivalue_line("markers", "emulator_only: needs the emulator's control plane")


@contextmanager
def _emulator(timeout: float = 30.0) -> Iterator[str]:
    """``python -m fakesaas serve --port 0`` with the demo; its URL; SIGTERM at the end. Output goes
    to a file, never a pipe, so a chatty server cannot block."""
    with tempfile.TemporaryDirectory(prefix="contracts-simplybook-") as folder:
        log = Path(folder) / "serve.log"
        command = [
            sys.executable,
            "-m",
            "fakesaas",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--seed",
            "demo",
        ]
        with log.open("wb") as sink:
            process = subprocess.Popen(
                command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        try:
            deadline = time.monotonic() + timeout
            while True:
                text = log.read_text(errors="replace")
                match = _LISTENING.search(text.split("\n", 1)[0]) if "\n" in text else None
                if match:
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.exit(f"contracts/simplybook: the emulator did not start:\n{text}", returncode=3)
                time.sleep(0.05)
            yield match.group(1)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
