"""The app class answers every request exactly as Flask would: same status, headers and body, the
same hooks in the same order, through the fast hand-over and around it."""

from __future__ import annotations

import contextlib
import functools
import io
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Blueprint, Flask, Response, g, request, signals, stream_with_context
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.urls import iri_to_uri

from fakesaas.lean_flask import LeanFlask, _send, _unchanged_by_iri_to_uri, bytes_response, empty_response


def _build(app_class: type[Flask]) -> Flask:
    app = app_class("lean-check")
    calls: list[str] = []
    app.extensions["calls"] = calls
    shop = Blueprint("shop", __name__, url_prefix="/shop")

    @app.before_request
    def app_before() -> None:
        calls.append("app before")
        g.seen = "app"

    @shop.url_value_preprocessor
    def shop_values(endpoint: str | None, values: dict[str, Any] | None) -> None:
        calls.append(f"shop values {endpoint} {sorted(values or {})}")

    @shop.before_request
    def shop_before() -> Response | None:
        calls.append("shop before")
        if request.args.get("stop"):
            return Response(b"stopped early", status=409)
        return None

    @shop.after_request
    def shop_after(response: Response) -> Response:
        calls.append("shop after")
        response.headers["X-Shop"] = "1"
        return response

    @app.after_request
    def app_after(response: Response) -> Response:
        calls.append("app after")
        return response

    @shop.teardown_request
    def shop_teardown(error: BaseException | None) -> None:
        calls.append(f"shop teardown {error!r}")

    @app.teardown_request
    def app_teardown(error: BaseException | None) -> None:
        calls.append(f"app teardown {error!r}")

    @app.teardown_appcontext
    def context_teardown(error: BaseException | None) -> None:
        calls.append(f"app context teardown {error!r}")

    @shop.get("/items/<item>")
    def item(item: str) -> Response:
        return Response(f'{{"item":"{item}","seen":"{g.seen}"}}', content_type="application/json")

    @shop.post("/items")
    def create() -> Response:
        response = Response(b"", status=201, content_type="application/json")
        response.headers["Location"] = "/shop/items/ü 1"  # an IRI werkzeug turns into a URI
        return response

    @shop.post("/plain")
    def create_plain() -> Response:
        response = Response(b"", status=201, content_type="application/json")
        response.headers["Location"] = "http://127.0.0.1:8080/shop/items/7.json"  # kept as it is
        return response

    @app.get("/empty")
    def empty() -> Response:
        return Response(status=204)

    @app.get("/unchanged")
    def unchanged() -> Response:
        return Response(b"never sent", status=304)

    @app.get("/streamed")
    def streamed() -> Response:
        def parts() -> Iterator[bytes]:
            yield b"one,"
            yield b"two"

        return Response(stream_with_context(parts()), content_type="text/plain")

    @app.get("/closing")
    def closing() -> Response:
        response = Response(b"body", content_type="text/plain")
        response.call_on_close(lambda: calls.append("closed"))
        return response

    @app.get("/broken")
    def broken() -> Response:
        raise RuntimeError("broken")  # 500, and the teardowns are handed the error

    @app.get("/text")
    def text() -> str:
        return "plain text from a string"

    app.register_blueprint(shop)
    return app


REQUESTS = [
    ("GET", "/shop/items/42", {}),
    ("HEAD", "/shop/items/42", {}),
    ("GET", "/shop/items/42?stop=1", {}),
    ("POST", "/shop/items", {}),
    ("POST", "/shop/plain", {}),
    ("GET", "/empty", {}),
    ("GET", "/unchanged", {}),
    ("GET", "/streamed", {}),
    ("GET", "/closing", {}),
    ("GET", "/text", {}),
    ("GET", "/broken", {}),
    ("GET", "/nowhere", {}),
    ("DELETE", "/shop/items/42", {}),
    ("GET", "/shop/items/42", {"headers": {"Host": "Bücher.example:8080"}}),
    ("GET", "/shop/items/42", {"headers": {"Host": "bad host\x00"}}),
]


