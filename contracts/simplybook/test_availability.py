"""Start-time matrices over the next two weeks: every date present, times on the timeframe grid and
sorted, nothing in the past, and the any-provider matrix the union of the per-provider ones."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from contracts.simplybook.rpc import Company

DAYS = 14


@pytest.fixture(scope="module")
def window(company: Company) -> tuple[str, str]:
    today = date.today()
    return (today + timedelta(days=1)).isoformat(), (today + timedelta(days=DAYS)).isoformat()


@pytest.fixture(scope="module")
def event_ids(company: Company) -> list[int]:
    events = company.public.getEventList() or {}
    return [int(key) for key in list(events)[:2]]


def test_the_matrix_covers_the_range_on_the_grid(
    company: Company, window: tuple[str, str], event_ids
) -> None:
    timeframe = int(company.public.getTimeframe())
    first, last = window
    for event_id in event_ids:
        matrix = company.public.getStartTimeMatrix(first, last, event_id, None, 1)
        assert sorted(matrix) == [
            (date.fromisoformat(first) + timedelta(days=n)).isoformat() for n in range(DAYS)
        ]
        for times in matrix.values():
            assert times == sorted(times)
            for moment in times:
                hours, minutes, seconds = (int(part) for part in moment.split(":"))
                assert seconds == 0
                assert (hours * 60 + minutes) % timeframe == 0


def test_any_provider_is_the_union_of_the_providers(
    company: Company, window: tuple[str, str], event_ids
) -> None:
    first, last = window
    for event_id in event_ids:
        any_provider = company.public.getStartTimeMatrix(first, last, event_id, None, 1)
        rows = company.public.getCartesianStartTimeMatrix(first, last, event_id, None, 1)
        union: dict[str, set[str]] = {day: set() for day in any_provider}
        for row in rows:
            for day, times in row["timeslots"].items():
                union[day].update(times)
        assert {day: sorted(times) for day, times in union.items()} == any_provider


def test_offered_providers_are_available_at_an_offered_time(
    company: Company, window: tuple[str, str], event_ids
) -> None:
    first, last = window
    for event_id in event_ids:
        for row in company.public.getCartesianStartTimeMatrix(first, last, event_id, None, 1):
            offered = [(day, times[0]) for day, times in sorted(row["timeslots"].items()) if times]
            if not offered:
                continue
            day, moment = offered[0]
            units = company.public.getAvailableUnits(event_id, f"{day} {moment}", 1)
            assert int(row["provider_id"]) in [int(u) for u in units]


def test_past_days_offer_nothing(company: Company, event_ids) -> None:
    yesterday = (datetime.now() - timedelta(days=2)).date().isoformat()
    for event_id in event_ids:
        assert company.public.getStartTimeMatrix(yesterday, yesterday, event_id, None, 1) == {yesterday: []}
