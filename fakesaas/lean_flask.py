"""Flask with its per-request bookkeeping trimmed to what the emulator uses.

A bare Flask hello costs about twice a bare werkzeug one: the request cycle asks the same questions
on every request (is this hook a coroutine? which blueprints' hooks apply? is there a session? what
is the host, twice?). The answers depend only on how the app was built, so this class works them
out once per blueprint and keeps them, and binds the URL map without the second host look-up. What a
request sees (``request``, ``g``, ``current_app``, routing, hooks in Flask's order, error handlers)
is Flask's own; the hooks' order and the routing results are pinned by the whole test suite.
"""

from __future__ import annotations

import inspect
import io
import re
import sys
from collections.abc import Callable, Iterable
from types import FunctionType
from typing import Any

from flask import Flask, Request, Response
from flask.ctx import AppContext, _sentinel
from flask.globals import _cv_app, _cv_request
from flask.sessions import NullSession, SessionInterface
from flask.signals import (
    appcontext_popped,
    appcontext_pushed,
    appcontext_tearing_down,
    request_finished,
    request_started,
    request_tearing_down,
)
from werkzeug.datastructures import Headers
from werkzeug.exceptions import BadHost
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.routing import MapAdapter
from werkzeug.wsgi import get_host

from fakesaas.core.wsgi import StartResponse
from fakesaas.lean_routing import CompiledMap

# Host header values seen, IDNA-encoded as werkzeug's ``Map.bind`` does (a pure-Python codec, and
# the same few hosts on every request); bounded so odd Host headers cannot grow it without end.
_HOSTS_KEPT = 256

Hooks = tuple[Callable[..., Any], ...]
_UNSET: Any = object()  # "no exception given": Flask's teardowns then read the one being handled


class NoSessions(SessionInterface):
    """The emulator keeps no cookie session: every request gets one shared, read-only empty one
    (what Flask makes anew per request when no secret key is set) and nothing is ever saved."""

    null = NullSession()

    def open_session(self, app: Flask, request: Request) -> NullSession:
        return self.null

    def save_session(self, app: Flask, session: Any, response: Response) -> None:
        return None


class LeanRequest(Request):
    """Flask's request, with two shortcuts:

    - ``close`` skips its walk over uploaded files when no form was parsed (werkzeug keeps them in
      ``__dict__["files"]`` once parsed, and closes each), as on nearly every request;
    - ``get_data`` reads a body the server holds complete in memory (``wsgi.input_terminated``
      and a ``BytesIO``, as fakesaas/bridge.py gives every request) in one read, where werkzeug
      wraps it in a ``LimitedStream`` read in Python (50,000 instructions of a POST's 820,000).
      What werkzeug refuses, a length or a body past ``max_content_length`` (413), goes
      werkzeug's way, and so does every other stream."""

    def close(self) -> None:
        if "files" in self.__dict__:
            super().close()

    @property
    def body_read(self) -> bytes | None:
        """The body, when it was read whole and kept (``get_data(cache=True)``); else None."""
        data = self.__dict__.get("_cached_data")
        return data if type(data) is bytes else None

    def get_data(  # type: ignore[override]  # werkzeug's overloads on as_text
        self, cache: bool = True, as_text: bool = False, parse_form_data: bool = False
    ) -> bytes | str:
        environ = self.environ
        stream = environ.get("wsgi.input")
        declared = environ.get("CONTENT_LENGTH")
        if (
            type(stream) is io.BytesIO
            and "wsgi.input_terminated" in environ
            and cache  # what every caller here asks; an uncached read keeps werkzeug's stream state
            and self.__dict__.get("_cached_data") is None
            and not parse_form_data
            and "stream" not in self.__dict__  # not wrapped or read by werkzeug yet
            and "HTTP_TRANSFER_ENCODING" not in environ
            and (declared is None or (declared.isdigit() and declared.isascii()))
        ):
            # ``max_content_length`` as Flask reads it, without its ``current_app`` proxy.
            limit = self._max_content_length
            if limit is None:
                app_context = _cv_app.get(None)
                limit = (
                    app_context.app.config["MAX_CONTENT_LENGTH"] if app_context else self.max_content_length
                )
            here = stream.tell()
            size = stream.seek(0, io.SEEK_END) - here
            stream.seek(here)
            # Within a limit werkzeug reads to the end of the body; an empty body against a limit
            # (which werkzeug refuses when the limit is 0) and a body past it go its way.
            if limit is None or (0 < size <= limit and (declared is None or int(declared) <= limit)):
                data = self._cached_data = stream.read()
                return data.decode(errors="replace") if as_text else data
        return super().get_data(cache, as_text, parse_form_data)  # type: ignore[call-overload, no-any-return]


