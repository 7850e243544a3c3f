"""How long other clients wait while uploads stall mid-body (issue 17, item 2).

    python bench/stalled_bodies.py [--uploads 8] [--stall 12] [--body-timeout 5] [--threads 1]
                                   [--out bench/results/stalled_bodies.json]

Starts ``fakesaas serve --port 0 --seed demo`` (its production server), opens ``--uploads``
connections that each send a POST's headers (half with ``Content-Length: 1000``, half chunked) and
10 bytes of body, then nothing, for ``--stall`` seconds (then close). Meanwhile a client sends a
GET of one booking and a GET of the control plane's clock every 0.25 s and times each one. Prints, per kind,
how many were sent, their median and longest latency, and what each stalled upload was answered
and when. A GET that waits for the stalls to end shows as a latency near ``--stall`` seconds.
A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import loadgen

INTERVAL = 0.25  # seconds between probe GETs
PROBES = {
    "GET one booking": "/api/bookings/5000001.json",
    "GET /_fakesaas/clock": "/_fakesaas/clock",
}


def stall(port: int, chunked: bool) -> socket.socket:
    """A POST whose headers and first 10 body bytes are sent, and then nothing."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=60)
    framing = "Transfer-Encoding: chunked" if chunked else "Content-Length: 1000"
    head = (
        f"POST /api/users.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: {loadgen.AUTH}\r\n{framing}\r\n\r\n"
    )
    connection.sendall(head.encode() + (b"a\r\n0123456789\r\n" if chunked else b"0123456789"))
    return connection


def await_answer(connection: socket.socket, opened: float, until: float, outcome: list[str]) -> None:
    """Record the status line the server answers (and after how long), or that none came; the
    upload gives up (closes its connection) at ``until``."""
    connection.settimeout(max(0.1, until - time.monotonic()))
    try:
        first = connection.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
        outcome.append(f"{first or 'closed'} after {time.monotonic() - opened:.2f} s")
    except TimeoutError:
        outcome.append("no answer while stalled")
    except OSError as error:
        outcome.append(f"{type(error).__name__} after {time.monotonic() - opened:.2f} s")
    finally:
        connection.close()


def probe(url: str, until: float, latencies: dict[str, list[float]], timeout: float) -> None:
    """Each probe in turn every INTERVAL until ``until``; a GET that times out counts as ``timeout``."""
    while time.monotonic() < until:
        for label, path in PROBES.items():
            started = time.monotonic()
            with contextlib.suppress(OSError):
                loadgen.fetch(url + path, timeout=timeout)
            latencies[label].append(time.monotonic() - started)
        time.sleep(INTERVAL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=8, help="stalled uploads (default 8)")
    parser.add_argument("--stall", type=float, default=12.0, help="seconds they stall (default 12)")
    parser.add_argument("--body-timeout", type=float, help="fakesaas serve --body-timeout (default: its own)")
    parser.add_argument("--threads", type=int, default=1, help="fakesaas serve --threads (default 1)")
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "stalled_bodies.json")
    args = parser.parse_args(argv)
    argv_serve = [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--seed", "demo"]
    argv_serve += ["--threads", str(args.threads)]
    if args.body_timeout is not None:
        argv_serve += ["--body-timeout", str(args.body_timeout)]
    loadgen.interrupt_on_signals()
    with loadgen.Served(argv_serve) as served:
        url = served.first_line().rsplit(" ", 1)[-1].strip()
        served.drain_stdout()
        served.wait_ready(url + "/api/schedules.json")
        port = int(url.rsplit(":", 1)[1])
        opened = time.monotonic()
        until = opened + args.stall
        connections = [stall(port, chunked=n % 2 == 1) for n in range(args.uploads)]
        outcomes: list[list[str]] = [[] for _ in connections]
        waiters = [
            threading.Thread(target=await_answer, args=(c, opened, until, out), daemon=True)
            for c, out in zip(connections, outcomes, strict=True)
        ]
        for waiter in waiters:
            waiter.start()
        time.sleep(0.2)  # the uploads are in and waiting
        latencies: dict[str, list[float]] = {label: [] for label in PROBES}
        probe(url, until, latencies, timeout=args.stall + 10)
        for waiter in waiters:
            waiter.join()
    print(f"{args.uploads} uploads stalled for {args.stall:g} s; probes every {INTERVAL:g} s meanwhile")
    rows = {}
    for label, times in latencies.items():
        rows[label] = {
            "count": len(times),
            "median_ms": round(statistics.median(times) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1),
        }
        print(f"  {label:<22} {len(times):>3} sent  median {rows[label]['median_ms']:>9.1f} ms"
              f"  longest {rows[label]['max_ms']:>9.1f} ms")  # fmt: skip
    answered = [out[0] if out else "no answer" for out in outcomes]
    for n, outcome in enumerate(answered):
        print(f"  upload {n + 1} ({'chunked' if n % 2 else 'Content-Length'}): {outcome}")
    loadgen.write_result(
        args.out,
        {
            "command": loadgen.command_line("stalled_bodies.py", argv),
            "machine": {**loadgen.machine_info(), "granian": loadgen.version_of("granian")},
            "settings": vars(args) | {"out": str(args.out)},
            "probes": rows,
            "uploads": answered,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
