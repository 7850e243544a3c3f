"""Helpers for the dashboard's tests: pages fetched as a browser asks for them, read with XPath."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from lxml import html
from werkzeug.test import TestResponse

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def fetch(client: FlaskClient, path: str, status: int = 200, **kwargs: Any) -> Any:
    """The page at ``path`` as a browser gets it, parsed; fails unless it answers ``status``."""
    response: TestResponse = client.get(path, headers={**BROWSER, **kwargs.pop("headers", {})}, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    assert response.mimetype == "text/html"
    return html.fromstring(response.get_data(as_text=True))


def text(tree: Any, xpath: str) -> str:
    """The text of every element ``xpath`` finds, joined, with runs of white space made one."""
    found = tree.xpath(xpath)
    assert found, f"nothing at {xpath}"
    return " ".join(" ".join(element.text_content().split()) for element in found)


def texts(tree: Any, xpath: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]