class LeanAppContext(AppContext):
    """Flask's application context, sending ``appcontext_pushed`` and ``appcontext_popped`` only
    when something listens (as ``LeanFlask`` does with its request signals)."""

    def push(self) -> None:
        self._cv_tokens.append(_cv_app.set(self))
        if appcontext_pushed.receivers:
            appcontext_pushed.send(self.app, _async_wrapper=self.app.ensure_sync)

    def pop(self, exc: BaseException | None = _sentinel) -> None:  # type: ignore[assignment]
        # Flask's own sentinel: a request context hands its own on when it was given none.
        try:
            if len(self._cv_tokens) == 1:
                if exc is _sentinel:
                    exc = sys.exc_info()[1]
                self.app.do_teardown_appcontext(exc)
        finally:
            context = _cv_app.get()
            _cv_app.reset(self._cv_tokens.pop())
        if context is not self:
            raise AssertionError(f"Popped wrong app context. ({context!r} instead of {self!r})")
        if appcontext_popped.receivers:
            appcontext_popped.send(self.app, _async_wrapper=self.app.ensure_sync)


class LeanFlask(Flask):
    """Flask, answering its per-request questions from what it worked out once.

    - ``ensure_sync``: a plain ``def`` is answered from its code flags (Flask asks
      ``inspect.iscoroutinefunction`` of every hook and view, eight times a request here);
    - ``preprocess_request`` and ``process_response``: the hooks that apply to a blueprint are
      gathered once per blueprint, in Flask's order (Flask walks its hook tables on every request);
    - ``create_url_adapter``: the URL map bound from one host look-up (Flask's and werkzeug's
      each look the host up, and werkzeug splits it for subdomains the emulator does not use), and
      that look-up answered from the values it was last made of (a client sends the same Host);
    - ``do_teardown_request`` and ``do_teardown_appcontext``: the teardown functions gathered once
      per blueprint;
    - every signal of a request (started, finished, tearing down, and the application context's
      pushed, popped and tearing down) sent only when something listens: a send to no receiver
      does nothing, at the cost of a few hundred bytecodes each.

    Hooks added after the first request would be missed by the kept tables, so adding one then
    (which Flask itself refuses through its decorators) clears them.
    """

    session_interface = NoSessions()
    request_class = LeanRequest
    url_map_class = CompiledMap  # werkzeug's routing, each pattern compiled once (lean_routing.py)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._before: dict[str | None, tuple[Hooks, Hooks]] = {}
        self._after: dict[str | None, Hooks] = {}
        self._teardowns: dict[str | None, Hooks] = {}
        self._idna: dict[str, str] = {}
        self._hosts: dict[tuple[str, str | None, str | None, str | None], str] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        if (
            type(func) is FunctionType
            and not func.__code__.co_flags & inspect.CO_COROUTINE
            and "_is_coroutine_marker" not in func.__dict__  # inspect.markcoroutinefunction (3.12+)
        ):
            return func
        return super().ensure_sync(func)

    def wsgi_app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        # Flask's own, but for how the answer is handed to the server (``_send``).
        context = self.request_context(environ)
        error: BaseException | None = None
        try:
            try:
                context.push()
                response = self.full_dispatch_request()
            except Exception as raised:
                error = raised
                response = self.handle_exception(raised)
            except:  # as Flask: note what escaped (KeyboardInterrupt...), for the teardown hooks
                error = sys.exc_info()[1]
                raise
            return _send(response, environ, start_response)
        finally:
            if "werkzeug.debug.preserve_context" in environ:
                environ["werkzeug.debug.preserve_context"](_cv_app.get())
                environ["werkzeug.debug.preserve_context"](_cv_request.get())
            if error is not None and self.should_ignore_error(error):
                error = None
            context.pop(error)
            # An exception's traceback holds this frame, which holds the exception and the request,
            # and a path no route matches leaves werkzeug's NotFound on the request: reference
            # cycles, one per such request, that only the collector would free. Unmade here, the
            # request is freed as it ends (fakesaas/core/collector.py).
            context.request.routing_exception = None
            error = None

    def app_context(self) -> LeanAppContext:
        return LeanAppContext(self)

    def full_dispatch_request(self) -> Response:
        self._got_first_request = True
        try:
            if request_started.receivers:
                request_started.send(self, _async_wrapper=self.ensure_sync)
            answer = self.preprocess_request()
            if answer is None:
                answer = self.dispatch_request()
        except Exception as raised:
            answer = self.handle_user_exception(raised)
        return self.finalize_request(answer)

    def finalize_request(self, rv: Any, from_error_handler: bool = False) -> Response:
        response = self.make_response(rv)
        try:
            response = self.process_response(response)
            if request_finished.receivers:
                request_finished.send(self, _async_wrapper=self.ensure_sync, response=response)
        except Exception:
            if not from_error_handler:
                raise
            self.logger.exception("Request finalizing failed with an error while handling an error")
        return response

    def forget_hooks(self) -> None:
        """Drop the gathered hook tables (after a hook was added or removed by hand)."""
        self._before.clear()
        self._after.clear()
        self._teardowns.clear()

    def preprocess_request(self) -> Any:
        incoming = _cv_request.get().request
        blueprint = incoming.blueprint
        found = self._before.get(blueprint)
        if found is None:
            found = self._before[blueprint] = self._gather_before(incoming.blueprints)
        preprocessors, befores = found
        if preprocessors:
            endpoint, view_args = incoming.endpoint, incoming.view_args
            for preprocess in preprocessors:
                preprocess(endpoint, view_args)
        for before in befores:
            answer = before()
            if answer is not None:
                return answer
        return None

    def process_response(self, response: Response) -> Response:
        context = _cv_request.get()
        for func in context._after_request_functions:
            response = self.ensure_sync(func)(response)
        blueprint = context.request.blueprint
        afters = self._after.get(blueprint)
        if afters is None:
            afters = self._after[blueprint] = self._gather_after(context.request.blueprints)
        for after in afters:
            response = after(response)
        if not self.session_interface.is_null_session(context._session):
            self.session_interface.save_session(self, context._session, response)
        return response

    def do_teardown_request(self, exc: BaseException | None = _UNSET) -> None:
        if exc is _UNSET:
            exc = sys.exc_info()[1]
        incoming = _cv_request.get().request
        blueprint = incoming.blueprint
        teardowns = self._teardowns.get(blueprint)
        if teardowns is None:
            teardowns = self._teardowns[blueprint] = self._gather_teardowns(incoming.blueprints)
        for teardown in teardowns:
            teardown(exc)
        if request_tearing_down.receivers:
            request_tearing_down.send(self, _async_wrapper=self.ensure_sync, exc=exc)

    def do_teardown_appcontext(self, exc: BaseException | None = _UNSET) -> None:
        if exc is _UNSET:
            exc = sys.exc_info()[1]
        for teardown in reversed(self.teardown_appcontext_funcs):
            self.ensure_sync(teardown)(exc)
        if appcontext_tearing_down.receivers:
            appcontext_tearing_down.send(self, _async_wrapper=self.ensure_sync, exc=exc)

    def _gather_teardowns(self, blueprints: list[str]) -> Hooks:
        return tuple(
            self.ensure_sync(func)
            for name in (*blueprints, None)
            for func in reversed(self.teardown_request_funcs.get(name, []))
        )

    def _gather_before(self, blueprints: list[str]) -> tuple[Hooks, Hooks]:
        names = (None, *reversed(blueprints))
        preprocessors = tuple(func for name in names for func in self.url_value_preprocessors.get(name, ()))
        befores = tuple(
            self.ensure_sync(func) for name in names for func in self.before_request_funcs.get(name, ())
        )
        return preprocessors, befores

    def _gather_after(self, blueprints: list[str]) -> Hooks:
        return tuple(
            self.ensure_sync(func)
            for name in (*blueprints, None)
            for func in reversed(self.after_request_funcs.get(name, []))
        )

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        config = self.config
        if (
            request is None
            or config["TRUSTED_HOSTS"] is not None
            or config["SERVER_NAME"] is not None
            or self.url_map.host_matching
            or self.subdomain_matching
            or "HTTP_UPGRADE" in request.environ  # a websocket upgrade changes the scheme werkzeug binds
        ):
            return super().create_url_adapter(request)
        environ = request.environ
        host = self._host(environ)
        request.host = host  # as Flask does: the request's own look-up is skipped
        return MapAdapter(
            self.url_map,
            self._server_name(host),
            _wsgi_text(environ.get("SCRIPT_NAME")) or "/",
            self.url_map.default_subdomain or "",
            environ["wsgi.url_scheme"],
            _wsgi_text(environ.get("PATH_INFO")) or "/",
            environ["REQUEST_METHOD"],
            _wsgi_text(environ.get("QUERY_STRING")),
        )

    def _host(self, environ: dict[str, Any]) -> str:
        """werkzeug's ``get_host``, answered from a table of the values it reads: each client sends
        the same Host on every request, and the look-up validates and splits it each time."""
        key = (
            environ["wsgi.url_scheme"],
            environ.get("HTTP_HOST"),
            environ.get("SERVER_NAME"),
            environ.get("SERVER_PORT"),
        )
        known = self._hosts.get(key)
        if known is None:
            known = get_host(environ)  # raises for a Host it refuses: nothing is kept then
            if len(self._hosts) >= _HOSTS_KEPT:
                self._hosts.clear()
            self._hosts[key] = known
        return known

    def _server_name(self, host: str) -> str:
        """``host`` as ``Map.bind`` keeps it: lower case, the name IDNA-encoded, the port as given."""
        known = self._idna.get(host)
        if known is not None:
            return known
        name, separator, port = host.lower().partition(":")
        try:
            name = name.encode("idna").decode("ascii")
        except UnicodeError as error:
            raise BadHost() from error
        if len(self._idna) >= _HOSTS_KEPT:
            self._idna.clear()
        known = self._idna[host] = f"{name}{separator}{port}"
        return known


