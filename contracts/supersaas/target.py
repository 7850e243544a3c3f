"""Which server the suite talks to: options and environment, or an emulator started as a subprocess."""

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

# Option name -> environment variables tried in order when the option is not given.
ENVIRONMENT = {
    "base_url": ("FAKESAAS_BASE_URL", "SSS_API_HOST"),
    "account": ("FAKESAAS_ACCOUNT", "SSS_API_ACCOUNT_NAME"),
    "api_key": ("FAKESAAS_API_KEY", "SSS_API_KEY"),
    "schedule_resource": ("FAKESAAS_SCHEDULE_RESOURCE", "SSS_SCHEDULE_RESOURCE"),
    "schedule_capacity": ("FAKESAAS_SCHEDULE_CAPACITY", "SSS_SCHEDULE_CAPACITY"),
}
DEFAULTS = {"schedule_resource": "Rooms", "schedule_capacity": "Classes,Workshops"}

# The emulator's demo account, used only for the emulator this suite starts itself.
EMULATOR_ACCOUNT = ("demo", "demo-api-key")
_LISTENING = re.compile(r"listening on (http://\S+)")
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True, slots=True)
class Target:
    """Where requests go and as whom; ``started`` is True for the emulator this run launched."""

    base_url: str
    account: str
    api_key: str
    resource_schedule: str
    capacity_schedules: tuple[str, ...]
    started: bool = False

    @property
    def local(self) -> bool:
        host = urlsplit(self.base_url).hostname or ""
        return host in _LOCAL_HOSTS or host.startswith("127.")

    def describe(self) -> str:
        origin = "emulator started by the suite" if self.started else "given target"
        return f"{self.base_url} (account {self.account}, {origin})"


def setting(value: str | None, name: str) -> str | None:
    """An option's value, else the first environment variable that is set, else the default."""
    if value:
        return value
    for variable in ENVIRONMENT.get(name, ()):
        if os.environ.get(variable):
            return os.environ[variable]
    return DEFAULTS.get(name)


class TargetError(RuntimeError):
    """The target cannot be reached or started."""


@contextmanager
def running_emulator(seed: str = "demo", startup_timeout: float = 30.0) -> Iterator[str]:
    """Start ``python -m fakesaas serve --port 0`` and yield its URL; SIGTERM it on exit.

    Output goes to a temporary file rather than a pipe, so a chatty server can never block."""
    with tempfile.TemporaryDirectory(prefix="contracts-emulator-") as folder:
        log = Path(folder) / "serve.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "fakesaas",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--seed",
                    seed,
                ],
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        try:
            yield _wait_for_url(process, log, startup_timeout)
        finally:
            _stop(process)


def _wait_for_url(process: subprocess.Popen[bytes], log: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        first_line = text.split("\n", 1)[0] if "\n" in text else ""
        match = _LISTENING.search(first_line)
        if match:
            return match.group(1)
        if process.poll() is not None:
            raise TargetError(f"the emulator exited with {process.returncode}:\n{text}")
        time.sleep(0.05)
    raise TargetError(
        f"the emulator printed no URL within {timeout:.0f} s:\n{log.read_text(errors='replace')}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
