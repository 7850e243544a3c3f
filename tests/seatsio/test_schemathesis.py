"""The Seats.io emulation against its own OpenAPI contract: one schemathesis run over every operation of
openapi/seatsio.yaml (examples, coverage and fuzzing phases) with the demo company's key.

Checks: no server error, only documented statuses and content types, and answers that fit their schemas.
FAKESAAS_SCHEMATHESIS_EXAMPLES sets the examples per operation (default 10), FAKESAAS_SCHEMATHESIS_SEED
the seed (default 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from fakesaas.app import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.seatsio.support import T0

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "seatsio.yaml"
EXAMPLES = int(os.environ.get("FAKESAAS_SCHEMATHESIS_EXAMPLES", "10"))
SEED = int(os.environ.get("FAKESAAS_SCHEMATHESIS_SEED", "1"))
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"

pytestmark = pytest.mark.slow


@pytest.fixture
def emulator() -> Iterator[str]:
    app = create_app(Settings(seed="demo"), World(ManualClock(T0)))
    with ThreadedServer(app) as server:
        yield server.url


def test_the_seatsio_emulation_keeps_its_openapi_contract(emulator: str, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        (ROOT / "tests" / "seatsio" / "schemathesis.toml").read_text() + f"max-examples = {EXAMPLES}\n"
    )
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file", str(config),
        "run", f"{emulator}/openapi/seatsio.yaml",
        "--url", f"{emulator}/seatsio",
        "--auth", "demo-secret-key:",
        "--checks", CHECKS,
        "--phases", "examples,coverage,fuzzing",
        "--seed", str(SEED),
        "--no-color",
        "--report", "json", "--report-dir", str(tmp_path),
    ]  # fmt: skip
    started = time.monotonic()
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    elapsed = time.monotonic() - started
    assert run.returncode == 0, f"schemathesis found contract failures:\n{run.stdout[-20000:]}\n{run.stderr}"
    report = json.loads(next(tmp_path.glob("json-*.json")).read_text(encoding="utf-8"))
    operations = sum(len(item) for item in yaml.safe_load(SPEC.read_text(encoding="utf-8"))["paths"].values())
    assert report["operations"]["tested"] == operations, report["operations"]
    assert report["failures"] == []
    assert report["errors"] == []
    print(
        f"schemathesis: {operations} operations, {report['test_cases']['generated']} cases, {elapsed:.0f} s"
    )
