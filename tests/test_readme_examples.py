"""Every shell and Python example of the README, run as a reader would run it, checked against what the
README says it prints or does. A served emulator stands in for the README's ``127.0.0.1:8080`` (the one
change made to an example: the port). Examples that cannot run here say why below."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import yaml

from tests.support import serve

pytestmark = pytest.mark.slow  # starts emulators and shells

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, re.S)
DEFAULT = "http://127.0.0.1:8080"
# Blocks that are not run here, and why (each is covered elsewhere or cannot run on a test machine).
NOT_RUN = {
    "python3 -m venv": "the set-up commands: CI runs them (.ci/run, tests/test_readme.py)",
    "docker build": "needs a Docker engine, which test machines do not have",
    "FAKESAAS_SCHEMATHESIS_EXAMPLES": "the schemathesis run: tests/supersaas/test_schemathesis.py runs it",
    "python -m pytest contracts": "the contract suite: CI runs it (pytest contracts)",
    'md5("demo"': "the browser calls: tests/browser/test_from_a_browser.py makes them in Chromium",
}


def block(containing: str, language: str = "bash") -> str:
    """The one README code block of ``language`` that contains ``containing``."""
    found = [body for lang, body in BLOCKS if lang == language and containing in body]
    assert len(found) == 1, f"{len(found)} README {language} blocks contain {containing!r}"
    return found[0]


def shell(script: str, cwd: Path, url: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash with the README's address replaced by ``url``, the venv's programs first."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script.replace(DEFAULT, url)],
        cwd=cwd, capture_output=True, text=True, timeout=120, env={**os.environ, "PATH": path, **env},
    )  # fmt: skip


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[str]:
    process, url = serve("--state", str(tmp_path / "state.json"))
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_every_code_block_is_run_here_or_named_as_not_run() -> None:
    runnable = (
        "SSS_API_HOST=http", "curl -u demo", "fakesaas serve [--host", '{"supersaas"', "fakesaas generate",
        "ThreadedServer(create_app())", "tests/test_bookings.py", "fakesaas wait", "B=http", '{"seatsio"',
    )  # fmt: skip
    for language, body in BLOCKS:
        if language not in ("bash", "python", "json", "js", ""):
            continue
        assert any(key in body for key in (*runnable, *NOT_RUN)), f"a README block nobody runs:\n{body}"


def test_the_sdk_example_prints_what_the_readme_says(emulator: str, tmp_path: Path) -> None:
    example = block("export SSS_API_HOST=")
    claimed = [line[2:] for line in example.splitlines() if line.startswith("# ")]
    result = shell(example, tmp_path, emulator)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == claimed


def test_the_curl_examples_read_and_create(emulator: str, tmp_path: Path) -> None:
    result = shell(block("curl -u demo:demo-api-key"), tmp_path, emulator)
    assert result.returncode == 0, result.stderr
    listing, end = json.JSONDecoder().raw_decode(result.stdout)
    created = result.stdout[end:].lstrip()
    assert [booking["id"] for booking in listing][:1] == [5000001]
    assert created.startswith("HTTP/1.1 201")
    assert re.search(r"^location: .*/api/bookings/\d+\.json\r?$", created, re.M | re.I)


def test_the_seatsio_and_simplybook_seed_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text(block('{"seatsio"', "json"))
    process, url = serve("--seed", str(path))
    try:
        state = requests.get(f"{url}/_fakesaas/state", timeout=5).json()
        (arena,) = state["seatsio"]["companies"]
        assert arena["name"] == "arena"
        (studio,) = state["simplybook"]["companies"]
        assert studio["login"] == "studio"
        assert len(studio["bookings"]) == 1
        events = requests.get(f"{url}/seatsio/events", auth=("arena-workspace-secret", ""), timeout=5).json()
        assert [event["key"] for event in events["items"]] == ["opening"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_serve_synopsis_names_exactly_the_flags_serve_takes() -> None:
    synopsis = next(body for language, body in BLOCKS if language == "" and body.startswith("fakesaas serve"))
    shown = set(re.findall(r"--[a-z-]+", synopsis))
    command = [sys.executable, "-m", "fakesaas", "serve", "--help"]
    env = {**os.environ, "COLUMNS": "300"}
    helped = subprocess.run(command, capture_output=True, text=True, timeout=30, env=env).stdout
    taken = set(re.findall(r"^\s+(--[a-z-]+)", helped, re.M)) - {"--help"}
    assert shown == taken


def test_the_seed_file_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text(block('{"supersaas"', "json"))
    process, url = serve("--seed", str(path))
    try:
        schedules = requests.get(f"{url}/api/schedules.json", auth=("acme", "acme-key"), timeout=5).json()
        assert [schedule["name"] for schedule in schedules] == ["Desks", "Tours", "Salon"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_generate_example_writes_a_seed_that_serve_loads(tmp_path: Path) -> None:
    """Run with 1,000 bookings for a million (the README's figures are for the million)."""
    generate, serve_line = block("fakesaas generate").splitlines()
    result = shell(generate.split("#")[0].replace("1000000", "1000"), tmp_path, DEFAULT)
    assert result.returncode == 0, result.stderr
    assert serve_line.split("#")[0].split() == ["fakesaas", "serve", "--seed", "big.json"]
    process, url = serve("--seed", str(tmp_path / "big.json"))
    try:
        rooms = requests.get(
            f"{url}/api/bookings.json?schedule_id=100001&limit=2000", auth=("demo", "demo-api-key")
        )
        assert len(rooms.json()) > 500
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_embedding_example_serves_the_demo() -> None:
    example = block("ThreadedServer(create_app())", "python")
    check = (
        "print(requests.get(server.url + '/api/schedules.json', auth=('demo', 'demo-api-key')).status_code)"
    )
    code = "import requests\n" + example.replace("...  # point SSS_API_HOST at server.url", check)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert (result.returncode, result.stdout.strip()) == (0, "200"), result.stderr


def test_the_pytest_plugin_example_passes_in_a_project_of_its_own(tmp_path: Path) -> None:
    example = block("tests/test_bookings.py", "python")
    tests = tmp_path / "tests"
    (tests / "seeds").mkdir(parents=True)
    (tests / "test_bookings.py").write_text(example)
    (tests / "seeds" / "acme.json").write_text(block('{"supersaas"', "json"))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "PYTHONPATH"))}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, env=env)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


def test_the_ci_recipe_waits_quietly_and_the_server_answers(tmp_path: Path) -> None:
    """The recipe with the port changed, up to the project's own tests (there are none here)."""
    recipe = block("fakesaas wait")
    lines = [line for line in recipe.splitlines() if not line.startswith(("pip install", "SSS_API_HOST"))]
    port = str(_free_port())
    health = f"curl -fsS http://127.0.0.1:{port}/_fakesaas/health"
    result = shell("\n".join([*lines, health, "kill %1"]).replace("8080", port), tmp_path, DEFAULT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # nothing printed while it starts
    assert json.loads(result.stdout)["status"] == "ok"


def test_every_control_example_succeeds(emulator: str, tmp_path: Path) -> None:
    seed = json.loads(block('{"supersaas"', "json"))
    (tmp_path / "seed.json").write_text(json.dumps(seed))
    (tmp_path / "seed.yaml").write_text(yaml.safe_dump(seed))
    # Every curl fails the script (-f) when an example is answered with an error.
    script = 'curl() { command curl -fsS "$@"; echo; }\n' + block("B=http://127.0.0.1:8080/_fakesaas")
    result = shell(script, tmp_path, emulator)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "openapi: 3.1.0" in result.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
