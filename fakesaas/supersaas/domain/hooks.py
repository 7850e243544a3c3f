"""Webhook subscriptions (/api/hooks): triggers, their parents, and which hooks a change fires."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from fakesaas.core.errors import BadRequest, FieldError, NotFound, Unprocessable
from fakesaas.supersaas.domain.changes import Change, ChangeAction, Subject
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.records import Hook, HookRegistry, Parent, Trigger
from fakesaas.supersaas.domain.values import parse_int

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


def list_hooks(ctx: Context) -> list[Hook]:
    ctx.actor.require_admin()
    return list(ctx.account.hooks)


def add_hook(
    ctx: Context,
    event: object,
    parent_ref: object,
    target_url: object,
    refusal: Callable[[str], str | None] | None = None,
) -> Hook:
    """Subscribe ``target_url`` to ``event`` on a parent. A URL that is not http(s), or one that
    ``refusal`` (the emulator's webhook target policy) gives a reason against, is a bad request;
    an unknown trigger or a parent that does not fit it is unprocessable."""
    ctx.actor.require_admin()
    url = _checked_url(target_url)
    reason = refusal(url) if refusal is not None else None
    if reason is not None:
        raise BadRequest(f"Bad request: target_url is not allowed here ({reason})", "target_url")
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
