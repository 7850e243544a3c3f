"""Who is calling: the administrator, or one user proven by a checksum."""

from __future__ import annotations

from dataclasses import dataclass

from fakesaas.core.errors import PermissionDenied


@dataclass(frozen=True, slots=True)
class Actor:
    """``user_claim`` is the user name a checksum was computed over; None for the administrator.

    The docs: every API action runs as the administrator; a checksum only vouches for calls
    "that relate to a specific user", so it never reaches another user's records.
    """

    user_claim: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.user_claim is None

    def require_admin(self) -> None:
        if not self.is_admin:
            raise PermissionDenied("A checksum only authorises calls about its own user")


ADMIN = Actor()
