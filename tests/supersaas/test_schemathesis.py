"""The emulator against its own OpenAPI contract: one schemathesis run with every built-in check.

The run covers every operation of openapi/supersaas.yaml (JSON, XML and extension-less paths) in four
phases: the spec's examples, coverage (boundary and invalid values of every parameter), fuzzing, and
stateful sequences that follow the spec's links (create -> read -> update -> delete through `location`).
XML answers are checked against the same schemas (tests/supersaas/schemathesis_support.py reads them); the
narrow,
documented exceptions live in tests/supersaas/schemathesis.toml and the support module.

FAKESAAS_SCHEMATHESIS_EXAMPLES sets the examples per operation in fuzzing and stateful testing
(default 20: about two minutes on 2 cores), FAKESAAS_SCHEMATHESIS_SEED the seed (default 1). A long run:
    FAKESAAS_SCHEMATHESIS_EXAMPLES=500 FAKESAAS_SCHEMATHESIS_SEED=7 \
        python -m pytest -s tests/supersaas/test_schemathesis.py
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

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.support import ACCOUNT, API_KEY, T0

pytestmark = pytest.mark.slow  # minutes of schemathesis: CI runs it, the quick loop does not

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "supersaas.yaml"
EXAMPLES = int(os.environ.get("FAKESAAS_SCHEMATHESIS_EXAMPLES", "20"))
# A fixed seed keeps CI repeatable; change it (or the examples) to explore further.
SEED = int(os.environ.get("FAKESAAS_SCHEMATHESIS_SEED", "1"))


@pytest.fixture
def emulator() -> Iterator[str]:
    """A demo-seeded emulator on a manual clock (T0), served on 127.0.0.1 at a free port."""
    app = create_app(Settings(seed="demo"), World(ManualClock(T0)))
    with ThreadedServer(app) as server:
        yield server.url


def _config(directory: Path) -> Path:
    """tests/supersaas/schemathesis.toml plus this run's budget."""
    config = directory / "schemathesis.toml"
    budget = f"""
[generation]
max-examples = {EXAMPLES}
database = "none"

[phases.stateful.generation]
max-examples = {EXAMPLES}
"""
    text = (ROOT / "tests" / "supersaas" / "schemathesis.toml").read_text(encoding="utf-8")
    config.write_text(text + budget, encoding="utf-8")
    return config


def _schemathesis() -> str:
    return str(Path(sys.executable).with_name("schemathesis"))


def test_emulator_keeps_its_openapi_contract(emulator: str, tmp_path: Path) -> None:
    command = [
        _schemathesis(),
        "--config-file",
        str(_config(tmp_path)),
        "run",
        f"{emulator}/openapi.yaml",
        "--url",
        emulator,
        "--auth",
        f"{ACCOUNT}:{API_KEY}",
        "--checks",
        "all",
        "--seed",
        str(SEED),
        "--no-color",
        "--report",
        "json",
        "--report-dir",
        str(tmp_path),
    ]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    run = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=900, check=False
    )
    elapsed = time.monotonic() - started
    assert run.returncode == 0, f"schemathesis found contract failures:\n{run.stdout[-20000:]}\n{run.stderr}"

    report = json.loads(next(tmp_path.glob("json-*.json")).read_text(encoding="utf-8"))
    operations = sum(len(item) for item in yaml.safe_load(SPEC.read_text(encoding="utf-8"))["paths"].values())
    assert report["operations"]["total"] == operations
    assert report["operations"]["tested"] == operations, report["operations"]
    assert all(phase["status"] == "success" for phase in report["phases"].values()), report["phases"]
    assert report["failures"] == []
    assert report["errors"] == []
    tested = report["operations"]["tested"]
    print(run.stdout[run.stdout.rfind("= SUMMARY =") :])
    print(
        f"schemathesis {report['schemathesis_version']}: {tested}/{operations} operations, checks: all, "
        f"{report['test_cases']['generated']} test cases "
        f"({EXAMPLES} examples per operation, seed {SEED}), {elapsed:.0f} s"
    )
