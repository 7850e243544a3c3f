"""``fakesaas serve`` as a user runs it: a real process, its banner, real requests, a clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support import serve

pytestmark = pytest.mark.slow  # each test starts fakesaas serve as a process


@pytest.fixture
def served() -> Iterator[tuple[subprocess.Popen[str], str]]:
    process, url = serve()
    yield process, url
    if process.poll() is None:
        process.kill()
        process.wait()


def test_serve_prints_url_and_demo_credentials_and_answers_the_sdk_paths(served) -> None:
    process, url = served
    assert process.stdout is not None
    banner = "".join(process.stdout.readline() for _ in range(2))
    assert "demo-api-key" in banner
    assert "demo-password" in banner
    response = requests.get(f"{url}/api/schedules.json", auth=("demo", "demo-api-key"), timeout=5)
    assert response.status_code == 200
    assert [s["name"] for s in response.json()] == ["Rooms", "Classes", "Services", "Workshops"]


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_serve_stops_cleanly_on_sigterm_and_ctrl_c(served, stop_signal: signal.Signals) -> None:
    process, _ = served
    process.send_signal(stop_signal)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "fakesaas stopped" in out
    assert "Traceback" not in err


def test_serve_loads_a_seed_file(tmp_path: Path) -> None:
    desks = {"name": "Desks", "kind": "resource", "resources": ["Desk A"]}
    seed = {"accounts": [{"name": "acme", "api_key": "k", "password": "p", "schedules": [desks]}]}
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed))
    process, url = serve("--seed", str(path))
    try:
        assert (
            requests.get(f"{url}/api/schedules.json", auth=("acme", "k"), timeout=5).json()[0]["name"]
            == "Desks"
        )
        assert (
            requests.get(f"{url}/api/schedules.json", auth=("demo", "demo-api-key"), timeout=5).status_code
            == 401
        )
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"accounts": 3}', "supersaas at accounts: 3 is not of type 'array'")],
    ids=["malformed", "wrong-shape"],
)
def test_a_bad_seed_file_is_a_clear_error_not_an_empty_world(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "seed.json"
    path.write_text(content)
    result = subprocess.run(
        [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--seed", str(path)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 2
    assert message in result.stderr


def test_the_console_script_is_installed() -> None:
    result = subprocess.run(["fakesaas", "--version"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    assert result.stdout.startswith("fakesaas ")


def test_serve_with_more_threads_answers_the_same() -> None:
    process, url = serve("--threads", "4")
    try:
        response = requests.get(f"{url}/api/users.json", auth=("demo", "demo-api-key"), timeout=5)
        assert response.status_code == 200
        assert len(response.json()) == 3
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_on_a_taken_port_is_a_clear_error_not_a_shared_port(served) -> None:
    _, url = served
    port = url.rsplit(":", 1)[-1]
    result = subprocess.run(
        [sys.executable, "-m", "fakesaas", "serve", "--port", port],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("FAKESAAS_PORT", "abc", "fakesaas: FAKESAAS_PORT='abc' is not a whole number"),
        (
            "FAKESAAS_PROT",
            "8081",
            "fakesaas: unknown environment variable FAKESAAS_PROT (known: FAKESAAS_HOST,",
        ),
        ("FAKESAAS_CONTROL", "maybe", "fakesaas: FAKESAAS_CONTROL='maybe' is not one of 1, true, yes, on,"),
        ("FAKESAAS_SAVE_EVERY", "nan", "fakesaas: FAKESAAS_SAVE_EVERY='nan' is not a number"),
        (
            "FAKESAAS_BODY_TIMEOUT",
            "0",
            "fakesaas: --body-timeout (FAKESAAS_BODY_TIMEOUT) must be more than 0",
        ),
    ],
)
def test_a_bad_or_misspelt_environment_variable_is_refused_with_one_line(variable, value, message) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fakesaas", "serve", "--port", "0"],
        capture_output=True, text=True, timeout=30, env={**os.environ, variable: value},
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1


def test_fakesaas_without_a_command_prints_the_help() -> None:
    result = subprocess.run([sys.executable, "-m", "fakesaas"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "serve the emulated APIs over HTTP" in result.stdout
    assert "error:" not in result.stderr


def test_serve_help_lists_every_environment_variable() -> None:
    from fakesaas.settings import Settings

    command = [sys.executable, "-m", "fakesaas", "serve", "--help"]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=30, env={**os.environ, "COLUMNS": "200"}
    )
    assert "JSON or YAML seed file" in result.stdout
    for variable in Settings.variables():
        assert variable in result.stdout
    assert "FAKESAAS_ACCESS_LOG" in result.stdout


def test_a_variable_a_service_reads_itself_is_not_refused() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--no-control"],
        capture_output=True, text=True, timeout=30,
        env={**os.environ, "FAKESAAS_SEATSIO_SYSTEM_SECRET": "s3cret", "FAKESAAS_PORT": "abc"},
    )  # fmt: skip
    # FAKESAAS_PORT is refused (and named), FAKESAAS_SEATSIO_SYSTEM_SECRET is not.
    assert result.returncode == 2
    assert "FAKESAAS_PORT" in result.stderr
    assert "SEATSIO" not in result.stderr
