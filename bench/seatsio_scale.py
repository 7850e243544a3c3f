"""Does booking cost stay flat as charts grow? Book then release 4 seats by label on an event of a
chart of 100, 1,000, 10,000 and 100,000 seats, side by side in one server.

    python bench/seatsio_scale.py [--sizes 100,1000,10000,100000] [--duration 3] [--rounds 3]
                                  [--connections 1] [--out bench/results/seatsio_scale.json]

One ``fakesaas serve --seed FILE`` holds a company with one chart per size (rows of 100 seats, or
one row of 100 for the smallest) and an event on each. Each size gets ``--duration`` seconds of wrk
(the batch of bench/seatsio_compare.py: book 4 seats of row A, then release them) in turn,
``--rounds`` times over, so that drift of the machine hits every size alike; the median counts.
Best-available 2 seats is measured the same way, round a pool of events of each chart (it books:
the pool holds what 6,000 req/s would book over the warm-up and every round, so no event runs
out). Prints each size's cost relative to the smallest (goal: within 1.2x), start-up time and
resident memory; writes JSON. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import loadgen
from seatsio_compare import BEST_LUA, BOOK_LUA, SECRET_KEY

SEED = loadgen.BENCH / ".cache" / "seatsio-scale.json"
COST_GOAL = 1.2
# Best-available books 2 seats a request; its pool of events per size holds what this rate would
# book over the warm-up and every round (at 2,400 req/s, 30,000 seats ran out within two rounds).
BEST_RATE_CEILING = 6_000
WARM_UP = 1.0


def shape(size: int) -> tuple[int, int]:
    """(rows, seats per row) of a chart of ``size`` seats."""
    seats = min(size, 100)
    return size // seats, seats


def best_seats(duration: float, rounds: int) -> int:
    """Seats best-available may book on one size's pool in a run."""
    return int(2 * BEST_RATE_CEILING * (WARM_UP + rounds * duration))


