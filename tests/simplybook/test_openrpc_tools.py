"""The contract checked by the OpenRPC project's own tools, installed with npm into .cache/openrpc:
the document validates against @open-rpc/meta-schema (and dereferences), and @open-rpc/test-coverage
runs every worked example against the emulator, service by service."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from fakesaas.simplybook.examples import T0, example_section
from fakesaas.simplybook.service import SimplybookService

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / ".cache" / "openrpc"
DRIVER = Path(__file__).with_name("openrpc_driver.js")
PACKAGES = (
    "@open-rpc/meta-schema@1.14.9",
    "@open-rpc/schema-utils-js@1.16.2",
    "@open-rpc/test-coverage@2.2.4",
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def node() -> str:
    """node, with the pinned OpenRPC packages installed beside it (once)."""
    npm, node_binary = shutil.which("npm"), shutil.which("node")
    if npm is None or node_binary is None:
        pytest.skip("needs node and npm to install the OpenRPC tools")
    stamp = HOME / "installed.txt"
    if not stamp.exists() or stamp.read_text() != "\n".join(PACKAGES):
        HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(HOME), *PACKAGES],
            check=True,
            timeout=600,
        )
        stamp.write_text("\n".join(PACKAGES))
    return node_binary


def run(node: str, *args: str) -> dict:
    done = subprocess.run(
        [node, str(DRIVER), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=HOME,
        env={"NODE_PATH": str(HOME / "node_modules"), "PATH": str(Path(node).parent)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_contract_validates_against_the_openrpc_meta_schema(node: str) -> None:
    outcome = run(node, "validate", str(ROOT / "openapi" / "simplybook.openrpc.json"))
    assert set(outcome) == {"whole", "login", "public", "admin"}
    for name, checked in outcome.items():
        assert checked["problems"] == [], name
        assert checked["methods"] > 0


@pytest.fixture
def served() -> Iterator[str]:
    """The examples' world at the examples' moment, served on 127.0.0.1."""
    world = World(ManualClock(T0))
    service = SimplybookService()
    app = create_app(Settings(seed="none"), world, services=[service])
    service.seed(world.state(service.name), example_section())
    server = ThreadedServer(app, host="127.0.0.1", port=0).start()
    try:
        yield server.url
    finally:
        server.stop()


def test_open_rpc_test_coverage_passes_every_example(node: str, served: str) -> None:
    outcome = run(node, "coverage", served)
    for name, result in outcome.items():
        assert result["failures"] == [], name
        assert result["calls"] >= result["methods"] > 0, name
        assert result["passed"] == result["calls"]
