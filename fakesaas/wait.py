"""``fakesaas wait``: return once an emulator answers its health check, quietly (for CI scripts).

    fakesaas serve --port 8080 > fakesaas.log 2>&1 &
    fakesaas wait http://127.0.0.1:8080 --timeout 30 && pytest

Exit 0 as soon as ``URL/_fakesaas/health`` answers 200; exit 1 with one line when it has not within the
timeout. Nothing is printed while waiting.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request

from fakesaas.health import PATH

POLL_SECONDS = 0.05


def add_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    wait = commands.add_parser("wait", help="wait, quietly, until an emulator at URL answers")
    wait.add_argument(
        "url", nargs="?", default="http://127.0.0.1:8080", help="the emulator (default %(default)s)"
    )
    wait.add_argument(
        "--timeout", type=_seconds, default=30.0, metavar="SECONDS", help="give up after (default 30)"
    )


def run(args: argparse.Namespace) -> int:
    url = args.url.rstrip("/") + PATH
    deadline = time.monotonic() + args.timeout
    last = "no answer"
    while True:
        try:
            with urllib.request.urlopen(
                url, timeout=max(0.1, min(2.0, deadline - time.monotonic()))
            ) as answer:
                if answer.status == 200:
                    return 0
                last = f"HTTP {answer.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except (OSError, ValueError) as error:
            last = str(getattr(error, "reason", error))
        if time.monotonic() >= deadline:
            print(f"fakesaas: {url} did not answer within {args.timeout:g} s ({last})", file=sys.stderr)
            return 1
        time.sleep(POLL_SECONDS)


def _seconds(raw: str) -> float:
    try:
        seconds = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {raw!r}") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return seconds