def _answer(app: Flask, method: str, path: str, options: dict[str, Any]) -> tuple[Any, ...]:
    calls: list[str] = app.extensions["calls"]
    calls.clear()
    response = app.test_client().open(path, method=method, **options)
    body = response.get_data()
    response.close()
    return response.status, sorted(response.headers.items()), body, tuple(calls)


@pytest.mark.parametrize(("method", "path", "options"), REQUESTS, ids=[f"{m} {p}" for m, p, _ in REQUESTS])
def test_answers_as_flask_does(method: str, path: str, options: dict[str, Any]) -> None:
    flask_app, lean_app = _build(Flask), _build(LeanFlask)
    for _ in range(2):  # the second time from the hook tables kept after the first
        assert _answer(lean_app, method, path, options) == _answer(flask_app, method, path, options)


def test_a_hook_added_later_is_honoured_once_the_tables_are_dropped() -> None:
    app = _build(LeanFlask)
    assert isinstance(app, LeanFlask)
    _answer(app, "GET", "/shop/items/1", {})
    app.before_request_funcs.setdefault("shop", []).append(lambda: Response(b"late", status=418))
    app.forget_hooks()
    status, _, body, _ = _answer(app, "GET", "/shop/items/1", {})
    assert (status, body) == ("418 I'M A TEAPOT", b"late")


@pytest.mark.parametrize("app_class", [Flask, LeanFlask])
def test_the_tearing_down_signals_reach_whoever_listens(app_class: type[Flask]) -> None:
    app = _build(app_class)
    heard: list[str] = []

    def on_request(sender: Flask, **extra: Any) -> None:
        heard.append(f"request {extra['exc']!r}")

    def on_context(sender: Flask, **extra: Any) -> None:
        heard.append(f"app context {extra['exc']!r}")

    with (
        signals.request_tearing_down.connected_to(on_request, app),
        signals.appcontext_tearing_down.connected_to(on_context, app),
    ):
        _answer(app, "GET", "/shop/items/1", {})
        _answer(app, "GET", "/broken", {})
    assert heard == [
        "request None",
        "app context None",
        "request RuntimeError('broken')",
        "app context RuntimeError('broken')",
    ]


@pytest.mark.parametrize("app_class", [Flask, LeanFlask])
def test_the_other_signals_reach_whoever_listens(app_class: type[Flask]) -> None:
    app = _build(app_class)
    heard: list[str] = []

    def listener(name: str) -> Any:
        def heard_by(sender: Flask, **extra: Any) -> None:
            response = extra.get("response")
            heard.append(name if response is None else f"{name} {response.status_code}")

        return heard_by

    heard_on = {
        "started": signals.request_started,
        "finished": signals.request_finished,
        "pushed": signals.appcontext_pushed,
        "popped": signals.appcontext_popped,
    }
    receivers = {name: listener(name) for name in heard_on}  # kept alive: blinker holds weak references
    with contextlib.ExitStack() as stack:
        for name, signal in heard_on.items():
            stack.enter_context(signal.connected_to(receivers[name], app))
        _answer(app, "GET", "/shop/items/1", {})
        _answer(app, "GET", "/broken", {})
    one_request = ["pushed", "started", "finished {status}", "popped"]
    assert heard == [step.format(status=status) for status in (200, 500) for step in one_request]
    heard.clear()
    _answer(app, "GET", "/shop/items/1", {})
    assert heard == []


@pytest.mark.parametrize("app_class", [Flask, LeanFlask])
def test_an_uploaded_file_is_closed_once_answered(app_class: type[Flask]) -> None:
    app = _build(app_class)
    kept: list[Any] = []

    def upload() -> str:
        kept.append(request.files["sheet"])
        return "kept"

    app.add_url_rule("/upload", view_func=upload, methods=["POST"])
    sent = {"sheet": (io.BytesIO(b"a,b\n1,2\n"), "sheet.csv")}
    assert app.test_client().post("/upload", data=sent).status_code == 200
    assert kept[0].stream.closed


