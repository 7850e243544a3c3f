"""The information, form and promotion APIs: resources, field lists, groups, forms, coupon codes."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime

from fakesaas.core.errors import FieldError, NotForCapacity, NotFound, Unprocessable
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.countries import ISO_3166_ALPHA2
from fakesaas.supersaas.domain.queries import Window
from fakesaas.supersaas.domain.records import FieldSpec, Form, Group, Promotion, SuperForm
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind, find_schedule
from fakesaas.supersaas.domain.values import local_to_utc, parse_int

_PROMOTION_CODE = re.compile(r"\A[0-9A-Za-z]+\Z")  # what every SDK checks before sending a code


def resources(ctx: Context, schedule_ref: object) -> list[tuple[int, str]]:
    """Resources of a resource schedule, services of a service schedule (id, name)."""
    ctx.actor.require_admin()
    schedule = find_schedule(ctx.account.schedules, schedule_ref)
    if schedule.kind is ScheduleKind.CAPACITY:
        # The docs: "It is not possible to use this API on a Capacity schedule."
        raise NotForCapacity("Not available for capacity type schedule", "schedule_id")
    if schedule.kind is ScheduleKind.SERVICE:
        return [(service.id, service.name) for service in schedule.services]
    return [(resource.id, resource.name) for resource in schedule.resources]


def field_list(ctx: Context, schedule_ref: object | None) -> list[FieldSpec]:
    """The fields of a schedule's bookings, or without a schedule those of the User object."""
    ctx.actor.require_admin()
    if schedule_ref in (None, ""):
        return _user_fields(list(ctx.account.groups.values()))
    return _booking_fields(find_schedule(ctx.account.schedules, schedule_ref))


def groups(ctx: Context) -> list[Group]:
    ctx.actor.require_admin()
    return sorted(ctx.account.groups.values(), key=lambda group: group.id)


def super_forms(ctx: Context) -> list[SuperForm]:
    ctx.actor.require_forms()
    return sorted(ctx.account.super_forms.values(), key=lambda form: form.id)


def forms(
    ctx: Context, super_form_ref: object, since: datetime | None, user_ref: object | None, window: Window
) -> list[Form]:
    """Filled-in forms of one template, oldest first; ``since`` (UTC) keeps those updated after it."""
    ctx.actor.require_forms()
    template_id = parse_int(super_form_ref)
    if template_id is None or template_id not in ctx.account.super_forms:
        raise NotFound("Form not found", "form_id")
    since_utc = local_to_utc(since, "UTC") if since else None
    user_id = None
    if user_ref not in (None, ""):
        user = ctx.account.users.find_by_any(user_ref)
        if user is None:
            raise Unprocessable([FieldError("User not found", "user")])
        user_id = user.id
    chosen = [
        form
        for form in sorted(ctx.account.forms.values(), key=lambda f: (f.updated_on, f.id))
        if form.super_form_id == template_id
        and not form.deleted
        and (since_utc is None or form.updated_on > since_utc)
        and (user_id is None or form.user_id == user_id)
    ]
    return window.apply(chosen)


def form(ctx: Context, form_ref: object) -> Form:
    ctx.actor.require_forms()
    form_id = parse_int(form_ref)
    found = ctx.account.forms.get(form_id) if form_id is not None else None
    if found is None or found.deleted:
        raise NotFound("Form not found", "id")
    return found


def promotions(ctx: Context, window: Window) -> list[Promotion]:
    ctx.actor.require_admin()
    return window.apply(sorted(ctx.account.promotions.values(), key=lambda p: p.id))


def promotion(ctx: Context, code: object) -> Promotion:
    ctx.actor.require_admin()
    found = ctx.account.promotion_by_code(str(code)) if code not in (None, "") else None
    if found is None:
        raise NotFound("Promotion not found", "promotion_code")
    return found


