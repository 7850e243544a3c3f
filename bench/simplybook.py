"""SimplyBook on fakesaas side by side with @open-rpc/mock-server serving the same OpenRPC document.

    python bench/simplybook.py [--duration 5] [--connections 1,8,32]

Two requests, each at 1, 8 and 32 connections (wrk -t1, 1 s of warm-up first):

  matrix       getStartTimeMatrix over 30 days for the haircut, any provider (public service)
  book+cancel  book a haircut with Ben, then cancelBooking it (admin service, which needs no
               signature, so wrk's Lua can send the cancel of each booking it made): the pair
               alternates on every connection, each booking at a time no other request asks for

fakesaas runs as ``fakesaas serve`` with its demo; the mock (``@open-rpc/mock-server``, pinned,
installed with npm into bench/.cache/openrpc-mock) serves the contract, one process per service
URL with that service's part of it (what rpc.discover answers there), answering from the examples
or with values made up from the result schemas. A bare Flask hello (bench/hello_app.py, on the
same server as fakesaas) answers the same requests with ``{"hello":"world"}``: no Flask app on this
server can beat it, so hello/mock is the ceiling of the fakesaas/mock ratio. Prints
requests per second and latencies per target, the fakesaas/mock ratio (goal: >= 3x), the
hello/mock ceiling, fakesaas's share of the hello's rate (goal for the matrix, a read: >= 50 %),
the p99 goal at 32 connections (<= 2x the hello's), and the failed answers seen: HTTP errors
and, for book+cancel, JSON-RPC errors (there should be none on fakesaas). Results go to bench/results/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import subprocess
import sys
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import loadgen
from compare import GOAL_VS_HELLO, p99_goal

MOCK_VERSION = "1.7.8"
MOCK_HOME = loadgen.BENCH / ".cache" / "openrpc-mock"
DOCUMENT = loadgen.ROOT / "openapi" / "simplybook.openrpc.json"
WARM_UP = 1.0
GOAL_VS_MOCK = 3.0

# The pair on the admin service. Ben works Tuesday to Saturday 10-18: eight hourly haircuts a day
# (30 minutes and a 10-minute buffer). Booking n is on the n // 8-th such day after FIRST_DAY.
FIRST_DAY = date(2031, 1, 7)  # a Tuesday
PAIR_LUA = r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local first_day, first_slot, n = 0, 0, 0
local pending = {}
init = function(args)
  first_day = tonumber(args[1])
  first_slot = tonumber(args[2])
  wrk.headers["X-Company-Login"] = "demo"
  wrk.headers["X-User-Token"] = args[3]
end
local function slot_start(slot)
  -- Tuesday to Saturday: five working days a week, eight hours a day.
  local week, rest = math.floor(slot / 40), slot % 40
  local day, hour = math.floor(rest / 8), rest % 8
  return first_day + (week * 7 + day) * 86400, 10 + hour
end
request = function()
  local id = table.remove(pending)
  if id then
    return wrk.format(nil, nil, nil,
      '{"jsonrpc":"2.0","method":"cancelBooking","params":[' .. id .. '],"id":2}')
  end
  local day, hour = slot_start(first_slot + n)
  n = n + 1
  sent = n
  return wrk.format(nil, nil, nil, string.format(
    '{"jsonrpc":"2.0","method":"book","params":[1,2,1,"%s","%02d:00:00"],"id":1}',
    os.date("!%Y-%m-%d", day), hour))
end
"""
# Replaces the report's response(): a JSON-RPC error counts as a failed answer too (in "non2xx").
PAIR_AFTER = r"""
response = function(status, headers, body)
  if status < 200 or status > 299 or body:find('"error"', 1, true) then non2xx = non2xx + 1 end
  local id = body:match('"bookings":%[{"id":"(%d+)"')
  if id then table.insert(pending, id) end
end
"""
MATRIX_LUA = r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
init = function(args)
  wrk.headers["X-Company-Login"] = "demo"
  wrk.headers["X-Token"] = args[1]
  wrk.body = string.format(
    '{"jsonrpc":"2.0","method":"getStartTimeMatrix","params":["%s","%s",1,null,1],"id":1}', args[2], args[3])