# URLs near the plain form: upper case, other schemes, ports out of range or with leading zeros,
# user parts, queries, fragments, spaces, non-ASCII, IPv6, empty labels.
url_text = st.text(alphabet="abzAZ019.-_~%!$&'()*+,/:;=@?#[] ü", max_size=30)
near_plain_urls = st.one_of(
    url_text,
    st.builds(
        lambda scheme, rest: f"{scheme}://{rest}", st.sampled_from(["http", "https", "HTTP", "ftp"]), url_text
    ),
    st.builds(
        lambda host, port, path: f"http://{host}{port}{path}",
        st.sampled_from(
            ["127.0.0.1", "localhost", "LocalHost", "a..b", "xn--n3h.net", "x" * 64, "[::1]", "h"]
        ),
        st.sampled_from(["", ":8080", ":0", ":080", ":65535", ":65536", ":99999", ":"]),
        url_text,
    ),
)


@settings(max_examples=2000)
@given(near_plain_urls)
def test_a_location_is_passed_as_it_is_only_when_werkzeug_would_leave_it_so(url: str) -> None:
    if _unchanged_by_iri_to_uri(url):
        assert iri_to_uri(url) == url


def test_the_locations_the_emulator_writes_take_the_fast_way() -> None:
    for url in (
        "http://127.0.0.1:8080/api/bookings/5000123.json",
        "https://fakesaas.example/api/users/7.xml",
    ):
        assert _unchanged_by_iri_to_uri(url)


# --- answers built without werkzeug's constructor (bytes_response) ---------------------------------


def _on_the_wire(
    response: Response, method: str, send: Any = None
) -> tuple[str, list[tuple[str, str]], bytes]:
    """What a server is handed: by werkzeug's own ``response(environ, start_response)``, or by
    ``send(response, environ, start_response)``."""
    started: list[Any] = []
    environ = {
        "REQUEST_METHOD": method,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
    }
    app = response if send is None else functools.partial(send, response)
    body = b"".join(app(environ, lambda status, headers, exc=None: started.extend((status, headers))))
    return started[0], started[1], body


@settings(max_examples=500)
@given(
    st.binary(max_size=64),
    st.one_of(st.integers(100, 599), st.sampled_from([200, 201, 304, 422])),
    st.sampled_from(["application/json", "application/xml; charset=utf-8", "text/csv", "image/png", "x/ü"]),
    st.sampled_from(["GET", "HEAD", "POST"]),
)
def test_an_answer_built_the_short_way_is_werkzeugs_own(
    body: bytes, status: int, content_type: str, method: str
) -> None:
    short, werkzeugs = (
        bytes_response(body, status, content_type),
        Response(body, status=status, content_type=content_type),
    )
    assert type(short) is type(werkzeugs)
    assert vars(short) == vars(werkzeugs)
    assert (short.status, short.status_code, short.headers.to_wsgi_list()) == (
        werkzeugs.status,
        werkzeugs.status_code,
        werkzeugs.headers.to_wsgi_list(),
    )
    assert _on_the_wire(short, method) == _on_the_wire(werkzeugs, method)
    # Each answer has its own headers and close list: a hook changing one leaves the next alone.
    short.headers["Last-Modified"] = "x"
    short.call_on_close(lambda: None)
    again = bytes_response(body, status, content_type)
    assert "Last-Modified" not in again.headers
    assert again._on_close == []


@pytest.mark.parametrize("status", [200, 201, 204, 404])
def test_an_empty_answer_built_the_short_way_is_werkzeugs_own(status: int) -> None:
    short, werkzeugs = empty_response(status), Response(b"", status=status)
    assert vars(short) == vars(werkzeugs)
    assert _on_the_wire(short, "POST") == _on_the_wire(werkzeugs, "POST")


