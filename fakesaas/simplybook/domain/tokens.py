"""Access tokens of the login service: one hour on the world's clock, checked when used."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

LIFETIME = timedelta(hours=1)  # "access-token has one hour one time" (User API guide)


class TokenKind(Enum):
    PUBLIC = "public"  # getToken: X-Token on the public service
    ADMIN = "admin"  # getUserToken: X-User-Token on the admin service


@dataclass(frozen=True, slots=True)
class Token:
    value: str
    company: str  # login, casefolded
    kind: TokenKind
    expires: datetime  # UTC
    user_id: int | None = None

    def valid_at(self, now: datetime) -> bool:
        return now < self.expires


TokenDraw = Callable[[int], str]  # n bytes -> a hex token: secrets.token_hex, or the world's source


def new_token(
    company: str,
    kind: TokenKind,
    now: datetime,
    user_id: int | None = None,
    draw: TokenDraw = secrets.token_hex,
) -> Token:
    return Token(draw(32), company, kind, now + LIFETIME, user_id)
