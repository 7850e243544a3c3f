"""Who is calling: the administrator, or one user proven by a checksum."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fakesaas.core.errors import PermissionDenied


@dataclass(frozen=True, slots=True)
class Actor:
    """``user_claim`` is the user name a checksum was computed over; None for the administrator.

    The docs: every API action runs as the administrator; a checksum only vouches for calls
    "that relate to a specific user", so it never reaches another user's records.
    """

    user_claim: str | None = None
    # The Form API's checksum, md5(account + key) without a user, reads forms and nothing else.
    forms_only: bool = False

    @property
    def is_admin(self) -> bool:
        return self.user_claim is None and not self.forms_only

    def require_admin(self) -> None:
        if not self.is_admin:
            raise PermissionDenied("A checksum only authorises calls about its own user")

    def may_act_for(self, is_user: Callable[[str], bool]) -> bool:
        """Whether this caller may touch a user's records; ``is_user`` tells if a claim names them."""
        if self.is_admin:
            return True
        return self.user_claim is not None and is_user(self.user_claim)

    def require_forms(self) -> None:
        if not (self.is_admin or self.forms_only):
            raise PermissionDenied("A user checksum does not authorise the Form API")


ADMIN = Actor()
