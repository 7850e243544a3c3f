"""Unguessable tokens for the services, drawn through the world so a recorded request can be played
again with the very tokens it drew (the durable write journal, fakesaas/durable.py)."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Entropy:
    """``token_hex(n)`` as ``secrets.token_hex``, except on a thread that is recording (each token
    drawn is also kept) or playing back (the recorded tokens come out again, in order)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def token_hex(self, nbytes: int = 32) -> str:
        playback: list[str] | None = getattr(self._local, "playback", None)
        if playback:
            return playback.pop(0)
        token = secrets.token_hex(nbytes)
        recording: list[str] | None = getattr(self._local, "recording", None)
        if recording is not None:
            recording.append(token)
        return token

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        """The tokens this thread draws meanwhile, in order."""
        drawn: list[str] = []
        self._local.recording = drawn
        try:
            yield drawn
        finally:
            self._local.recording = None

    @contextmanager
    def playing(self, tokens: list[str]) -> Iterator[None]:
        """This thread draws ``tokens`` again meanwhile (then fresh ones, if it draws more)."""
        self._local.playback = list(tokens)
        try:
            yield
        finally:
            self._local.playback = None
