"""Does the cost of a read stay flat as the world grows? Each read endpoint, measured with wrk at
N = 10, 10,000 and 1,000,000 added bookings, with start-up time and resident memory per booking.

    python bench/scale.py [--sizes 10,10000,1000000] [--duration 3] [--rounds 3] [--connections 1]

For each N: ``fakesaas generate --bookings N`` writes a seed (the demo grown to N bookings, see
fakesaas/supersaas/domain/scale.py) and ``fakesaas serve --seed FILE`` loads it (start-up is timed
from launch to the first 200; VmRSS is read from /proc once it answers). With every size up at
once, each endpoint gets ``--duration`` seconds of wrk at ``--connections`` on each size in turn,
``--rounds`` times over, so that the machine's drift hits every size alike; the median counts.
The queries ask about the demo's own data (Room 1, alice, Classes), which the added bookings
share schedules with but never touch: their answers are the same at every N, so any growth in
cost is the cost of the state itself.

Prints a table with each endpoint's cost at N relative to N = 10 (goal: within 1.2x), start-up,
and memory per booking; writes JSON (``--out``, default bench/results/scale.json). Installs wrk
when missing. A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import loadgen

CACHE = loadgen.BENCH / ".cache"
WARM_UP = 1.0  # seconds of load before each endpoint's figures
COST_GOAL = 1.2  # cost per request at N within this factor of the cost at the smallest N
GROWS_WITH_DATA = {"free (all rooms)"}  # its answer needs more reading as rooms fill: not like for like
MEMORY_GOAL = 1024  # bytes resident per booking

# The demo's own data (fakesaas/supersaas/domain/demo.py); generated bookings never touch it.
ENDPOINTS = {
    "one booking": "/api/bookings/5000001.json",
    "bookings list": "/api/bookings.json?schedule_id=100001&limit=5",
    "agenda": "/api/agenda/100001.json?user=alice@example.com",
    "free (Room 1)": "/api/free/100001.json?resource=Room%201",
    # All 50 rooms: the one query here whose work grows with the data, because it must read each
    # added room's bookings up to that room's first free hour, and at a million bookings the added
    # rooms are a fifth booked. Listed to show what that costs, not as a like-for-like answer.
    "free (all rooms)": "/api/free/100001.json",
    "free (capacity)": "/api/free/100002.json",
    "changes": "/api/changes/100001.json",
    "range (one room)": "/api/range/100001.json?resource_id=200001",
    # Reads that hold no bookings, for completeness: the same 50 rooms and 1,000 added users at every N.
    "schedules": "/api/schedules.json",
    "resources": "/api/resources.json?schedule_id=100001",
    "users (10)": "/api/users.json?limit=10",
    "forms": "/api/forms.json?form_id=450001",
}


def generate(size: int) -> Path:
    """A fresh seed each run: the demo's dates are relative to the day it is made."""
    CACHE.mkdir(exist_ok=True)
    seed = CACHE / f"scale-{size}.json"
    fakesaas = [sys.executable, "-m", "fakesaas"]
    subprocess.run([*fakesaas, "generate", "--bookings", str(size), "--out", str(seed)], check=True)
    return seed


