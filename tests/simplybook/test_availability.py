"""The availability engine through the API: hours, breaks, days off, buffers, capacity, lead
times, the company's timezone, and bookings that block and free time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.simplybook.client import JsonRpcClient, SimplybookClient
from fakesaas.simplybook.domain.companies import Company, Simplybook
from tests.simplybook.support import (
    ANNA,
    BEN,
    CHLOE,
    CLIENT,
    COMPANY,
    HAIRCUT,
    MASSAGE,
    SUNDAY,
    TUESDAY,
    WEDNESDAY,
    rpc_error,
)

ANNA_TUESDAY = ["09:00:00", "11:00:00", "11:30:00"] + [
    f"{h}:{m}:00" for h in range(13, 17) for m in ("00", "30")
]


def slots(public: JsonRpcClient, event: int, unit: int | None, day: str, count: int = 1) -> list[str]:
    return public.getStartTimeMatrix(day, day, event, unit, count)[day]


@pytest.fixture
def demo(state: Simplybook) -> Company:
    company = state.company(COMPANY)
    assert company is not None
    return company


def test_a_providers_slots_skip_bookings_their_buffer_and_the_break(public: JsonRpcClient) -> None:
    """Anna works 09-17 with lunch 12-13; Alice's 10:00 haircut keeps her busy until 10:40
    (30 minutes and a 10-minute buffer), so 09:30 and 10:30 would run into it."""
    assert slots(public, HAIRCUT, ANNA, TUESDAY) == ANNA_TUESDAY


def test_any_provider_is_the_union_of_the_providers(public: JsonRpcClient) -> None:
    anna, ben = slots(public, HAIRCUT, ANNA, TUESDAY), slots(public, HAIRCUT, BEN, TUESDAY)
    assert slots(public, HAIRCUT, None, TUESDAY) == sorted(set(anna) | set(ben))
    assert ben[0] == "10:00:00"
    assert ben[-1] == "17:30:00"


def test_the_matrix_covers_every_date_of_the_range(public: JsonRpcClient) -> None:
    matrix = public.getStartTimeMatrix("2030-01-07", SUNDAY, HAIRCUT, None, 1)
    assert list(matrix) == [f"2030-01-{d:02d}" for d in range(7, 14)]
    assert matrix[SUNDAY] == []
    assert matrix["2030-01-12"][0] == "10:00:00"  # only Ben works on Saturday


def test_past_times_of_today_are_not_offered(public: JsonRpcClient) -> None:
    """The clock says Monday 09:00 in Amsterdam."""
    today = slots(public, HAIRCUT, ANNA, "2030-01-07")
    assert today[0] == "09:00:00"
    assert slots(public, HAIRCUT, ANNA, "2030-01-06") == []


def test_past_times_follow_the_company_timezone(
    api: SimplybookClient, demo: Company, clock: ManualClock
) -> None:
    clock.set(datetime(2030, 1, 7, 15, 10, tzinfo=UTC))  # 16:10 in Amsterdam, 10:10 in New York
    public = api.public
    assert slots(public, HAIRCUT, ANNA, "2030-01-07") == ["16:30:00"]
    demo.settings.params["company_timezone"] = "America/New_York"
    assert slots(public, HAIRCUT, ANNA, "2030-01-07")[:2] == ["10:30:00", "11:00:00"]


def test_capacity_lets_a_provider_take_several_clients(public: JsonRpcClient, api: SimplybookClient) -> None:
    """Chloe takes two clients at once; Bob's 09:00 massage leaves one place."""
    assert "09:00:00" in slots(public, MASSAGE, CHLOE, WEDNESDAY)
    two = slots(public, MASSAGE, CHLOE, WEDNESDAY, 2)
    assert "08:00:00" in two
    assert "08:30:00" not in two
    assert "09:00:00" not in two
    assert "10:00:00" in two
    assert slots(public, MASSAGE, CHLOE, WEDNESDAY, 3) == []
    public.book(MASSAGE, CHLOE, WEDNESDAY, "09:00:00", CLIENT)
    assert "09:00:00" not in slots(public, MASSAGE, CHLOE, WEDNESDAY)


def test_a_booking_blocks_and_its_cancellation_frees(public: JsonRpcClient, api: SimplybookClient) -> None:
    booked = public.book(HAIRCUT, ANNA, TUESDAY, "14:00:00", CLIENT)["bookings"][0]
    after = slots(public, HAIRCUT, ANNA, TUESDAY)
    assert "14:00:00" not in after
    assert "13:30:00" not in after
    assert "14:30:00" not in after
    public.cancelBooking(booked["id"], api.sign(booked["id"], booked["hash"]))
    assert slots(public, HAIRCUT, ANNA, TUESDAY) == ANNA_TUESDAY