def duplicate_promotion(ctx: Context, new_code: object, template_code: object) -> Promotion:
    """A new coupon code with the characteristics of ``template_code`` (the docs: "You would need
    to first create a coupon code with the desired characteristics")."""
    ctx.actor.require_admin()
    errors = []
    for name, value in (("id", new_code), ("template_code", template_code)):
        # A JSON true/false is no code, though Python counts bool as an int.
        is_code = isinstance(value, str | int) and not isinstance(value, bool)
        if not is_code or not _PROMOTION_CODE.match(str(value)):
            errors.append(FieldError(f"{name} must be a code of letters and digits", name))
    if errors:
        raise Unprocessable(errors)
    template = ctx.account.promotion_by_code(str(template_code))
    if template is None:
        raise Unprocessable([FieldError("Template code not found", "template_code")])
    if ctx.account.promotion_by_code(str(new_code)) is not None:
        raise Unprocessable([FieldError("Code has already been taken", "id")])
    created = Promotion(ctx.next_id("promotion"), str(new_code), template.description, 0)
    ctx.account.promotions[created.id] = created
    return created


def _choices(pairs: Sequence[tuple[object, str]]) -> tuple[str, ...]:
    return tuple(json.dumps([value, label], ensure_ascii=False) for value, label in pairs)


_COUNTRIES = _choices([(code, code) for code in sorted(ISO_3166_ALPHA2)])


def _user_fields(account_groups: list[Group]) -> list[FieldSpec]:
    return [
        FieldSpec("name", "string", "Login name"),
        FieldSpec("email", "email", "Email"),
        FieldSpec("password", "password", "Password"),
        FieldSpec("full_name", "string", "Name"),
        FieldSpec("address", "text", "Address"),
        FieldSpec("mobile", "phone", "Mobile"),
        FieldSpec("phone", "phone", "Phone"),
        FieldSpec("country", "select", "Country", spec=_COUNTRIES),
        FieldSpec("field_1", "string", "Custom field 1"),
        FieldSpec("field_2", "string", "Custom field 2"),
        FieldSpec("super_field", "string", "Supervisor field", advanced=True),
        FieldSpec("credit", "number", "Credit", advanced=True),
        FieldSpec(
            "role", "select", "Role", True, _choices([(3, "Regular"), (4, "Superuser"), (-1, "Blocked")])
        ),
        FieldSpec("group", "select", "Group", True, _choices([(g.id, g.name) for g in account_groups])),
    ]


def _booking_fields(schedule: Schedule) -> list[FieldSpec]:
    where: list[FieldSpec]
    if schedule.kind is ScheduleKind.RESOURCE:
        where = [
            FieldSpec("start", "datetime", "Start"),
            FieldSpec("finish", "datetime", "Finish"),
            FieldSpec(
                "resource_id",
                "select",
                "Resource",
                spec=_choices([(r.id, r.name) for r in schedule.resources]),
            ),
        ]
    elif schedule.kind is ScheduleKind.CAPACITY:
        where = [FieldSpec("slot_id", "number", "Slot")]
    else:
        services = [(s.id, s.name) for s in schedule.services]
        where = [
            FieldSpec("start", "datetime", "Start"),
            FieldSpec("service_id", "select", "Service", spec=_choices(services)),
        ]
    return [
        *where,
        FieldSpec("full_name", "string", "Name"),
        FieldSpec("email", "email", "Email"),
        FieldSpec("address", "text", "Address"),
        FieldSpec("mobile", "phone", "Mobile"),
        FieldSpec("phone", "phone", "Phone"),
        FieldSpec("country", "select", "Country", spec=_COUNTRIES),
        FieldSpec("field_1_r", "string", "Custom field 1"),
        FieldSpec("field_2_r", "text", "Custom field 2"),
        FieldSpec("description", "text", "Description", advanced=True),
    ]


def list_schedules(ctx: Context) -> list[Schedule]:
    ctx.actor.require_admin()
    return sorted(ctx.account.schedules.values(), key=lambda schedule: schedule.id)
