"""Building responses from documents: a body in the chosen format, or the API's empty answers."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Response

from fakesaas.core.document import Document
from fakesaas.core.flask_globals import current_app_object, current_request
from fakesaas.core.wsgi import host_url
from fakesaas.lean_flask import bytes_response
from fakesaas.supersaas.http.context import output_format


def document(doc: Document, status: int = 200) -> Response:
    fmt = output_format()
    return bytes_response(fmt.render(doc), status, fmt.media_type)


def empty(status: int = 200) -> Response:
    """200 with an empty body for updates and deletes: never 204, which Ruby's SDK treats as an
    error. The Content-Type stays, because Node's SDK fails on a 2xx without one."""
    return bytes_response(b"", status, output_format().media_type)


def conditional(doc: Document, modified: datetime | None, since: datetime | None) -> Response:
    """200 with ``Last-Modified``, or 304 with no body when nothing changed after ``since``
    (the docs recommend If-Modified-Since on /api/free "to reduce server load")."""
    if modified is not None and since is not None and modified <= since:
        response = Response(b"", status=304)
    else:
        response = document(doc)
    if modified is not None:
        response.headers["Last-Modified"] = http_date(modified)
    return response


def http_date(moment: datetime) -> str:
    """``Wed, 02 Dec 2026 09:27:56 GMT``: what werkzeug's ``http_date`` writes (a naive time taken
    as UTC), at a fifth of its cost; every free-time answer carries one."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    two = _TWO_DIGITS
    return (
        f"{_DAY_NAMES[moment.weekday()]}, {two[moment.day]} {_MONTH_NAMES[moment.month]} {moment.year:04d} "
        f"{two[moment.hour]}:{two[moment.minute]}:{two[moment.second]} GMT"
    )


_TWO_DIGITS = tuple(f"{number:02d}" for number in range(100))
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def created(collection: str, object_id: int, status: int = 201) -> Response:
    """201, empty body and a ``location`` ending in ``/{id}.json`` (or ``.xml``), from which every
    SDK and the docs' examples take the new id."""
    response = empty(status)
    response.headers["Location"] = location(collection, object_id)
    return response


def location(collection: str, object_id: int) -> str:
    incoming = current_request()  # every create asks: no proxies (fakesaas/core/flask_globals.py)
    base = current_app_object().config.get("FAKESAAS_LOCATION_BASE") or host_url(incoming)
    url = f"{base.rstrip('/')}/api/{collection}/{object_id}.{output_format().value}"
    if _RUBY_SDK.search(incoming.environ.get("HTTP_USER_AGENT", "")) and not _REAL_HOST.search(url):
        # The Ruby SDK returns a create's location only when it matches /www.supersaas.com/, and
        # its User-Agent says so ("SSS/2.0.5 Ruby/3.1.2 API/3"). A fragment carries the name: it
        # never reaches a server, so the URL can still be followed. Other clients get the plain
        # URL. Pinned by tests/supersaas/http/test_wire.py::test_the_ruby_sdk_gets_a_location_it_returns.
        url += "#www.supersaas.com"
    return url


_RUBY_SDK = re.compile(r"\bSSS/[\d.]+ Ruby/")
_REAL_HOST = re.compile(r"www.supersaas.com")  # the Ruby SDK's own pattern (its dots match any character)
