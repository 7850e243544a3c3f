"""Users of an account: the record, its directory (by id, name and foreign key) and its rules."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from fakesaas.core.errors import BadRequest, FieldError, NotFound, PermissionDenied, Unprocessable
from fakesaas.supersaas.domain.attributes import writable_attributes
from fakesaas.supersaas.domain.changes import ChangeAction, Subject
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.records import Role, User, foreign_key
from fakesaas.supersaas.domain.values import check_email, normalise_country, parse_int, text

_TEXT_FIELDS = (
    "name",
    "email",
    "password",
    "full_name",
    "address",
    "mobile",
    "phone",
    "field_1",
    "field_2",
    "super_field",
    "timezone",
)
WRITABLE = frozenset((*_TEXT_FIELDS, "country", "credit", "role", "group"))
READ_ONLY = frozenset(("id", "fk", "created_on", "updated_on", "form", "errors", "webhook"))
_CREDIT = re.compile(r"\A-?\d+(\.\d+)?\Z")


def get_user(ctx: Context, ref: object) -> User:
    user = ctx.account.users.find(ref)
    if user is None:
        raise NotFound("User not found", "id")
    _authorize(ctx, user.name, user)
    return user


def list_users(ctx: Context, limit: int, offset: int) -> list[User]:
    ctx.actor.require_admin()
    return ctx.account.users.ordered()[offset : offset + limit]


def create_user(
    ctx: Context, attributes: Mapping[str, object], fk_ref: str | None, duplicate: str | None, webhook: bool
) -> tuple[User, bool]:
    """Create a user; an existing one (same foreign key, or same name) is updated instead unless
    ``duplicate=raise`` (422) or ``duplicate=ignore`` (left as it is). Returns (user, created)."""
    _check_choice("duplicate", duplicate, ("raise", "ignore"))
    fk = foreign_key(fk_ref) if fk_ref is not None else None
    if fk_ref is not None and fk is None:
        raise NotFound("User not found", "id")
    accepted = writable_attributes(attributes, WRITABLE, READ_ONLY, "User")
    directory = ctx.account.users
    name = text(accepted.get("name"))
    # A foreign key in the path names the user; without one, the name does.
    existing = directory.with_fk(fk) if fk else (directory.named(name) if name else None)
    if existing is not None:
        # Permission first: a checksum caller must not learn whether another user exists.
        _authorize(ctx, existing.name, existing)
        if duplicate == "raise":
            field = "fk" if fk else "name"
            raise Unprocessable(f"{'Foreign key' if fk else 'Name'} has already been taken", field)
        if duplicate == "ignore":
            return existing, False
        return _apply_update(ctx, existing, accepted, webhook), False
    return _insert(ctx, accepted, fk, webhook), True


def update_user(
    ctx: Context, ref: object, attributes: Mapping[str, object], notfound: str | None, webhook: bool
) -> tuple[User | None, bool]:
    """Update the user ``ref`` names. An unknown one is created, as the real API does, unless
    ``notfound=error`` (404) or ``notfound=ignore`` (nothing happens). Returns (user, created)."""
    _check_choice("notfound", notfound, ("error", "ignore"))
    accepted = writable_attributes(attributes, WRITABLE, READ_ONLY, "User")
    user = ctx.account.users.find(ref)
    if user is not None:
        _authorize(ctx, user.name, user)
        return _apply_update(ctx, user, accepted, webhook), False
    if notfound == "error" or (foreign_key(ref) is None and parse_int(ref) is None):
        raise NotFound("User not found", "id")
    if notfound == "ignore":
        return None, False
    return _insert(ctx, accepted, foreign_key(ref), webhook), True


def delete_user(ctx: Context, ref: object, webhook: bool) -> User:
    user = get_user(ctx, ref)
    ctx.account.users.remove(user)
    ctx.record(ChangeAction.DELETE, Subject.USER, user.id, webhook=webhook, item=user)
    return user


def _insert(ctx: Context, accepted: dict[str, object], fk: str | None, webhook: bool) -> User:
    now = ctx.now()
    draft = User(id=0, name="", created_on=now, updated_on=now, fk=fk)
    candidate = _validated(ctx, draft, accepted, creating=True)
    _authorize(ctx, candidate.name, None)
    candidate.id = ctx.next_id("user")
    ctx.account.users.put(candidate)
    ctx.record(ChangeAction.CREATE, Subject.USER, candidate.id, webhook=webhook, item=candidate)
    return candidate


def _apply_update(ctx: Context, user: User, accepted: dict[str, object], webhook: bool) -> User:
    candidate = _validated(ctx, replace(user), accepted, creating=False)
    if candidate.name.casefold() != user.name.casefold():
        _authorize(ctx, candidate.name, None)
    candidate.updated_on = ctx.now()
    ctx.account.users.put(candidate)
    ctx.record(ChangeAction.UPDATE, Subject.USER, candidate.id, webhook=webhook, item=candidate)
    return candidate


def _validated(ctx: Context, user: User, accepted: dict[str, object], creating: bool) -> User:
    """Apply ``accepted`` to ``user`` (a copy) and check every rule; all failures at once."""
    errors: list[FieldError] = []
    for key in _TEXT_FIELDS:
        if key in accepted:
            setattr(user, key, text(accepted[key]))
    if "country" in accepted:
        user.country, error = normalise_country(text(accepted["country"]))
        errors += [error] if error else []
    if "credit" in accepted:
        credit = text(accepted["credit"])
        if credit is None or not _CREDIT.match(credit.strip()):
            errors.append(FieldError("Credit is not a number", "credit"))
        else:
            user.credit = credit.strip()
    if "role" in accepted:
        role = parse_int(accepted["role"])
        if role not in {r.value for r in Role}:
            errors.append(FieldError("Role must be 3 (regular), 4 (superuser) or -1 (blocked)", "role"))
        else:
            user.role = Role(role)
    if "group" in accepted:
        group = accepted["group"]
        group_id = parse_int(group)
        if group in (None, ""):
            user.group = None
        elif group_id is None or group_id not in ctx.account.groups:
            errors.append(FieldError("Group not found", "group"))
        else:
            user.group = group_id
    if not (user.name or "").strip():
        errors.append(FieldError("Name can't be blank", "name"))
    else:
        user.name = user.name.strip()
        same_name = ctx.account.users.named(user.name)
        if same_name is not None and same_name.id != user.id:
            errors.append(FieldError("Name has already been taken", "name"))
    email_error = check_email(user.email)
    errors += [email_error] if email_error else []
    if user.timezone and not ctx.timezone_exists(user.timezone):
        errors.append(FieldError("Timezone is not a known time zone", "timezone"))
    if errors:
        raise Unprocessable(errors)
    return user


def _authorize(ctx: Context, name: str, user: User | None) -> None:
    """A checksum vouches for one user name; it never reaches another user."""

    def names_user(claim: str) -> bool:
        return user.is_named(claim) if user is not None else claim.strip().casefold() == name.casefold()

    if not ctx.actor.may_act_for(names_user):
        raise PermissionDenied("The checksum does not authorise access to this user")


def _check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise BadRequest(f"Bad request: {name} must be one of {', '.join(choices)}", name)
