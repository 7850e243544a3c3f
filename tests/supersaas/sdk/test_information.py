"""The information, form and promotion APIs through the official Python SDK: resources, field
lists, groups, super forms, filled-in forms and coupon codes."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

import SuperSaaS

from tests.support import (
    ALICE,
    ALICE_FK,
    ALICE_INTAKE_FORM,
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

if TYPE_CHECKING:
    from tests.supersaas.sdk.conftest import Fails, MakeClient

HAIRCUT, COLOURING = 250001, 250002
MEMBERS, STAFF = 400001, 400002
WELCOME10, SPRING25, TEMPLATE50 = 470001, 470002, 470003
FIELD_KEYS = {"name", "type", "label", "advanced", "spec"}
SEEDED = T0.strftime("%Y-%m-%d %H:%M:%S")
UNKNOWN_SCHEDULE = 999_999


def fields_by_name(fields: list[SuperSaaS.Models.FieldList]) -> dict[str, SuperSaaS.Models.FieldList]:
    assert all(isinstance(field, SuperSaaS.Models.FieldList) for field in fields)
    assert all(set(vars(field)) == FIELD_KEYS for field in fields)
    return {field.name: field for field in fields}


def choices(field: SuperSaaS.Models.FieldList) -> list[list[object]]:
    """The choices of a select: each element of ``spec`` is a JSON document of its own."""
    assert all(isinstance(element, str) for element in field.spec)
    return [json.loads(element) for element in field.spec]


def form_ids(forms: list[SuperSaaS.Models.Form]) -> list[int]:
    assert all(isinstance(form, SuperSaaS.Models.Form) for form in forms)
    return [form.id for form in forms]


def codes(promotions: list[SuperSaaS.Models.Promotion]) -> list[str]:
    assert all(isinstance(promotion, SuperSaaS.Models.Promotion) for promotion in promotions)
    return [promotion.code for promotion in promotions]


# --- schedules: resources and field lists -----------------------------------------------------


def test_resources_of_a_resource_schedule_and_services_of_a_service_schedule(
    client: SuperSaaS.Client,
) -> None:
    rooms = client.schedules.resources(ROOMS)
    assert all(isinstance(resource, SuperSaaS.Models.Resource) for resource in rooms)
    assert [vars(resource) for resource in rooms] == [
        {"id": ROOM_1, "name": "Room 1"},
        {"id": ROOM_2, "name": "Room 2"},
    ]
    assert [vars(service) for service in client.schedules.resources(SERVICES)] == [
        {"id": HAIRCUT, "name": "Haircut"},
        {"id": COLOURING, "name": "Colouring"},
    ]


def test_resources_of_a_capacity_schedule_fail_405(client: SuperSaaS.Client, fails: Fails) -> None:
    for schedule_id in (CLASSES, WORKSHOPS):
        failure = fails(lambda schedule_id=schedule_id: client.schedules.resources(schedule_id))
        assert (failure.status, failure.titles) == (405, ["Not available for capacity type schedule"])


def test_resources_of_an_unknown_schedule_fail_404(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.schedules.resources(UNKNOWN_SCHEDULE))
    assert (failure.status, failure.titles) == (404, ["Schedule not found"])


def test_every_listed_schedule_answers_its_field_list(client: SuperSaaS.Client) -> None:
    placement = {ROOMS: "resource_id", CLASSES: "slot_id", SERVICES: "service_id", WORKSHOPS: "slot_id"}
    listed = client.schedules.list()
    assert [schedule.id for schedule in listed] == list(placement)
    for schedule in listed:
        fields = fields_by_name(client.schedules.field_list(schedule.id))
        assert placement[schedule.id] in fields
        assert {"full_name", "email", "country", "field_1_r", "field_2_r"} <= set(fields)


def test_field_list_of_a_resource_schedule(client: SuperSaaS.Client) -> None:
    fields = fields_by_name(client.schedules.field_list(ROOMS))
    assert list(fields) == [
        "start",
        "finish",
        "resource_id",
        "full_name",
        "email",
        "address",
        "mobile",
        "phone",
        "country",
        "field_1_r",
        "field_2_r",
        "description",
    ]
    assert vars(fields["start"]) == {
        "name": "start",
        "type": "datetime",
        "label": "Start",
        "advanced": False,
        "spec": None,
    }
    resource = fields["resource_id"]
    assert (resource.type, resource.label) == ("select", "Resource")
    assert choices(resource) == [[ROOM_1, "Room 1"], [ROOM_2, "Room 2"]]
    countries = choices(fields["country"])
    assert ["NL", "NL"] in countries
    assert ["GB", "GB"] in countries
    assert fields["description"].advanced is True
    assert fields["email"].type == "email"


def test_field_list_of_capacity_and_service_schedules(client: SuperSaaS.Client) -> None:
    classes = fields_by_name(client.schedules.field_list(CLASSES))
    assert (classes["slot_id"].type, classes["slot_id"].spec) == ("number", None)
    assert "start" not in classes
    assert "resource_id" not in classes
    services = fields_by_name(client.schedules.field_list(SERVICES))
    assert choices(services["service_id"]) == [[HAIRCUT, "Haircut"], [COLOURING, "Colouring"]]
    assert services["start"].type == "datetime"
    assert "finish" not in services


def test_field_list_of_an_unknown_schedule_fails_404(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.schedules.field_list(UNKNOWN_SCHEDULE))
    assert (failure.status, failure.titles) == (404, ["Schedule not found"])


# --- users, groups ----------------------------------------------------------------------------


def test_field_list_of_users(client: SuperSaaS.Client) -> None:
    fields = fields_by_name(client.users.field_list())
    assert list(fields) == [
        "name",
        "email",
        "password",
        "full_name",
        "address",
        "mobile",
        "phone",
        "country",
        "field_1",
        "field_2",
        "super_field",
        "credit",
        "role",
        "group",
    ]
    assert (fields["name"].type, fields["name"].label, fields["name"].spec) == ("string", "Login name", None)
    assert choices(fields["role"]) == [[3, "Regular"], [4, "Superuser"], [-1, "Blocked"]]
    assert choices(fields["group"]) == [[MEMBERS, "Members"], [STAFF, "Staff"]]
    assert ["DE", "DE"] in choices(fields["country"])
    assert [name for name, field in fields.items() if field.advanced] == [
        "super_field",
        "credit",
        "role",
        "group",
    ]


def test_groups_list_the_account_groups(client: SuperSaaS.Client) -> None:
    groups = client.groups.list()
    assert all(isinstance(group, SuperSaaS.Models.Group) for group in groups)
    assert [vars(group) for group in groups] == [
        {"id": MEMBERS, "name": "Members"},
        {"id": STAFF, "name": "Staff"},
    ]
    # The ids are what a user's group is set with.
    client.users.update(BOB, {"group": STAFF})
    assert client.users.get(BOB).group == STAFF


# --- forms ------------------------------------------------------------------------------------


def test_super_forms_list_the_form_templates(client: SuperSaaS.Client) -> None:
    templates = client.forms.forms()
    assert all(isinstance(template, SuperSaaS.Models.SuperForm) for template in templates)
    assert [vars(template) for template in templates] == [
        {"id": INTAKE, "name": "Intake questionnaire"},
        {"id": FEEDBACK, "name": "Feedback"},
    ]


def test_forms_list_answers_the_filled_in_forms_of_one_template(client: SuperSaaS.Client) -> None:
    intake = client.forms.list(INTAKE)
    assert [vars(form) for form in intake] == [
        {
            "id": ALICE_INTAKE_FORM,
            "super_form_id": INTAKE,
            "user_id": ALICE,
            "reservation_process_id": ALICE_YOGA,
            "content": {"experience": "Beginner", "allergies": "None"},
            "deleted": False,
            "created_on": SEEDED,
            "updated_on": SEEDED,
        },
        {
            "id": BOB_INTAKE_FORM,
            "super_form_id": INTAKE,
            "user_id": BOB,
            "reservation_process_id": None,
            "content": {"experience": "Advanced"},
            "deleted": False,
            "created_on": SEEDED,
            "updated_on": SEEDED,
        },
    ]
    (feedback,) = client.forms.list(FEEDBACK)
    assert (feedback.id, feedback.user_id, feedback.content) == (
        CAROL_FEEDBACK_FORM,
        CAROL,
        {"rating": "5", "comments": "Lovely rooms"},
    )


def test_forms_list_filters_by_user(client: SuperSaaS.Client, fails: Fails) -> None:
    assert form_ids(client.forms.list(INTAKE, user=BOB_NAME)) == [BOB_INTAKE_FORM]
    assert form_ids(client.forms.list(INTAKE, user=ALICE_FK)) == [ALICE_INTAKE_FORM]
    assert form_ids(client.forms.list(INTAKE, user=ALICE)) == [ALICE_INTAKE_FORM]
    assert form_ids(client.forms.list(INTAKE, user=CAROL)) == []
    failure = fails(lambda: client.forms.list(INTAKE, user="nobody@example.com"))
    assert (failure.status, failure.titles) == (422, ["User not found"])


def test_forms_list_keeps_forms_updated_after_a_time(client: SuperSaaS.Client) -> None:
    before = T0 - timedelta(seconds=1)
    assert form_ids(client.forms.list(INTAKE, from_time=before)) == [ALICE_INTAKE_FORM, BOB_INTAKE_FORM]
    assert form_ids(client.forms.list(INTAKE, from_time=before.strftime("%Y-%m-%d %H:%M:%S"))) == [
        ALICE_INTAKE_FORM,
        BOB_INTAKE_FORM,
    ]
    assert form_ids(client.forms.list(INTAKE, from_time=T0)) == []
    assert form_ids(client.forms.list(FEEDBACK, from_time=T0 + timedelta(days=1))) == []


def test_forms_list_is_paged_by_limit_and_offset(client: SuperSaaS.Client) -> None:
    assert form_ids(client.forms.list(INTAKE, limit=1)) == [ALICE_INTAKE_FORM]
    assert form_ids(client.forms.list(INTAKE, offset=1)) == [BOB_INTAKE_FORM]
    assert form_ids(client.forms.list(INTAKE, limit=1, offset=1)) == [BOB_INTAKE_FORM]
    assert form_ids(client.forms.list(INTAKE, offset=2)) == []


def test_forms_list_of_an_unknown_template_fails_404(client: SuperSaaS.Client, fails: Fails) -> None:
    for template in (ALICE_INTAKE_FORM, 999_999):
        failure = fails(lambda template=template: client.forms.list(template))
        assert (failure.status, failure.titles) == (404, ["Form not found"])


def test_forms_get_reads_one_form(client: SuperSaaS.Client) -> None:
    form = client.forms.get(CAROL_FEEDBACK_FORM)
    assert isinstance(form, SuperSaaS.Models.Form)
    assert vars(form) == {
        "id": CAROL_FEEDBACK_FORM,
        "super_form_id": FEEDBACK,
        "user_id": CAROL,
        "reservation_process_id": None,
        "content": {"rating": "5", "comments": "Lovely rooms"},
        "deleted": False,
        "created_on": SEEDED,
        "updated_on": SEEDED,
    }
    assert vars(client.forms.get(ALICE_INTAKE_FORM)) == vars(client.forms.list(INTAKE)[0])
    # The form a booking points at.
    assert client.appointments.get(CLASSES, ALICE_YOGA).form_id == ALICE_INTAKE_FORM


def test_forms_get_of_an_unknown_form_fails_404(client: SuperSaaS.Client, fails: Fails) -> None:
    for form_id in (999_999, INTAKE):
        failure = fails(lambda form_id=form_id: client.forms.get(form_id))
        assert (failure.status, failure.titles) == (404, ["Form not found"])


# --- promotions -------------------------------------------------------------------------------


def test_promotions_list_answers_every_code(client: SuperSaaS.Client) -> None:
    promotions = client.promotions.list()
    assert [vars(promotion) for promotion in promotions] == [
        {"id": WELCOME10, "code": "WELCOME10", "description": "10% off your first booking", "usage": 3},
        {"id": SPRING25, "code": "SPRING25", "description": "25% off in spring", "usage": 0},
        {
            "id": TEMPLATE50,
            "code": "TEMPLATE50",
            "description": "50% off (template for one-off codes)",
            "usage": 0,
        },
    ]
    assert codes(promotions) == ["WELCOME10", "SPRING25", "TEMPLATE50"]


def test_promotions_list_is_paged_by_limit_and_offset(client: SuperSaaS.Client) -> None:
    assert codes(client.promotions.list(limit=2)) == ["WELCOME10", "SPRING25"]
    assert codes(client.promotions.list(offset=1)) == ["SPRING25", "TEMPLATE50"]
    assert codes(client.promotions.list(limit=1, offset=2)) == ["TEMPLATE50"]
    assert codes(client.promotions.list(offset=3)) == []


def test_promotion_looks_one_code_up(client: SuperSaaS.Client) -> None:
    (found,) = client.promotions.promotion("SPRING25")
    assert isinstance(found, SuperSaaS.Models.Promotion)
    assert vars(found) == {"id": SPRING25, "code": "SPRING25", "description": "25% off in spring", "usage": 0}
    assert [vars(p) for p in client.promotions.promotion("WELCOME10")] == [vars(client.promotions.list()[0])]


def test_promotion_of_an_unknown_code_fails_404(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.promotions.promotion("NOSUCHCODE"))
    assert (failure.status, failure.titles) == (404, ["Promotion not found"])


def test_duplicate_promotion_code_makes_a_new_unused_code_like_the_template(client: SuperSaaS.Client) -> None:
    assert client.promotions.duplicate_promotion_code("ONEOFF1", "TEMPLATE50") is None
    assert client.promotions.duplicate_promotion_code("FRIEND2", "WELCOME10") is None
    (oneoff,) = client.promotions.promotion("ONEOFF1")
    assert vars(oneoff) == {
        "id": TEMPLATE50 + 1,
        "code": "ONEOFF1",
        "description": "50% off (template for one-off codes)",
        "usage": 0,
    }
    (friend,) = client.promotions.promotion("FRIEND2")
    assert (friend.id, friend.description, friend.usage) == (TEMPLATE50 + 2, "10% off your first booking", 0)
    assert codes(client.promotions.list()) == ["WELCOME10", "SPRING25", "TEMPLATE50", "ONEOFF1", "FRIEND2"]
    # The template is left as it was.
    assert client.promotions.promotion("WELCOME10")[0].usage == 3


def test_duplicate_promotion_code_refuses_a_taken_code_or_unknown_template(
    client: SuperSaaS.Client, fails: Fails
) -> None:
    taken = fails(lambda: client.promotions.duplicate_promotion_code("SPRING25", "TEMPLATE50"))
    assert (taken.status, taken.titles) == (422, ["Code has already been taken"])
    unknown = fails(lambda: client.promotions.duplicate_promotion_code("ONEOFF1", "NOSUCHCODE"))
    assert (unknown.status, unknown.titles) == (422, ["Template code not found"])
    assert codes(client.promotions.list()) == ["WELCOME10", "SPRING25", "TEMPLATE50"]
    (spring,) = client.promotions.promotion("SPRING25")
    assert spring.description == "25% off in spring"
    client.promotions.duplicate_promotion_code("ONEOFF1", "TEMPLATE50")
    again = fails(lambda: client.promotions.duplicate_promotion_code("ONEOFF1", "SPRING25"))
    assert (again.status, again.titles) == (422, ["Code has already been taken"])
    assert client.promotions.promotion("ONEOFF1")[0].description == "50% off (template for one-off codes)"


# --- authorisation ----------------------------------------------------------------------------


def test_information_calls_with_a_wrong_key_fail_403(make_client: MakeClient, fails: Fails) -> None:
    intruder = make_client(api_key="not-the-key")
    for call in (
        lambda: intruder.schedules.resources(ROOMS),
        lambda: intruder.schedules.field_list(ROOMS),
        lambda: intruder.users.field_list(),
        lambda: intruder.groups.list(),
        lambda: intruder.forms.forms(),
        lambda: intruder.forms.list(INTAKE),
        lambda: intruder.forms.get(ALICE_INTAKE_FORM),
        lambda: intruder.promotions.list(),
        lambda: intruder.promotions.promotion("SPRING25"),
        lambda: intruder.promotions.duplicate_promotion_code("ONEOFF1", "TEMPLATE50"),
    ):
        assert fails(call).status == 403
    assert codes(make_client().promotions.list()) == ["WELCOME10", "SPRING25", "TEMPLATE50"]
