"""SimplyBook's start-time matrix as the company's bookings grow: 100 to 100,000 stored bookings.

    python bench/simplybook_scale.py [--sizes 100,1000,10000,100000] [--rounds 7] [--calls 200]

Each size is the demo grown by ``fakesaas generate``'s SimplyBook generator (the added bookings
fill the providers' past hours, so the next 30 days hold the same bookings at every size: like is
compared with like). The call is getStartTimeMatrix over the next 30 days for the haircut, any
provider, made through the service's JSON-RPC dispatcher in this process (no HTTP, so the
figure is the engine's and the presenter's own cost). Rounds go over every size in turn and the
median of the rounds is kept; the goal is every size within 1.2x of the smallest.

A matrix is kept until something it is worked out from changes (fakesaas/simplybook/domain/
availability.py): each size is timed twice, asked again with nothing changed ("kept"), and worked
out afresh, the booking index marked changed before every call as a booking made meanwhile would
("afresh"). The goal holds for both.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from datetime import UTC, datetime, timedelta

import loadgen

from fakesaas.core.clock import ManualClock
from fakesaas.simplybook.domain.companies import Simplybook
from fakesaas.simplybook.domain.scale import scaled_section
from fakesaas.simplybook.domain.seed import load_section
from fakesaas.simplybook.rpc.dispatch import Caller, Dispatcher
from fakesaas.simplybook.rpc.methods import method_table
from fakesaas.simplybook.rpc.registry import Endpoint

NOW = datetime(2030, 1, 7, 8, tzinfo=UTC)
GOAL = 1.2
WAYS = ("kept", "afresh")


def prepared(size: int) -> tuple[Dispatcher, Caller, Simplybook, ManualClock]:
    clock = ManualClock(NOW)
    state = Simplybook(clock)
    load_section(state, scaled_section(NOW, size - 3, 1))  # the demo holds 3 bookings of its own
    dispatcher = Dispatcher(method_table(), lambda endpoint: {})
    login = Caller(Endpoint.LOGIN, None, None, "http://127.0.0.1")
    token = dispatcher.one(
        {"jsonrpc": "2.0", "method": "getToken", "params": ["demo", "demo-api-key"], "id": 1},
        login, state, threading.RLock(), clock.now,
    )["result"]  # type: ignore[index]  # fmt: skip
    return dispatcher, Caller(Endpoint.PUBLIC, "demo", token, "http://127.0.0.1"), state, clock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=200, help="matrix calls per round and size")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    first = (NOW + timedelta(days=1)).date()
    call = {
        "jsonrpc": "2.0",
        "method": "getStartTimeMatrix",
        "params": [first.isoformat(), (first + timedelta(days=29)).isoformat(), 1, None, 1],
        "id": 1,
    }
    worlds = {}
    for size in sizes:
        started = time.perf_counter()
        worlds[size] = prepared(size)
        stored = len(worlds[size][2].company("demo").bookings)  # type: ignore[union-attr]
        print(f"{size:>7} bookings: loaded {stored:,} in {time.perf_counter() - started:.1f} s", flush=True)
    answers = {
        size: worlds[size][0].one(
            call, worlds[size][1], worlds[size][2], threading.RLock(), worlds[size][3].now
        )
        for size in sizes
    }
    reference = answers[sizes[0]]
    assert all(answer == reference for answer in answers.values()), "the matrix differs between sizes"
    timings: dict[tuple[str, int], list[float]] = {(way, size): [] for way in WAYS for size in sizes}
    lock = threading.RLock()
    for _ in range(args.rounds):
        for way in WAYS:
            for size in sizes:
                dispatcher, caller, state, clock = worlds[size]
                index = state.company("demo").index  # type: ignore[union-attr]
                started = time.perf_counter()
                for _ in range(args.calls):
                    if way == "afresh":
                        index.version += 1  # as a booking made since would: the kept matrix goes
                    dispatcher.one(call, caller, state, lock, clock.now)
                timings[way, size].append((time.perf_counter() - started) / args.calls * 1000)
    rows = []
    print(f"\n{'bookings':>9} | ms per matrix, kept and afresh (median of {args.rounds})", end="")
    print(f" | x smallest (goal <= {GOAL})")
    base = {way: statistics.median(timings[way, sizes[0]]) for way in WAYS}
    for size in sizes:
        kept, afresh = (statistics.median(timings[way, size]) for way in WAYS)
        ratios = kept / base["kept"], afresh / base["afresh"]
        rows.append({"bookings": size, "ms": round(kept, 4), "ratio": round(ratios[0], 3),
                     "ms_afresh": round(afresh, 4), "ratio_afresh": round(ratios[1], 3)})  # fmt: skip
        print(f"{size:>9} | {kept:>8.3f} {afresh:>8.3f} | {ratios[0]:>6.3f} {ratios[1]:>6.3f}")
    loadgen.write_result(
        loadgen.BENCH / "results" / "simplybook-scale.json",
        {"command": loadgen.command_line("simplybook_scale.py", argv), "machine": loadgen.machine_info(),
         "rows": rows, "timings_ms": {f"{way} {size}": v for (way, size), v in timings.items()}},
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
