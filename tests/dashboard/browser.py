"""A real browser for the dashboard's tests: Debian's headless Chromium driven by Selenium, and a
screenshot of each test's page under build/screenshots/ (written by the run, never committed).

Chromium is started without the background services that reach out to Google (they fail slowly
offline) and with a fresh profile each time. If it cannot start, the tests fail: CI installs it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver",)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
WIDE, PHONE = (1280, 800), (390, 844)


def _found(candidates: tuple[str, ...], name: str) -> str:
    for path in candidates:
        if Path(path).exists():
            return path
    located = shutil.which(name)
    if located is None:
        raise AssertionError(
            f"{name} is not installed: apt-get install chromium chromium-driver (.ci/run does it)"
        )
    return located


@contextmanager
def chromium(size: tuple[int, int] = WIDE) -> Iterator[webdriver.Chrome]:
    """A headless Chromium with a profile of its own, closed and removed afterwards."""
    profile = tempfile.mkdtemp(prefix="fakesaas-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = _found(CHROMIUM, "chromium")
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=ChromeService(_found(DRIVER, "chromedriver")), options=options)
    except WebDriverException as error:
        shutil.rmtree(profile, ignore_errors=True)
        raise AssertionError(f"Chromium could not start: {error.msg}") from None
    try:
        driver.set_window_size(*size)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver: webdriver.Chrome, name: str) -> Path:
    """The whole page as it stands, at the window's width, saved as ``name``.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = driver.execute_script("return window.innerWidth")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    # Chromium shoots the viewport: stretch it to the page, shoot, and put it back.
    size = driver.get_window_size()
    driver.set_window_size(size["width"], min(max(height + (size["height"] - _inner(driver)), 200), 4000))
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(size["width"], size["height"])
    assert width > 0
    return path


def _inner(driver: webdriver.Chrome) -> int:
    return int(driver.execute_script("return window.innerHeight"))


def wait_for(
    driver: webdriver.Chrome, condition: Callable[[Any], Any], seconds: float = 10, what: str = ""
) -> Any:
    """What ``condition(driver)`` answers once it is truthy; fails after ``seconds``. Elements the
    page's live refresh replaced while they were read are looked for again."""
    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(driver, seconds, poll_frequency=0.1, ignored_exceptions=ignored).until(
        condition, what
    )