def test_a_booking_blocks_its_provider_for_every_service(public: JsonRpcClient) -> None:
    """Ben does haircuts and massages: a massage at 11:00 takes his haircut slots too."""
    public.book(MASSAGE, BEN, TUESDAY, "11:00:00", CLIENT)
    ben = slots(public, HAIRCUT, BEN, TUESDAY)
    assert "11:00:00" not in ben
    assert "11:30:00" not in ben
    assert "12:00:00" in ben


def test_days_off_and_holidays(public: JsonRpcClient, demo: Company) -> None:
    demo.catalog.units[ANNA].days_off = frozenset({date(2030, 1, 8)})
    assert slots(public, HAIRCUT, ANNA, TUESDAY) == []
    assert slots(public, HAIRCUT, BEN, TUESDAY) != []
    demo.holidays = frozenset({date(2030, 1, 8)})
    assert slots(public, HAIRCUT, None, TUESDAY) == []
    with rpc_error(-32053):
        public.book(HAIRCUT, BEN, TUESDAY, "11:00:00", CLIENT)


def test_the_timeframe_sets_the_grid(public: JsonRpcClient, demo: Company) -> None:
    demo.settings.params["timeframe"] = "15"
    anna = slots(public, HAIRCUT, ANNA, TUESDAY)
    assert anna[:3] == ["09:00:00", "09:15:00", "10:45:00"]
    assert public.getTimeframe() == 15


def test_a_service_may_run_over_a_break_or_past_closing_when_the_company_allows(
    public: JsonRpcClient, demo: Company
) -> None:
    demo.catalog.events[HAIRCUT].duration = 60
    plain = slots(public, HAIRCUT, ANNA, TUESDAY)
    assert "11:30:00" not in plain
    assert "16:30:00" not in plain
    assert "16:00:00" in plain
    demo.settings.params["allow_event_breaktime_break"] = "1"
    over_break = slots(public, HAIRCUT, ANNA, TUESDAY)
    assert "11:30:00" in over_break
    assert "16:30:00" not in over_break
    demo.settings.params["allow_event_day_break"] = "1"
    assert "16:30:00" in slots(public, HAIRCUT, ANNA, TUESDAY)


def test_min_and_max_time_till_event(public: JsonRpcClient, demo: Company) -> None:
    demo.settings.params["min_time_till_event"] = "24"  # hours
    assert slots(public, HAIRCUT, ANNA, "2030-01-07") == []
    assert slots(public, HAIRCUT, ANNA, TUESDAY)[0] == "09:00:00"
    with rpc_error(-32056, "Booking is not allowed at this time"):
        public.book(HAIRCUT, ANNA, "2030-01-07", "15:00:00", CLIENT)
    demo.settings.params["max_time_till_event"] = "7"  # days
    assert slots(public, HAIRCUT, ANNA, "2030-01-14") == slots(public, HAIRCUT, ANNA, "2030-01-14")
    assert slots(public, HAIRCUT, ANNA, "2030-01-15") == []
    with rpc_error(-32053):
        public.book(HAIRCUT, ANNA, "2030-01-15", "15:00:00", CLIENT)


def test_provider_durations_of_the_unit_map(public: JsonRpcClient, demo: Company) -> None:
    demo.catalog.events[HAIRCUT].unit_durations = {ANNA: 90}
    assert public.getEventList()["1"]["unit_map"] == {"1": "90", "2": None}
    assert "11:00:00" not in slots(public, HAIRCUT, ANNA, TUESDAY)
    assert public.calculateEndTime("2030-01-08 13:00:00", HAIRCUT, ANNA) == "2030-01-08 14:30:00"


def test_cartesian_matrix_per_provider(public: JsonRpcClient) -> None:
    rows = public.getCartesianStartTimeMatrix(TUESDAY, TUESDAY, HAIRCUT, None, 1)
    assert [(row["provider_id"], row["service_id"]) for row in rows] == [(ANNA, HAIRCUT), (BEN, HAIRCUT)]
    assert rows[0]["timeslots"][TUESDAY] == ANNA_TUESDAY
    only_ben = public.getCartesianStartTimeMatrix(TUESDAY, TUESDAY, HAIRCUT, BEN, 1)
    assert [row["provider_id"] for row in only_ben] == [BEN]


