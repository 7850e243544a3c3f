"""URL matching with each route part's pattern compiled once: werkzeug's own state machine, walked
without the per-request pattern look-ups, and werkzeug itself for every request that does not
simply match.

werkzeug's matcher walks a tree of path parts. At each dynamic part it looks its pattern up in the
``re`` module's cache and sorts the match's groups into converter order, on every request: a
Seats.io GET, whose paths try several dynamic parts, spent ~33 k instructions of its ~570 k on that
(``bench/instructions.py``). ``CompiledMatcher`` keeps werkzeug's tree and its order (static parts
first, then dynamic ones by weight, backtracking alike), and keeps for each dynamic part its
compiled pattern and its converter groups in order, made when the map is updated.

Only a request that matches, by method, without a slash to add or merge, gets its answer here.
Anything else (no rule, another method, a redirect, a converter refusing a value, a websocket)
is asked of werkzeug's matcher again, which raises what it always raised. The two agree on every
path and method: tests/test_lean_routing.py checks that with hypothesis over the real URL maps.

A path that matched is kept with its rule and values, so the next request for it is answered from
a table (clients ask for the same few paths over and over: ``/api/bookings.json``, a schedule's
``/api/free/...``); the walk cost a request about 35 k instructions, the table about 3 k. Only
rules whose converters are werkzeug's own are kept: those turn a part into a value the same way
every time, and into a value nobody changes in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping
from typing import Any

from werkzeug.routing import Map, Rule, RuleFactory
from werkzeug.routing.converters import BaseConverter, ValidationError
from werkzeug.routing.matcher import State, StateMachineMatcher

_CONVERTER_GROUP = "__werkzeug_"  # werkzeug names a converter's group __werkzeug_0, __werkzeug_1...

# A dynamic part: its compiled pattern, its converter groups in order, final (takes the rest of the
# path), suffixed (ends in an optional slash), and the state it leads to.
Step = tuple[re.Pattern[str], tuple[str, ...], bool, bool, State]


# Matches kept; past this many the table starts again (each key holds a path: a client sending
# ever new ones must not grow it without end). A path longer than _LONGEST_KEPT is never kept.
_MATCHES_KEPT = 2048
_LONGEST_KEPT = 512
_WERKZEUG_CONVERTERS = BaseConverter.__module__


class _Unsure(Exception):
    """The walk met what only werkzeug's matcher answers exactly (a slash it would ask for)."""


class CompiledMatcher(StateMachineMatcher):
    """werkzeug's ``StateMachineMatcher`` with its dynamic parts compiled once per map update."""

    def __init__(self, merge_slashes: bool) -> None:
        super().__init__(merge_slashes)
        self._steps: dict[int, list[Step]] = {}
        self._matches: dict[tuple[str, str, str, bool], tuple[Rule, dict[str, Any]]] = {}
        # id(rule) -> whether its matches may be kept (a Rule has no hash); cleared with the rules.
        self._kept_rules: dict[int, bool] = {}

    def update(self) -> None:
        super().update()  # sorts each state's dynamic parts by weight: the order kept below
        steps: dict[int, list[Step]] = {}
        pending = [self._root]
        while pending:
            state = pending.pop()
            steps[id(state)] = [_step(part, target) for part, target in state.dynamic]
            pending.extend(state.static.values())
            pending.extend(target for _, target in state.dynamic)
        self._steps = steps
        self._matches = {}
        self._kept_rules = {}

    def match(
        self, domain: str, path: str, method: str, websocket: bool
    ) -> tuple[Rule, MutableMapping[str, Any]]:
        key = (domain, path, method, websocket)
        kept = self._matches.get(key)
        if kept is not None:
            # A copy: Flask's URL value preprocessors and the blueprints' hooks pop from it.
            return kept[0], kept[1].copy()
        try:
            found = self._walk(self._root, [domain, *path.split("/")], [], method, websocket)
        except _Unsure:
            found = None
        if found is not None:
            rule, values = found
            if not (rule.alias and rule.map.redirect_defaults):
                try:
                    converted = _converted(rule, values)
                except ValidationError:
                    pass
                else:
                    if len(path) <= _LONGEST_KEPT and self._keeps(rule):
                        if len(self._matches) >= _MATCHES_KEPT:
                            self._matches.clear()
                        self._matches[key] = (rule, converted.copy())
                    return rule, converted
        return super().match(domain, path, method, websocket)

    def _keeps(self, rule: Rule) -> bool:
        keeps = self._kept_rules.get(id(rule))
        if keeps is None:
            keeps = self._kept_rules[id(rule)] = all(
                type(converter).to_python.__module__ == _WERKZEUG_CONVERTERS
                for converter in rule._converters.values()
            )
        return keeps

    def _walk(
        self, state: State, parts: list[str], values: list[str], method: str, websocket: bool
    ) -> tuple[Rule, list[str]] | None:
        if not parts:
            rule = _usable(state.rules, method, websocket)
            if rule is not None:
                return rule, values
            if "" in state.static and _usable(state.static[""].rules, method, websocket, strict=None):
                raise _Unsure  # werkzeug asks for the slash, or matches a rule that takes one
            return None
        part = parts[0]
        following = state.static.get(part)
        if following is not None:
            found = self._walk(following, parts[1:], values, method, websocket)
            if found is not None:
                return found
        for pattern, groups, final, suffixed, target in self._steps[id(state)]:
            matched = pattern.match("/".join(parts) if final else part)
            if matched is None:
                continue
            remaining = [] if final else parts[1:]
            if suffixed and matched.groups()[-1] == "/":
                remaining = [""]
            found = self._walk(
                target, remaining, [*values, *(matched[name] for name in groups)], method, websocket
            )
            if found is not None:
                return found
        if parts == [""]:
            rule = _usable(state.rules, method, websocket, strict=False)
            if rule is not None:
                return rule, values
        return None


class CompiledMap(Map):
    """werkzeug's ``Map`` matched by ``CompiledMatcher`` (Flask's ``url_map_class``)."""

    def __init__(self, rules: Iterable[RuleFactory] | None = None, *args: Any, **options: Any) -> None:
        super().__init__(None, *args, **options)
        self._matcher = CompiledMatcher(self._matcher.merge_slashes)
        for rule_factory in rules or ():
            self.add(rule_factory)


def _step(part: Any, target: State) -> Step:
    pattern = re.compile(part.content)
    groups = sorted((name for name in pattern.groupindex if name.startswith(_CONVERTER_GROUP)), key=_order)
    return pattern, tuple(groups), part.final, part.suffixed, target


def _order(group: str) -> int:
    return int(group[len(_CONVERTER_GROUP) :])


def _usable(rules: list[Rule], method: str, websocket: bool, strict: bool | None = True) -> Rule | None:
    """The first rule that takes ``method`` and ``websocket``; ``strict=False`` only among rules
    without strict slashes, ``None`` among all (werkzeug's trailing-slash checks)."""
    for rule in rules:
        if strict is False and rule.strict_slashes:
            continue
        if (rule.methods is None or method in rule.methods) and rule.websocket == websocket:
            return rule
    return None


def _converted(rule: Rule, values: list[str]) -> dict[str, Any]:
    converters = rule._converters
    # Not strict, as werkzeug's: a part may carry groups that no converter takes.
    pairs = zip(converters, values, strict=False)
    result = {str(name): converters[name].to_python(value) for name, value in pairs}
    if rule.defaults:
        result.update(rule.defaults)
    return result
