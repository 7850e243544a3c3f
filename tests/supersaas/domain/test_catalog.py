"""Information, form and promotion reads and the one promotion write, and who may call them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from fakesaas.core.errors import NotForCapacity, NotFound, PermissionDenied, Unprocessable
from fakesaas.supersaas.domain import catalog
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.actors import Actor
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.queries import Window, recent_changes
from fakesaas.supersaas.domain.records import FieldSpec, Form
from tests.support import (
    ALICE,
    ALICE_FK,
    ALICE_INTAKE_FORM,
    ALICE_NAME,
    ALICE_YOGA,
    BOB,
    BOB_INTAKE_FORM,
    BOB_NAME,
    CAROL,
    CAROL_FEEDBACK_FORM,
    CLASSES,
    FEEDBACK,
    INTAKE,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    T0,
    WORKSHOPS,
)

HAIRCUT, COLOURING = 250001, 250002
MEMBERS, STAFF = 400001, 400002
WELCOME10, SPRING25, TEMPLATE50 = 470001, 470002, 470003
EVERYTHING = Window()
SEED_TIME = T0.astimezone(UTC).replace(tzinfo=None)


@pytest.fixture
def forms_only(backend: SuperSaas, account: Account) -> Context:
    """A caller holding the Form API checksum: md5(account + key) without a user."""
    return Context(backend, account, Actor(forms_only=True))


def choices(spec: FieldSpec) -> list[list[object]]:
    assert spec.spec is not None
    decoded = [json.loads(choice) for choice in spec.spec]
    assert all(isinstance(choice, str) for choice in spec.spec)
    return decoded


def by_name(fields: list[FieldSpec]) -> dict[str, FieldSpec]:
    return {field.name: field for field in fields}


# --- resources ------------------------------------------------------------------------------------


def test_resources_of_a_resource_schedule_are_its_rooms(ctx: Context) -> None:
    assert catalog.resources(ctx, ROOMS) == [(ROOM_1, "Room 1"), (ROOM_2, "Room 2")]
    assert catalog.resources(ctx, str(ROOMS)) == [(ROOM_1, "Room 1"), (ROOM_2, "Room 2")]


def test_resources_of_a_service_schedule_are_its_services(ctx: Context) -> None:
    assert catalog.resources(ctx, SERVICES) == [(HAIRCUT, "Haircut"), (COLOURING, "Colouring")]


@pytest.mark.parametrize("schedule", [CLASSES, WORKSHOPS])
def test_resources_of_a_capacity_schedule_are_not_available(ctx: Context, schedule: int) -> None:
    with pytest.raises(NotForCapacity):
        catalog.resources(ctx, schedule)


@pytest.mark.parametrize("schedule", [999, "abc", None])
def test_resources_of_an_unknown_schedule_are_not_found(ctx: Context, schedule: object) -> None:
    with pytest.raises(NotFound):
        catalog.resources(ctx, schedule)


# --- field_list -----------------------------------------------------------------------------------


def test_every_choice_of_every_field_list_is_a_json_string_of_value_and_label(ctx: Context) -> None:
    for schedule in (None, ROOMS, CLASSES, SERVICES, WORKSHOPS):
        for field in catalog.field_list(ctx, schedule):
            if field.spec is None:
                continue
            decoded = choices(field)
            assert decoded, field.name
            assert all(isinstance(c, list) and len(c) == 2 and isinstance(c[1], str) for c in decoded)


def test_the_resource_field_offers_the_schedules_rooms(ctx: Context) -> None:
    fields = by_name(catalog.field_list(ctx, ROOMS))
    assert choices(fields["resource_id"]) == [[ROOM_1, "Room 1"], [ROOM_2, "Room 2"]]
    assert {"start", "finish", "full_name", "email"} <= set(fields)
    assert "slot_id" not in fields


def test_the_service_field_offers_the_schedules_services(ctx: Context) -> None:
    fields = by_name(catalog.field_list(ctx, SERVICES))
    assert choices(fields["service_id"]) == [[HAIRCUT, "Haircut"], [COLOURING, "Colouring"]]
    assert "finish" not in fields


def test_a_capacity_schedule_is_booked_by_slot(ctx: Context) -> None:
    fields = by_name(catalog.field_list(ctx, CLASSES))
    assert fields["slot_id"].spec is None
    assert not {"start", "finish", "resource_id"} & set(fields)


def test_without_a_schedule_the_field_list_is_that_of_users(ctx: Context) -> None:
    fields = by_name(catalog.field_list(ctx, None))
    assert fields == by_name(catalog.field_list(ctx, ""))
    assert {"name", "email", "password", "full_name", "credit", "role", "group", "country"} <= set(fields)
    assert choices(fields["role"]) == [[3, "Regular"], [4, "Superuser"], [-1, "Blocked"]]
    assert choices(fields["group"]) == [[MEMBERS, "Members"], [STAFF, "Staff"]]
    assert fields["role"].advanced is True
    assert fields["name"].advanced is False


def test_the_country_choice_holds_two_letter_codes(ctx: Context) -> None:
    countries = choices(by_name(catalog.field_list(ctx, ROOMS))["country"])
    assert ["NL", "NL"] in countries
    assert ["GB", "GB"] in countries
    assert all(len(code) == 2 and code.isupper() for code, _ in countries)  # type: ignore[arg-type]


def test_the_field_list_of_an_unknown_schedule_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFound):
        catalog.field_list(ctx, 999)


# --- groups and super forms -----------------------------------------------------------------------


def test_groups_are_listed_in_id_order(ctx: Context) -> None:
    assert [(g.id, g.name) for g in catalog.groups(ctx)] == [(MEMBERS, "Members"), (STAFF, "Staff")]


def test_super_forms_are_the_form_templates(ctx: Context) -> None:
    templates = catalog.super_forms(ctx)
    assert [(f.id, f.name) for f in templates] == [(INTAKE, "Intake questionnaire"), (FEEDBACK, "Feedback")]
    assert [f.name for f in templates[0].fields] == ["experience", "allergies"]


# --- forms ----------------------------------------------------------------------------------------


def form_ids(ctx: Context, template: object, since: datetime | None = None, **kw: object) -> list[int]:
    user = kw.pop("user", None)
    window = kw.pop("window", EVERYTHING)
    assert not kw
    return [form.id for form in catalog.forms(ctx, template, since, user, window)]  # type: ignore[arg-type]


def test_forms_of_a_template_are_listed_oldest_first(ctx: Context) -> None:
    assert form_ids(ctx, INTAKE) == [ALICE_INTAKE_FORM, BOB_INTAKE_FORM]
    assert form_ids(ctx, str(FEEDBACK)) == [CAROL_FEEDBACK_FORM]


def test_forms_are_ordered_by_when_they_were_last_updated(ctx: Context, account: Account) -> None:
    account.forms[ALICE_INTAKE_FORM].updated_on = T0 + timedelta(hours=1)
    assert form_ids(ctx, INTAKE) == [BOB_INTAKE_FORM, ALICE_INTAKE_FORM]


def test_forms_since_a_time_are_those_updated_strictly_after_it(ctx: Context, account: Account) -> None:
    account.forms[BOB_INTAKE_FORM].updated_on = T0 + timedelta(minutes=5)
    assert form_ids(ctx, INTAKE, SEED_TIME - timedelta(seconds=1)) == [ALICE_INTAKE_FORM, BOB_INTAKE_FORM]
    assert form_ids(ctx, INTAKE, SEED_TIME) == [BOB_INTAKE_FORM]
    assert form_ids(ctx, INTAKE, SEED_TIME + timedelta(minutes=5)) == []


@pytest.mark.parametrize(("user", "expected"), [(BOB, [BOB_INTAKE_FORM]), (ALICE_FK, [ALICE_INTAKE_FORM])])
def test_forms_can_be_narrowed_to_one_user(ctx: Context, user: object, expected: list[int]) -> None:
    assert form_ids(ctx, INTAKE, user=user) == expected
    assert form_ids(ctx, INTAKE, user=BOB_NAME) == [BOB_INTAKE_FORM]


def test_forms_of_a_user_without_any_are_an_empty_list(ctx: Context) -> None:
    assert form_ids(ctx, INTAKE, user=CAROL) == []


def test_forms_for_an_unknown_user_are_unprocessable(ctx: Context) -> None:
    with pytest.raises(Unprocessable, match="User not found"):
        form_ids(ctx, INTAKE, user="nobody@example.com")


@pytest.mark.parametrize("template", [999, "abc", None, "", ALICE_INTAKE_FORM])
def test_forms_of_an_unknown_template_are_not_found(ctx: Context, template: object) -> None:
    with pytest.raises(NotFound):
        form_ids(ctx, template)


def test_a_window_pages_through_forms(ctx: Context) -> None:
    assert form_ids(ctx, INTAKE, window=Window(limit=1)) == [ALICE_INTAKE_FORM]
    assert form_ids(ctx, INTAKE, window=Window(limit=1, offset=1)) == [BOB_INTAKE_FORM]


def test_a_deleted_form_is_neither_listed_nor_found(ctx: Context, account: Account) -> None:
    account.forms[BOB_INTAKE_FORM].deleted = True
    assert form_ids(ctx, INTAKE) == [ALICE_INTAKE_FORM]
    with pytest.raises(NotFound):
        catalog.form(ctx, BOB_INTAKE_FORM)


def test_a_form_attached_to_a_booking_is_found_by_id_with_its_content(ctx: Context, account: Account) -> None:
    found = catalog.form(ctx, ALICE_INTAKE_FORM)
    assert found == Form(
        ALICE_INTAKE_FORM,
        INTAKE,
        T0,
        T0,
        ALICE,
        ALICE_YOGA,
        {"experience": "Beginner", "allergies": "None"},
        False,
    )
    assert account.bookings[ALICE_YOGA].form_id == ALICE_INTAKE_FORM


def test_a_stand_alone_form_is_found_by_an_id_given_as_text(ctx: Context) -> None:
    found = catalog.form(ctx, str(BOB_INTAKE_FORM))
    assert (found.user_id, found.reservation_process_id, found.content) == (
        BOB,
        None,
        {"experience": "Advanced"},
    )


def test_a_users_form_is_attached_to_the_user(ctx: Context, account: Account) -> None:
    assert account.users.by_id[CAROL].form_id == CAROL_FEEDBACK_FORM
    assert catalog.form(ctx, CAROL_FEEDBACK_FORM).content == {"rating": "5", "comments": "Lovely rooms"}


@pytest.mark.parametrize("ref", [999, "abc", None, INTAKE])
def test_an_unknown_form_is_not_found(ctx: Context, ref: object) -> None:
    with pytest.raises(NotFound):
        catalog.form(ctx, ref)


# --- promotions -----------------------------------------------------------------------------------


def test_promotions_are_listed_in_id_order_and_paged(ctx: Context) -> None:
    listed = catalog.promotions(ctx, EVERYTHING)
    assert [(p.id, p.code, p.usage) for p in listed] == [
        (WELCOME10, "WELCOME10", 3),
        (SPRING25, "SPRING25", 0),
        (TEMPLATE50, "TEMPLATE50", 0),
    ]
    assert [p.code for p in catalog.promotions(ctx, Window(limit=1, offset=1))] == ["SPRING25"]
    assert catalog.promotions(ctx, Window(offset=3)) == []


def test_a_promotion_is_found_by_its_code(ctx: Context) -> None:
    found = catalog.promotion(ctx, "SPRING25")
    assert (found.id, found.description, found.usage) == (SPRING25, "25% off in spring", 0)


@pytest.mark.parametrize("code", ["NOPE", "", None, "SPRING2"])
def test_an_unknown_promotion_code_is_not_found(ctx: Context, code: object) -> None:
    with pytest.raises(NotFound):
        catalog.promotion(ctx, code)


def test_duplicating_a_promotion_copies_the_template_under_a_new_code(ctx: Context) -> None:
    created = catalog.duplicate_promotion(ctx, "ONEOFF50", "TEMPLATE50")
    assert (created.id, created.code, created.usage) == (TEMPLATE50 + 1, "ONEOFF50", 0)
    assert created.description == catalog.promotion(ctx, "TEMPLATE50").description
    assert catalog.promotion(ctx, "ONEOFF50") == created
    assert [p.code for p in catalog.promotions(ctx, EVERYTHING)][-1] == "ONEOFF50"


def test_a_duplicate_starts_unused_even_from_a_used_template(ctx: Context) -> None:
    created = catalog.duplicate_promotion(ctx, 2040, "WELCOME10")
    assert (created.code, created.usage) == ("2040", 0)
    assert catalog.promotion(ctx, "WELCOME10").usage == 3


@pytest.mark.parametrize(
    ("new_code", "template", "message", "field"),
    [
        ("FRESH1", "NOSUCH", "Template code not found", "template_code"),
        ("SPRING25", "TEMPLATE50", "Code has already been taken", "id"),
        ("TEMPLATE50", "TEMPLATE50", "Code has already been taken", "id"),
        ("NEW-10", "TEMPLATE50", "id must be a code of letters and digits", "id"),
        ("", "TEMPLATE50", "id must be a code of letters and digits", "id"),
        (None, "TEMPLATE50", "id must be a code of letters and digits", "id"),
        ("NEW 10", "TEMPLATE50", "id must be a code of letters and digits", "id"),
        ("FRESH1", "TEMPLATE 50", "template_code must be a code of letters and digits", "template_code"),
        ("FRESH1", None, "template_code must be a code of letters and digits", "template_code"),
    ],
)
def test_duplicating_a_promotion_is_refused_and_changes_nothing(
    ctx: Context, account: Account, new_code: object, template: object, message: str, field: str
) -> None:
    before = [(p.id, p.code, p.usage) for p in account.promotions.values()]
    with pytest.raises(Unprocessable) as exc:
        catalog.duplicate_promotion(ctx, new_code, template)
    assert [(e.message, e.field) for e in exc.value.errors] == [(message, field)]
    assert [(p.id, p.code, p.usage) for p in account.promotions.values()] == before


def test_both_malformed_codes_are_reported_at_once(ctx: Context) -> None:
    with pytest.raises(Unprocessable) as exc:
        catalog.duplicate_promotion(ctx, "a-b", ["TEMPLATE50"])
    assert [e.field for e in exc.value.errors] == ["id", "template_code"]


# --- who may call ---------------------------------------------------------------------------------


def test_the_form_api_checksum_reads_forms_and_templates(forms_only: Context) -> None:
    assert [f.id for f in catalog.super_forms(forms_only)] == [INTAKE, FEEDBACK]
    assert form_ids(forms_only, INTAKE) == [ALICE_INTAKE_FORM, BOB_INTAKE_FORM]
    assert catalog.form(forms_only, CAROL_FEEDBACK_FORM).user_id == CAROL


ADMIN_ONLY: list[tuple[str, Callable[[Context], object]]] = [
    ("resources", lambda c: catalog.resources(c, ROOMS)),
    ("field_list", lambda c: catalog.field_list(c, ROOMS)),
    ("user field_list", lambda c: catalog.field_list(c, None)),
    ("groups", catalog.groups),
    ("promotions", lambda c: catalog.promotions(c, EVERYTHING)),
    ("promotion", lambda c: catalog.promotion(c, "SPRING25")),
    ("duplicate_promotion", lambda c: catalog.duplicate_promotion(c, "FRESH1", "TEMPLATE50")),
    ("recent_changes", lambda c: recent_changes(c, ROOMS, None, None, None, EVERYTHING)),
]


@pytest.mark.parametrize("call", [call for _, call in ADMIN_ONLY], ids=[name for name, _ in ADMIN_ONLY])
def test_the_form_api_checksum_reaches_nothing_but_forms(
    forms_only: Context, account: Account, call: Callable[[Context], object]
) -> None:
    with pytest.raises(PermissionDenied):
        call(forms_only)
    assert "FRESH1" not in {p.code for p in account.promotions.values()}


@pytest.mark.parametrize("call", [call for _, call in ADMIN_ONLY], ids=[name for name, _ in ADMIN_ONLY])
def test_a_user_checksum_reaches_no_information_api(
    as_user: Callable[[str], Context], call: Callable[[Context], object]
) -> None:
    with pytest.raises(PermissionDenied):
        call(as_user(ALICE_NAME))


FORM_CALLS: list[tuple[str, Callable[[Context], object]]] = [
    ("super_forms", catalog.super_forms),
    ("forms", lambda c: catalog.forms(c, INTAKE, None, None, EVERYTHING)),
    ("own forms", lambda c: catalog.forms(c, INTAKE, None, ALICE, EVERYTHING)),
    ("form", lambda c: catalog.form(c, ALICE_INTAKE_FORM)),
]


@pytest.mark.parametrize("call", [call for _, call in FORM_CALLS], ids=[name for name, _ in FORM_CALLS])
def test_a_user_checksum_does_not_open_the_form_api(
    as_user: Callable[[str], Context], call: Callable[[Context], object]
) -> None:
    with pytest.raises(PermissionDenied):
        call(as_user(ALICE_NAME))
