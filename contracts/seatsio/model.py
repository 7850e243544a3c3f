"""A reference model of seat statuses, written from docs.seats.io, independent of the emulator."""

from __future__ import annotations

FREE, BOOKED, HELD = "free", "booked", "reservedByToken"


class Seats:
    def __init__(self, labels: list[str]) -> None:
        self.state: dict[str, tuple[str, str | None]] = {label: (FREE, None) for label in labels}

    def allowed(self, label: str, status: str | None, token: str | None) -> bool:
        current, holder = self.state[label]
        if current == HELD and holder != token:
            return False  # a held object moves only with its hold token
        if status == HELD:
            return current == FREE
        if status == BOOKED:
            return current != BOOKED
        return True  # release

    def apply(self, labels: list[str], status: str | None, token: str | None) -> bool:
        """Whether the change goes through; it goes through for every label or for none."""
        if not all(self.allowed(label, status, token) for label in labels):
            return False
        for label in labels:
            self.state[label] = (HELD, token) if status == HELD else (status or FREE, None)
        return True

    def view(self) -> dict[str, tuple[str, str | None]]:
        return dict(self.state)
