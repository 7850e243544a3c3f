"""The pytest plugin: its fixtures used here directly, and a user's project run in a subprocess with
the plugin coming only from the installed package's ``pytest11`` entry point."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from fakesaas.pytest_plugin import FakeSaaS

pytestmark = pytest.mark.slow  # runs projects' pytest sessions in processes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "pytest-project"
EXAMPLE_TESTS = 7
RUN_TIMEOUT = 120


def run_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pytest`` in ``folder``, as a user runs it there: nothing of this repository on the path."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "PYTHONPATH"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )


def test_the_example_project_passes_with_the_plugin_from_the_installed_package() -> None:
    result = run_pytest(EXAMPLE)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(rf"\b{EXAMPLE_TESTS} passed\b", output), output
    assert f"rootdir: {EXAMPLE}" in output  # the repository's own pytest settings played no part
    plugins = next(line for line in output.splitlines() if line.startswith("plugins:"))
    assert "fakesaas-" in plugins  # loaded as an installed distribution's plugin
    assert not (EXAMPLE / "conftest.py").exists()


def test_a_seed_marker_naming_a_missing_or_broken_file_fails_the_test_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\naddopts = '--strict-markers'\n")
    (tmp_path / "broken.json").write_text('{"accounts": [{"name": "acme"}]}')
    (tmp_path / "test_marked.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.fakesaas_seed('missing.json')\n"
        "def test_missing(fakesaas):\n    pass\n\n"
        "@pytest.mark.fakesaas_seed('broken.json')\n"
        "def test_broken(fakesaas):\n    pass\n\n"
        "def test_unmarked(fakesaas):\n    assert fakesaas.account == 'demo'\n"
    )

    result = run_pytest(tmp_path, "-q")  # --strict-markers: an unregistered marker would be an error

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 passed, 2 errors" in output, output
    assert "fakesaas_seed: no seed file 'missing.json'" in output
    assert "supersaas at accounts/0: 'api_key' is needed" in output  # the reason


def test_a_project_overrides_the_session_fixtures_in_its_conftest(tmp_path: Path) -> None:
    """Settings, services and seed are session fixtures a project may replace, as with
    pytest-httpserver's ``httpserver_listen_address``."""
    (tmp_path / "acme.json").write_text(
        '{"supersaas": {"accounts": [{"name": "acme", "api_key": "acme-key", "password": "p"}]}}'
    )
    (tmp_path / "conftest.py").write_text(
        "import pytest\n"
        "from pathlib import Path\n"
        "from fakesaas.settings import Settings\n\n"
        "@pytest.fixture(scope='session')\n"
        "def fakesaas_settings():\n    return Settings(max_body_bytes=1024)\n\n"
        "@pytest.fixture(scope='session')\n"
        "def fakesaas_services():\n    return ['supersaas']\n\n"
        "@pytest.fixture(scope='session')\n"
        "def fakesaas_seed():\n    return str(Path(__file__).with_name('acme.json'))\n"
    )
    (tmp_path / "test_project.py").write_text(
        "import requests\n\n"
        "def test_overrides(fakesaas):\n"
        "    assert fakesaas.services == ['supersaas']\n"
        "    assert (fakesaas.account, fakesaas.api_key) == ('acme', 'acme-key')\n"
        "    assert fakesaas.credentials('supersaas')['password'] == 'p'\n"
        "    assert fakesaas.base_url('supersaas') == fakesaas.url + '/api'\n"
        "    url = fakesaas.url + '/api/users.json'\n"
        "    big = requests.post(url, data=b'x' * 2048, auth=('acme', 'acme-key'))\n"
        "    assert big.status_code == 413\n"
        "    assert list(fakesaas.state()) == ['supersaas']\n"
        "    assert fakesaas.state(service='supersaas')['accounts'][0]['name'] == 'acme'\n"
    )

    result = run_pytest(tmp_path, "-q")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "1 passed" in output


