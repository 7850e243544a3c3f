"""fakesaas's Seats.io side by side with Prism serving openapi/seatsio.yaml, on the same requests.

    python bench/seatsio_compare.py [--duration 5] [--concurrency 1,8,32] [--only book,best,info]
                                    [--prism-log info] [--out bench/results/seatsio_compare.json]

Starts, on free loopback ports:
  fakesaas  ``python -m fakesaas serve --port 0 --seed bench/.cache/seatsio-bench.json``: a company
            whose chart has 10,000 seats (100 rows of 100) and 50 events on it
  hello     ``python bench/hello_app.py --port 0``: a bare Flask app on the same server, same settings
            (it answers any path, GET or POST, with ``{"hello":"world"}``)
  prism     ``prism mock -h 127.0.0.1 -p PORT openapi/seatsio.yaml`` (@stoplight/prism-cli, pinned,
            installed with npm into bench/.cache/prism, as bench/compare.py does)
then, for each request and concurrency, loads the three in turn with ``wrk -t1 --latency``:
  book   book then release 4 seats by label in one batch (``POST /events/actions/change-object-status``,
         two status changes), a different row each time (a wrk Lua script)
  best   best available, 2 seats (``POST /events/{key}/actions/change-object-status`` with
         ``bestAvailable``), round the 50 events so none runs out during a run
  info   the object infos of two seats (``GET /events/{key}/objects?label=A-1&label=A-2``, the SDKs'
         ``retrieve_object_infos``): what a checkout page reads
The POSTs get ``Content-Type: application/json`` (Prism refuses a body without one; fakesaas reads
either).
Every request is first checked once on each target: a fakesaas answer that is not 2xx stops the run.
Prints req/s, p50, p99 and non-2xx per target, the fakesaas/Prism ratio (goal: at least 3x), the
fakesaas/hello ratio, and at 32 connections fakesaas's p99 against twice the hello's (goal: within):
the goals of bench/compare.py, the GET's share of the hello's rate among them (goal: half or more).
Writes the same as JSON. A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import loadgen
from compare import (
    GOAL_P99_AT,
    GOAL_P99_VS_HELLO,
    GOAL_VS_HELLO,
    ensure_prism,
    p99_goal,
    prism_log_flag,
    prism_version,
)

SPEC = loadgen.ROOT / "openapi" / "seatsio.yaml"
SEED = loadgen.BENCH / ".cache" / "seatsio-bench.json"
SECRET_KEY = "bench-secret-key"
AUTH = "Basic " + base64.b64encode(f"{SECRET_KEY}:".encode()).decode()
ROWS, SEATS, EVENTS = 100, 100, 50
WARM_UP = 1.0
GOAL_VS_PRISM = 3.0  # the p99 goal's figures come from bench/compare.py
TARGETS = ("fakesaas", "hello", "prism")

_HEADERS = f"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "{AUTH}"
"""
BOOK_LUA = (
    _HEADERS
    + r"""
local rows = {}
local n = 0
init = function(args)
  for i = 1, #args do rows[i] = args[i] end
end
request = function()
  n = n + 1
  sent = n
  local row = rows[(n % #rows) + 1]
  local labels = string.format('"%s-1","%s-2","%s-3","%s-4"', row, row, row, row)
  local body = '{"statusChanges":[' ..
    '{"event":"night-0","type":"CHANGE_STATUS_TO","status":"booked","objects":[' .. labels .. ']},' ..
    '{"event":"night-0","type":"RELEASE","objects":[' .. labels .. ']}]}'
  return wrk.format(nil, nil, nil, body)
end
"""
)
BEST_LUA = (
    _HEADERS
    + r"""
local base = ""
local n = 0
init = function(args) base = args[1] end
request = function()
  n = n + 1
  sent = n
  local path = string.format("%s/events/night-%d/actions/change-object-status", base, n % EVENTS)
  return wrk.format(nil, path, nil, '{"status":"booked","bestAvailable":{"number":2}}')
end
""".replace("EVENTS", str(EVENTS))
)

INFO_LUA = f"""
wrk.method = "GET"
wrk.headers["Authorization"] = "{AUTH}"
"""
INFO_PATH = "/events/night-0/objects?label=A-1&label=A-2"


def row_label(index: int) -> str:
    letters, label, index = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return label


@dataclass(frozen=True, slots=True)
class Probe:
    key: str
    label: str
    read: bool = False  # a GET: judged against half the hello's rate too


REQUESTS = {
    p.key: p
    for p in (
        Probe("book", "book+release 4"),
        Probe("best", "best available 2"),
        Probe("info", "GET object infos 2", read=True),
    )
}


def write_seed(rows: int, seats: int, events: int) -> Path:
    """A company with one chart of ``rows`` x ``seats`` seats and ``events`` events on it."""
    section = {
        "companies": [
            {
                "name": "bench",
                "admin_key": SECRET_KEY,
                "workspaces": [
                    {
                        "name": "Bench",
                        "charts": [
                            {"key": "arena", "sketch": {"name": "Arena", "rows": rows, "seats": seats}}
                        ],
                        "events": [{"key": f"night-{n}", "chart": "arena"} for n in range(events)],
                    }
                ],
            }
        ]
    }
    SEED.parent.mkdir(parents=True, exist_ok=True)
    SEED.write_text(json.dumps({"seatsio": section}))
    return SEED


