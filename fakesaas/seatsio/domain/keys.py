"""Keys the API hands out (secret keys, workspace keys, chart and event keys, hold tokens):
deterministic, from a seed and a counter, so the same calls on the same state give the same keys."""

from __future__ import annotations

import hashlib
import threading

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


class KeyMaker:
    """Hands out unique strings. ``position`` and ``seed`` are all there is to it: a state that
    stores both makes the same keys after a reload."""

    def __init__(self, seed: str = "fakesaas-seatsio", position: int = 0) -> None:
        self.seed = seed
        self.position = position
        self._lock = threading.Lock()

    def _digest(self) -> bytes:
        with self._lock:
            self.position += 1
            position = self.position
        return hashlib.sha256(f"{self.seed}:{position}".encode()).digest()

    def uuid(self) -> str:
        """A version-4-shaped UUID: what Seats.io uses for secret keys, workspace and chart keys."""
        raw = bytearray(self._digest()[:16])
        raw[6] = (raw[6] & 0x0F) | 0x40
        raw[8] = (raw[8] & 0x3F) | 0x80
        text = raw.hex()
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def token(self, length: int = 10) -> str:
        """A short base-62 string, as hold tokens look (``wvXbB9MlHt``)."""
        number = int.from_bytes(self._digest(), "big")
        chars = []
        for _ in range(length):
            number, index = divmod(number, len(_ALPHABET))
            chars.append(_ALPHABET[index])
        return "".join(chars)
