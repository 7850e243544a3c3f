"""Saving and loading big worlds: how long a save takes, how long a GET waits during one, and how long
a start takes from a state file against from the same data as a seed (issue 17, item 6).

    python bench/persistence.py [--sizes 10000,100000,1000000] [--out bench/results/persistence.json]

For each size N: ``fakesaas generate --bookings N`` makes a seed (kept in bench/.cache/seeds/; every
service that grows its demo gets N bookings), then

1. ``fakesaas serve --seed SEED --state FILE`` starts: the time to its first line is the seed's load;
2. a client sends GET one booking in a loop on one connection while another sends
   ``POST /_fakesaas/save``: the save's time, and the longest GET answered while it ran;
3. SIGTERM: the time to stop, which includes the final save;
4. ``fakesaas serve --state FILE`` starts: the time to its first line is the state file's load.

Start times include the interpreter's own start (the same for both). Prints a table and writes JSON.
A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import loadgen

SEEDS = loadgen.BENCH / ".cache" / "seeds"
TIMEOUT = 3600.0


def seed_of(size: int) -> Path:
    """The generated seed of ``size`` bookings, made once and kept."""
    SEEDS.mkdir(parents=True, exist_ok=True)
    path = SEEDS / f"seed-{size}.json"
    if not path.exists():
        print(f"generating {path.name} ...", flush=True)
        partial = path.with_suffix(".partial")
        subprocess.run(
            [sys.executable, "-m", "fakesaas", "generate", "--bookings", str(size), "--out", str(partial)],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=loadgen.ROOT,
        )
        partial.rename(path)
    return path


def start(argv: list[str]) -> tuple[subprocess.Popen[str], str, float]:
    """A server process, its URL and the seconds until it printed its first line."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "fakesaas", "serve", "--port", "0", *argv],
        cwd=loadgen.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(loadgen.ROOT)},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    took = time.monotonic() - started
    if " listening on " not in first:
        process.kill()
        raise RuntimeError(f"the server did not start: {first!r}")
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return process, first.rsplit(" ", 1)[-1].strip(), took


def stop(process: subprocess.Popen[str]) -> float:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return time.monotonic() - started


def save_under_reads(url: str) -> dict[str, Any]:
    """POST /_fakesaas/save while GETs go on; the save's time and the GETs answered meanwhile."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    done = threading.Event()
    latencies: list[tuple[float, float]] = []  # (answered at, seconds waited)

    def read() -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)
        while not done.is_set():
            began = time.monotonic()
            connection.request("GET", "/api/bookings/5000001.json", headers={"Authorization": loadgen.AUTH})
            connection.getresponse().read()
            latencies.append((time.monotonic(), time.monotonic() - began))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(0.5)
    began = time.monotonic()
    status, body = loadgen.fetch(url + "/_fakesaas/save", "POST", b"", timeout=TIMEOUT)
    ended = time.monotonic()
    time.sleep(0.2)
    done.set()
    reader.join()
    during = [waited for at, waited in latencies if began <= at - waited and at - waited <= ended]
    spanning = [waited for at, waited in latencies if at > began and at - waited < ended]
    if status != 200:
        raise RuntimeError(f"the save answered {status}: {body[:300]!r}")
    return {
        "save_s": round(ended - began, 2),
        "gets_during_save": len(during),
        "longest_get_during_save_ms": round(max(spanning, default=0.0) * 1000, 1),
        "saved": json.loads(body),
    }


def measure(size: int) -> dict[str, Any]:
    seed = seed_of(size)
    with tempfile.TemporaryDirectory(prefix="fakesaas-persistence-") as scratch:
        state = Path(scratch) / "state.json"
        process, url, seed_load = start(["--seed", str(seed), "--state", str(state)])
        try:
            saved = save_under_reads(url)
        finally:
            stop_s = stop(process)
        state_mib = state.stat().st_size / 2**20
        process, url, state_load = start(["--state", str(state)])
        with contextlib.suppress(Exception):
            stop(process)
    bookings = saved["saved"].get("bookings", 0) + saved["saved"].get("deleted_bookings", 0)
    return {
        "size": size,
        "seed_mib": round(seed.stat().st_size / 2**20, 1),
        "bookings": bookings,
        "seed_load_s": round(seed_load, 2),
        "state_mib": round(state_mib, 1),
        "save_s": saved["save_s"],
        "longest_get_during_save_ms": saved["longest_get_during_save_ms"],
        "gets_during_save": saved["gets_during_save"],
        "stop_s": round(stop_s, 2),
        "state_load_s": round(state_load, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="bookings per service, comma-separated"
    )
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "persistence.json")
    args = parser.parse_args(argv)
    loadgen.interrupt_on_signals()
    rows = []
    head = (
        f"{'N':>9} {'bookings':>9} {'seed MiB':>8} {'seed load':>9} {'state MiB':>9} {'save':>7}"
        f" {'longest GET':>11} {'GETs':>6} {'stop':>7} {'state load':>10}"
    )
    print(head, flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        row = measure(size)
        rows.append(row)
        print(
            f"{row['size']:>9,} {row['bookings']:>9,} {row['seed_mib']:>8.1f} {row['seed_load_s']:>8.1f}s"
            f" {row['state_mib']:>9.1f} {row['save_s']:>6.1f}s {row['longest_get_during_save_ms']:>9.1f}ms"
            f" {row['gets_during_save']:>6} {row['stop_s']:>6.1f}s {row['state_load_s']:>9.1f}s",
            flush=True,
        )
    loadgen.write_result(
        args.out,
        {
            "command": loadgen.command_line("persistence.py", argv),
            "machine": loadgen.machine_info(),
            "results": rows,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