# Headers werkzeug rewrites on the way out (IRI to URI); an answer with one goes werkzeug's way
# unless the value is a URI its rewrite leaves as it is (``_unchanged_by_iri_to_uri``).
_REWRITTEN = frozenset(("location", "content-location"))
# http(s)://host[:port][/path]: a lower-case ASCII host name, a port without leading zeros, and a
# path of characters werkzeug's ``iri_to_uri`` does not quote; no user, query or fragment.
_PLAIN_URI = re.compile(
    r"https?://[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*(?::([1-9][0-9]{0,4}))?(?:/[A-Za-z0-9_.~%!$&'()*+,/:;=@-]*)?"
)


def _send(response: Response, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """``response(environ, start_response)``, without werkzeug's copy and re-scan of the headers
    for what nearly every answer is: one encoded body with its length set, no location to rewrite,
    nothing to run on close, not a HEAD. A 204 (Seats.io's answer to every action) goes the same
    way, without its ``Content-Length`` and with no body, as werkzeug sends it. Anything else goes
    werkzeug's way."""
    body = response.response
    status = response.status_code
    if (
        type(response) is Response
        and type(body) is list
        and len(body) == 1
        and type(body[0]) is bytes
        and not response.direct_passthrough
        and not response._on_close
        and status >= 200
        and status != 304
        and environ["REQUEST_METHOD"] != "HEAD"
    ):
        headers = response.headers.to_wsgi_list()
        has_length = False
        for key, value in headers:
            lowered = key.lower()
            if lowered in _REWRITTEN and not _unchanged_by_iri_to_uri(value):
                return response(environ, start_response)
            if lowered == "content-length":
                has_length = True
        if status == 204:
            # RFC 7230 3.3.2: no Content-Length on a 204 (werkzeug removes it), and no body.
            start_response(response.status, [(k, v) for k, v in headers if k.lower() != "content-length"])
            return []
        if has_length:
            start_response(response.status, headers)
            return body
    return response(environ, start_response)


def bytes_response(body: bytes, status: int, content_type: str) -> Response:
    """``Response(body, status=status, content_type=content_type)``, built without werkzeug's
    constructor: for an encoded body and a given type it sets the same six attributes (headers
    ``Content-Type`` and ``Content-Length``, in that order), and its way there (the header
    object's ``extend``, the status setter, ``set_data``) cost every answer about 17 k
    instructions. Pinned to werkzeug's own by tests/test_lean_flask.py."""
    status_line = _STATUS_LINES.get(status)
    if status_line is None or type(body) is not bytes or not Response.automatically_set_content_length:
        return Response(body, status=status, content_type=content_type)
    headers = _new(Headers)
    headers._list = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    response = _new(Response)
    response.__dict__.update(
        headers=headers,
        _status=status_line,
        _status_code=status,
        direct_passthrough=False,
        _on_close=[],
        response=[body],
    )
    return response


def empty_response(status: int) -> Response:
    """``Response(b"", status=status)``, built the short way: werkzeug's default type (``text/html;
    charset=utf-8``) and a length of 0, as its constructor sets them."""
    return bytes_response(b"", status, _DEFAULT_TYPE)


_new = object.__new__
_DEFAULT_TYPE = Response(b"").content_type or ""
# Status lines as werkzeug writes them ("201 CREATED"), for the codes its table names.
_STATUS_LINES = {code: Response(status=code).status for code in HTTP_STATUS_CODES}


def _unchanged_by_iri_to_uri(url: str) -> bool:
    """Whether werkzeug's ``iri_to_uri`` gives ``url`` back as it is: so for the locations the
    emulator writes (``http://127.0.0.1:8080/api/bookings/5000123.json``), whose rewrite cost a POST
    85,000 instructions, an eighth of it. Checked against ``iri_to_uri`` itself by a hypothesis test
    (tests/test_lean_flask.py)."""
    plain = _PLAIN_URI.fullmatch(url)
    return plain is not None and (plain[1] is None or int(plain[1]) <= 65535)


def _wsgi_text(value: str | None) -> str | None:
    """A WSGI environ string as text (werkzeug's ``_wsgi_decoding_dance``)."""
    if value is None or value.isascii():
        return value
    return value.encode("latin1").decode(errors="replace")
