"""The app's URL matcher (fakesaas/lean_routing.py) answers every path and method exactly as
werkzeug's own: the same rule and values, or the same refusal (404, 405 with its methods, a
redirect to add or merge slashes). Checked over the real URL maps of all the services."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.routing import Map
from werkzeug.routing.matcher import StateMachineMatcher

from fakesaas import create_app
from fakesaas.lean_routing import CompiledMatcher
from fakesaas.settings import Settings

URL_MAP: Map = create_app(Settings()).url_map
URL_MAP.update()
TEMPLATES = sorted({rule.rule for rule in URL_MAP.iter_rules()})
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")

# What a path part may hold: ids, keys with dots and escapes, text past ASCII, nothing at all.
pieces = st.one_of(
    st.sampled_from(["5000001", "100001", "demo-event", "a.b", "x%2Fy", "ü", "", "json", "xml", "A-1"]),
    st.text(alphabet="abz019.-_%/~ü", max_size=8),
)


@st.composite
def paths(draw: st.DrawFn) -> str:
    """A route of the map with its variables filled in, often bent: a suffix, a slash doubled or
    added at the end, a part dropped or added; sometimes a path made of route words at random."""
    if draw(st.integers(0, 9)) == 0:
        words = draw(
            st.lists(st.sampled_from(["api", "seatsio", "events", "charts", "bookings", "1.json", ""]))
        )
        return "/" + "/".join(words)
    template = draw(st.sampled_from(TEMPLATES))
    path = re.sub(r"<[^>]+>", lambda _: draw(pieces), template)
    bend = draw(st.sampled_from(["", ".json", ".xml", ".txt", "/", "//", "/extra", "drop"]))
    if bend == "drop":
        return path.rpartition("/")[0] or "/"
    if bend == "//":
        return path.replace("/", "//", 1)
    return path + bend


def outcome(matcher_match: Any, path: str, method: str, websocket: bool) -> tuple[Any, ...]:
    try:
        rule, values = matcher_match("", path, method, websocket)
    except Exception as refusal:  # the routing exceptions: compared by kind and what they carry
        carried = {key: value for key, value in vars(refusal).items() if key != "__traceback__"}
        return ("refused", type(refusal).__name__, sorted(carried.items(), key=repr), refusal.args)
    return ("matched", rule.rule, rule.endpoint, sorted(values.items(), key=repr))


def test_the_app_matches_with_the_compiled_matcher() -> None:
    assert isinstance(URL_MAP._matcher, CompiledMatcher)
    assert len(TEMPLATES) > 100  # every service's routes, not a toy map


@settings(max_examples=3000, deadline=None)
@given(paths(), st.sampled_from(METHODS), st.booleans())
def test_every_path_and_method_gets_werkzeugs_answer(path: str, method: str, websocket: bool) -> None:
    matcher = URL_MAP._matcher
    compiled = outcome(matcher.match, path, method, websocket)
    werkzeug = outcome(lambda *args: StateMachineMatcher.match(matcher, *args), path, method, websocket)
    assert compiled == werkzeug


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/bookings/5000001.json", "GET"),
        ("/api/bookings/5000001", "DELETE"),
        ("/seatsio/events/demo-event", "GET"),
        ("/seatsio/events/a/b/c/actions/book", "POST"),
        ("/simplybook/", "POST"),
        ("/api/bookings/5000001.json", "PATCH"),
        ("/api//bookings.json", "GET"),
        ("/nowhere", "GET"),
    ],
)
def test_known_paths_get_werkzeugs_answer(path: str, method: str) -> None:
    matcher = URL_MAP._matcher
    assert outcome(matcher.match, path, method, False) == outcome(
        lambda *args: StateMachineMatcher.match(matcher, *args), path, method, False
    )
