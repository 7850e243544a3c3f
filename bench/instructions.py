"""Instructions per request, counted by valgrind: a figure that does not move with the machine's load.

    python bench/instructions.py [--requests 200] [KIND ...]

Kinds: booking (GET one booking), agenda, free, post (POST a booking), seatsio (GET the demo event),
simplybook (getEventList), hello (the bare Flask hello of bench/hello_app.py). Default: all of them.

For each kind this script runs itself under ``valgrind --tool=callgrind`` with collection off; the
child serves 20 warm-up requests to the app in process (``app(environ, start_response)``, the environ a
server hands over, the demo seed, no test client), turns instrumentation on with
``callgrind_control`` and makes ``--requests`` requests inside ``functools.reduce``, the one function
whose cost is collected (``--toggle-collect``). The printed figure is callgrind's total over the
number of requests. Needs valgrind (``apt-get install valgrind``). A measurement, not a test.
"""

from __future__ import annotations

import argparse
import base64
import functools
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
KINDS = ("booking", "agenda", "free", "post", "seatsio", "simplybook", "hello")
WARM_UP = 20


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class Caller:
    """Calls a WSGI app as a server would, with the environ built here."""

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
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8080", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "wsgi.multithread": True,
            "wsgi.multiprocess": False, "wsgi.run_once": False, "wsgi.version": (1, 0),
            "HTTP_HOST": "127.0.0.1:8080", "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": "bench",
            "HTTP_ACCEPT": "*/*", **(headers or {}),
        }  # fmt: skip
        if body:
            environ["CONTENT_LENGTH"], environ["CONTENT_TYPE"] = str(len(body)), "application/json"
        status: list[str] = []
        data = b"".join(self.app(environ, lambda code, headers, exc=None: status.append(code)))
        return status[0], data


def request_of(kind: str) -> Callable[[int], tuple[str, bytes]]:
    """The request ``kind`` as a function of its number (POSTs book a slot of their own)."""
    if kind == "hello":
        sys.path.insert(0, str(BENCH))
        from hello_app import app as hello

        call = Caller(hello)
    else:
        from fakesaas import create_app
        from fakesaas.settings import Settings

        call = Caller(create_app(Settings(seed="demo")))
    supersaas = {"HTTP_AUTHORIZATION": basic("demo", "demo-api-key")}
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
        seatsio = {"HTTP_AUTHORIZATION": basic("demo-secret-key", "")}
        return lambda n: call("GET", "/seatsio/events/demo-event", headers=seatsio)
    if kind == "simplybook":
        login = {"jsonrpc": "2.0", "method": "getToken", "params": ["demo", "demo-api-key"], "id": 1}
        token = json.loads(call("POST", "/simplybook/login", body=json.dumps(login).encode())[1])["result"]
        headers = {"HTTP_X_COMPANY_LOGIN": "demo", "HTTP_X_TOKEN": token}
        body = b'{"jsonrpc":"2.0","method":"getEventList","params":[],"id":1}'
        return lambda n: call("POST", "/simplybook/", body=body, headers=headers)
    raise SystemExit(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")


def child(kind: str, requests: int) -> None:
    """Under valgrind: warm up, switch instrumentation on, then the counted requests."""
    request = request_of(kind)
    for number in range(WARM_UP):
        status, data = request(10_000 + number)
        assert status.startswith("2"), (kind, status, data[:300])
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    functools.reduce(lambda _, number: request(number), range(requests), None)


def measure(kind: str, requests: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
             "--toggle-collect=functools_reduce", f"--callgrind-out-file={out}",
             sys.executable, __file__, "--child", kind, "--requests", str(requests)],
            check=True, capture_output=True, cwd=BENCH.parent,
        )  # fmt: skip
        totals = next(line for line in out.read_text().splitlines() if line.startswith("totals:"))
        return int(totals.split()[1]) // requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kinds", nargs="*", default=list(KINDS))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.requests)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed: apt-get install valgrind")
    for kind in options.kinds:
        print(f"{kind:<12} {measure(kind, options.requests):>12,} instructions per request", flush=True)


if __name__ == "__main__":
    main()