def test_available_time_intervals(public: JsonRpcClient) -> None:
    intervals = public.getAvailableTimeIntervals(TUESDAY, TUESDAY, HAIRCUT)
    assert intervals[TUESDAY]["1"] == [
        {"from": "09:00:00", "to": "10:00:00"},
        {"from": "10:40:00", "to": "12:00:00"},
        {"from": "13:00:00", "to": "17:00:00"},
    ]
    assert intervals[TUESDAY]["2"] == [{"from": "10:00:00", "to": "18:00:00"}]
    chloe = public.getAvailableTimeIntervals(WEDNESDAY, WEDNESDAY, MASSAGE, CHLOE, 2)[WEDNESDAY]["3"]
    assert chloe == [{"from": "08:00:00", "to": "09:00:00"}, {"from": "10:00:00", "to": "14:00:00"}]


def test_available_units_at_a_time(public: JsonRpcClient) -> None:
    assert public.getAvailableUnits(HAIRCUT, "2030-01-08 10:00:00") == [BEN]
    assert public.getAvailableUnits(HAIRCUT, "2030-01-08 09:00:00") == [ANNA]
    assert public.getAvailableUnits(HAIRCUT, "2030-01-13 10:00:00") == []


def test_calculate_end_time(public: JsonRpcClient) -> None:
    assert public.calculateEndTime("2030-01-08 11:30:00", HAIRCUT, ANNA) == "2030-01-08 12:00:00"
    assert public.calculateEndTime("2030-01-08 16:45:00", HAIRCUT, ANNA) is False
    with rpc_error(-32602):
        public.calculateEndTime("08/01/2030 11:30", HAIRCUT, ANNA)


def test_work_calendar(public: JsonRpcClient) -> None:
    chloe = public.getWorkCalendar(2030, 1, CHLOE)
    assert len(chloe) == 31
    assert chloe["2030-01-07"] == {"from": "08:00:00", "to": "14:00:00", "is_day_off": 0}
    assert chloe[TUESDAY] == {"from": "00:00:00", "to": "00:00:00", "is_day_off": 1}
    massage = public.getWorkCalendar(2030, 1, {"event_id": MASSAGE})
    assert massage[TUESDAY] == {"from": "10:00:00", "to": "18:00:00", "is_day_off": 0}
    assert massage["2030-01-07"] == {"from": "08:00:00", "to": "14:00:00", "is_day_off": 0}
    company = public.getWorkCalendar(2030, 1, None)
    assert company["2030-01-12"]["is_day_off"] == 1
    with rpc_error(-32052):
        public.getWorkCalendar(2030, 1, 99)
    with rpc_error(-32602):
        public.getWorkCalendar(2030, 13, None)


def test_first_working_day(api: SimplybookClient, clock: ManualClock) -> None:
    clock.set(datetime(2030, 1, 8, 8, tzinfo=UTC))  # Tuesday
    public = api.public
    assert public.getFirstWorkingDay(CHLOE) == WEDNESDAY
    assert public.getFirstWorkingDay({"unit_group_id": BEN}) == TUESDAY
    assert public.getFirstWorkingDay(None) == TUESDAY


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2030-1-8", TUESDAY),
        ("08.01.2030", TUESDAY),
        (TUESDAY, "2030-02-30"),
        ("2030-01-09", TUESDAY),
        ("", ""),
    ],
)
def test_bad_date_ranges_are_invalid_params(public: JsonRpcClient, first: str, last: str) -> None:
    with rpc_error(-32602):
        public.getStartTimeMatrix(first, last, HAIRCUT, None, 1)


def test_a_range_is_at_most_a_year(public: JsonRpcClient) -> None:
    assert len(public.getStartTimeMatrix("2030-01-01", "2030-12-31", HAIRCUT, ANNA, 1)) == 365
    with rpc_error(-32602):
        public.getStartTimeMatrix("2030-01-01", "2031-01-02", HAIRCUT, ANNA, 1)


def test_unknown_service_or_provider(public: JsonRpcClient) -> None:
    with rpc_error(-32051):
        public.getStartTimeMatrix(TUESDAY, TUESDAY, 99, None, 1)
    with rpc_error(-32052):
        public.getStartTimeMatrix(TUESDAY, TUESDAY, MASSAGE, ANNA, 1)
    with rpc_error(-32010):
        public.getStartTimeMatrix(TUESDAY, TUESDAY, None, None, 1)
