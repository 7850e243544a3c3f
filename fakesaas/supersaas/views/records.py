"""An account's records as tables and details: its schedules, a booking, a slot and who is in it, users
(paged) and one user's upcoming bookings, forms and filled-in forms."""

from __future__ import annotations

from datetime import datetime
from itertools import islice

from fakesaas.core.panels import Cell, Details, Link, Table, Tone, cell, pager, window
from fakesaas.core.views import Page, Panel, ViewNotFound, ViewQuery
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.records import Booking, Form, Role
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind, Slot
from fakesaas.supersaas.domain.values import format_time, utc_to_local

PAGE = 50  # rows of a table at once
UPCOMING = 20  # a user's next bookings shown, per schedule
_KINDS = {
    ScheduleKind.RESOURCE: "resource",
    ScheduleKind.CAPACITY: "capacity",
    ScheduleKind.SERVICE: "service",
}
_ROLES = {Role.REGULAR: "regular", Role.SUPERUSER: "superuser", Role.BLOCKED: "blocked"}


def accounts_page(state: SuperSaas, query: ViewQuery) -> Page:
    accounts = sorted(state.accounts.values(), key=lambda account: account.name)
    start, stop = window(len(accounts), query.number("offset"), PAGE)
    rows = tuple(
        (
            cell(account.name, Link(account.name, account.name)),
            cell(len(account.schedules)),
            cell(len(account.users)),
            cell(sum(len(account.index.schedule(sid)) for sid in account.schedules)),
            cell(account.api_key, mono=True),
        )
        for account in accounts[start:stop]
    )
    table = Table(
        "Accounts",
        ("Account", "Schedules", "Users", "Bookings", "API key"),
        rows,
        pager(len(accounts), start, stop, PAGE, Link("", "", tuple(query.params.items()))),
        "No accounts: seed some, or reset to the demo.",
    )
    return Page("SuperSaaS", (table,))


def account_page(account: Account, crumbs: tuple[Link, ...], tabs: tuple[Link, ...]) -> Page:
    schedules = sorted(account.schedules.values(), key=lambda schedule: schedule.id)
    rows = tuple(
        (
            cell(schedule.name, Link(schedule.name, f"{account.name}/schedules/{schedule.id}")),
            cell(schedule.id, mono=True),
            cell(_KINDS[schedule.kind] + (", waiting list" if schedule.waitlist else "")),
            cell(schedule.timezone),
            cell(_holds(schedule)),
            cell(f"{len(account.index.schedule(schedule.id)):,}"),
        )
        for schedule in schedules
    )
    panels: list[Panel] = [
        Table(
            "Schedules", ("Schedule", "Id", "Kind", "Time zone", "Holds", "Bookings"), rows, key="schedules"
        )
    ]
    promotions = sorted(account.promotions.values(), key=lambda p: p.id)[:PAGE]
    if promotions:
        panels.append(
            Table(
                "Coupon codes",
                ("Code", "Description", "Used"),
                tuple((cell(p.code, mono=True), cell(p.description), cell(p.usage)) for p in promotions),
                key="promotions",
            )
        )
    groups = sorted(account.groups.values(), key=lambda group: group.id)
    if groups:
        named = tuple((cell(group.name), cell(group.id, mono=True)) for group in groups[:PAGE])
        panels.append(Table("Groups", ("Group", "Id"), named, key="groups"))
    return Page(account.name, tuple(panels), crumbs, tabs)


def _holds(schedule: Schedule) -> str:
    if schedule.kind is ScheduleKind.CAPACITY:
        return f"{len(schedule.slots):,} slots"
    if schedule.kind is ScheduleKind.SERVICE:
        return ", ".join(f"{s.name} ({s.length_minutes} min)" for s in schedule.services)
    names = [resource.name for resource in schedule.resources]
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")


