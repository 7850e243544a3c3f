"""Reset and stop times of ``fakesaas serve --seed FILE`` on a large seed file.

    python bench/reset.py [--bookings 100000] [--resets 3]

Generates a seed file of the demo grown by N bookings (``fakesaas generate``, into a temporary
folder), starts ``fakesaas serve --seed FILE`` on a free port, and prints: the time from launch to
the first answer (the seed replayed through the API's rules); the time each ``POST
/_fakesaas/reset`` takes once the image of the seeded world is kept (fakesaas/seed_image.py); the
time of a reset after the file's modification time was touched, which makes it replay the file as
every reset did before images; and the time from SIGTERM to exit. The image is written by a forked
child in the background: after the replay the script waits as long as the replay took (at most
``--wait`` seconds) before the next reset, and says so if that reset still replayed.
A measurement, not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from loadgen import Served, free_port, interrupt_on_signals


def timed_reset(url: str) -> float:
    started = time.perf_counter()
    request = urllib.request.Request(url + "/_fakesaas/reset", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=3600) as answer:
        answer.read()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--resets", type=int, default=3)
    parser.add_argument("--wait", type=float, default=1800.0, help="seconds to wait for the image")
    options = parser.parse_args()
    interrupt_on_signals()
    with tempfile.TemporaryDirectory() as folder:
        seed = Path(folder) / "seed.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "fakesaas",
                "generate",
                "--bookings",
                str(options.bookings),
                "--out",
                str(seed),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        launched = time.perf_counter()
        command = [sys.executable, "-m", "fakesaas", "serve", "--port", str(port), "--seed", str(seed)]
        with Served(command) as server:
            server.drain_stdout()
            server.wait_ready(url + "/_fakesaas/health", timeout=3600)
            start = time.perf_counter() - launched
            print(f"bookings added to the demo: {options.bookings:,}")
            print(f"start to first answer (replay): {start:8.2f} s")
            os.utime(seed)  # a touched file is replayed: what every reset did before images
            replay = timed_reset(url)
            print(f"reset, replaying the file:      {replay:8.2f} s")
            # The image of the replayed world is written in the background meanwhile; a reset before
            # it is ready replays again, so wait for as long as the replay took before asking.
            time.sleep(min(replay, options.wait))
            took = timed_reset(url)
            if took >= replay / 3:
                print(f"the image was not ready {min(replay, options.wait):.0f} s after the replay")
            resets = [took] + [timed_reset(url) for _ in range(options.resets - 1)]
            print("reset, from the image:         " + "  ".join(f"{value:6.2f} s" for value in resets))
            print(f"replay / image:                 {replay / min(resets):8.1f} x")
            process = server.process
            stopping = time.perf_counter()
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=600)
            print(f"SIGTERM to exit:                {time.perf_counter() - stopping:8.2f} s")


if __name__ == "__main__":
    main()
