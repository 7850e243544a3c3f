"""Credentials in every form the docs allow, turned into an account and an actor.

- HTTP Basic ``account:api_key`` (what every SDK sends) or ``account:admin_password``;
- ``account`` (or ``account_name``) with ``api_key`` or ``password`` as parameters;
- ``Authorization: Bearer <api_key>`` with ``account`` (the official n8n node does this);
- the account may be left out when the call names a schedule (the docs' own examples do): the
  schedule's account is meant, for a password, an API key and a checksum alike;
- ``checksum = md5(account + api_key_or_password + user_name)`` with ``user`` or ``user[name]``,
  which vouches for that one user only; without a user, ``md5(account + key)`` is the Form API's
  checksum and reads forms only. A password, when sent, wins over a checksum.

Missing credentials or an unknown account are 401; a wrong key, password or checksum is 403
(the docs: 403 "if the password or checksum is incorrect").
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from werkzeug.datastructures import Authorization

from fakesaas.core.errors import NotFound, PermissionDenied, Unauthenticated
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.actors import ADMIN, Actor
from fakesaas.supersaas.http.params import Params


@dataclass(frozen=True, slots=True)
class HeaderCredentials:
    """What an ``Authorization`` header carries, read out of werkzeug's parse once: its
    ``username`` and ``password`` are properties that look the value up on every read."""

    type: str
    username: str | None
    password: str | None
    token: str | None

    @classmethod
    def of(cls, parsed: Authorization) -> HeaderCredentials:
        return cls(parsed.type, parsed.username, parsed.password, parsed.token)


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller: whose account, and as whom."""

    account: Account
    actor: Actor


def authenticate(
    backend: SuperSaas, header: HeaderCredentials | None, params: Params, schedule_ref: object | None = None
) -> Principal:
    """``schedule_ref`` is the schedule a call names: a checksum call on a schedule needs no
    ``account`` (the docs ask for one only when the schedule id is left out)."""
    account_name, secret = _credentials(header, params)
    if not account_name and (secret or params.scalar("checksum")) and schedule_ref not in (None, ""):
        # The docs' examples send no account: "the schedule ID" names it (account is needed only
        # "if you omit the schedule ID"); a schedule no account has is 404, as the docs say.
        # Pinned by tests/supersaas/http/test_documented_examples.py.
        owner = backend.account_of_schedule(schedule_ref)
        if owner is None:
            raise NotFound("Not found: no schedule with that id", "schedule_id")
        account_name = owner.name
    if not account_name:
        raise Unauthenticated("Not authorised: send the account name and API key (HTTP Basic or parameters)")
    account = backend.account(account_name)
    if account is None:
        raise Unauthenticated("Not authorised: unknown account")
    if secret:
        if _equal(secret, account.api_key) or _equal(secret, account.password):
            return Principal(account, ADMIN)
        raise PermissionDenied("Not authorised: wrong API key or password")
    checksum = params.scalar("checksum")
    if not checksum:
        raise Unauthenticated("Not authorised: send an API key, a password or a checksum")
    claim = _user_claim(params)
    for name in {account_name, account.name}:
        for key in (account.api_key, account.password):
            if _equal(checksum.lower(), _md5(name, key, claim or "")):
                # Without a user it is the Form API's checksum, md5(account + key).
                actor = Actor(user_claim=claim) if claim else Actor(forms_only=True)
                return Principal(account, actor)
    raise PermissionDenied("Not authorised: wrong checksum")


def authorization(environ: Mapping[str, Any]) -> HeaderCredentials | None:
    """The request's ``Authorization`` header, parsed as ``request.authorization`` parses it."""
    header = environ.get("HTTP_AUTHORIZATION")
    return _parsed_authorization(header) if header else None


@lru_cache(maxsize=256)
def _parsed_authorization(header: str) -> HeaderCredentials | None:
    # A client sends the same header on every call: werkzeug's parse (base64, split, decode) is
    # done once per distinct value.
    parsed = Authorization.from_header(header)
    return HeaderCredentials.of(parsed) if parsed is not None else None


def named_account(header: HeaderCredentials | None, params: Params) -> str | None:
    """The account name a request's credentials give, without checking them."""
    return _credentials(header, params)[0] or None


def _md5(*parts: str) -> str:
    return hashlib.md5("".join(parts).encode()).hexdigest()


def _credentials(header: HeaderCredentials | None, params: Params) -> tuple[str | None, str | None]:
    account = params.scalar("account") or params.scalar("account_name")
    secret = params.scalar("api_key") or params.scalar("password")
    if header is not None and header.type == "basic":
        return header.username or account, header.password or secret
    if header is not None and header.type == "bearer":
        return account, header.token or secret
    return account, secret


def _user_claim(params: Params) -> str | None:
    user = params.get("user")
    if isinstance(user, dict):
        # A body's {"user": {...}} replaces ?user=; the query's name still counts for the checksum.
        user = user.get("name") or params.from_query("user")
    if isinstance(user, int | str) and not isinstance(user, bool) and str(user).strip():
        return str(user)
    return None


def _equal(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())