def booking_details(account: Account, schedule: Schedule, booking: Booking, close: Link) -> Details:
    items: list[tuple[str, Cell]] = [("Id", cell(booking.id, mono=True)), ("Schedule", cell(schedule.name))]
    items += [("Start", cell(_time(booking.start))), ("Finish", cell(_time(booking.finish)))]
    resource = schedule.resource_by_id(booking.resource_id)
    if resource is not None:
        items.append(("Resource", cell(resource.name)))
    service = next((s for s in schedule.services if s.id == booking.service_id), None)
    if service is not None:
        items.append(("Service", cell(service.name)))
    slot = schedule.slots.get(booking.slot_id) if booking.slot_id is not None else None
    if slot is not None:
        items.append(("Slot", cell(f"{slot.title or 'Slot'} ({slot.id})")))
    if booking.waitlisted:
        items.append(("Place", cell("on the waiting list", tone=Tone.FULL)))
    user = account.users.by_id.get(booking.user_id) if booking.user_id is not None else None
    if user is not None:
        items.append(("User", cell(user.name, Link(user.name, f"{account.name}/users/{user.id}"))))
    for label, value in (
        ("Name", booking.full_name),
        ("Email", booking.email),
        ("Phone", booking.phone),
        ("Mobile", booking.mobile),
        ("Address", booking.address),
        ("Country", booking.country),
        ("Field 1", booking.field_1_r or booking.field_1),
        ("Field 2", booking.field_2_r or booking.field_2),
        ("Supervisor field", booking.super_field),
        ("Description", booking.description),
        ("Price", booking.price),
        ("Status", booking.status),
    ):
        if value:
            items.append((label, cell(value)))
    if booking.form_id is not None:
        link = Link(str(booking.form_id), f"{account.name}/forms", (("form", str(booking.form_id)),))
        items.append(("Form", cell(booking.form_id, link, mono=True)))
    items.append(("Created (UTC)", cell(_stamp(booking.created_on, booking.created_by))))
    items.append(("Updated (UTC)", cell(_stamp(booking.updated_on, booking.updated_by))))
    title = f"Booking {booking.id}"
    return Details(title, tuple(items), close, key="booking")


def slot_details(
    account: Account,
    schedule: Schedule,
    slot: Slot,
    path: str,
    params: tuple[tuple[str, str], ...],
    close: Link,
) -> list[Panel]:
    seated = sorted(account.index.seated(slot.id))
    waiting = sorted(account.index.waiting(slot.id))
    capacity = f"{slot.capacity}" if slot.capacity else "no limit"
    items = [
        ("Id", cell(slot.id, mono=True)),
        ("Start", cell(_time(slot.start))),
        ("Finish", cell(_time(slot.finish))),
        ("Places", cell(f"{len(seated)} of {capacity} taken")),
        ("Waiting list", cell(f"{len(waiting)} waiting" if waiting else "nobody")),
    ]
    for label, value in (("Location", slot.location), ("About", slot.description)):
        if value:
            items.append((label, cell(value)))
    who = []
    for booking_id in [*seated, *waiting][:PAGE]:
        booking = account.bookings[booking_id]
        link = Link(str(booking.id), path, (*params, ("booking", str(booking.id))))
        place = cell("waiting", tone=Tone.FULL) if booking.waitlisted else cell("seated", tone=Tone.BOOKED)
        who.append((cell(booking.id, link, mono=True), cell(_name(account, booking)), place))
    return [
        Details(slot.title or f"Slot {slot.id}", tuple(items), close, key="slot"),
        Table(
            "In this slot", ("Booking", "Who", "Place"), tuple(who), empty="Nobody yet.", key="slot-bookings"
        ),
    ]


def users_page(account: Account, query: ViewQuery, crumbs: tuple[Link, ...], tabs: tuple[Link, ...]) -> Page:
    users = account.users.ordered()
    start, stop = window(len(users), query.number("offset"), PAGE)
    rows = tuple(
        (
            cell(user.id, mono=True),
            cell(user.name, Link(user.name, f"{account.name}/users/{user.id}")),
            cell(user.full_name),
            cell(user.email),
            cell(_ROLES[user.role], tone=Tone.FULL if user.role is Role.BLOCKED else None),
            cell(account.groups[user.group].name if user.group in account.groups else ""),
            cell(user.fk, mono=True),
        )
        for user in users[start:stop]
    )
    table = Table(
        "Users",
        ("Id", "Name", "Full name", "Email", "Role", "Group", "Foreign key"),
        rows,
        pager(len(users), start, stop, PAGE, Link("", f"{account.name}/users")),
        "No users yet.",
    )
    return Page(f"Users of {account.name}", (table,), crumbs, tabs)


