"""``fakesaas serve`` prints where the dashboard is, and leaves it out with the control plane."""

from __future__ import annotations

import pytest
import requests

from tests.dashboard.support import BROWSER
from tests.support import serve

pytestmark = pytest.mark.slow  # each test starts fakesaas serve as a process


def _banner(*args: str) -> tuple[str, str]:
    process, url = serve(*args)
    try:
        assert process.stdout is not None
        lines = []
        while not lines or "stop with Ctrl-C" not in lines[-1]:
            lines.append(process.stdout.readline())
        page = requests.get(f"{url}/", headers=BROWSER, timeout=5)
        return "".join(lines), f"{page.status_code} {page.headers['Content-Type']}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_banner_prints_the_dashboards_url() -> None:
    banner, page = _banner()

    line = next(line for line in banner.splitlines() if "dashboard" in line)
    url = line.split(" at ", 1)[1].strip()
    assert url.startswith("http://127.0.0.1:")
    assert url.endswith("/")
    assert page == "200 text/html; charset=utf-8"


def test_with_a_control_token_the_banner_says_to_sign_in() -> None:
    banner, page = _banner("--control-token", "t0ken")

    assert "/   (sign in with the control token)" in banner
    assert page.startswith("401 text/html")


def test_without_the_control_plane_there_is_no_dashboard_to_print() -> None:
    banner, page = _banner("--no-control")

    assert "dashboard" not in banner
    assert page == "404 application/json"
