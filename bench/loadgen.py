"""What the load benchmarks share: installing their tools, starting and stopping the servers they
measure, and running wrk with a Lua report that prints exact figures (not wrk's rounded text).

Used by ``bench/servers.py`` and ``bench/compare.py``; not a benchmark itself.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.metadata
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
AUTH = "Basic " + base64.b64encode(b"demo:demo-api-key").decode()
STOP_GRACE = 10.0  # seconds a server gets to stop on SIGTERM before it is killed
READY_TIMEOUT = 60.0  # seconds a server gets to answer its first request

# Appended to every wrk script: counts answers that are not 2xx (wrk's own count leaves out 3xx) and
# prints one JSON line with the exact figures. With -t1 there is one thread; the loop covers more.
REPORT_LUA = r"""
local threads = {}
non2xx = 0
sent = 0
setup = function(thread) table.insert(threads, thread) end
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
done = function(summary, latency, requests)
  local bad, total_sent = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    total_sent = total_sent + (thread:get("sent") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"non2xx":%d,"socket_errors":%d,"timeouts":%d,"generated":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, bad, e.connect + e.read + e.write, e.timeout, total_sent))
end
"""


@dataclass(slots=True)
class LoadResult:
    """One wrk run: throughput, latency percentiles in milliseconds, and what went wrong."""

    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non2xx: int
    socket_errors: int
    timeouts: int
    generated: int  # requests the script built itself (the POST script counts its distinct bodies)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def interrupt_on_signals() -> None:
    """Ctrl-C and SIGTERM raise KeyboardInterrupt, so the servers' context managers stop them; also
    when the script was started with SIGINT ignored (a background job of a non-interactive shell)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


def ensure_wrk() -> str:
    """The path of wrk, installed from Debian's packages if it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: installing it with apt-get", flush=True)
    apt = ["apt-get", "install", "-y", "wrk"]
    if os.geteuid() != 0:
        apt.insert(0, "sudo")
    if subprocess.run(apt, check=False).returncode != 0:
        subprocess.run([*apt[:-3], "update"], check=True)
        subprocess.run(apt, check=True)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk could not be installed")
    return found


def wrk_version(wrk: str) -> str:
    out = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).splitlines()[0].split(" [")[0].strip()


def ensure_pip(requirements: Mapping[str, str]) -> None:
    """Install into this interpreter's environment each ``{distribution: requirement}`` not present."""
    missing = []
    for name, requirement in requirements.items():
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(requirement)
    if missing:
        print(f"installing {' '.join(missing)} with pip", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)


def version_of(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(
    url: str, method: str = "GET", body: bytes | None = None, timeout: float = 5.0
) -> tuple[int, bytes]:
    """One request with the demo credentials: (status, body), also for 4xx/5xx answers."""
    headers = {"Authorization": AUTH}
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Served:
    """A server process started in its own session (so its workers go with it), stopped on exit."""

    def __init__(
        self, argv: Sequence[str], env: Mapping[str, str] | None = None, log: Path | None = None
    ) -> None:
        self.argv = list(argv)
        self.log_path = log or Path(tempfile.mkstemp(prefix="bench-server-", suffix=".log")[1])
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.argv,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT), **(env or {})},
            start_new_session=True,
        )

    def first_line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline()

    def drain_stdout(self) -> None:
        """Copy what the server prints to its log from now on, so a full pipe never blocks it."""
        import threading

        def copy() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                if self._log.closed:  # stopped: what a dying server still prints goes nowhere
                    return
                self._log.write(line)
                self._log.flush()

        threading.Thread(target=copy, daemon=True).start()

    def wait_ready(self, url: str, timeout: float = READY_TIMEOUT) -> None:
        """Until ``url`` gives any HTTP answer; raises if the process dies or time runs out."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.argv[0]} exited with {self.process.returncode}: {self.log_tail()}")
            try:
                fetch(url, timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{url} never answered: {self.log_tail()}") from None
                time.sleep(0.05)

    def log_tail(self, lines: int = 15) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL to the whole session if it lingers; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=STOP_GRACE)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # leftover workers of a master/worker server
        status = self.process.wait()
        self._log.close()
        return status

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def run_wrk(
    wrk: str,
    url: str,
    connections: int,
    seconds: float,
    lua: str = "",
    script_args: Sequence[str] = (),
    after: str = "",
) -> LoadResult:
    """``wrk -t1 -cN -dS --latency`` with the demo credentials; ``lua`` is prepended to the report,
    ``after`` appended to it (to replace one of its functions, e.g. ``response``)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="bench-", delete=False) as script:
        script.write(lua + "\n" + REPORT_LUA + "\n" + after)
    try:
        argv = [
            wrk, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency",
            "--timeout", "10s", "-H", f"Authorization: {AUTH}", "-s", script.name, url,
        ]  # fmt: skip
        if script_args:
            argv += ["--", *script_args]
        out = subprocess.run(argv, capture_output=True, text=True, check=False)
    finally:
        os.unlink(script.name)
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRK_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no report: {out.stdout}\n{out.stderr}")
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds_run = raw["duration_us"] / 1e6
    return LoadResult(
        requests=raw["requests"],
        seconds=round(seconds_run, 3),
        rps=round(raw["requests"] / seconds_run, 1) if seconds_run else 0.0,
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
        non2xx=raw["non2xx"],
        socket_errors=raw["socket_errors"],
        timeouts=raw["timeouts"],
        generated=raw["generated"],
    )


def machine_info() -> dict[str, object]:
    import platform

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def write_result(path: Path, result: Mapping[str, object], note: str = "") -> None:
    """The run's figures as JSON at ``path`` (folders made as needed), and where they went."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten to {os.path.relpath(path)}{note}")


def command_line(script: str, argv: Sequence[str] | None) -> str:
    """How the run was started, for its result file."""
    return " ".join(["python", f"bench/{script}", *(argv if argv is not None else sys.argv[1:])])