def user_page(
    account: Account, user_ref: str, query: ViewQuery, crumbs: tuple[Link, ...], tabs: tuple[Link, ...]
) -> Page:
    user = account.users.find(user_ref)
    if user is None:
        raise ViewNotFound(f"no user {user_ref} in {account.name}")
    items = [("Id", cell(user.id, mono=True)), ("Name", cell(user.name))]
    for label, value in (
        ("Full name", user.full_name),
        ("Email", user.email),
        ("Phone", user.phone),
        ("Mobile", user.mobile),
        ("Address", user.address),
        ("Country", user.country),
        ("Foreign key", user.fk),
        ("Credit", user.credit),
        ("Role", _ROLES[user.role]),
        ("Group", account.groups[user.group].name if user.group in account.groups else None),
        ("Time zone", user.timezone),
    ):
        if value:
            items.append((label, cell(value)))
    items.append(("Created (UTC)", cell(format_time(user.created_on))))
    rows = []
    for schedule in sorted(account.schedules.values(), key=lambda s: s.id):
        since = utc_to_local(query.now, schedule.timezone)
        upcoming = islice(account.booked(account.index.user(schedule.id, user.id).ids(since)), UPCOMING)
        for booking in upcoming:
            day = booking.start.date().isoformat() if booking.start else ""
            params = (("view", "day"), ("date", day), ("booking", str(booking.id)))
            link = Link(str(booking.id), f"{account.name}/schedules/{schedule.id}", params)
            rows.append(
                (
                    cell(booking.id, link, mono=True),
                    cell(schedule.name),
                    cell(_time(booking.start)),
                    cell(_where(schedule, booking)),
                )
            )
    panels: list[Panel] = [
        Details(user.full_name or user.name, tuple(items), key="user"),
        Table(
            "Upcoming bookings",
            ("Booking", "Schedule", "Start", "Where"),
            tuple(rows),
            key="upcoming",
            empty="Nothing booked from now on.",
        ),
    ]
    return Page(user.name, tuple(panels), crumbs, tabs)


def forms_page(account: Account, query: ViewQuery, crumbs: tuple[Link, ...], tabs: tuple[Link, ...]) -> Page:
    path = f"{account.name}/forms"
    templates = sorted(account.super_forms.values(), key=lambda form: form.id)
    filled = sorted((f for f in account.forms.values() if not f.deleted), key=lambda f: (f.updated_on, f.id))
    counts: dict[int, int] = {}
    for form in filled:
        counts[form.super_form_id] = counts.get(form.super_form_id, 0) + 1
    chosen = query.number("super_form", templates[0].id if templates else 0)
    rows = tuple(
        (
            cell(t.name, Link(t.name, path, (("super_form", str(t.id)),), current=t.id == chosen)),
            cell(t.id, mono=True),
            cell(", ".join(spec.label for spec in t.fields)),
            cell(counts.get(t.id, 0)),
        )
        for t in templates
    )
    panels: list[Panel] = [
        Table("Form templates", ("Form", "Id", "Fields", "Filled in"), rows, key="super-forms")
    ]
    of_chosen = [form for form in filled if form.super_form_id == chosen]
    start, stop = window(len(of_chosen), query.number("offset"), PAGE)
    name = account.super_forms[chosen].name if chosen in account.super_forms else "forms"
    panels.append(
        Table(
            f"Filled in: {name}",
            ("Form", "User", "Booking", "Updated (UTC)", "Content"),
            tuple(_form_row(account, form, path, chosen) for form in of_chosen[start:stop]),
            pager(len(of_chosen), start, stop, PAGE, Link("", path, (("super_form", str(chosen)),))),
            "None filled in yet.",
            key="forms",
        )
    )
    aside: tuple[Panel, ...] = ()
    opened = account.forms.get(query.number("form", -1))
    if opened is not None and not opened.deleted:
        items = [("Id", cell(opened.id, mono=True)), ("Template", cell(opened.super_form_id, mono=True))]
        items += [(key, cell(value)) for key, value in opened.content.items()]
        close = Link("Close", path, (("super_form", str(chosen)),))
        aside = (Details(f"Form {opened.id}", tuple(items), close, key="form"),)
    return Page(f"Forms of {account.name}", tuple(panels), crumbs, tabs, aside)


def _form_row(account: Account, form: Form, path: str, chosen: int) -> tuple[Cell, ...]:
    user = account.users.by_id.get(form.user_id) if form.user_id is not None else None
    link = Link(str(form.id), path, (("super_form", str(chosen)), ("form", str(form.id))))
    content = "; ".join(f"{key}: {value}" for key, value in islice(form.content.items(), 3))
    return (
        cell(form.id, link, mono=True),
        cell(user.name if user else ""),
        cell(form.reservation_process_id or ""),
        cell(format_time(form.updated_on)),
        cell(content),
    )


def _where(schedule: Schedule, booking: Booking) -> str:
    resource = schedule.resource_by_id(booking.resource_id)
    if resource is not None:
        return resource.name
    slot = schedule.slots.get(booking.slot_id) if booking.slot_id is not None else None
    if slot is not None:
        return slot.title or f"slot {slot.id}"
    service = next((s for s in schedule.services if s.id == booking.service_id), None)
    return service.name if service is not None else ""


def _name(account: Account, booking: Booking) -> str:
    user = account.users.by_id.get(booking.user_id) if booking.user_id is not None else None
    return booking.full_name or (user.full_name or user.name if user else "") or booking.name or ""


def _time(moment: datetime | None) -> str:
    return format_time(moment)[:16] if moment is not None else ""


def _stamp(moment: datetime, by: str | None) -> str:
    return format_time(moment) + (f" by {by}" if by else "")