def resident_kib(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    fields = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS", "VmHWM")))
    return {key: int(value.split()[0]) for key, value in fields.items()}


@dataclass(slots=True)
class Started:
    """One size's server, as it came up."""

    size: int
    served: loadgen.Served
    base: str
    start_s: float
    memory_kib: dict[str, int]


def start_size(size: int) -> Started:
    seed = generate(size)
    launched = time.perf_counter()
    argv = [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--seed", str(seed)]
    served = loadgen.Served(argv)
    try:
        base = served.first_line().split()[-1]  # "fakesaas VERSION listening on URL"
        served.drain_stdout()
        served.wait_ready(f"{base}/_fakesaas/", timeout=600)
    except BaseException:
        served.stop()
        raise
    started = time.perf_counter() - launched
    memory = resident_kib(served.process.pid)
    print(f"N={size:,}: ready in {started:.2f} s, VmRSS {memory['VmRSS'] / 1024:.0f} MiB", flush=True)
    return Started(size, served, base, round(started, 3), memory)


def measure(
    wrk: str, servers: list[Started], seconds: float, connections: int, rounds: int
) -> list[dict[str, Any]]:
    """Each endpoint on every size in turn, ``rounds`` times over, so a drift of the machine hits
    all sizes alike; each figure is the median of its rounds."""
    runs: list[dict[str, Any]] = [
        {"bookings_added": s.size, "start_s": s.start_s, "memory_kib": s.memory_kib, "endpoints": {}}
        for s in servers
    ]
    for name, path in ENDPOINTS.items():
        sizes_of: list[int] = []
        for server in servers:
            status, body = loadgen.fetch(server.base + path)
            if status != 200:
                raise RuntimeError(f"N={server.size}: {path} answered {status}: {body[:200]!r}")
            sizes_of.append(len(body))
            loadgen.run_wrk(wrk, server.base + path, connections, WARM_UP)
        figures: list[list[loadgen.LoadResult]] = [[] for _ in servers]
        for _ in range(rounds):
            for index, server in enumerate(servers):
                figures[index].append(loadgen.run_wrk(wrk, server.base + path, connections, seconds))
        line = f"  {name:<18}"
        for index, run in enumerate(runs):
            middle = sorted(figures[index], key=lambda r: r.rps)[len(figures[index]) // 2]
            run["endpoints"][name] = {
                **middle.as_dict(),
                "rounds_rps": [r.rps for r in figures[index]],
                "answer_bytes": sizes_of[index],
            }
            line += f" | N={run['bookings_added']:,}: {middle.rps:6.0f} req/s p99 {middle.p99_ms:5.2f} ms"
        print(line, flush=True)
    return runs


def print_summary(runs: list[dict[str, object]]) -> dict[str, object]:
    base = runs[0]
    sizes = [run["bookings_added"] for run in runs]
    print("\ncost per request (mean latency = 1 / req/s at the same concurrency) against N =", sizes[0])
    print(f"{'endpoint':<18}" + "".join(f" | N={n:>9,}: req/s  ratio" for n in sizes))
    ratios: dict[str, list[float]] = {}
    for name in ENDPOINTS:
        first = base["endpoints"][name]["rps"]  # type: ignore[index]
        cells = ""
        for run in runs:
            rps = run["endpoints"][name]["rps"]  # type: ignore[index]
            ratio = first / rps if rps else float("inf")
            ratios.setdefault(name, []).append(round(ratio, 3))
            cells += f" | {rps:>16.0f} {ratio:6.2f}x"
        print(f"{name:<18}{cells}")
    worst = max(r for name, values in ratios.items() if name not in GROWS_WITH_DATA for r in values)
    print(f"worst ratio of the like-for-like answers {worst:.2f}x (goal: within {COST_GOAL}x)")
    print("\nstart-up (launch to first 200) and resident memory")
    per_booking = {}
    for run in runs:
        rss = run["memory_kib"]["VmRSS"]  # type: ignore[index]
        line = f"  N={run['bookings_added']:>9,}: {run['start_s']:6.2f} s  VmRSS {rss / 1024:7.1f} MiB"
        added = run["bookings_added"] - base["bookings_added"]  # type: ignore[operator]
        if added > 0:
            grown = (rss - base["memory_kib"]["VmRSS"]) * 1024 / added  # type: ignore[index]
            per_booking[run["bookings_added"]] = round(grown)
            line += f"  {grown:6.0f} bytes per added booking (goal: at most {MEMORY_GOAL})"
        print(line)
    return {"cost_ratios": ratios, "worst_ratio": worst, "bytes_per_booking": per_booking}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,10000,1000000", help="bookings to add, comma-separated")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per measurement (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per endpoint and size")
    parser.add_argument("--connections", type=int, default=1, help="wrk connections (default 1)")
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "scale.json")
    args = parser.parse_args(argv)
    wrk = loadgen.ensure_wrk()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    servers: list[Started] = []
    try:
        for size in sizes:
            servers.append(start_size(size))
        runs = measure(wrk, servers, args.duration, args.connections, args.rounds)
    finally:
        for server in servers:
            server.served.stop()
    summary = print_summary(runs)
    result = {
        "command": loadgen.command_line("scale.py", argv),
        "machine": {**loadgen.machine_info(), "wrk": loadgen.wrk_version(wrk)},
        "duration_s": args.duration,
        "rounds": args.rounds,
        "connections": args.connections,
        "runs": runs,
        **summary,
    }
    loadgen.write_result(args.out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
