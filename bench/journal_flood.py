"""Memory and listing time of the request journal under a flood of large requests.

    python bench/journal_flood.py [--requests 12000] [--body-kib 64]

Starts ``fakesaas serve --port 0 --seed demo`` and reads its resident memory (VmRSS) before and after
sending ``--requests`` POSTs of a ``--body-kib`` KiB JSON body each (a booking whose name is that long,
refused 422 by the API, so the world itself does not grow: only the journal could) on one kept-alive
connection; then times ``GET /_fakesaas/requests`` (its default page) and prints its size; then
``DELETE /_fakesaas/requests`` and the memory after it. Linux only (reads /proc). A measurement, not a
test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import requests
from loadgen import Served, interrupt_on_signals


def resident_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=12_000)
    parser.add_argument("--body-kib", type=int, default=64)
    options = parser.parse_args()
    interrupt_on_signals()
    command = [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--seed", "demo"]
    with Served(command) as server:
        url = server.first_line().rsplit(" ", 1)[-1].strip()
        server.drain_stdout()
        server.wait_ready(url + "/_fakesaas/health")
        pid = server.process.pid
        session = requests.Session()
        session.auth = ("demo", "demo-api-key")
        before = resident_mib(pid)
        name = "x" * (options.body_kib * 1024)
        body = json.dumps({"schedule_id": 100001, "booking": {"full_name": name}})
        started = time.perf_counter()
        statuses: dict[int, int] = {}
        for _ in range(options.requests):
            status = session.post(
                url + "/api/bookings.json", data=body, headers={"Content-Type": "application/json"}
            ).status_code
            statuses[status] = statuses.get(status, 0) + 1
        flood_s = time.perf_counter() - started
        flooded = resident_mib(pid)
        started = time.perf_counter()
        listing = requests.get(url + "/_fakesaas/requests", timeout=600)
        listing_s = time.perf_counter() - started
        page = listing.json()
        requests.delete(url + "/_fakesaas/requests", timeout=60)
        time.sleep(0.5)
        cleared = resident_mib(pid)
    sent_mib = options.requests * len(body) / 2**20
    kib = len(body) / 1024
    print(
        f"{options.requests:,} POSTs of {kib:.0f} KiB ({sent_mib:,.0f} MiB) in {flood_s:.1f} s;"
        f" answers {statuses}"
    )
    print(
        f"resident memory: {before:.0f} MiB before, {flooded:.0f} MiB after the flood"
        f" (+{flooded - before:.0f}),"
        f" {cleared:.0f} MiB after DELETE /_fakesaas/requests"
    )
    entries = page.get("requests", page) if isinstance(page, dict) else page
    size = len(listing.content) / 2**20
    print(f"GET /_fakesaas/requests: {size:.2f} MiB, {len(entries)} entries, {listing_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
