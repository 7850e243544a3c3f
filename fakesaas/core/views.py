"""The dashboard's view of a service: pages of panels (calendars, tables, details, seat maps) as plain
data that names no framework and holds no HTML, and the interface a service answers them by.

A service that has pages answers ``Service.views()`` with a ``ServiceViews``: ``connect`` says how an
SDK reaches it, ``page`` answers a ``ViewQuery`` (a path below the service and its parameters) with a
``Page`` of panels. The dashboard renders every panel kind with one generic template, so a service
never writes markup and the dashboard never reads a service's records. Links inside a page are
service-relative (``Link.path``); the dashboard turns them into URLs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from fakesaas.core.panels import Calendar, Details, Link, Notice, Table
from fakesaas.core.seatmap import SeatMap


class ViewNotFound(LookupError):
    """No page at this path (an unknown account, schedule, booking...): the dashboard answers 404."""


Panel = Table | Details | Notice | Calendar | SeatMap


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a service: a title, its place (``crumbs``), sub-navigation (``tabs``), panels.
    ``aside`` panels sit beside the main ones (a selected booking's details)."""

    title: str
    panels: tuple[Panel, ...]
    crumbs: tuple[Link, ...] = ()
    tabs: tuple[Link, ...] = ()
    aside: tuple[Panel, ...] = ()


@dataclass(frozen=True, slots=True)
class Snippet:
    """Ready-to-paste code for one official SDK or tool."""

    title: str
    language: str
    code: str


@dataclass(frozen=True, slots=True)
class Connect:
    """How a client reaches the service: the base URL its SDKs want, snippets, and entry pages."""

    base_url: str
    note: str = ""
    snippets: tuple[Snippet, ...] = ()
    pages: tuple[Link, ...] = ()
    tenants: str = "Accounts"  # what the service calls its tenants ("Companies", "Workspaces")


@dataclass(frozen=True, slots=True)
class ViewQuery:
    """A request for a page: ``path`` below the service, its parameters, and the world's now (UTC).
    The readers never raise: a parameter that cannot be read is taken as not given."""

    path: str
    params: Mapping[str, str] = field(default_factory=dict)
    now: datetime = datetime(2000, 1, 1)

    @property
    def parts(self) -> list[str]:
        return [part for part in self.path.split("/") if part]

    def text(self, name: str, default: str = "") -> str:
        return self.params.get(name) or default

    def number(self, name: str, default: int = 0, low: int = 0, high: int = 10**9) -> int:
        raw = self.params.get(name, "")
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 12):
            return default
        return min(max(int(raw), low), high)

    def day(self, name: str = "date") -> date | None:
        raw = self.params.get(name, "")
        try:
            return date.fromisoformat(raw) if len(raw) == 10 else None
        except ValueError:
            return None


class ServiceViews(ABC):
    """A service's pages on the dashboard. ``state`` is the service's state, read under the world
    lock by the caller. Pages only read; a service may first let what the clock has made due
    happen (hold tokens that expired), as any call of its own API would, so a page shows what the
    next client call would see."""

    @abstractmethod
    def connect(self, state: Any, base_url: str) -> Connect:
        """How an SDK reaches the service served at ``base_url`` (the emulator's, no slash at the end)."""

    @abstractmethod
    def page(self, state: Any, query: ViewQuery) -> Page:
        """The page at ``query.path`` ("" is the service's first page); ViewNotFound if none."""
