"""Schedules through the official Python SDK."""

from __future__ import annotations

from typing import TYPE_CHECKING

import SuperSaaS

from tests.support import CLASSES, ROOMS, SERVICES, WORKSHOPS

if TYPE_CHECKING:
    from tests.supersaas.sdk.conftest import Fails, MakeClient


def test_list_answers_the_four_demo_schedules_by_id_and_name(client: SuperSaaS.Client) -> None:
    schedules = client.schedules.list()
    assert all(isinstance(schedule, SuperSaaS.Models.Schedule) for schedule in schedules)
    assert [vars(schedule) for schedule in schedules] == [
        {"id": ROOMS, "name": "Rooms"},
        {"id": CLASSES, "name": "Classes"},
        {"id": SERVICES, "name": "Services"},
        {"id": WORKSHOPS, "name": "Workshops"},
    ]


def test_list_with_an_unknown_account_fails_401(make_client: MakeClient, fails: Fails) -> None:
    failure = fails(lambda: make_client(account="nobody").schedules.list())
    assert (failure.status, failure.reason) == (401, "UNAUTHORIZED")
