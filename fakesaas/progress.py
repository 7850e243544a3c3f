"""A one-line progress bar on stderr for long loads and generations; quiet for small totals."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30


class ProgressBar:
    """Called as ``bar(done, total)``. Redraws at most once per percent, and only for totals of
    at least ``from_total``: a seed of a few bookings loads before a bar could be read."""

    def __init__(self, label: str, stream: TextIO | None = None, from_total: int = 10_000) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.from_total = from_total
        self._shown = -1
        self._started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if total < self.from_total:
            return
        percent = done * 100 // total
        # A terminal redraws one line; a log gets a line per tenth rather than a hundred.
        terminal = self.stream.isatty()
        step = 1 if terminal else 10
        if self._shown == 100 or (percent // step == self._shown // step and done < total):
            return
        self._shown = percent
        filled = WIDTH * done // total
        elapsed = time.monotonic() - self._started
        start = "\r" if terminal else ""
        bar = "#" * filled + "." * (WIDTH - filled)
        line = f"{start}{self.label} [{bar}] {percent:3d}% {done:,}/{total:,}"
        end = f" in {elapsed:.1f} s\n" if done >= total else ("" if step == 1 else "\n")
        self.stream.write(line + end)
        self.stream.flush()
