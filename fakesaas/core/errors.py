"""Domain errors: what went wrong, in words a renderer can show; never an HTTP response.

The tree (statuses are chosen by each service's HTTP layer, not here)::

    DomainError                 code, message, field
    ├── BadRequest              the request cannot be understood (malformed body, unknown attribute)
    ├── NotFound                no such object, or not visible to this account
    ├── Unprocessable           the object fails validation; carries every failed field
    │   └── Unavailable         the time or place is taken (overlap, capacity)
    ├── PermissionDenied        authenticated, but not allowed to touch this object
    └── NotSupported            the operation does not exist for this kind of object
        ├── NotForCapacity      ... on a capacity schedule
        └── NotForService       ... on a service schedule
    Unauthenticated             no credentials, or an unknown account
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class FieldError:
    """One failed rule: the field it concerns (if any) and a sentence a user can read."""

    message: str
    field: str | None = None


class DomainError(Exception):
    """Base of every error the emulated services raise on purpose."""

    code: ClassVar[str] = "error"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def details(self) -> list[FieldError]:
        return [FieldError(self.message, self.field)]


class BadRequest(DomainError):
    code = "bad_request"


class NotFound(DomainError):
    code = "not_found"


class Unprocessable(DomainError):
    """Validation failed; ``errors`` holds every failed rule, not just the first."""

    code = "unprocessable"

    def __init__(self, errors: list[FieldError] | str, field: str | None = None) -> None:
        if isinstance(errors, str):
            errors = [FieldError(errors, field)]
        super().__init__("; ".join(e.message for e in errors), errors[0].field if errors else None)
        self.errors = errors

    @property
    def details(self) -> list[FieldError]:
        return list(self.errors)


class Unavailable(Unprocessable):
    code = "unavailable"


class PermissionDenied(DomainError):
    code = "permission_denied"


class NotSupported(DomainError):
    code = "not_supported"


class NotForCapacity(NotSupported):
    code = "not_for_capacity"


class NotForService(NotSupported):
    code = "not_for_service"


class Unauthenticated(DomainError):
    code = "unauthenticated"