@settings(max_examples=500)
@given(
    st.binary(max_size=32),
    st.sampled_from([200, 201, 204, 206, 304, 404, 422, 500]),
    st.sampled_from(["GET", "HEAD", "POST", "DELETE"]),
    st.sampled_from(
        [None, "http://127.0.0.1:8080/api/bookings/1.json", "/relative", "http://h/ü", "http://H:080/"]
    ),
    st.booleans(),
)
def test_an_answer_is_sent_as_werkzeug_sends_it(
    body: bytes, status: int, method: str, location: str | None, short: bool
) -> None:
    """The server gets from ``_send`` what werkzeug's own ``response(environ, start_response)``
    gives it: status, headers in order, and the body (none for a HEAD, a 204 or a 304)."""

    def made() -> Response:
        response = (
            bytes_response(body, status, "application/json") if short else Response(body, status=status)
        )
        if location is not None:
            response.headers["Location"] = location
        return response

    assert _on_the_wire(made(), method, _send) == _on_the_wire(made(), method)


# --- request bodies held in memory (LeanRequest.get_data) -----------------------------------------


def _read(
    request_class: Any, environ: dict[str, Any], limit: int | None, calls: list[tuple[bool, bool]]
) -> Any:
    """What each of ``calls`` (cache, as_text) gives, or the exception that stopped them."""
    made = request_class(environ)
    made.max_content_length = limit
    got: list[Any] = []
    try:
        for cache, as_text in calls:
            got.append(made.get_data(cache=cache, as_text=as_text))
    except Exception as error:  # compared by type with werkzeug's own
        got.append(type(error))
    return got


@settings(max_examples=400, deadline=None)
@given(
    body=st.binary(max_size=64) | st.sampled_from([b"", "\u00e9t\u00e9 \U0001f600".encode(), b"\xff\xfe"]),
    declared=st.none() | st.integers(min_value=0, max_value=80) | st.just(-1),
    limit=st.none() | st.integers(min_value=0, max_value=80),
    read_before=st.integers(min_value=0, max_value=8),
    calls=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=3),
)
def test_a_body_in_memory_is_read_as_werkzeug_reads_it(
    body: bytes, declared: int | None, limit: int | None, read_before: int, calls: list[tuple[bool, bool]]
) -> None:
    """The bridge hands every request its body whole in a BytesIO (``wsgi.input_terminated``);
    LeanRequest reads it in one go. Whatever the declared length (none, the body's, more, less,
    nonsense), the limit and what was read of the stream before, each call gives what werkzeug's
    ``get_data`` gives, or the same refusal (413)."""
    from flask import Request as FlasksRequest

    from fakesaas.lean_flask import LeanRequest

    def environ() -> dict[str, Any]:
        stream = io.BytesIO(body)
        stream.read(read_before)
        made: dict[str, Any] = {
            "REQUEST_METHOD": "POST", "PATH_INFO": "/", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
            "wsgi.url_scheme": "http", "wsgi.input": stream, "wsgi.input_terminated": True,
            "CONTENT_TYPE": "application/json",
        }  # fmt: skip
        if declared is not None:
            made["CONTENT_LENGTH"] = str(declared) if declared >= 0 else "many"
        return made

    assert _read(LeanRequest, environ(), limit, calls) == _read(FlasksRequest, environ(), limit, calls)


@settings(max_examples=300, deadline=None)
@given(
    content_type=st.none()
    | st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            " Multipart/Form-Data ; boundary=x",
            "application/x-www-form-urlencoded;charset=utf-8",
            "application/json",
            'multipart/form-data; boundary="a;b"',
            "text/plain; application/x-www-form-urlencoded",
        ]
    )
    | st.text(st.sampled_from('abcfmx-/; ="\\t'), max_size=40),
    length=st.sampled_from(["", "0", "12"]),
)
def test_a_form_body_is_recognised_by_its_type_as_werkzeug_reads_the_type(
    content_type: str | None, length: str
) -> None:
    from flask import Request as FlasksRequest

    from fakesaas.core.wsgi import FORM_TYPES, has_form

    environ: dict[str, Any] = {"REQUEST_METHOD": "POST", "wsgi.input": io.BytesIO(b"a=1&b=2&c=3!")}
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    if length:
        environ["CONTENT_LENGTH"] = length
    werkzeugs = FlasksRequest(environ)
    assert has_form(werkzeugs) == (length not in ("", "0") and werkzeugs.mimetype in FORM_TYPES)
