"""Racing requests over real HTTP: 32 threads released together by a barrier, their answers kept
in order, shared by every service's race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

import requests

THREADS = 32


def race(call: Callable[[int], requests.Response], threads: int = THREADS) -> list[requests.Response]:
    """Run ``call(i)`` for i in 0..threads-1, all released at once; the answers by index."""
    barrier = threading.Barrier(threads)
    answers: list[requests.Response | None] = [None] * threads
    failures: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            answers[index] = call(index)
        except BaseException as error:  # re-raised below, in the test's thread
            failures.append(error)

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)
    if failures:
        raise failures[0]
    assert all(answer is not None for answer in answers), "a racer never answered"
    return answers  # type: ignore[return-value]
