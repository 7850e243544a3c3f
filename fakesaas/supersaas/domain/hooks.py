"""Webhook subscriptions (/api/hooks): triggers, their parents, and which hooks a change fires."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fakesaas.core.errors import BadRequest, FieldError, NotFound, Unprocessable
from fakesaas.supersaas.domain.changes import Change, ChangeAction, Subject
from fakesaas.supersaas.domain.values import parse_int

if TYPE_CHECKING:
    from fakesaas.supersaas.domain.accounts import Context


class Parent(Enum):
    """What a hook hangs off: the account itself, one schedule, or one super form."""

    ACCOUNT = "account"
    SCHEDULE = "schedule"
    SUPER_FORM = "super_form"


class Trigger(Enum):
    """The trigger codes the official n8n node offers (research §8)."""

    NEW_USER = "U"
    CHANGED_USER = "M"
    PURCHASE = "P"
    SEND_MAIL = "H"
    NEW_APPOINTMENT = "N"
    CHANGED_APPOINTMENT = "C"
    REMINDER = "R"
    FOLLOW_UP = "F"
    NEW_FORM = "S"
    CHANGED_FORM = "O"

    @property
    def parent(self) -> Parent:
        return _PARENTS[self]


_PARENTS = {
    Trigger.NEW_USER: Parent.ACCOUNT,
    Trigger.CHANGED_USER: Parent.ACCOUNT,
    Trigger.PURCHASE: Parent.ACCOUNT,
    Trigger.SEND_MAIL: Parent.ACCOUNT,
    Trigger.NEW_APPOINTMENT: Parent.SCHEDULE,
    Trigger.CHANGED_APPOINTMENT: Parent.SCHEDULE,
    Trigger.REMINDER: Parent.SCHEDULE,
    Trigger.FOLLOW_UP: Parent.SCHEDULE,
    Trigger.NEW_FORM: Parent.SUPER_FORM,
    Trigger.CHANGED_FORM: Parent.SUPER_FORM,
}

# Which triggers a change fires, and the "event" its payload carries (the values Pipedream's
# handler reads). A "changed" trigger "includes every change, so it also fires on 'new' and
# 'delete'" (the docs).
_FIRES: dict[tuple[Subject, ChangeAction], tuple[tuple[Trigger, ...], str]] = {
    (Subject.USER, ChangeAction.CREATE): ((Trigger.NEW_USER, Trigger.CHANGED_USER), "new"),
    (Subject.USER, ChangeAction.UPDATE): ((Trigger.CHANGED_USER,), "change"),
    (Subject.USER, ChangeAction.DELETE): ((Trigger.CHANGED_USER,), "delete"),
    (Subject.BOOKING, ChangeAction.CREATE): (
        (Trigger.NEW_APPOINTMENT, Trigger.CHANGED_APPOINTMENT),
        "create",
    ),
    (Subject.BOOKING, ChangeAction.UPDATE): ((Trigger.CHANGED_APPOINTMENT,), "edit"),
    (Subject.BOOKING, ChangeAction.DELETE): ((Trigger.CHANGED_APPOINTMENT,), "destroy"),
}


@dataclass(slots=True)
class Hook:
    """One subscription. ``parent_id`` is the account name for account triggers, else an id."""

    id: int
    trigger: Trigger
    parent_id: int | str
    target_url: str
    created_on: datetime


class HookRegistry:
    """The hooks of one account, in the order they were added."""

    def __init__(self) -> None:
        self._hooks: dict[int, Hook] = {}

    def add(self, hook: Hook) -> Hook:
        self._hooks[hook.id] = hook
        return hook

    def get(self, hook_id: int) -> Hook | None:
        return self._hooks.get(hook_id)

    def remove(self, hook_id: int) -> None:
        self._hooks.pop(hook_id, None)

    def __iter__(self) -> Iterator[Hook]:
        return iter(list(self._hooks.values()))

    def __len__(self) -> int:
        return len(self._hooks)


def list_hooks(ctx: Context) -> list[Hook]:
    ctx.actor.require_admin()
    return list(ctx.account.hooks)


def add_hook(ctx: Context, event: object, parent_ref: object, target_url: object) -> Hook:
    """Subscribe ``target_url`` to ``event`` on a parent. A URL that is not http(s) is a bad
    request; an unknown trigger or a parent that does not fit it is unprocessable."""
    ctx.actor.require_admin()
    url = _checked_url(target_url)
    trigger = _trigger(event)
    parent_id = _parent(ctx, trigger, parent_ref)
    hook = Hook(ctx.next_id("hook"), trigger, parent_id, url, ctx.now())
    return ctx.account.hooks.add(hook)


def remove_hook(ctx: Context, hook_ref: object, parent_ref: object | None) -> Hook:
    """Unsubscribe. ``parent_id``, when sent, must be the hook's own parent (else not found)."""
    ctx.actor.require_admin()
    hook_id = parse_int(hook_ref)
    hook = ctx.account.hooks.get(hook_id) if hook_id is not None else None
    if hook is None or (parent_ref not in (None, "") and not _same_parent(hook, parent_ref)):
        raise NotFound("Webhook not found", "id")
    ctx.account.hooks.remove(hook.id)
    return hook


def triggered(registry: HookRegistry, change: Change) -> list[tuple[Hook, str]]:
    """The hooks ``change`` fires, each with its payload's event name. Only changes made with
    ``webhook=true`` fire (the SDK README: "If webhook=true is present it will trigger any
    webhooks connected to the account")."""
    if not change.webhook or (change.subject, change.action) not in _FIRES:
        return []
    triggers, event = _FIRES[(change.subject, change.action)]
    return [
        (hook, event)
        for hook in registry
        if hook.trigger in triggers
        and (hook.trigger.parent is Parent.ACCOUNT or hook.parent_id == change.schedule_id)
    ]


def _checked_url(value: object) -> str:
    url = str(value).strip() if isinstance(value, str | int) else ""
    try:
        parts = urlsplit(url)
        # .port raises ValueError when the port is not a number
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:
        valid = False
    # The real service also refuses localhost targets (400). The emulator accepts loopback
    # targets, because a local receiver is how CI watches webhooks: pinned by
    # tests/supersaas/http/test_hooks.py::test_a_loopback_target_is_accepted_unlike_the_real_service.
    if not valid:
        raise BadRequest("Bad request: target_url must be an http or https URL", "target_url")
    return url


def _trigger(value: object) -> Trigger:
    code = str(value).strip().upper() if isinstance(value, str) else ""
    try:
        return Trigger(code)
    except ValueError:
        codes = ", ".join(t.value for t in Trigger)
        raise Unprocessable([FieldError(f"event must be one of {codes}", "event")]) from None


def _parent(ctx: Context, trigger: Trigger, ref: object) -> int | str:
    kind = trigger.parent
    if kind is Parent.ACCOUNT:
        if isinstance(ref, str) and ref.strip().casefold() == ctx.account.name.casefold():
            return ctx.account.name
        raise Unprocessable([FieldError("parent_id must be the account name for this event", "parent_id")])
    number = parse_int(ref)
    known = ctx.account.schedules if kind is Parent.SCHEDULE else ctx.account.super_forms
    if number is None or number not in known:
        what = "a schedule id" if kind is Parent.SCHEDULE else "a super form id"
        raise Unprocessable([FieldError(f"parent_id must be {what} of this account", "parent_id")])
    return number


def _same_parent(hook: Hook, ref: object) -> bool:
    if isinstance(hook.parent_id, str):
        return str(ref).strip().casefold() == hook.parent_id.casefold()
    return parse_int(ref) == hook.parent_id
