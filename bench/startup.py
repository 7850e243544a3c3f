"""Start-up time of ``fakesaas serve``: from launching the command to its first 200 on GET /_fakesaas/.

    python bench/startup.py [-n 10] [--command "fakesaas serve"]

Each run starts the command on a free port (``--port 0``), reads the URL from the first line it
prints, polls the probe until it answers 200, then stops the process. A first, uncounted start
writes the bytecode caches, as the first start after an install does. Prints every run and the
min / median / max in milliseconds. A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

POLL_EVERY = 0.005  # seconds between probe attempts
GIVE_UP_AFTER = 60.0  # seconds


def default_command() -> list[str]:
    found = shutil.which("fakesaas")
    return [found, "serve"] if found else [sys.executable, "-m", "fakesaas", "serve"]


def first_ok(url: str, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{url} never answered 200")
        time.sleep(POLL_EVERY)


def one_run(command: list[str]) -> float:
    """Milliseconds from launch to the first 200 of the probe."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(),
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        if " listening on " not in banner:
            raise RuntimeError(
                f"unexpected first line {banner!r}: {process.stderr.read() if process.stderr else ''}"
            )
        url = banner.rsplit(" ", 1)[-1].strip()
        first_ok(f"{url}/_fakesaas/", started + GIVE_UP_AFTER)
        return (time.perf_counter() - started) * 1000
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def _environment() -> dict[str, str]:
    # A start after the first finds its compiled bytecode, as any installed program's does; with
    # PYTHONDONTWRITEBYTECODE set (some CI images set it) every start would compile every module.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONUNBUFFERED": "1"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=10, help="how many starts to time (default 10)")
    parser.add_argument("--command", help='the serve command (default: "fakesaas serve" from PATH)')
    args = parser.parse_args(argv)
    command = shlex.split(args.command) if args.command else default_command()
    print(f"timing {shlex.join(command)} --port 0, {args.runs} runs")
    one_run(command)  # not counted: writes the bytecode caches a first start after install writes
    times = []
    for run in range(1, args.runs + 1):
        times.append(one_run(command))
        print(f"  run {run:>2}: {times[-1]:7.1f} ms")
    print(
        f"min {min(times):.0f} ms   median {statistics.median(times):.0f} ms   max {max(times):.0f} ms"
        f"   ({args.runs} runs, {os.cpu_count()} CPUs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
