"""A web page on another origin, in headless Chromium, using the emulated APIs as the vendors document it
(SuperSaaS's MD5 checksum "in an AJAX call to be performed by the browser", SimplyBook.me's JSON-RPC client
from "client side code") and failing to steer the control plane."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from fakesaas import create_app
from fakesaas.core.clock import VirtualClock
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.dashboard.browser import chromium, screenshot

pytestmark = pytest.mark.slow  # a real browser

MD5 = (Path(__file__).with_name("md5.js")).read_text(encoding="utf-8")
PAGE = (Path(__file__).with_name("widget.html")).read_text(encoding="utf-8")  # %(md5)s, %(api)s filled in


class Page:
    """The widget's page, served from an origin of its own (another port on 127.0.0.1)."""

    def __init__(self, api: str) -> None:
        html = (PAGE % {"md5": MD5, "api": json.dumps(api)}).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(html)))
                self.end_headers()
                self.wfile.write(html)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def emulator() -> Iterator[tuple[str, World]]:
    world = World(VirtualClock())
    with ThreadedServer(create_app(Settings(seed="demo"), world)) as server:
        yield server.url, world


def test_a_page_on_another_origin_books_through_both_apis_and_cannot_steer_the_emulator(emulator) -> None:
    api, world = emulator
    page = Page(api)
    clock = requests.get(f"{api}/_fakesaas/clock", timeout=5).json()
    try:
        with chromium() as browser:
            browser.get(page.url)
            deadline = time.monotonic() + 30
            results = None
            while results is None and time.monotonic() < deadline:
                results = browser.execute_script("return window.results")
                time.sleep(0.2)
            screenshot(browser, "browser-cors-widget")
    finally:
        page.stop()
    assert results is not None, "the page did not finish"
    assert not [key for key in results if key.endswith("_error")], results
    # SuperSaaS: read with a checksum made in JavaScript, then create and read the location.
    assert results["agenda"] == {"status": 200, "bookings": 1}
    assert results["created"]["status"] == 201
    assert "/api/bookings/" in results["created"]["location"]
    # SimplyBook: token, catalogue, matrix, book.
    assert results["simplybook"]["services"] >= 2
    assert results["simplybook"]["providers"] >= 3
    assert results["simplybook"]["booking"]
    # The control plane: neither attempt changed anything.
    assert results["simple_reset"] == "opaque"
    assert results["preflighted_reset"] == "blocked"
    location = results["created"]["location"]
    booking = requests.get(location.split("#")[0], auth=("demo", "demo-api-key"), timeout=5)
    assert booking.status_code == 200  # not reset away
    assert requests.get(f"{api}/_fakesaas/clock", timeout=5).json()["frozen"] == clock["frozen"]
    refused = [e for e in world.journal.entries() if e.path.startswith("/_fakesaas")]
    assert refused == []  # control requests are not journaled; the refusals left no trace either
