"""Target selection, safety rails and parity recording for the SuperSaaS contract suite.

Its command-line options are declared in contracts/conftest.py (pytest reads options only from a
conftest.py in a folder named on the command line).
"""

from __future__ import annotations

import random
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from contracts.supersaas.client import Client, RateLimiter
from contracts.supersaas.control import ControlPlane
from contracts.supersaas.lab import Lab
from contracts.supersaas.snapshots import Recorder, check_folder
from contracts.supersaas.target import EMULATOR_ACCOUNT, Target, TargetError, running_emulator, setting

RECORDER = pytest.StashKey[Recorder]()
LAB = pytest.StashKey[Lab]()
DIFFERENCES = pytest.StashKey[list[str]]()

settings.register_profile(
    "contracts-local",
    max_examples=50,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# A real account: few examples (each request waits its turn at 4 per second), short machines, and no
# shrinking (it would replay a failure against the account dozens of times).
settings.register_profile(
    "contracts-remote",
    max_examples=3,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.register_profile(
    "contracts-parity",
    parent=settings.get_profile("contracts-remote"),
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "destructive: writes to the target; refused on a non-local target without --allow-writes"
    )
    config.addinivalue_line(
        "markers", "emulator_only: needs the emulator's control plane (/_fakesaas/); skipped elsewhere"
    )
    for option, recording in (("--record", True), ("--compare", False)):
        folder = config.getoption(option, None)
        if folder:
            problem = check_folder(Path(folder), recording=recording)
            if problem:
                raise pytest.UsageError(f"{option}: {problem}")
            config.stash[RECORDER] = Recorder()
    if config.getoption("--hypothesis-profile", None) is None:
        _load_profile(config)


def _load_profile(config: pytest.Config) -> None:
    if RECORDER in config.stash:
        # Two runs compare only if they send the same requests: the same few fixed examples on every
        # target (a live account sets the size), and no replayed or shrunk failures.
        settings.load_profile("contracts-parity")
        return
    base_url = setting(config.getoption("--base-url", None), "base_url")
    local = base_url is None or _target(config, base_url).local
    settings.load_profile("contracts-local" if local else "contracts-remote")


def _target(config: pytest.Config, base_url: str, started: bool = False) -> Target:
    account = setting(config.getoption("--account"), "account")
    api_key = setting(config.getoption("--api-key"), "api_key")
    if started:
        account, api_key = EMULATOR_ACCOUNT
    if not account or not api_key:
        raise pytest.UsageError(
            f"--base-url {base_url} needs --account and --api-key (or FAKESAAS_ACCOUNT and FAKESAAS_API_KEY)"
        )
    capacity = setting(config.getoption("--schedule-capacity"), "schedule_capacity") or ""
    return Target(
        base_url=base_url,
        account=account,
        api_key=api_key,
        resource_schedule=setting(config.getoption("--schedule-resource"), "schedule_resource") or "",
        capacity_schedules=tuple(name.strip() for name in capacity.split(",") if name.strip()),
        started=started,
    )


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Iterator[Target]:
    """The server under test: --base-url (or its environment twins), else an emulator started here."""
    base_url = setting(pytestconfig.getoption("--base-url"), "base_url")
    if base_url:
        yield _target(pytestconfig, base_url)
        return
    try:
        with running_emulator() as url:
            yield _target(pytestconfig, url, started=True)
    except TargetError as error:
        pytest.exit(f"contracts: {error}", returncode=3)


@pytest.fixture(scope="session")
def client(target: Target, pytestconfig: pytest.Config) -> Iterator[Client]:
    recorder = pytestconfig.stash.get(RECORDER, None)
    if recorder is not None:
        recorder.secrets = {target.api_key: "<api_key>", target.account: "<account>"}
    http = Client(
        target.base_url,
        target.account,
        target.api_key,
        limiter=None if target.local else RateLimiter(calls=4, period=1.0),
        writes_allowed=target.local or pytestconfig.getoption("--allow-writes"),
        recorder=recorder,
    )
    yield http
    http.close()


@pytest.fixture(scope="session")
def lab(client: Client, target: Target, pytestconfig: pytest.Config) -> Iterator[Lab]:
    """Discovered schedules and resources, fresh days, and the ledger of created objects."""
    parity = RECORDER in pytestconfig.stash
    opened = Lab.open(client, target, random.Random(0 if parity else None))
    pytestconfig.stash[LAB] = opened
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def control(client: Client) -> ControlPlane | None:
    """The emulator's control plane, or None where ``GET /_fakesaas/`` does not answer 200."""
    return ControlPlane.probe(client)


@pytest.fixture(autouse=True)
def _rails(request: pytest.FixtureRequest, pytestconfig: pytest.Config) -> Iterator[None]:
    """Refuse destructive tests on a remote target without --allow-writes; skip emulator_only tests
    where there is no control plane; tell the recorder which test is speaking."""
    if request.node.get_closest_marker("destructive"):
        where: Target = request.getfixturevalue("target")
        if not where.local and not pytestconfig.getoption("--allow-writes"):
            pytest.skip(f"writes to {where.base_url}: pass --allow-writes to let this test create and delete")
    if request.node.get_closest_marker("emulator_only") and request.getfixturevalue("control") is None:
        pytest.skip("the target does not answer GET /_fakesaas/ (a real account, or no control plane)")
    recorder = pytestconfig.stash.get(RECORDER, None)
    if recorder is None:
        yield
        return
    recorder.begin(request.node.nodeid)
    yield
    recorder.end()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    recorder = item.config.stash.get(RECORDER, None)
    if recorder is not None and (report.when == "call" or report.outcome != "passed"):
        recorder.outcome(item.nodeid, report.outcome)
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    recorder = config.stash.get(RECORDER, None)
    if recorder is None or not recorder.tests:
        return
    lab = config.stash.get(LAB, None)
    described = lab.target.describe() if lab is not None else "unknown"
    record, compare = config.getoption("--record"), config.getoption("--compare")
    if compare:
        differences = recorder.compare(Path(compare))
        config.stash[DIFFERENCES] = differences
        if differences and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if record:
        recorder.write(Path(record), described)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lab = config.stash.get(LAB, None)
    if lab is not None:
        sent = lab.client.sent
        counts = ", ".join(f"{method} {sent[method]}" for method in sorted(sent))
        terminalreporter.write_line(f"contracts target: {lab.target.describe()}")
        terminalreporter.write_line(f"contracts requests: {sum(sent.values())} ({counts})")
        if lab.leftovers:
            terminalreporter.section("objects the suite could not delete", sep="-", red=True)
            for line in lab.leftovers:
                terminalreporter.write_line(line)
    if config.getoption("--record", None):
        terminalreporter.write_line(f"parity snapshots recorded in {config.getoption('--record')}")
    differences = config.stash.get(DIFFERENCES, None)
    if differences is not None:
        terminalreporter.section(f"parity differences with {config.getoption('--compare')}", sep="-")
        for line in differences or ["none"]:
            terminalreporter.write_line(line)
