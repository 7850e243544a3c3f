"""The dashboard in a real browser, used as a person uses it: book through the official SDK and watch the
booking appear; steer the clock, add a fault and see the next SDK call fail; filter the journal and open
a request; click a seat; sign in; read it on a phone. Each test leaves a screenshot in build/screenshots/.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import seatsio
import SuperSaaS
from seatsio.exceptions import SeatsioException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from fakesaas import create_app
from fakesaas.core.clock import VirtualClock
from fakesaas.core.world import World
from fakesaas.seeding import reset_world
from fakesaas.server import ThreadedServer
from fakesaas.services import all_services
from fakesaas.settings import Settings
from fakesaas.simplybook.client import SimplybookClient
from tests.dashboard.browser import PHONE, chromium, screenshot, wait_for
from tests.dashboard.venue import Venue, VenueService
from tests.support import ACCOUNT, API_KEY, ROOMS, T0, TOMORROW

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Served:
    url: str
    world: World
    clock: VirtualClock


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    """The demo, a hand-made venue beside it, on a clock that runs from T0 like a real one."""
    clock = VirtualClock()
    clock.set(T0)
    world = World(clock)
    app = create_app(Settings(seed="demo"), world, services=[*all_services(), VenueService(3, 8, 20)])
    with ThreadedServer(app) as server:
        yield Served(server.url, world, clock)


@pytest.fixture(autouse=True)
def fresh(served: Served) -> None:
    served.clock.reset()
    served.clock.set(T0)
    reset_world(served.world, "demo")
    served.world.faults.clear()
    served.world.journal.clear()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium() as driver:
        yield driver


@pytest.fixture
def sdk(served: Served, monkeypatch: pytest.MonkeyPatch) -> SuperSaaS.Client:
    """The official Python SDK, configured from its environment as an application would be."""
    monkeypatch.setenv("SSS_API_HOST", served.url)
    monkeypatch.setenv("SSS_API_ACCOUNT_NAME", ACCOUNT)
    monkeypatch.setenv("SSS_API_KEY", API_KEY)
    client = SuperSaaS.Client(SuperSaaS.Configuration())
    client.rate_limiter.throttle = lambda: None  # the SDK's own pacing, not what is under test
    return client


def _venue(served: Served) -> Venue:
    return served.world.state("venue")  # type: ignore[no-any-return]


def _titles(browser: WebDriver, column: str) -> list[str]:
    selector = f"div.cal-col[aria-label='{column}'] .cal-title"
    return [element.text for element in browser.find_elements(By.CSS_SELECTOR, selector)]


def test_a_booking_made_with_the_sdk_appears_in_the_calendar_and_opens(served, browser, sdk) -> None:
    browser.get(f"{served.url}/dashboard/supersaas/demo/schedules/{ROOMS}?date={TOMORROW}")
    assert _titles(browser, "Room 2") == ["Bob Baker"]

    when = {"start": f"{TOMORROW} 11:00:00", "finish": f"{TOMORROW} 12:30:00"}
    who = {"full_name": "Sam Sdk", "email": "sam@example.com"}
    sdk.appointments.create(ROOMS, None, {**when, **who, "resource_id": "Room 2"})

    # No reload: the page polls and redraws the calendar when it changes.
    wait_for(browser, lambda b: _titles(b, "Room 2") == ["Sam Sdk", "Bob Baker"], what="the new booking")
    browser.find_element(By.XPATH, "//span[@class='cal-title'][.='Sam Sdk']/ancestor::a").click()
    details = wait_for(browser, lambda b: b.find_element(By.ID, "panel-booking"))
    assert "sam@example.com" in details.text
    assert "11:00" in details.text
    screenshot(browser, "calendar-booking-from-sdk")


def test_a_simplybook_booking_appears_under_its_provider(served, browser) -> None:
    api = SimplybookClient(f"{served.url}/simplybook", "demo", api_key="demo-api-key")
    browser.get(f"{served.url}/dashboard/simplybook/demo?date={TOMORROW}")
    assert _titles(browser, "Ben") == []

    api.public.book(1, 2, TOMORROW, "15:00:00", {"name": "Rpc Client", "email": "rpc@example.com"})

    wait_for(browser, lambda b: _titles(b, "Ben") == ["Rpc Client"], what="the booking under Ben")
    browser.find_element(By.XPATH, "//span[@class='cal-title'][.='Rpc Client']/ancestor::a").click()
    details = wait_for(browser, lambda b: b.find_element(By.ID, "panel-booking"))
    assert "rpc@example.com" in details.text
    assert "Haircut" in details.text
    screenshot(browser, "simplybook-day-booking")


@pytest.fixture
def receiver() -> Iterator[str]:
    """A webhook receiver on loopback that takes every POST with 204."""

    class Took(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Took)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hook"
    finally:
        server.shutdown()
        server.server_close()


def test_a_webhook_delivery_shows_with_its_payload(served, browser, receiver) -> None:
    hook = {"event": "U", "parent_id": ACCOUNT, "target_url": receiver}
    assert requests.post(f"{served.url}/api/hooks.json", json=hook, auth=(ACCOUNT, API_KEY), timeout=5).ok
    created = {"user": {"name": "hooked@example.com", "full_name": "Hook Ed"}}
    requests.post(
        f"{served.url}/api/users.json?webhook=true", json=created, auth=(ACCOUNT, API_KEY), timeout=5
    )
    browser.get(f"{served.url}/dashboard/webhooks")

    wait_for(browser, lambda b: "delivered" in b.find_element(By.ID, "webhook-list").text, what="delivery")
    browser.find_element(By.CSS_SELECTOR, "#webhook-list td.path a").click()

    details = wait_for(browser, lambda b: b.find_element(By.ID, "delivery-details"))
    assert "hooked@example.com" in details.text
    assert "204" in details.text
    screenshot(browser, "webhook-delivery")
    served.world.webhooks.clear()


def test_a_reset_from_the_page_puts_the_demo_back(served, browser, sdk) -> None:
    when = {"start": f"{TOMORROW} 16:00:00", "finish": f"{TOMORROW} 17:00:00"}
    sdk.appointments.create(ROOMS, None, {**when, "full_name": "Gone Soon", "resource_id": "Room 1"})
    browser.get(f"{served.url}/dashboard/controls")
    Select(browser.find_element(By.ID, "reset-account")).select_by_visible_text("demo (supersaas)")
    browser.find_element(By.ID, "reset-journal").click()
    browser.find_element(By.CSS_SELECTOR, "#reset button[type=submit]").click()

    wait_for(browser, lambda b: b.find_element(By.ID, "flash").text == "Reset: demo")
    browser.get(f"{served.url}/dashboard/supersaas/demo/schedules/{ROOMS}?date={TOMORROW}")
    assert _titles(browser, "Room 1") == ["Alice Archer"]
    assert len(served.world.journal) == 0


def _seat(browser: WebDriver, label: str) -> list[str]:
    return browser.find_element(By.CSS_SELECTOR, f"svg [data-id='{label}']").get_attribute("class").split()


def test_a_seat_booked_with_the_seatsio_sdk_turns_booked_on_the_map(served, browser) -> None:
    client = seatsio.Client(seatsio.Region(f"{served.url}/seatsio"), secret_key="demo-secret-key")
    browser.get(f"{served.url}/dashboard/seatsio/demo/events/demo-event")
    assert "s0" in _seat(browser, "J-12")  # free

    client.events.book("demo-event", ["J-11", "J-12"])

    wait_for(browser, lambda b: "s1" in _seat(b, "J-12"), what="the seat to turn booked")
    browser.find_element(By.CSS_SELECTOR, "svg [data-id='J-12']").click()
    details = wait_for(browser, lambda b: b.find_element(By.CSS_SELECTOR, "aside.seat-details dl"))
    assert "booked" in details.text
    screenshot(browser, "seatsio-seat-booked-with-sdk")


def test_a_seatsio_hold_expires_when_the_clock_is_advanced_from_the_page(served, browser) -> None:
    client = seatsio.Client(seatsio.Region(f"{served.url}/seatsio"), secret_key="demo-secret-key")
    token = client.hold_tokens.create(expires_in_minutes=10)
    client.events.hold("demo-event", ["H-5", "H-6"], token.hold_token)
    browser.get(f"{served.url}/dashboard/seatsio/demo/events/demo-event")
    assert "s2" in _seat(browser, "H-5")  # held
    countdown = browser.find_element(By.XPATH, f"//tr[td/code='{token.hold_token}']//time[@data-expires]")
    assert countdown.text.startswith(("9:5", "10:00"))
    screenshot(browser, "seatsio-hold-counting-down")

    browser.get(f"{served.url}/dashboard/controls")
    browser.find_element(By.ID, "adv-amount").clear()
    browser.find_element(By.ID, "adv-amount").send_keys("11")
    Select(browser.find_element(By.ID, "adv-unit")).select_by_visible_text("minutes")
    browser.find_element(By.CSS_SELECTOR, "#advance-clock button[type=submit]").click()
    wait_for(browser, lambda b: b.find_element(By.ID, "world-clock").text.startswith("2030-01-07 08:1"))
    browser.get(f"{served.url}/dashboard/seatsio/demo/events/demo-event")

    assert "s0" in _seat(browser, "H-5")  # free again
    assert browser.find_elements(By.XPATH, f"//tr[td/code='{token.hold_token}']") == []
    with pytest.raises(SeatsioException):
        client.hold_tokens.retrieve(token.hold_token)  # the SDK sees it gone too
    screenshot(browser, "seatsio-hold-expired")


def test_the_clock_ticks_and_is_steered_from_the_page(served, browser) -> None:
    browser.get(f"{served.url}/dashboard/controls")
    clock = browser.find_element(By.ID, "world-clock")
    first = clock.text
    wait_for(browser, lambda b: b.find_element(By.ID, "world-clock").text != first, 3, "the clock to tick")
    assert first.startswith("2030-01-07 08:00")

    browser.find_element(By.ID, "adv-amount").clear()
    browser.find_element(By.ID, "adv-amount").send_keys("2")
    Select(browser.find_element(By.ID, "adv-unit")).select_by_visible_text("days")
    browser.find_element(By.CSS_SELECTOR, "#advance-clock button[type=submit]").click()

    wait_for(browser, lambda b: b.find_element(By.ID, "world-clock").text.startswith("2030-01-09 08:0"))
    assert browser.find_element(By.ID, "flash").text.startswith("Now 2030-01-09T08:0")
    assert served.world.clock.now().date().isoformat() == "2030-01-09"

    browser.find_element(By.XPATH, "//button[.='Freeze']").click()
    wait_for(browser, lambda b: b.find_element(By.ID, "world-clock-state").text == "frozen")
    frozen = browser.find_element(By.ID, "world-clock").text
    screenshot(browser, "clock-frozen-after-advance")
    assert browser.find_element(By.ID, "world-clock").text == frozen
    assert served.world.clock.frozen
    browser.find_element(By.XPATH, "//button[.='Resume']").click()
    wait_for(browser, lambda b: b.find_element(By.ID, "world-clock-state").text == "running")


def test_a_fault_added_on_the_page_fails_the_next_sdk_call(served, browser, sdk) -> None:
    browser.get(f"{served.url}/dashboard/faults")
    path = browser.find_element(By.ID, "fa-path")
    path.clear()
    path.send_keys("/api/schedules*")
    Select(browser.find_element(By.ID, "fa-service")).select_by_visible_text("supersaas")
    browser.find_element(By.ID, "fa-count").send_keys("1")
    browser.find_element(By.CSS_SELECTOR, "#add-fault button[type=submit]").click()

    wait_for(browser, lambda b: "1 active rule" in b.find_element(By.ID, "h-faults").text, what="the rule")
    assert browser.find_element(By.ID, "flash").text == "Rule 1 added"
    screenshot(browser, "fault-added")
    with pytest.raises(SuperSaaS.Error) as failed:
        sdk.schedules.list()
    assert "SERVICE UNAVAILABLE" in str(failed.value)
    assert getattr(failed.value.__cause__, "code", None) == 503
    assert [schedule.name for schedule in sdk.schedules.list()][:2] == ["Rooms", "Classes"]  # fired once
    wait_for(browser, lambda b: "0 active rules" in b.find_element(By.ID, "h-faults").text, what="it to go")


def test_the_journal_is_filtered_and_a_request_opened(served, browser, sdk) -> None:
    sdk.schedules.list()
    sdk.users.get(1000001)
    requests.get(f"{served.url}/api/bokings.json", auth=(ACCOUNT, API_KEY), timeout=5)
    browser.get(f"{served.url}/dashboard/journal")
    wait_for(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, "table.journal tbody tr")) == 3)

    status = browser.find_element(By.ID, "f-status")
    status.send_keys("404")
    status.send_keys(Keys.ENTER)  # the keyboard submits the filter form
    wait_for(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, "table.journal tbody tr")) == 1)
    browser.find_element(By.CSS_SELECTOR, "a[data-request]").click()

    details = wait_for(browser, lambda b: b.find_element(By.ID, "request-details"))
    assert "GET /api/bokings.json" in details.text
    assert "GET POST /api/bookings" in details.text  # the closest routes
    assert "[redacted]" in details.text  # the Authorization header
    assert re.search(r"/dashboard/journal\?status=404&seq=\d+$", browser.current_url)
    screenshot(browser, "journal-filtered-request-open")


def test_new_requests_appear_in_the_journal_as_they_come(served, browser, sdk) -> None:
    browser.get(f"{served.url}/dashboard/journal")

    sdk.appointments.get(ROOMS, 5000001)

    row = wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "table.journal tbody tr"))
    assert "/api/bookings/5000001.json" in row[0].text


def test_a_seat_clicked_shows_its_details_and_a_hold_expires_with_the_clock(served, browser) -> None:
    venue = _venue(served)
    venue.booked.update({f"A-1-{n}" for n in range(1, 6)})
    venue.hold("tok-42", ("A-2-3", "A-2-4"), minutes=10)
    browser.get(f"{served.url}/dashboard/venue/concert?section=A")

    browser.find_element(By.CSS_SELECTOR, "circle[data-id='A-2-3']").click()
    details = wait_for(browser, lambda b: b.find_element(By.CSS_SELECTOR, "aside.seat-details dl"))
    assert "tok-42" in details.text
    assert "sel" in browser.find_element(By.CSS_SELECTOR, "circle[data-id='A-2-3']").get_attribute("class")
    countdown = browser.find_element(By.CSS_SELECTOR, "#panel-holds time[data-expires]")
    assert countdown.text.endswith("left")
    screenshot(browser, "seatmap-seat-details-and-hold")

    browser.get(f"{served.url}/dashboard/controls")
    browser.find_element(By.XPATH, "//button[.='+1 hour']").click()
    wait_for(browser, lambda b: b.find_element(By.ID, "world-clock").text.startswith("2030-01-07 09:0"))
    browser.get(f"{served.url}/dashboard/venue/concert?section=A")

    assert browser.find_elements(By.CSS_SELECTOR, "#panel-holds tbody tr") == []
    assert "No live holds" in browser.find_element(By.ID, "panel-holds").text
    seat = browser.find_element(By.CSS_SELECTOR, "circle[data-id='A-2-3']")
    assert "s0" in seat.get_attribute("class").split()  # free again
    screenshot(browser, "seatmap-hold-expired")


def test_the_venue_overview_leads_into_a_section(served, browser) -> None:
    browser.get(f"{served.url}/dashboard/venue/concert")

    browser.find_element(By.CSS_SELECTOR, "a.obj-link polygon[data-id='Section B']").click()

    wait_for(browser, lambda b: "section=B" in b.current_url)
    assert len(browser.find_elements(By.CSS_SELECTOR, "circle.k-seat")) == 160
    screenshot(browser, "seatmap-venue-section")


def test_the_overview_shows_how_to_connect_and_copies_a_credential(served, browser) -> None:
    browser.get(f"{served.url}/")

    card = browser.find_element(By.ID, "service-supersaas")
    assert served.url in card.find_element(By.ID, "base-supersaas").text
    button = card.find_element(By.CSS_SELECTOR, "button[aria-label='Copy api_key of demo']")
    button.click()
    wait_for(browser, lambda b: button.text == "Copied")
    ruby = card.find_element(By.XPATH, ".//summary[.='Ruby: supersaas-api-client']")
    ruby.click()
    assert 'config.api_key = "demo-api-key"' in card.find_element(By.XPATH, ".//details[2]//code").text
    screenshot(browser, "overview")


def test_the_pages_are_usable_with_the_keyboard(served, browser) -> None:
    browser.get(f"{served.url}/")

    stops = []
    for _ in range(5):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        stops.append(browser.switch_to.active_element.text)
    assert stops == ["Skip to content", "fakesaas", "Overview", "SuperSaaS", "Seats.io"]
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # where the focus is shows
    browser.find_element(By.LINK_TEXT, "Journal").send_keys(Keys.ENTER)
    wait_for(browser, lambda b: b.title.startswith("Journal"))
    browser.get(f"{served.url}/dashboard/supersaas/demo/schedules/{ROOMS}?date={TOMORROW}")
    entry = browser.find_element(By.XPATH, "//span[@class='cal-title'][.='Bob Baker']/ancestor::a")
    entry.send_keys(Keys.ENTER)  # a booking opens from the keyboard too
    assert "Bob Baker" in wait_for(browser, lambda b: b.find_element(By.ID, "panel-booking")).text


def test_signing_in_with_the_control_token(browser) -> None:
    clock = VirtualClock()
    clock.set(T0)
    app = create_app(Settings(seed="demo", control_token="let-me-in"), World(clock))
    with ThreadedServer(app) as server:
        browser.get(f"{server.url}/dashboard/journal")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Sign in"
        screenshot(browser, "sign-in")
        field = browser.find_element(By.ID, "token")
        field.send_keys("let-me-in")
        field.send_keys(Keys.ENTER)

        wait_for(browser, lambda b: b.find_element(By.TAG_NAME, "h1").text == "Request journal")
        cookie = browser.get_cookie("fakesaas_control_token")
        assert cookie is not None
        assert cookie["httpOnly"]
        assert cookie["sameSite"] == "Strict"
        browser.find_element(By.LINK_TEXT, "Clock & state").click()
        browser.find_element(By.XPATH, "//button[.='+1 day']").click()  # the page's call carries the cookie
        wait_for(browser, lambda b: b.find_element(By.ID, "world-clock").text.startswith("2030-01-08"))
        browser.delete_all_cookies()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/dashboard/supersaas/demo/schedules/{ROOMS}?date={TOMORROW}&booking=5000001",
        "/dashboard/journal",
    ],
    ids=["overview", "calendar", "journal"],
)
def test_the_pages_read_on_a_phone(served, path: str) -> None:
    with chromium(PHONE) as phone:
        phone.get(served.url + path)
        overflow = phone.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0  # wide parts (calendars, tables) scroll inside their panel, not the page
        assert phone.find_element(By.TAG_NAME, "h1").is_displayed()
        name = {"/": "overview", "/dashboard/journal": "journal"}.get(path, "calendar")
        screenshot(phone, f"phone-{name}")
