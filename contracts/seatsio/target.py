"""Which Seats.io the suite talks to: a live workspace named on the command line, or a fresh
emulator started for the run (``python -m fakesaas serve --port 0``, the demo company)."""

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

EMULATOR_SECRET_KEY = "demo-secret-key"  # the emulator's demo company
EMULATOR_CHART_KEY = "demo-theatre"
_LISTENING = re.compile(r"listening on (http://\S+)")


class TargetError(RuntimeError):
    """The target cannot be used: a missing setting, or an emulator that did not start."""


@dataclass(frozen=True)
class Target:
    base_url: str  # e.g. https://api-eu.seatsio.net, or http://127.0.0.1:PORT/seatsio
    secret_key: str
    chart_key: str
    emulator_root: str | None = None  # the emulator's own root (for /_fakesaas), when it is one

    @property
    def local(self) -> bool:
        return urlsplit(self.base_url).hostname in ("127.0.0.1", "localhost", "::1")

    def describe(self) -> str:
        return f"{self.base_url} (chart {self.chart_key})"


def setting(value: str | None, name: str) -> str | None:
    """An option's value, else its environment variable (``FAKESAAS_SEATSIO_<NAME>``)."""
    return value or os.environ.get(f"FAKESAAS_SEATSIO_{name.upper()}") or None


@contextmanager
def running_emulator(startup_timeout: float = 30.0) -> Iterator[str]:
    """Start ``python -m fakesaas serve --port 0 --seed demo``; yield its root URL; SIGTERM it on exit.

    Output goes to a temporary file rather than a pipe, so a chatty server can never block."""
    with tempfile.TemporaryDirectory(prefix="seatsio-contracts-") as folder:
        log = Path(folder) / "serve.log"
        with log.open("wb") as sink:
            command = [sys.executable, "-m", "fakesaas", "serve", "--host", "127.0.0.1", "--port", "0"]
            process = subprocess.Popen(
                [*command, "--seed", "demo"], stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        try:
            yield _wait_for_url(process, log, startup_timeout)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


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
