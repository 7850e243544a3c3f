"""A tiny reference model of users and resource bookings, written from the docs alone.

It knows four rules: a booking needs start < finish, two bookings on one resource never overlap
(001: a booking that does not pass validation is refused with 422), a deleted object is gone for
good (001: "404 ("Not found") if it (no longer) exists"), and an update changes only what it names
(000: "You only need to specify the attributes you wish to update").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Booking:
    resource: str
    start: datetime
    finish: datetime
    full_name: str | None
    user_id: int | None


@dataclass(frozen=True, slots=True)
class User:
    name: str
    full_name: str
    phone: str | None = None


@dataclass
class Model:
    bookings: dict[int, Booking] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    gone_bookings: set[int] = field(default_factory=set)
    gone_users: set[int] = field(default_factory=set)

    def clashes(self, resource: str, start: datetime, finish: datetime, ignore: int | None = None) -> bool:
        return any(
            other.resource == resource and other.start < finish and start < other.finish
            for booking_id, other in self.bookings.items()
            if booking_id != ignore
        )

    def can_book(self, resource: str, start: datetime, finish: datetime, ignore: int | None = None) -> bool:
        return start < finish and not self.clashes(resource, start, finish, ignore)

    def move(self, booking_id: int, start: datetime, finish: datetime) -> None:
        self.bookings[booking_id] = replace(self.bookings[booking_id], start=start, finish=finish)

    def rename(self, booking_id: int, full_name: str) -> None:
        self.bookings[booking_id] = replace(self.bookings[booking_id], full_name=full_name)

    def delete_booking(self, booking_id: int) -> None:
        del self.bookings[booking_id]
        self.gone_bookings.add(booking_id)

    def update_user(self, user_id: int, **changes: str) -> None:
        self.users[user_id] = replace(self.users[user_id], **changes)

    def delete_user(self, user_id: int) -> None:
        del self.users[user_id]
        self.gone_users.add(user_id)

    def bookings_of(self, user_id: int) -> set[int]:
        return {booking_id for booking_id, b in self.bookings.items() if b.user_id == user_id}
