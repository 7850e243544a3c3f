"""The demo grown to N bookings (``fakesaas generate``), for scale measurements.

The added bookings fill the providers' past working hours, day by day backwards from yesterday (one
per working hour: Anna and Ben give haircuts, Chloe massages), so the days ahead, which the
availability reads look at, hold exactly what the plain demo holds: like is compared with like as
the count grows. Clients come from a pool of 100; the same ``random_seed`` gives the same section.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from fakesaas.simplybook.domain.demo import ANNA_DAYS, BEN_DAYS, CHLOE_DAYS, DEMO_TIMEZONE, demo_section
from fakesaas.simplybook.domain.values import local_now

Progress = Callable[[int, int], None]
CLIENTS = 100
# provider, service, weekdays, first and last start hour (one start per working hour; Anna's lunch
# break is left out)
ROTA = (
    (1, 1, ANNA_DAYS, (9, 10, 11, 13, 14, 15, 16)),
    (2, 1, BEN_DAYS, (10, 11, 12, 13, 14, 15, 16, 17)),
    (3, 2, CHLOE_DAYS, (8, 9, 10, 11, 12, 13)),
)


def scaled_section(
    now: datetime, bookings: int, random_seed: int, progress: Progress | None = None
) -> dict[str, Any]:
    section = demo_section(now)
    company = section["companies"][0]
    chooser = random.Random(random_seed)
    first_client = len(company["clients"]) + 1
    company["clients"] += [
        {"id": first_client + n, "name": f"Client {n:03d}", "email": f"client{n:03d}@example.com"}
        for n in range(CLIENTS)
    ]
    added = company["bookings"]
    yesterday = local_now(now, DEMO_TIMEZONE).date() - timedelta(days=1)
    for count, (unit, event, day, hour) in enumerate(_past_slots(yesterday), 1):
        if count > bookings:
            break
        client = first_client + chooser.randrange(CLIENTS)
        added.append(
            {
                "service": event,
                "provider": unit,
                "client": client,
                "start": f"{day.isoformat()} {hour:02d}:00",
            }
        )
        if progress is not None and (count % 1000 == 0 or count == bookings):
            progress(count, bookings)
    return section


def _past_slots(last: date) -> Iterator[tuple[int, int, date, int]]:
    day = last
    while True:
        for unit, event, weekdays, hours in ROTA:
            if day.weekday() in weekdays:
                for hour in hours:
                    yield unit, event, day, hour
        day -= timedelta(days=1)
