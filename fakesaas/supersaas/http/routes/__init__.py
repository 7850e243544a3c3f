"""Routes of the SuperSaaS API, one module per resource family."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint

View = Callable[..., Any]


def api_route(blueprint: Blueprint, rule: str, methods: list[str]) -> Callable[[View], View]:
    """Register ``rule`` with and without the ``.json``/``.xml`` extension the docs use."""

    def decorate(view: View) -> View:
        blueprint.add_url_rule(rule, view_func=view, methods=methods)
        blueprint.add_url_rule(rule + ".<any(json, xml):fmt>", view_func=view, methods=methods)
        return view

    return decorate