def pool(size: int, seats: int) -> int:
    """How many events best-available rounds through on a chart of ``size`` seats."""
    return max(1, -(-seats // size))


def write_seed(sizes: list[int], seats_needed: int) -> Path:
    charts, events = [], []
    for size in sizes:
        rows, seats = shape(size)
        charts.append(
            {"key": f"chart-{size}", "sketch": {"name": f"{size} seats", "rows": rows, "seats": seats}}
        )
        events.append({"key": f"book-{size}", "chart": f"chart-{size}"})
        events += [
            {"key": f"best-{size}-{n}", "chart": f"chart-{size}"} for n in range(pool(size, seats_needed))
        ]
    workspace = {"name": "Bench", "charts": charts, "events": events}
    section = {"companies": [{"name": "bench", "admin_key": SECRET_KEY, "workspaces": [workspace]}]}
    SEED.parent.mkdir(parents=True, exist_ok=True)
    SEED.write_text(json.dumps({"seatsio": section}))
    return SEED


def resident_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000")
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "seatsio_scale.json")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    loadgen.interrupt_on_signals()
    wrk = loadgen.ensure_wrk()
    needed = best_seats(args.duration, args.rounds)
    seed = write_seed(sizes, needed)
    launched = time.monotonic()
    try:
        with loadgen.Served(
            [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--seed", str(seed)]
        ) as served:
            first = served.first_line()
            if " listening on " not in first:
                raise RuntimeError(f"unexpected first line {first!r}: {served.log_tail()}")
            served.drain_stdout()
            root = first.rsplit(" ", 1)[-1].strip() + "/seatsio"
            served.wait_ready(root + "/charts")
            startup = time.monotonic() - launched
            memory = resident_kib(served.process.pid)
            print(
                f"serving {root}: {', '.join(map(str, sizes))} seats; up in {startup:.1f} s, {memory} KiB",
                flush=True,
            )
            figures: dict[str, dict[int, list[loadgen.LoadResult]]] = {"book": {}, "best": {}}
            for what in figures:
                for size in sizes:
                    run(wrk, root, what, size, args.connections, WARM_UP, needed)
            for round_ in range(args.rounds):
                for what in figures:
                    for size in sizes:
                        result = run(wrk, root, what, size, args.connections, args.duration, needed)
                        figures[what].setdefault(size, []).append(result)
                        figure = (
                            f"{result.rps:8.0f} req/s  p50 {result.p50_ms:5.2f} ms  non-2xx {result.non2xx}"
                        )
                        print(f"  round {round_ + 1} {what:<4} {size:>7} seats {figure}", flush=True)
    except KeyboardInterrupt:
        print("interrupted: the server is stopped", file=sys.stderr)
        return 130
    table = []
    # Two views of a request's cost: 1/throughput (every pause counted, the collector's included) and
    # the median latency (one connection, so the cost of a typical request).
    heads = ("req/s", "us/req", "vs smallest", "p50 us", "vs smallest")
    print(f"\n{'request':<6} {'seats':>8} " + " ".join(f"{head:>11}" for head in heads))
    for what, by_size in figures.items():
        base = base_p50 = None
        for size in sizes:
            rps = statistics.median(r.rps for r in by_size[size])
            p50 = statistics.median(r.p50_ms for r in by_size[size]) * 1000
            cost = 1e6 / rps if rps else float("inf")
            base, base_p50 = base or cost, base_p50 or p50
            invalid = sum(r.non2xx + r.socket_errors for r in by_size[size])
            table.append({"request": what, "seats": size, "rps": rps, "us_per_request": round(cost, 1),
                          "vs_smallest": round(cost / base, 2), "p50_us": round(p50, 1),
                          "p50_vs_smallest": round(p50 / base_p50, 2), "non2xx": invalid})  # fmt: skip
            cells = (
                f"{rps:.0f}",
                f"{cost:.0f}",
                f"{cost / base:.2f}x",
                f"{p50:.0f}",
                f"{p50 / base_p50:.2f}x",
            )
            flag = "" if not invalid else f"  INVALID: {invalid} non-2xx"
            print(f"{what:<6} {size:>8} " + " ".join(f"{cell:>11}" for cell in cells) + flag)
    worst = max(row["vs_smallest"] for row in table if row["request"] == "book")
    worst_p50 = max(row["p50_vs_smallest"] for row in table if row["request"] == "book")
    print(f"\ngoal: book cost within {COST_GOAL}x from {sizes[0]} to {sizes[-1]} seats: by throughput "
          f"{'met' if worst <= COST_GOAL else 'missed'} (worst {worst}x), by median latency "
          f"{'met' if worst_p50 <= COST_GOAL else 'missed'} (worst {worst_p50}x)")  # fmt: skip
    result = {
        "command": loadgen.command_line("seatsio_scale.py", argv),
        "machine": {**loadgen.machine_info(), "wrk": loadgen.wrk_version(wrk)},
        "settings": {"sizes": sizes, "duration_s": args.duration, "rounds": args.rounds,
                     "connections": args.connections},
        "startup_s": round(startup, 2),
        "resident_kib": memory,
        "results": table,
    }  # fmt: skip
    loadgen.write_result(args.out, result)
    return 0


def run(
    wrk: str, root: str, what: str, size: int, connections: int, seconds: float, seats_needed: int
) -> loadgen.LoadResult:
    if what == "book":
        return loadgen.run_wrk(
            wrk, root + "/events/actions/change-object-status", connections, seconds,
            BOOK_LUA.replace('"night-0"', f'"book-{size}"'), ["A"],
        )  # fmt: skip
    lua = BEST_LUA.replace("/events/night-%d/", f"/events/best-{size}-%d/").replace(
        "n % 50", f"n % {pool(size, seats_needed)}"
    )
    return loadgen.run_wrk(wrk, root.rsplit("/seatsio", 1)[0], connections, seconds, lua, ["/seatsio"])


if __name__ == "__main__":
    sys.exit(main())
