"""Routes of the SuperSaaS API, one module per resource family."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint

View = TypeVar("View", bound=Callable[..., Any])


def api_route(blueprint: Blueprint, rule: str, methods: list[str]) -> Callable[[View], View]:
    """Register ``rule`` with and without the ``.json``/``.xml`` extension the docs use."""

    def decorate(view: View) -> View:
        # No automatic OPTIONS: it would answer text/html; unlisted methods get the 405 document.
        for path in (rule, rule + ".<any(json, xml):fmt>"):
            blueprint.add_url_rule(path, view_func=view, methods=methods, provide_automatic_options=False)
        return view

    return decorate