end
"""


def ensure_mock() -> Path:
    script = MOCK_HOME / "node_modules" / "@open-rpc" / "mock-server" / "package.json"
    if script.exists() and json.loads(script.read_text())["version"] == MOCK_VERSION:
        return MOCK_HOME
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed to install @open-rpc/mock-server")
    print(f"installing @open-rpc/mock-server@{MOCK_VERSION} into {MOCK_HOME}", flush=True)
    MOCK_HOME.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(MOCK_HOME),
         f"@open-rpc/mock-server@{MOCK_VERSION}"],
        check=True,
    )  # fmt: skip
    return MOCK_HOME


def rpc(url: str, method: str, params: list[object], headers: dict[str, str] | None = None) -> object:
    body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params, "id": 1}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def start_fakesaas(stack: contextlib.ExitStack) -> str:
    port = loadgen.free_port()
    served = stack.enter_context(
        loadgen.Served(
            [
                sys.executable,
                "-m",
                "fakesaas",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--seed",
                "demo",
            ]
        )
    )
    served.drain_stdout()
    url = f"http://127.0.0.1:{port}"
    served.wait_ready(url + "/simplybook/login")
    return url + "/simplybook"


def start_hello(stack: contextlib.ExitStack) -> str:
    served = stack.enter_context(
        loadgen.Served([sys.executable, str(loadgen.BENCH / "hello_app.py"), "--port", "0"])
    )
    first = served.first_line()
    if " listening on " not in first:
        raise RuntimeError(f"hello: unexpected first line {first!r}: {served.log_tail()}")
    served.drain_stdout()
    return first.rsplit(" ", 1)[-1].strip()


def service_document(service: str) -> Path:
    """The contract cut to one service URL, as ``rpc.discover`` answers it there: the mock server
    refuses a document whose method names repeat (the catalogue reads of public and admin)."""
    whole = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    tag = {"$ref": f"#/components/tags/{service}"}
    cut = {**whole, "methods": [m for m in whole["methods"] if tag in m["tags"]]}
    path = MOCK_HOME / f"simplybook-{service}.openrpc.json"
    path.write_text(json.dumps(cut), encoding="utf-8")
    return path


def start_mock(stack: contextlib.ExitStack, service: str) -> str:
    port = loadgen.free_port()
    node = shutil.which("node") or "node"
    served = stack.enter_context(
        loadgen.Served(
            [node, str(loadgen.BENCH / "openrpc_mock.js"), str(service_document(service)), str(port)],
            env={"NODE_PATH": str(MOCK_HOME / "node_modules")},
        )
    )
    served.drain_stdout()
    url = f"http://127.0.0.1:{port}"
    served.wait_ready(url)
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measurement (default 5)")
    parser.add_argument("--connections", default="1,8,32", help="comma-separated (default 1,8,32)")
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "simplybook-compare.json")
    args = parser.parse_args(argv)
    levels = [int(c) for c in args.connections.split(",")]
    loadgen.interrupt_on_signals()
    wrk = loadgen.ensure_wrk()
    ensure_mock()
    first = date.today() + timedelta(days=1)
    window = (first.isoformat(), (first + timedelta(days=29)).isoformat())
    rows: list[dict[str, object]] = []
    with contextlib.ExitStack() as stack:
        fakesaas = start_fakesaas(stack)
        mock_public, mock_admin = start_mock(stack, "public"), start_mock(stack, "admin")
        hello = start_hello(stack)
        public_token = rpc(fakesaas + "/login", "getToken", ["demo", "demo-api-key"])["result"]  # type: ignore[index]
        admin_token = rpc(fakesaas + "/login", "getUserToken", ["demo", "admin", "demo-password"])["result"]  # type: ignore[index]
        check = rpc(fakesaas + "/", "getStartTimeMatrix", [*window, 1, None, 1],
                    {"X-Company-Login": "demo", "X-Token": public_token})  # fmt: skip
        assert "result" in check, check  # type: ignore[operator]
        slot = [0, 0, 0]  # the next free booking slot per target
        targets = {
            "fakesaas": (fakesaas + "/", fakesaas + "/admin"),
            "mock": (mock_public, mock_admin),
            "hello": (hello + "/", hello + "/admin"),
        }
        for probe in ("matrix", "book+cancel"):
            for connections in levels:
                for index, (name, (public_url, admin_url)) in enumerate(targets.items()):
                    for seconds in (WARM_UP, args.duration):
                        if probe == "matrix":
                            result = loadgen.run_wrk(
                                wrk, public_url, connections, seconds, MATRIX_LUA, [public_token, *window]
                            )
                            errors = 0
                        else:
                            result, errors = pair(
                                wrk, admin_url, connections, seconds, slot[index], admin_token
                            )
                            slot[index] += result.generated + 1
                    rows.append({"request": probe, "connections": connections, "target": name,
                                 "rpc_errors": errors, **result.as_dict()})  # fmt: skip
                    print(f"{probe:<12} c={connections:<3} {name:<9} {result.rps:>8.1f} req/s  "
                          f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms  rpc errors {errors}",
                          flush=True)  # fmt: skip
    summary = summarize(rows)
    loadgen.write_result(
        args.out,
        {"command": loadgen.command_line("simplybook.py", argv), "machine": loadgen.machine_info(),
         "mock_server": MOCK_VERSION, "rows": rows, "summary": summary},
    )  # fmt: skip
    return 0


def pair(
    wrk: str, url: str, connections: int, seconds: float, first_slot: int, token: str
) -> tuple[loadgen.LoadResult, int]:
    """book then cancelBooking on every connection; the failed answers (HTTP or JSON-RPC) counted."""
    first_day = int(datetime(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day, tzinfo=UTC).timestamp())
    result = loadgen.run_wrk(
        wrk, url, connections, seconds, PAIR_LUA, [str(first_day), str(first_slot), token], after=PAIR_AFTER
    )
    return result, result.non2xx


def summarize(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    by_key = {(r["request"], r["connections"], r["target"]): r for r in rows}
    summary = []
    print(
        f"\n{'request':<12} {'conn':>4} | {'fakesaas':>9} {'mock':>9} {'hello':>9} |"
        f" ratio (goal >= {GOAL_VS_MOCK:g}x)  hello/mock (the ceiling)  share of hello"
    )
    for request, connections, target in by_key:
        if target != "fakesaas":
            continue
        ours, theirs = by_key[(request, connections, "fakesaas")], by_key.get((request, connections, "mock"))
        if theirs is None:
            continue
        hello = by_key.get((request, connections, "hello"))
        mock_rps = float(theirs["rps"])  # type: ignore[arg-type]
        ratio = float(ours["rps"]) / mock_rps if mock_rps else 0.0  # type: ignore[arg-type]
        ceiling = float(hello["rps"]) / mock_rps if hello is not None and mock_rps else 0.0  # type: ignore[arg-type]
        share = float(ours["rps"]) / float(hello["rps"]) if hello is not None else 0.0  # type: ignore[arg-type]
        summary.append({"request": request, "connections": connections, "fakesaas_vs_mock": round(ratio, 4),
                        "hello_vs_mock": round(ceiling, 4), "fakesaas_vs_hello": round(share, 4),
                        "fakesaas_p99_ms": ours["p99_ms"],
                        "hello_p99_ms": hello["p99_ms"] if hello is not None else None})  # fmt: skip
        hello_rps = hello["rps"] if hello is not None else "-"
        print(f"{request:<12} {connections:>4} | {ours['rps']:>9} {theirs['rps']:>9} {hello_rps:>9} |"
              f" {ratio:5.2f}x  {ceiling:5.2f}x  {share:6.1%}")  # fmt: skip
    print(goals(summary))
    return summary


def goals(summary: list[dict[str, object]]) -> str:
    """The three goals of bench/compare.py, judged here: the mock in place of Prism, the matrix
    (a read, though JSON-RPC sends it as a POST) in place of the GETs."""
    met_mock = sum(float(s["fakesaas_vs_mock"]) >= GOAL_VS_MOCK for s in summary)  # type: ignore[arg-type]
    reads = [s for s in summary if s["request"] == "matrix"]
    met_hello = sum(float(s["fakesaas_vs_hello"]) >= GOAL_VS_HELLO for s in reads)  # type: ignore[arg-type]
    ceiling = sum(float(s["hello_vs_mock"]) >= GOAL_VS_MOCK for s in summary)  # type: ignore[arg-type]
    at = [s for s in summary if s["hello_p99_ms"] is not None]
    return (
        f"\ngoals: fakesaas >= {GOAL_VS_MOCK:g}x the mock in {met_mock}/{len(summary)} cells"
        f" (the hello itself in {ceiling}/{len(summary)});"
        f" matrix >= {GOAL_VS_HELLO:.0%} of hello in {met_hello}/{len(reads)};" + p99_goal(at, str)
    )


if __name__ == "__main__":
    raise SystemExit(main())
