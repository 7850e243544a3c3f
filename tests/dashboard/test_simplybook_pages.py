"""SimplyBook.me on the dashboard: companies, bookings per provider per day (and a provider's week), a
booking's details, services and providers, clients."""

from __future__ import annotations

import pytest

from fakesaas.core.panels import Calendar, Table, Tone
from fakesaas.core.views import ViewNotFound, ViewQuery
from fakesaas.core.world import World
from fakesaas.dashboard import PREFIX
from fakesaas.simplybook.views import SimplybookViews
from tests.dashboard.support import fetch, text, texts
from tests.support import TOMORROW

SIMPLYBOOK = f"{PREFIX}/simplybook"


def _page(world: World, path: str, **params: str):
    return SimplybookViews("/simplybook").page(
        world.state("simplybook"), ViewQuery(path, params, world.clock.now())
    )


def test_a_day_has_a_column_per_provider_with_its_bookings(app, world) -> None:
    (calendar,) = _page(world, "demo", date=TOMORROW).panels

    assert isinstance(calendar, Calendar)
    assert [column.label for column in calendar.columns] == ["Anna", "Ben", "Chloe"]
    (booking,) = calendar.entries  # the cancelled one is not drawn
    assert (booking.column, booking.start.strftime("%H:%M"), booking.title) == ("1", "10:00", "Alice Example")
    assert booking.lines == ("Haircut", "+10 min buffer")
    assert booking.tone is Tone.BOOKED


def test_a_providers_week_has_a_column_per_day(app, world) -> None:
    (calendar,) = _page(world, "demo", view="week", date=TOMORROW, provider="3").panels

    assert isinstance(calendar, Calendar)
    assert len(calendar.columns) == 7
    assert [(entry.column, entry.title) for entry in calendar.entries] == [("2030-01-09", "Bob Example")]
    assert calendar.choices[0].selected == "3"


def test_a_booking_opens_with_its_service_provider_client_and_state(app, world) -> None:
    page = _page(world, "demo", date=TOMORROW, booking="3")

    (details,) = page.aside
    shown = {label: value.text for label, value in details.items}
    assert shown["State"] == "cancelled"
    assert shown["Provider"] == "Ben"
    assert shown["Client"] == "Bob Example"


def test_services_and_providers_are_listed(app, world) -> None:
    services, providers = _page(world, "demo/catalog").panels

    assert isinstance(services, Table)
    assert [row[1].text for row in services.rows] == ["Haircut", "Massage"]
    assert isinstance(providers, Table)
    assert [(row[1].text, row[2].text) for row in providers.rows] == [
        ("Anna", "1"),
        ("Ben", "1"),
        ("Chloe", "2"),
    ]
    assert "mon 09:00-12:00, 13:00-17:00" in providers.rows[0][3].text


@pytest.mark.parametrize("path", ["nobody", "demo/nothing", "demo/catalog/1"])
def test_an_unknown_page_is_not_found(app, world, path: str) -> None:
    with pytest.raises(ViewNotFound):
        _page(world, path)


def test_the_company_pages_are_drawn(client) -> None:
    index = fetch(client, f"{SIMPLYBOOK}/")
    day = fetch(client, f"{SIMPLYBOOK}/demo?date={TOMORROW}&booking=1")
    clients = fetch(client, f"{SIMPLYBOOK}/demo/clients")

    assert texts(index, "//tbody/tr/td[1]") == ["demo"]
    assert texts(day, "//div[@class='cal-colhead']/strong") == ["Anna", "Ben", "Chloe"]
    assert text(day, "//section[@id='panel-booking']//h2") == "Booking 1"
    assert texts(clients, "//tbody/tr/td[2]") == ["Alice Example", "Bob Example"]
