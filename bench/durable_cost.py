"""What ``--durable`` costs: writes and reads with and without the write journal, side by side.

    python bench/durable_cost.py [--duration 5] [--rounds 3] [--concurrency 1,8,32]
                                 [--out bench/results/durable_cost.json]

Starts ``fakesaas serve --port 0 --seed demo --state FILE`` twice on free ports, once with
``--durable`` (each write fdatasync'd to its journal before it is answered), and loads both in turn
with ``wrk -t1 --latency`` (POST bookings, each at a slot of its own as in bench/compare.py, and GET
one booking), ``--rounds`` times, so drift of the shared machine hits both alike. Prints the median
req/s, p50 and p99 of each, and the durable/plain ratio. The journal's disk is the one FILE is on
(a temporary directory). A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import loadgen
from compare import POST_LUA

FIRST_DAY = datetime(2033, 1, 3, tzinfo=UTC)
VARIANTS = {"plain": [], "durable": ["--durable"]}
REQUESTS = {"POST booking": "/api/bookings.json", "GET one booking": "/api/bookings/5000001.json"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per figure (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every cell (default 3)")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "durable_cost.json")
    args = parser.parse_args(argv)
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    loadgen.interrupt_on_signals()
    wrk = loadgen.ensure_wrk()
    figures: dict[tuple[str, str, int], list[loadgen.LoadResult]] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fakesaas-durable-") as scratch, contextlib.ExitStack() as stack:
        urls, slots = {}, {}
        for name, flags in VARIANTS.items():
            state = Path(scratch) / f"{name}.json"
            argv_serve = [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--seed", "demo"]
            served = stack.enter_context(loadgen.Served([*argv_serve, "--state", str(state), *flags]))
            urls[name] = served.first_line().rsplit(" ", 1)[-1].strip()
            served.drain_stdout()
            served.wait_ready(urls[name] + "/api/schedules.json")
            slots[name] = 0
        first_day = str(int(FIRST_DAY.timestamp()))
        for _ in range(args.rounds):
            for label, path in REQUESTS.items():
                for connections in concurrencies:
                    for name, url in urls.items():
                        if label.startswith("POST"):
                            result = loadgen.run_wrk(
                                wrk,
                                url + path,
                                connections,
                                args.duration,
                                POST_LUA,
                                [first_day, str(slots[name])],
                            )
                            slots[name] += result.generated + 1
                        else:
                            result = loadgen.run_wrk(wrk, url + path, connections, args.duration)
                        figures.setdefault((label, name, connections), []).append(result)
    rows = []
    cell = "{:>13} {:>6} {:>7}"
    head = cell.format("req/s", "p50", "p99")
    print(f"{'request':<16} {'conn':>4} | plain {head} | durable {head} | ratio")
    for label in REQUESTS:
        for connections in concurrencies:
            cells = {}
            for name in VARIANTS:
                results = figures[(label, name, connections)]
                cells[name] = {
                    "rps": round(statistics.median(r.rps for r in results), 1),
                    "p50_ms": round(statistics.median(r.p50_ms for r in results), 2),
                    "p99_ms": round(statistics.median(r.p99_ms for r in results), 2),
                    "non2xx": sum(r.non2xx for r in results),
                }
            ratio = cells["durable"]["rps"] / cells["plain"]["rps"] if cells["plain"]["rps"] else 0.0
            rows.append({"request": label, "connections": connections, **cells, "ratio": round(ratio, 2)})
            shown = [
                cell.format(f"{c['rps']:.0f}", f"{c['p50_ms']:.2f}", f"{c['p99_ms']:.2f}")
                for c in (cells["plain"], cells["durable"])
            ]
            bad = cells["plain"]["non2xx"] or cells["durable"]["non2xx"]
            print(
                f"{label:<16} {connections:>4} | plain {shown[0]} | durable {shown[1]} | {ratio:.2f}x"
                + ("  (non-2xx answers!)" if bad else "")
            )
    loadgen.write_result(
        args.out,
        {
            "command": loadgen.command_line("durable_cost.py", argv),
            "machine": {**loadgen.machine_info(), "wrk": loadgen.wrk_version(wrk)},
            "settings": {"duration_s": args.duration, "rounds": args.rounds, "concurrency": concurrencies},
            "wall_seconds": round(time.monotonic() - started, 1),
            "results": rows,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
