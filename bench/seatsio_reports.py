"""How long does a Seats.io event report take on an event of 100,000 seats? In-process, through the
app (Flask's test client: routing, authentication, the domain under the lock, JSON), no socket.

    python bench/seatsio_reports.py [--seats 100000] [--booked 5000] [--repeat 30]

A chart of ``--seats`` seats (rows of 100, four categories, a 500-place GA area), an event with a
channel of 200 seats and ``--booked`` seats booked in orders of four, some held and some not for
sale. Prints, per report, the median and the worst of ``--repeat`` calls in milliseconds and
whether the median is under the goal (50 ms): every summary and deep summary, and the filtered
detailed reports an index answers (a status, an order id). Then what a status change costs with the
index kept up to date, the first report's cost (it builds the index: one walk over the chart), and,
for scale, a detailed report that lists every object. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fakesaas.app import create_app
from fakesaas.core.clock import ManualClock, SystemClock
from fakesaas.core.world import World
from fakesaas.seatsio.domain.sketch import row_label, sketch
from fakesaas.settings import Settings

GOAL_MS = 50.0
KEY = "bench-secret-key"
HEADERS = {"Authorization": "Basic " + base64.b64encode(f"{KEY}:".encode()).decode()}
SUMMARIES = (
    "byStatus",
    "byCategoryKey",
    "byCategoryLabel",
    "bySection",
    "byObjectType",
    "bySelectability",
    "byAvailability",
    "byAvailabilityReason",
    "byChannel",
    "byZone",
)


def build(seats: int, booked: int) -> tuple[object, str]:
    rows = max(1, seats // 100)
    categories = [{"key": n, "label": f"Category {n}", "color": "#5E42ED"} for n in range(1, 5)]
    drawing = sketch(
        {
            "name": "Stadium",
            "rows": rows,
            "seats": min(seats, 100),
            "categories": categories,
            "row_categories": {row_label(r): 1 + r * 4 // rows for r in range(rows)},
            "areas": [{"label": "Field", "capacity": 500, "category": 4}],
        }
    )
    section = {
        "companies": [
            {
                "name": "bench",
                "admin_key": KEY,
                "workspaces": [{"name": "Bench", "charts": [{"key": "stadium", "drawing": drawing}]}],
            }
        ]
    }
    world = World(ManualClock(SystemClock().now()))
    app = create_app(Settings(seed="none"), world)
    world.state("seatsio")  # made on first use
    for service in world.services:
        if service.name == "seatsio":
            service.seed(world.state("seatsio"), section)
    client = app.test_client()
    channel = [f"{row_label(rows - back)}-{n}" for back in (1, 2) for n in range(1, 101)]
    answer = client.post(
        "/seatsio/events",
        data=json.dumps(
            {
                "chartKey": "stadium",
                "eventKey": "match",
                "channels": [{"key": "partners", "name": "Partners", "color": "#00f", "objects": channel}],
            }
        ),
        headers=HEADERS,
    )
    assert answer.status_code == 201, answer.data
    labels = [f"{row_label(n // 100)}-{n % 100 + 1}" for n in range(0, booked * 7, 7)][:booked]
    for start in range(0, len(labels), 4):
        change(client, labels[start : start + 4], "booked", f"order-{start // 4}")
    change(client, [{"objectId": "Field", "quantity": 120}], "booked", "field")
    token = client.post("/seatsio/hold-tokens", headers=HEADERS).get_json()["holdToken"]
    held = [f"{row_label(n)}-50" for n in range(1, min(rows, 300), 3)]
    body = {"events": ["match"], "objects": held, "status": "reservedByToken", "holdToken": token}
    client.post("/seatsio/events/groups/actions/change-object-status", data=json.dumps(body), headers=HEADERS)
    closed = [f"{row_label(n)}-99" for n in range(0, min(rows, 200))]
    body = json.dumps({"objects": closed})
    client.post("/seatsio/events/match/actions/mark-as-not-for-sale", data=body, headers=HEADERS)
    return client, labels[0]


def change(client: object, objects: list[object], status: str, order: str) -> None:
    body = {"events": ["match"], "objects": objects, "status": status, "orderId": order}
    body["ignoreChannels"] = True
    answer = client.post(  # type: ignore[attr-defined]
        "/seatsio/events/groups/actions/change-object-status", data=json.dumps(body), headers=HEADERS
    )
    assert answer.status_code == 204, answer.data


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def get(client: object, path: str) -> Callable[[], object]:
    def call() -> object:
        answer = client.get("/seatsio/reports/events/match" + path, headers=HEADERS)  # type: ignore[attr-defined]
        assert answer.status_code == 200, answer.data
        return answer.data

    return call


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=100_000)
    parser.add_argument("--booked", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    client, first = build(args.seats, args.booked)
    elapsed = time.perf_counter() - started
    print(f"event of {args.seats:,} seats, {args.booked:,} booked: set up in {elapsed:.1f} s")
    print(f"first report (builds the index): {timed(get(client, '/byStatus/summary'), 1)[0]:.0f} ms\n")
    print(f"{'report':<44} {'median ms':>10} {'worst ms':>9}  goal {GOAL_MS:.0f} ms")
    paths = [f"/{name}/summary" for name in SUMMARIES] + [f"/{name}/summary/deep" for name in SUMMARIES]
    paths += ["/byStatus/reservedByToken", "/byOrderId/order-7", "/byLabel/" + first, "/byStatus/booked"]
    missed = 0
    for path in paths:
        times = timed(get(client, path), args.repeat)
        median = statistics.median(times)
        missed += median >= GOAL_MS
        print(f"{path:<44} {median:>10.2f} {max(times):>9.2f}  {'ok' if median < GOAL_MS else 'MISSED'}")
    toggles = iter(range(10_000))

    def book_and_release() -> None:
        n = next(toggles)
        change(client, ["A-2"], "booked" if n % 2 == 0 else "free", "toggle")

    times = timed(book_and_release, args.repeat)
    print(f"\nstatus change with the index kept: median {statistics.median(times):.2f} ms")
    times = timed(lambda: (book_and_release(), get(client, "/byStatus/summary")()), args.repeat)
    print(f"status change, then a summary:     median {statistics.median(times):.2f} ms")
    cold = timed(get(client, "/byLabel"), 1)[0]
    warm = statistics.median(timed(get(client, "/byLabel"), 5))
    print(f"detailed report of every object (byLabel, {args.seats:,} items): {cold:.0f} ms the first time,")
    print(f"  {warm:.0f} ms once each object's entry is written (kept until the object changes)")
    print(f"\n{len(paths) - missed} of {len(paths)} reports under {GOAL_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
