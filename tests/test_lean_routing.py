"""The app's URL matcher (fakesaas/lean_routing.py) answers every path and method exactly as
werkzeug's own: the same rule and values, or the same refusal (404, 405 with its methods, a
redirect to add or merge slashes). Checked over the real URL maps of all the services."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.routing import BaseConverter, Map, Rule
from werkzeug.routing.matcher import StateMachineMatcher

from fakesaas import create_app
from fakesaas.lean_routing import CompiledMap, CompiledMatcher
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


@settings(max_examples=500, deadline=None)
@given(paths(), st.sampled_from(METHODS))
def test_a_path_asked_again_gets_werkzeugs_answer_again(path: str, method: str) -> None:
    matcher = URL_MAP._matcher
    werkzeug = outcome(lambda *args: StateMachineMatcher.match(matcher, *args), path, method, False)
    assert outcome(matcher.match, path, method, False) == werkzeug
    assert outcome(matcher.match, path, method, False) == werkzeug


def test_values_changed_by_one_request_are_not_seen_by_the_next() -> None:
    # Flask's URL value preprocessors and the SuperSaaS hook pop values from what a match gives.
    matcher = URL_MAP._matcher
    _, first = matcher.match("", "/api/bookings/5000001.json", "GET", False)
    first.clear()
    _, second = matcher.match("", "/api/bookings/5000001.json", "GET", False)
    assert second == {"booking_id": "5000001", "fmt": "json"}


def test_a_rule_added_later_is_matched() -> None:
    url_map = CompiledMap([Rule("/things/<name>", endpoint="any_thing")])
    assert url_map.bind("localhost").match("/things/new") == ("any_thing", {"name": "new"})
    url_map.add(Rule("/things/new", endpoint="new_thing"))  # static parts come before dynamic ones
    assert url_map.bind("localhost").match("/things/new") == ("new_thing", {})


def test_a_converter_of_our_own_is_asked_every_time() -> None:
    asked: list[str] = []

    class Counted(BaseConverter):
        def to_python(self, value: str) -> str:
            asked.append(value)
            return value.upper()

    url_map = CompiledMap([Rule("/things/<counted:name>", endpoint="thing")], converters={"counted": Counted})
    adapter = url_map.bind("localhost")
    assert [adapter.match("/things/a"), adapter.match("/things/a")] == [("thing", {"name": "A"})] * 2
    assert asked == ["a", "a"]


def test_the_kept_matches_are_bounded() -> None:
    url_map = CompiledMap([Rule("/things/<int:number>", endpoint="thing")])
    adapter = url_map.bind("localhost")
    for number in range(5000):
        assert adapter.match(f"/things/{number}") == ("thing", {"number": number})
    matcher = url_map._matcher
    assert isinstance(matcher, CompiledMatcher)
    assert 0 < len(matcher._matches) <= 2048
