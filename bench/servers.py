"""Which WSGI server should ``fakesaas serve`` run on? Every candidate serves fakesaas (GET one booking)
and a bare Flask hello (the same path) in turn, measured with wrk at several concurrencies.

    python bench/servers.py [--duration 5] [--concurrency 1,8,32] [--config waitress:threads=8 ...]

Only servers that keep ONE process are candidates: the emulator's world lives in process memory, so
workers in several processes would each see a different world. A config is ``SERVER[:knob=value,...]``;
the default list covers each server's thread count and the knobs that could matter. ``production`` is
what ``fakesaas serve`` runs on (granian embedded in the process, fakesaas/production.py). Installs what it
needs (the servers with pip into this environment, wrk with apt-get). Prints a table and writes JSON
(``--out``, default bench/results/servers.json). A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import loadgen

TARGETS = {"fakesaas": "bench.fakesaas_app:app", "hello": "bench.hello_app:app"}
PATH = "/api/bookings/5000001.json"  # one booking; the hello app answers any path
WARM_UP = 1.0  # seconds of load before the figures of each server and target
SERVER_PACKAGES = {
    "waitress": "waitress==3.0.2",
    "gunicorn": "gunicorn==27.0.1",
    "granian": "granian==2.8.7",
    "cheroot": "cheroot==11.1.2",
}

# The werkzeug server fakesaas used before (threaded, quiet), for reference.
WERKZEUG = """
import importlib, sys
from werkzeug.serving import WSGIRequestHandler, make_server
class Quiet(WSGIRequestHandler):
    def log_request(self, *args): pass
