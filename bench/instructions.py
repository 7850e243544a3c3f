"""Instructions per request, counted by valgrind: a figure that does not move with the machine's load.

    python bench/instructions.py [--requests 200] [KIND ...]

Kinds: booking (GET one booking), agenda, free, post (POST a booking), seatsio (GET the demo event),
seats-book, seats-best and seats-info (bench/seatsio_compare.py's requests, on its seed: a batch that
books and releases four seats, a best-available pick of two, the object infos of two seats),
simplybook (getEventList), matrix (SimplyBook's getStartTimeMatrix over the next 30 days, as
bench/simplybook.py asks it), sb-pair (its book+cancel: book on the admin service, then cancel that
booking, a request each), hello (the bare Flask hello of bench/hello_app.py). Default: all of them.

For each kind this script runs itself under ``valgrind --tool=callgrind`` with collection off; the
child serves 20 warm-up requests to the app in process (``app(environ, start_response)``, the environ
made by the granian bridge as for ``fakesaas serve``, the demo seed, no test client), turns
instrumentation on with ``callgrind_control`` and makes ``--requests`` requests inside
``functools.reduce``, the one function whose cost is collected (``--toggle-collect``). The printed
figure is callgrind's total over the number of requests. Needs valgrind (``apt-get install
valgrind``). A measurement, not a test.

``--warm-up N`` makes N requests before counting instead of 20: what a write costs can grow as the
state it fills does (``--warm-up 20000 seats-best``: a pick on events the 40,000 seats of 20,000
earlier picks have started to fill, as late in a run of bench/seatsio_compare.py).

``--inside MODULE.NAME`` (or ``MODULE.CLASS.METHOD``) counts only what one function costs a request,
itself and all it calls: the name is rebound to a wrapper that calls it through ``operator.call``,
and only that function is collected. The name must be the one the caller looks up:
``fakesaas.supersaas.http.authenticate`` (the adapter's import of it), not
``fakesaas.supersaas.http.auth.authenticate``.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import functools
import importlib
import io
import json
import operator
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from fakesaas.bridge import _environ as bridge_environ

BENCH = Path(__file__).resolve().parent
KINDS = (
    "booking", "agenda", "free", "post", "seatsio", "seats-book", "seats-best", "seats-info",
    "simplybook", "matrix", "sb-pair", "hello",
)  # fmt: skip
WARM_UP = 20


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class Caller:
    """Calls a WSGI app as ``fakesaas serve`` does: the environ is made by the granian bridge's own
    ``_environ`` from a request scope like the one granian hands it (so it holds what the server's
    does, the journal's header keys included)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(
        self,
        method: str,
        path: str,
        query: str = "",
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> tuple[str, bytes]:
        sent = {"host": "127.0.0.1:8080", "user-agent": "bench", "accept": "*/*", **(headers or {})}
        if body:
            sent["content-length"], sent["content-type"] = str(len(body)), "application/json"
        scope = SimpleNamespace(
            proto="http", method=method, path=path, query_string=query, server="127.0.0.1:8080",
            client="127.0.0.1:50000", http_version="1.1", scheme="http", authority="127.0.0.1:8080",
            headers=sent,
        )  # fmt: skip
        environ = bridge_environ(scope)
        environ["wsgi.input"] = io.BytesIO(body)
        status: list[str] = []
        data = b"".join(self.app(environ, lambda code, headers, exc=None: status.append(code)))
        return status[0], data


def request_of(kind: str) -> Callable[[int], tuple[str, bytes]]:
    """The request ``kind`` as a function of its number (POSTs book a slot of their own)."""
    if kind == "hello":
        sys.path.insert(0, str(BENCH))
        from hello_app import app as hello

        call = Caller(hello)
    elif kind.startswith("seats-"):
        return seats_write(kind)
    else:
        from fakesaas import create_app
        from fakesaas.settings import Settings

        call = Caller(create_app(Settings(seed="demo")))
    supersaas = {"authorization": basic("demo", "demo-api-key")}
    if kind in ("booking", "hello"):
        return lambda n: call("GET", "/api/bookings/5000001.json", headers=supersaas)
    if kind == "agenda":
        return lambda n: call("GET", "/api/agenda/100001.json", "user=1000001", headers=supersaas)
    if kind == "free":
        return lambda n: call("GET", "/api/free/100001.json", headers=supersaas)
    if kind == "post":

        def post(n: int) -> tuple[str, bytes]:
            day = f"2031-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}"
            booking = {
                "start": f"{day} 10:00",
                "finish": f"{day} 11:00",
                "resource_id": 200001 + (n // 336) % 2,
            }
            body = json.dumps({"schedule_id": 100001, "booking": booking}).encode()
            return call("POST", "/api/bookings.json", body=body, headers=supersaas)

        return post
    if kind == "seatsio":
        seatsio = {"authorization": basic("demo-secret-key", "")}
        return lambda n: call("GET", "/seatsio/events/demo-event", headers=seatsio)
    if kind == "sb-pair":
        return simplybook_pair(call)
    if kind in ("simplybook", "matrix"):
        login = {"jsonrpc": "2.0", "method": "getToken", "params": ["demo", "demo-api-key"], "id": 1}
        token = json.loads(call("POST", "/simplybook/login", body=json.dumps(login).encode())[1])["result"]
        headers = {"x-company-login": "demo", "x-token": token}
        body = b'{"jsonrpc":"2.0","method":"getEventList","params":[],"id":1}'
        if kind == "matrix":
            first = datetime.date.today() + datetime.timedelta(days=1)
            window = [first.isoformat(), (first + datetime.timedelta(days=29)).isoformat()]
            rpc = {"jsonrpc": "2.0", "method": "getStartTimeMatrix", "id": 1}
            body = json.dumps({**rpc, "params": [*window, 1, None, 1]}).encode()
        return lambda n: call("POST", "/simplybook/", body=body, headers=headers)
    raise SystemExit(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")


BOOKED_ID = re.compile(rb'"bookings":\[\{"id":"(\d+)"')


def simplybook_pair(call: Caller) -> Callable[[int], tuple[str, bytes]]:
    """bench/simplybook.py's book+cancel on the admin service: an even request books Ben's next
    hourly haircut (Tuesday to Saturday, 10:00 to 17:00, from 2031-01-07 on), an odd one cancels it."""
    user = ["demo", "admin", "demo-password"]
    login = {"jsonrpc": "2.0", "method": "getUserToken", "params": user, "id": 1}
    token = json.loads(call("POST", "/simplybook/login", body=json.dumps(login).encode())[1])["result"]
    headers = {"x-company-login": "demo", "x-user-token": token}
    booked: list[bytes] = []

    def pair(n: int) -> tuple[str, bytes]:
        # The bodies are written and the id read as bench/simplybook.py's Lua does: by string
        # formatting and a pattern, not a JSON library, whose cost would count as the server's.
        if booked:
            cancel = b'{"jsonrpc":"2.0","method":"cancelBooking","params":[%s],"id":2}' % booked.pop()
            return call("POST", "/simplybook/admin", body=cancel, headers=headers)
        week, rest = divmod(n // 2, 40)
        day = datetime.date(2031, 1, 7) + datetime.timedelta(days=week * 7 + rest // 8)
        book = b'{"jsonrpc":"2.0","method":"book","params":[1,2,1,"%s","%02d:00:00"],"id":1}' % (
            day.isoformat().encode(),
            10 + rest % 8,
        )
        status, data = call("POST", "/simplybook/admin", body=book, headers=headers)
        found = BOOKED_ID.search(data)
        assert found is not None, data[:300]
        booked.append(found[1])
        return status, data

    return pair


def seats_write(kind: str) -> Callable[[int], tuple[str, bytes]]:
    """bench/seatsio_compare.py's writes, on its chart of 100 rows of 100 seats and 50 events."""
    sys.path.insert(0, str(BENCH))
    import seatsio_compare as bench

    from fakesaas import create_app
    from fakesaas.settings import Settings

    call = Caller(create_app(Settings(seed=str(bench.write_seed(bench.ROWS, bench.SEATS, bench.EVENTS)))))
    headers = {"authorization": bench.AUTH, "content-type": "application/json"}
    if kind == "seats-best":
        body = b'{"status":"booked","bestAvailable":{"number":2}}'
        best = "/seatsio/events/night-{}/actions/change-object-status"
        return lambda n: call("POST", best.format(n % bench.EVENTS), body=body, headers=headers)
    if kind == "seats-info":
        path, query = bench.INFO_PATH.split("?")
        return lambda n: call("GET", "/seatsio" + path, query, headers={"authorization": bench.AUTH})
    rows = [bench.row_label(index) for index in range(bench.ROWS)]

    def book(n: int) -> tuple[str, bytes]:
        labels = [f"{rows[n % len(rows)]}-{seat}" for seat in range(1, 5)]
        changes = [
            {"event": "night-0", "type": "CHANGE_STATUS_TO", "status": "booked", "objects": labels},
            {"event": "night-0", "type": "RELEASE", "objects": labels},
        ]
        body = json.dumps({"statusChanges": changes}).encode()
        return call("POST", "/seatsio/events/actions/change-object-status", body=body, headers=headers)

    return book


def wrap(dotted: str) -> None:
    """Rebind ``dotted`` (``module.name`` or ``module.Class.method``) to call through
    ``operator.call``, the one function collected."""
    parts = dotted.split(".")
    split = next(i for i in range(len(parts) - 1, 0, -1) if _importable(".".join(parts[:i])))
    owner = importlib.import_module(".".join(parts[:split]))
    for name in parts[split:-1]:
        owner = getattr(owner, name)
    original = getattr(owner, parts[-1])
    # On a class the wrapper becomes the method, and receives the instance first, as the original.
    setattr(owner, parts[-1], lambda *args, **kwargs: operator.call(original, *args, **kwargs))


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def child(kind: str, requests: int, inside: str | None = None, warm_up: int = WARM_UP) -> None:
    """Under valgrind: warm up, switch instrumentation on, then the counted requests."""
    request = request_of(kind)
    if inside:
        wrap(inside)
    for number in range(warm_up):
        status, data = request(10_000 + number)
        assert status.startswith("2"), (kind, status, data[:300])
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    functools.reduce(lambda _, number: request(number), range(requests), None)


def measure(kind: str, requests: int, inside: str | None = None, warm_up: int = WARM_UP) -> int:
    collected = "_operator_call" if inside else "functools_reduce"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
             f"--toggle-collect={collected}", f"--callgrind-out-file={out}",
             sys.executable, __file__, "--child", kind, "--requests", str(requests),
             "--warm-up", str(warm_up), *(["--inside", inside] if inside else [])],
            check=True, capture_output=True, cwd=BENCH.parent,
            # One hash seed: string hashes place dict entries, and with them a few percent of
            # the count, differently in every process otherwise.
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )  # fmt: skip
        totals = next(line for line in out.read_text().splitlines() if line.startswith("totals:"))
        return int(totals.split()[1]) // requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kinds", nargs="*", default=list(KINDS))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--inside", metavar="MODULE.NAME", help="count only what this function costs")
    parser.add_argument("--warm-up", type=int, default=WARM_UP, help="requests made before counting")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.warm_up < 0:
        parser.error(f"--warm-up must be 0 or more, not {options.warm_up}")
    if options.child:
        child(options.child, options.requests, options.inside, options.warm_up)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed: apt-get install valgrind")
    where = f" inside {options.inside}" if options.inside else ""
    for kind in options.kinds:
        figure = measure(kind, options.requests, options.inside, options.warm_up)
        print(f"{kind:<12} {figure:>12,} instructions per request{where}", flush=True)


if __name__ == "__main__":
    main()