def test_an_unknown_service_in_the_override_fails_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(
        "import pytest\n\n"
        "@pytest.fixture(scope='session')\ndef fakesaas_services():\n    return ['supersass']\n"
    )
    (tmp_path / "test_project.py").write_text("def test_it(fakesaas):\n    pass\n")

    result = run_pytest(tmp_path, "-q")

    assert result.returncode == 1
    assert "fakesaas_services: unknown service 'supersass'" in result.stdout


# The fixtures themselves, in this session (the plugin is installed here too).


def test_the_handle_serves_the_demo_on_loopback_with_its_credentials(fakesaas: FakeSaaS) -> None:
    assert fakesaas.url.startswith("http://127.0.0.1:")
    assert (fakesaas.account, fakesaas.api_key) == ("demo", "demo-api-key")
    assert fakesaas.password == "demo-password"
    auth = (fakesaas.account, fakesaas.password)
    answer = requests.get(f"{fakesaas.url}/api/schedules.json", auth=auth, timeout=5)
    assert [schedule["name"] for schedule in answer.json()] == ["Rooms", "Classes", "Services", "Workshops"]


def test_the_handle_steers_the_emulators_clock(fakesaas: FakeSaaS) -> None:
    start = fakesaas.freeze()

    assert fakesaas.advance(days=1, minutes=30) == start + timedelta(days=1, minutes=30)
    assert fakesaas.set_time(datetime(2031, 2, 3, 4, 5, 6)) == datetime(2031, 2, 3, 4, 5, 6, tzinfo=UTC)
    clock = requests.get(f"{fakesaas.url}/_fakesaas/clock", timeout=5).json()
    assert clock == {"now": "2031-02-03T04:05:06Z", "frozen": True}


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_the_demo_real_time_no_faults_and_an_empty_journal(fakesaas: FakeSaaS, run) -> None:
    assert fakesaas.requests() == []
    assert fakesaas.world.faults.rules == []
    assert not fakesaas.world.clock.frozen
    assert abs(fakesaas.now() - datetime.now(UTC)) < timedelta(minutes=1)
    assert len(fakesaas.state("demo")["bookings"]) == 11
    # Leave a mess for the other run to not see.
    fakesaas.freeze()
    fakesaas.advance(days=400)
    fakesaas.fault(action="status", status=500, path="/api/users*")
    requests.delete(f"{fakesaas.url}/api/bookings/5000001.json", auth=("demo", "demo-api-key"), timeout=5)
    assert len(fakesaas.requests(method="DELETE")) == 1
    assert fakesaas.state("demo")["bookings"][0]["deleted"] is True


def test_a_fault_added_through_the_handle_reaches_the_sdk(fakesaas: FakeSaaS, supersaas_client) -> None:
    import SuperSaaS

    rule = fakesaas.fault(action="status", status=502, path="/api/users*", count=1)

    with pytest.raises(SuperSaaS.Error):
        supersaas_client.users.list()
    assert len(supersaas_client.users.list()) == 3
    assert [(r["path"], r["status"]) for r in fakesaas.requests()] == [
        ("/api/users.json", 502),
        ("/api/users.json", 200),
    ]
    assert rule["id"] >= 1


@pytest.mark.fakesaas_seed("seeds/acme.yaml")
def test_the_seed_marker_loads_a_yaml_seed_and_the_client_logs_in_to_it(
    fakesaas: FakeSaaS, supersaas_client
) -> None:
    assert (fakesaas.account, fakesaas.api_key) == ("acme", "acme-key")
    assert [schedule.name for schedule in supersaas_client.schedules.list()] == ["Desks"]
    assert [user.name for user in supersaas_client.users.list()] == ["ann@example.com"]
    assert [account["name"] for account in fakesaas.state()["supersaas"]["accounts"]] == ["acme"]  # no demo
    with pytest.raises(KeyError):
        fakesaas.state("demo")


def test_each_service_has_its_client_fixture(fakesaas: FakeSaaS, seatsio_client, simplybook_client) -> None:
    charts = [chart.name for chart in seatsio_client.charts.list()]
    assert "Demo theatre" in charts
    services = simplybook_client.public.getEventList()
    assert services  # the demo company's services, keyed by id
    assert fakesaas.client("supersaas").schedules.list()[0].name == "Rooms"