module, name = sys.argv[1].split(":")
app = getattr(importlib.import_module(module), name)
make_server("127.0.0.1", int(sys.argv[2]), app, threaded=True, request_handler=Quiet).serve_forever()
"""


def _script(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def production(target: str, port: int, knobs: dict[str, str]) -> list[str]:
    """What ``fakesaas serve`` runs on (fakesaas/production.py); the hello app through the same class."""
    threads = ["--threads", knobs.get("threads", "1")]
    if target == TARGETS["fakesaas"]:
        return [sys.executable, "-m", "fakesaas", "serve", "--port", str(port), "--seed", "demo", *threads]
    return [sys.executable, str(loadgen.BENCH / "hello_app.py"), "--port", str(port), *threads]


def werkzeug(target: str, port: int, knobs: dict[str, str]) -> list[str]:
    return [sys.executable, "-c", WERKZEUG, target, str(port)]


def waitress(target: str, port: int, knobs: dict[str, str]) -> list[str]:
    flags = [f"--{key.replace('_', '-')}={value}" for key, value in knobs.items()]
    return [_script("waitress-serve"), f"--listen=127.0.0.1:{port}", *flags, target]


def gunicorn(target: str, port: int, knobs: dict[str, str]) -> list[str]:
    flags = [f"--{key.replace('_', '-')}={value}" for key, value in knobs.items()]
    return [
        _script("gunicorn"), "--workers=1", "--worker-class=gthread", f"--bind=127.0.0.1:{port}",
        *flags, target,
    ]  # fmt: skip


def granian(target: str, port: int, knobs: dict[str, str]) -> list[str]:
    flags = [f"--{key.replace('_', '-')}={value}" for key, value in knobs.items()]
    return [
        _script("granian"), "--interface=wsgi", "--workers=1", "--host=127.0.0.1", f"--port={port}",
        "--log-level=warning", *flags, target,
    ]  # fmt: skip


def cheroot(target: str, port: int, knobs: dict[str, str]) -> list[str]:
    flags = [f"--{key.replace('_', '-')}={value}" for key, value in knobs.items()]
    return [_script("cheroot"), f"--bind=127.0.0.1:{port}", *flags, target]


SERVERS: dict[str, Callable[[str, int, dict[str, str]], list[str]]] = {
    "production": production,
    "werkzeug": werkzeug,
    "waitress": waitress,
    "gunicorn": gunicorn,
    "granian": granian,
    "cheroot": cheroot,
}
DEFAULT_CONFIGS = [
    "werkzeug",
    "waitress:threads=4",
    "waitress:threads=8",
    "waitress:threads=16",
    "waitress:threads=8,channel_timeout=30,connection_limit=200,backlog=2048",
    "gunicorn:threads=4",
    "gunicorn:threads=8",
    "granian:blocking_threads=1",
    "granian:blocking_threads=4",
    "cheroot:threads=8",
    "production:threads=1",
    "production:threads=2",
    "production:threads=4",
]


def parse_config(config: str) -> tuple[str, dict[str, str]]:
    server, _, knobs = config.partition(":")
    if server not in SERVERS:
        raise SystemExit(f"unknown server {server!r}: one of {', '.join(SERVERS)}")
    return server, dict(pair.split("=", 1) for pair in knobs.split(",") if pair)


def measure(
    wrk: str, config: str, target: str, concurrencies: list[int], seconds: float
) -> list[dict[str, object]]:
    server, knobs = parse_config(config)
    port = loadgen.free_port()
    url = f"http://127.0.0.1:{port}{PATH}"
    rows = []
    with loadgen.Served(SERVERS[server](TARGETS[target], port, knobs)) as served:
        served.drain_stdout()
        served.wait_ready(url)
        status, _ = loadgen.fetch(url)
        if status != 200:
            raise RuntimeError(f"{config} {target}: {PATH} answered {status}")
        loadgen.run_wrk(wrk, url, max(concurrencies), WARM_UP)
        for connections in concurrencies:
            result = loadgen.run_wrk(wrk, url, connections, seconds)
            rows.append({"config": config, "target": target, "connections": connections, **result.as_dict()})
            print(
                f"{config:<72} {target:<8} c={connections:<3} {result.rps:>8.0f} req/s"
                f"  p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:7.2f} ms"
                + (f"  non-2xx {result.non2xx}" if result.non2xx else "")
                + (f"  socket errors {result.socket_errors}" if result.socket_errors else ""),
                flush=True,
            )
    return rows


def print_table(rows: list[dict[str, object]], concurrencies: list[int]) -> None:
    print()
    head = "".join(f" | c={c}: req/s  p50  p99" for c in concurrencies)
    print(f"{'server config':<72} {'target':<8}{head}")
    by_key = {(r["config"], r["target"], r["connections"]): r for r in rows}
    for config, target in dict.fromkeys((r["config"], r["target"]) for r in rows):
        cells = ""
        for c in concurrencies:
            row = by_key.get((config, target, c))
            if row:
                cells += f" | {row['rps']:>9.0f} {row['p50_ms']:5.1f} {row['p99_ms']:5.1f}"
        print(f"{config!s:<72} {target!s:<8}{cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measurement (default 5)")
    parser.add_argument("--concurrency", default="1,8,32", help="connections, comma-separated")
    parser.add_argument("--config", action="append", help="SERVER[:knob=value,...]; repeat (default: all)")
    parser.add_argument("--targets", default="fakesaas,hello", help="fakesaas, hello or both")
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "servers.json")
    args = parser.parse_args(argv)
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    configs = args.config or DEFAULT_CONFIGS
    servers = {parse_config(config)[0] for config in configs}
    loadgen.ensure_pip({name: SERVER_PACKAGES[name] for name in servers if name in SERVER_PACKAGES})
    wrk = loadgen.ensure_wrk()
    loadgen.interrupt_on_signals()  # each server is stopped by its context manager
    rows: list[dict[str, object]] = []
    try:
        for config in configs:
            for target in args.targets.split(","):
                rows += measure(wrk, config, target, concurrencies, args.duration)
    except KeyboardInterrupt:
        print("interrupted: every server started here is stopped", file=sys.stderr)
        return 130
    print_table(rows, concurrencies)
    versions = {name: loadgen.version_of(name) for name in [*SERVER_PACKAGES, "flask", "werkzeug"]}
    result = {
        "command": loadgen.command_line("servers.py", argv),
        "machine": {**loadgen.machine_info(), "wrk": loadgen.wrk_version(wrk), "versions": versions},
        "path": PATH,
        "duration_s": args.duration,
        "rows": rows,
    }
    loadgen.write_result(args.out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
