"""``fakesaas generate``: write a seed file of the demo account grown to N bookings.

    fakesaas generate --bookings 1000000 --out big.json
    fakesaas serve --seed big.json

The file is an ordinary seed document with a section for each service that can grow its demo
(``Service.generate``; SuperSaaS: ``fakesaas/supersaas/domain/scale.py`` says what it holds), so
``/_fakesaas/reset`` goes back to it and every booking in it passes the API's own rules on load.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from fakesaas.core.clock import SystemClock
from fakesaas.progress import ProgressBar
from fakesaas.services import all_services


def add_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    generate = commands.add_parser("generate", help="write a seed file of the demo grown to N bookings")
    generate.add_argument("--bookings", type=_count, required=True, metavar="N", help="bookings to add")
    generate.add_argument("--out", required=True, metavar="FILE", help="where to write the seed (JSON)")
    generate.add_argument(
        "--random-seed", type=int, default=1, metavar="S", help="the same S gives the same file (default 1)"
    )


def run(args: argparse.Namespace) -> int:
    now = SystemClock().now().replace(microsecond=0)
    document: dict[str, Any] = {}
    for service in all_services():
        section = service.generate(
            now, args.bookings, args.random_seed, ProgressBar(f"generating {service.name}")
        )
        if section is not None:
            document[service.name] = section
    target = Path(args.out)
    try:
        with target.open("w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, separators=(",", ":"))
            out.write("\n")
    except OSError as error:
        print(f"fakesaas: cannot write {target}: {error.strerror}", file=sys.stderr)
        return 2
    size = target.stat().st_size / 2**20
    grown = ", ".join(document)
    print(f"fakesaas wrote {target}: the demo of {grown}, bookings {args.bookings:,} added, {size:.1f} MiB")
    return 0


def _count(raw: str) -> int:
    try:
        number = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {raw!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("cannot be negative")
    return number
