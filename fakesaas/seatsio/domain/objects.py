"""What an event knows about each object: its status, hold, order, ticket type and extra data.

States are kept only for objects that were ever touched (``Event.states``); every other object
of the chart is free. General-admission areas count places per status and per hold token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FREE = "free"
BOOKED = "booked"
HELD = "reservedByToken"
RESALE = "resale"
NO_TICKET_TYPE = "NO_TICKET_TYPE"  # testRetrieveEventObjectInfos::test_holds


@dataclass(slots=True)
class ObjectState:
    """One object's state in one event. For a GA area ``status`` is what it shows, and
    ``places`` / ``holds`` carry the counts."""

    status: str = FREE
    hold_token: str | None = None
    order_id: str | None = None
    ticket_type: str | None = None
    extra_data: Any = None
    resale_listing_id: str | None = None
    # Where a release takes it back to: free, or resale for objects that were up for resale
    # (the docs, "Release objects").
    released_status: str = FREE
    places: dict[str, int] = field(default_factory=dict)  # GA: status -> places
    holds: dict[str, dict[str, int]] = field(default_factory=dict)  # GA: token -> ticket type -> places

    def copy(self) -> ObjectState:
        return ObjectState(
            self.status,
            self.hold_token,
            self.order_id,
            self.ticket_type,
            self.extra_data,
            self.resale_listing_id,
            self.released_status,
            dict(self.places),
            {token: dict(kinds) for token, kinds in self.holds.items()},
        )

    @property
    def is_blank(self) -> bool:
        """Nothing worth keeping: the same as an object never touched."""
        return (
            self.status == FREE
            and self.hold_token is None
            and self.order_id is None
            and self.ticket_type is None
            and self.extra_data is None
            and self.resale_listing_id is None
            and self.released_status == FREE
            and not self.places
            and not self.holds
        )

    # --- GA counts ---------------------------------------------------------------------------
    @property
    def num_booked(self) -> int:
        return sum(self.places.values())

    @property
    def num_held(self) -> int:
        return sum(sum(kinds.values()) for kinds in self.holds.values())

    def held_by(self, token: str) -> int:
        return sum(self.holds.get(token, {}).values())

    def settle(self, preferred: str) -> None:
        """A GA area's status after a change: ``preferred`` (the status the change gave) while
        places have it; free once no place is taken; else the status most places have.
        testEventReports::test_reportItemPropertiesForGA: 5 booked, then 3 held, shows held."""
        counts = dict(self.places)
        if self.holds:
            counts[HELD] = counts.get(HELD, 0) + self.num_held
        counts = {status: n for status, n in counts.items() if n}
        if not counts:
            self.status = FREE
        elif preferred in counts:
            self.status = preferred
        else:
            self.status = max(counts, key=lambda status: counts[status])

    def tokens(self) -> set[str]:
        """Every hold token that holds (part of) this object."""
        found = set(self.holds)
        if self.hold_token is not None and self.status == HELD:
            found.add(self.hold_token)
        return found


BLANK = ObjectState()