class Target:
    def __init__(self, name: str, served: loadgen.Served, root: str, base: str) -> None:
        self.name, self.served, self.root, self.base = name, served, root, base  # base: path prefix

    def check(self, probe: Probe) -> tuple[int, bytes]:
        rows = [row_label(0)]
        if probe.key == "info":
            read = urllib.request.Request(self.root + self.base + INFO_PATH, headers={"Authorization": AUTH})
            try:
                with urllib.request.urlopen(read, timeout=10) as answer:
                    return answer.status, answer.read()
            except urllib.error.HTTPError as error:
                return error.code, error.read()
        if probe.key == "book":
            labels = [f"{rows[0]}-{n}" for n in range(1, 5)]
            body = {"statusChanges": [
                {"event": "night-0", "type": "CHANGE_STATUS_TO", "status": "booked", "objects": labels},
                {"event": "night-0", "type": "RELEASE", "objects": labels},
            ]}  # fmt: skip
            path = "/events/actions/change-object-status"
        else:
            body = {"status": "booked", "bestAvailable": {"number": 2}}
            path = f"/events/night-{EVENTS - 1}/actions/change-object-status"
        request = urllib.request.Request(
            self.root + self.base + path,
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Authorization": AUTH, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def load(self, wrk: str, probe: Probe, connections: int, seconds: float) -> loadgen.LoadResult:
        if probe.key == "info":
            return loadgen.run_wrk(wrk, self.root + self.base + INFO_PATH, connections, seconds, INFO_LUA)
        if probe.key == "book":
            rows = [row_label(i) for i in range(ROWS)]
            url = self.root + self.base + "/events/actions/change-object-status"
            return loadgen.run_wrk(wrk, url, connections, seconds, BOOK_LUA, rows)
        return loadgen.run_wrk(wrk, self.root, connections, seconds, BEST_LUA, [self.base])


def start_targets(
    stack: contextlib.ExitStack, prism: Path, threads: int, prism_log: str
) -> dict[str, Target]:
    seed = write_seed(ROWS, SEATS, EVENTS)
    argv = [
        sys.executable,
        "-m",
        "fakesaas",
        "serve",
        "--port",
        "0",
        "--seed",
        str(seed),
        "--threads",
        str(threads),
    ]
    served = stack.enter_context(loadgen.Served(argv))
    first = served.first_line()
    if " listening on " not in first:
        raise RuntimeError(f"fakesaas: unexpected first line {first!r}: {served.log_tail()}")
    served.drain_stdout()
    targets = {"fakesaas": Target("fakesaas", served, first.rsplit(" ", 1)[-1].strip(), "/seatsio")}
    argv = [sys.executable, str(loadgen.BENCH / "hello_app.py"), "--port", "0", "--threads", str(threads)]
    hello = stack.enter_context(loadgen.Served(argv))
    first = hello.first_line()
    if " listening on " not in first:
        raise RuntimeError(f"hello: unexpected first line {first!r}: {hello.log_tail()}")
    hello.drain_stdout()
    targets["hello"] = Target("hello", hello, first.rsplit(" ", 1)[-1].strip(), "/seatsio")
    port = loadgen.free_port()
    argv = [str(prism), "mock", "-h", "127.0.0.1", "-p", str(port), *prism_log_flag(prism_log), str(SPEC)]
    prism_served = stack.enter_context(loadgen.Served(argv))
    prism_served.drain_stdout()
    targets["prism"] = Target("prism", prism_served, f"http://127.0.0.1:{port}", "")
    for target in targets.values():
        target.served.wait_ready(target.root + target.base + "/charts", timeout=120)
    return targets


def measure(
    wrk: str, targets: dict[str, Target], probes: list[Probe], concurrencies: list[int], seconds: float
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for probe in probes:
        for target in targets.values():
            status, body = target.check(probe)
            if not 200 <= status < 300:
                raise SystemExit(f"{target.name}: {probe.label} answered {status}, not 2xx: {body[:300]!r}")
            target.load(wrk, probe, max(concurrencies), WARM_UP)
        for connections in concurrencies:
            for target in targets.values():
                result = target.load(wrk, probe, connections, seconds)
                rows.append({"target": target.name, "request": probe.key, "connections": connections,
                             **result.as_dict()})  # fmt: skip
                print(
                    f"  {probe.label:<18} c={connections:<3} {target.name:<9} {result.rps:>8.0f} req/s"
                    f"  p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:7.2f} ms  non-2xx {result.non2xx}",
                    flush=True,
                )
    return rows


def summarize(
    rows: list[dict[str, object]], probes: list[Probe], concurrencies: list[int]
) -> list[dict[str, object]]:
    by_key = {(r["target"], r["request"], r["connections"]): r for r in rows}
    summary = []
    for probe in probes:
        for connections in concurrencies:
            ours, hello, prism = (by_key[(t, probe.key, connections)] for t in TARGETS)
            summary.append({
                "request": probe.key,
                "connections": connections,
                # Four places: the goal is judged on these.
                "fakesaas_vs_prism": round(float(ours["rps"]) / float(prism["rps"]), 4),  # type: ignore[arg-type]
                "fakesaas_vs_hello": round(float(ours["rps"]) / float(hello["rps"]), 4),  # type: ignore[arg-type]
                "fakesaas_p99_ms": ours["p99_ms"],
                "hello_p99_ms": hello["p99_ms"],
                "valid": ours["non2xx"] == 0 and ours["socket_errors"] == 0,
            })  # fmt: skip
    return summary


def print_table(rows: list[dict[str, object]], summary: list[dict[str, object]]) -> None:
    by_key = {(r["target"], r["request"], r["connections"]): r for r in rows}
    heads = " | ".join(f"{t + ' req/s  p50    p99 !2xx':<31}" for t in TARGETS)
    print(f"\n{'request':<18} {'conn':>4} | {heads} |  Prism  hello  p99 goal")
    for s in summary:
        cells = []
        for t in TARGETS:
            r = by_key[(t, s["request"], s["connections"])]
            cells.append(f"{r['rps']:>8.0f} {r['p50_ms']:6.2f} {r['p99_ms']:7.2f} {r['non2xx']:>4}")
        flag = "" if s["valid"] else "  INVALID: fakesaas answered non-2xx"
        label = REQUESTS[str(s["request"])].label
        ratios = f"{s['fakesaas_vs_prism']:>5.2f}x {s['fakesaas_vs_hello']:>5.2f}x"
        goal = ""
        if s["connections"] == GOAL_P99_AT:
            within = float(s["fakesaas_p99_ms"]) <= GOAL_P99_VS_HELLO * float(s["hello_p99_ms"])  # type: ignore[arg-type]
            goal = " met" if within else " missed"
        row = " | ".join(f"{cell:<31}" for cell in cells)
        print(f"{label:<18} {s['connections']:>4} | {row} | {ratios}{goal}{flag}")
    met = sum(float(s["fakesaas_vs_prism"]) >= GOAL_VS_PRISM for s in summary)  # type: ignore[arg-type]
    reads = [s for s in summary if REQUESTS[str(s["request"])].read]
    met_hello = sum(float(s["fakesaas_vs_hello"]) >= GOAL_VS_HELLO for s in reads)  # type: ignore[arg-type]
    print(
        f"\ngoals: fakesaas >= {GOAL_VS_PRISM:g}x Prism in {met}/{len(summary)} cells;"
        f" GETs >= {GOAL_VS_HELLO:.0%} of hello in {met_hello}/{len(reads)};"
        + p99_goal(summary, lambda key: REQUESTS[key].label)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per figure")
    parser.add_argument("--concurrency", default="1,8,32", help="connections, comma-separated")
    parser.add_argument("--only", default=",".join(REQUESTS), help=f"requests: {','.join(REQUESTS)}")
    parser.add_argument("--threads", type=int, default=1, help="fakesaas serve --threads")
    parser.add_argument("--prism-log", default="info", help='prism mock -v LEVEL (default "info", its own)')
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "seatsio_compare.json")
    args = parser.parse_args(argv)
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    unknown = [key for key in args.only.split(",") if key not in REQUESTS]
    if unknown:
        parser.error(f"unknown request {', '.join(unknown)}: pick from {', '.join(REQUESTS)}")
    probes = [REQUESTS[key] for key in args.only.split(",")]
    loadgen.interrupt_on_signals()
    wrk = loadgen.ensure_wrk()
    prism = ensure_prism()
    started = time.monotonic()
    try:
        with contextlib.ExitStack() as stack:
            targets = start_targets(stack, prism, args.threads, args.prism_log)
            print("serving: " + ", ".join(f"{t.name} {t.root}{t.base}" for t in targets.values()), flush=True)
            rows = measure(wrk, targets, probes, concurrencies, args.duration)
    except KeyboardInterrupt:
        print("interrupted: every server started here is stopped", file=sys.stderr)
        return 130
    summary = summarize(rows, probes, concurrencies)
    print_table(rows, summary)
    result = {
        "command": loadgen.command_line("seatsio_compare.py", argv),
        "machine": {
            **loadgen.machine_info(),
            "wrk": loadgen.wrk_version(wrk),
            "prism": prism_version(prism),
            "server": f"granian {loadgen.version_of('granian')} in process, {args.threads} thread(s)",
            "fakesaas": loadgen.version_of("fakesaas"),
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
        },
        "settings": {"duration_s": args.duration, "concurrency": concurrencies, "threads": args.threads,
                     "prism_log": args.prism_log, "chart": f"{ROWS} rows x {SEATS} seats", "events": EVENTS},
        "wall_seconds": round(time.monotonic() - started, 1),
        "results": rows,
        "ratios": summary,
    }  # fmt: skip
    loadgen.write_result(args.out, result, f" ({result['wall_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
