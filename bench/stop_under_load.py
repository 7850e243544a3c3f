"""What a stop under load keeps of the writes it acknowledged (issue 17, item 3).

    python bench/stop_under_load.py [--trials 20] [--writers 8] [--after 1.5] [--signal TERM|KILL]
                                    [--save-every SECONDS] [--durable] [--threads 1]
                                    [--out bench/results/stop_under_load.json]

Each trial starts ``fakesaas serve --port 0 --seed demo --state FILE`` (plus the flags given) in a
fresh directory, lets ``--writers`` threads POST bookings as fast as they are answered (each on a
kept-alive connection, each booking at a time of its own), sends the signal ``--after`` seconds
later and keeps writing until the server stops answering. Then it reads what was kept: the state
file after SIGTERM; after SIGKILL, the state a restart (same flags) loads, saved by a clean stop.

Prints per trial: the exit status, whether stderr held a Rust panic or a traceback, how many writes
were acknowledged (201) and how many of those are missing from what was kept, and how far back
before the signal the oldest missing one was acknowledged; then the totals. Writes acknowledged
after the signal count like any other. A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import loadgen

FIRST_DAY = datetime(2032, 1, 5, tzinfo=UTC)
SLOTS_PER_DAY = 24  # half hours from 08:00
START_TIMEOUT = 120.0
STOP_TIMEOUT = 120.0


@dataclass(slots=True)
class Trial:
    exit_status: int | None = None
    panic: bool = False
    traceback: bool = False
    acknowledged: list[tuple[int, float]] = field(default_factory=list)  # (booking id, monotonic time)
    signalled_at: float = 0.0
    kept: set[int] = field(default_factory=set)
    errors: int = 0

    @property
    def lost(self) -> list[tuple[int, float]]:
        return [(booking, at) for booking, at in self.acknowledged if booking not in self.kept]

    @property
    def after_signal(self) -> int:
        return sum(at > self.signalled_at for _, at in self.acknowledged)


def body(slot: int) -> bytes:
    start = FIRST_DAY + timedelta(days=slot // SLOTS_PER_DAY, hours=8, minutes=30 * (slot % SLOTS_PER_DAY))
    booking = {
        "start": f"{start:%Y-%m-%d %H:%M:%S}",
        "finish": f"{start + timedelta(minutes=30):%Y-%m-%d %H:%M:%S}",
        "full_name": f"Writer {slot}",
    }
    return json.dumps({"schedule_id": 100001, "booking": booking}).encode()


def writer(port: int, number: int, writers: int, trial: Trial, lock: threading.Lock) -> None:
    """POST bookings until the server stops answering; record each 201 with its time."""
    headers = {"Authorization": loadgen.AUTH, "Content-Type": "application/json"}
    slot = number
    connection: http.client.HTTPConnection | None = None
    failures = 0
    while failures < 20:
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("POST", "/api/bookings.json", body(slot), headers)
            answer = connection.getresponse()
            answer.read()
            at = time.monotonic()
            slot += writers
            failures = 0
            if answer.status == 201:
                booking = int(answer.getheader("location", "").rsplit("/", 1)[1].split(".")[0])
                with lock:
                    trial.acknowledged.append((booking, at))
            else:
                with lock:
                    trial.errors += 1
            if answer.getheader("connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException):
            if connection is not None:
                connection.close()
            connection = None
            failures += 1
            time.sleep(0.05)


def serve(argv: list[str], cwd: Path) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(loadgen.ROOT)},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if " listening on " not in first:
        process.kill()
        raise RuntimeError(f"no start: {first!r} {process.communicate(timeout=30)[1][-2000:]}")
    return process, int(first.rsplit(":", 1)[1])


def kept_ids(state: Path) -> set[int]:
    document = json.loads(state.read_text())
    accounts = document["services"]["supersaas"]["accounts"]
    return {booking["id"] for account in accounts for booking in account["bookings"]}


def run_trial(args: argparse.Namespace, directory: Path) -> Trial:
    state = directory / "state.json"
    argv = [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--seed", "demo"]
    argv += ["--state", str(state), "--threads", str(args.threads)]
    if args.save_every:
        argv += ["--save-every", str(args.save_every)]
    if args.durable:
        argv += ["--durable"]
    trial = Trial()
    process, port = serve(argv, loadgen.ROOT)
    assert process.stdout is not None
    threading.Thread(target=process.stdout.read, daemon=True).start()
    lock = threading.Lock()
    writers = [
        threading.Thread(target=writer, args=(port, n, args.writers, trial, lock), daemon=True)
        for n in range(args.writers)
    ]
    for thread in writers:
        thread.start()
    time.sleep(args.after)
    trial.signalled_at = time.monotonic()
    process.send_signal(signal.SIGTERM if args.signal == "TERM" else signal.SIGKILL)
    try:
        _, err = process.communicate(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    trial.exit_status = process.returncode
    trial.panic = "panicked" in err or "panic" in err.lower()
    trial.traceback = "Traceback" in err
    for thread in writers:
        thread.join()
    if args.signal == "KILL" and (state.exists() or args.durable):
        again, _ = serve(argv, loadgen.ROOT)  # what a restart makes of it, saved by a clean stop
        again.send_signal(signal.SIGTERM)
        again.communicate(timeout=STOP_TIMEOUT)
    trial.kept = kept_ids(state) if state.exists() else set()
    return trial


def _when(back: float) -> str:
    if back >= 0:
        return f"the earliest acknowledged {back:.2f} s before the signal"
    return f"the earliest acknowledged {-back:.2f} s after the signal"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--writers", type=int, default=8, help="threads writing (default 8)")
    parser.add_argument("--after", type=float, default=1.5, help="seconds of writing before the signal")
    parser.add_argument("--signal", choices=("TERM", "KILL"), default="TERM")
    parser.add_argument("--save-every", type=float, help="fakesaas serve --save-every SECONDS")
    parser.add_argument("--durable", action="store_true", help="fakesaas serve --durable")
    parser.add_argument("--threads", type=int, default=1, help="fakesaas serve --threads (default 1)")
    parser.add_argument("--out", type=Path, default=loadgen.BENCH / "results" / "stop_under_load.json")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    for number in range(1, args.trials + 1):
        with tempfile.TemporaryDirectory(prefix="fakesaas-stop-") as scratch:
            trial = run_trial(args, Path(scratch))
        lost = trial.lost
        # How long before the signal the earliest lost write was acknowledged (below 0: after it).
        back = max((trial.signalled_at - at for _, at in lost), default=None)
        row = {
            "trial": number,
            "exit_status": trial.exit_status,
            "panic": trial.panic,
            "traceback": trial.traceback,
            "acknowledged": len(trial.acknowledged),
            "acknowledged_after_signal": trial.after_signal,
            "lost": len(lost),
            "lost_after_signal": sum(at > trial.signalled_at for _, at in lost),
            "lost_back_s": round(back, 3) if back is not None else None,
            "refused": trial.errors,
        }
        rows.append(row)
        print(
            f"trial {number:>2}: exit {trial.exit_status!s:>4}  panic {'yes' if trial.panic else 'no ':<3}"
            f"  traceback {'yes' if trial.traceback else 'no ':<3}  acknowledged {row['acknowledged']:>5}"
            f" ({row['acknowledged_after_signal']} after the signal)  lost {row['lost']:>4}"
            + (f" ({row['lost_after_signal']} acknowledged after the signal; {_when(back)})" if lost else ""),
            flush=True,
        )
    acknowledged = sum(r["acknowledged"] for r in rows)
    lost_total = sum(r["lost"] for r in rows)
    totals = {
        "trials": len(rows),
        "exit_0": sum(r["exit_status"] == 0 for r in rows),
        "panics": sum(r["panic"] for r in rows),
        "tracebacks": sum(r["traceback"] for r in rows),
        "acknowledged": acknowledged,
        "lost": lost_total,
        "lost_share": round(lost_total / acknowledged, 4) if acknowledged else 0.0,
        "lost_after_signal": sum(r["lost_after_signal"] for r in rows),
        "lost_back_max_s": max(
            (r["lost_back_s"] for r in rows if r["lost_back_s"] is not None), default=None
        ),
        "writes_per_s": round(acknowledged / (len(rows) * args.after), 1) if rows else 0.0,
    }
    print(
        f"\n{totals['trials']} trials, SIG{args.signal}: exit 0 in {totals['exit_0']},"
        f" panics {totals['panics']}, tracebacks {totals['tracebacks']};"
        f" {lost_total} of {acknowledged} acknowledged writes lost"
        f" ({totals['lost_share']:.1%}; {totals['lost_after_signal']} of them acknowledged after the signal"
        + (f"; {_when(totals['lost_back_max_s'])}" if lost_total else "")
        + f"); about {totals['writes_per_s']:.0f} writes/s before it"
    )
    loadgen.write_result(
        args.out,
        {
            "command": loadgen.command_line("stop_under_load.py", argv),
            "machine": {**loadgen.machine_info(), "granian": loadgen.version_of("granian")},
            "settings": vars(args) | {"out": str(args.out)},
            "totals": totals,
            "trials": rows,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
