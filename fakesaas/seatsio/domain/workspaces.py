"""Companies and their workspaces: keys, names, the default workspace, active and test flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fakesaas.seatsio.domain.holds import HoldTokens
from fakesaas.seatsio.domain.settings import AccountSettings
from fakesaas.seatsio.domain.usage_records import UsageHistory

if TYPE_CHECKING:
    from fakesaas.seatsio.domain.charts import Chart
    from fakesaas.seatsio.domain.events import Event

DEFAULT_WORKSPACE_NAME = "Production workspace"  # testListActiveWorkspaces: the company's first one


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One entry of a workspace's event log (fakesaas/seatsio/domain/activity.py writes them)."""

    id: int
    type: str
    timestamp: datetime
    data: dict[str, Any]


@dataclass(slots=True)
class Activity:
    """The event log, oldest first, and the ticket buyer ids (uuid -> the id it was listed under)."""

    log: list[LogEntry] = field(default_factory=list)
    ticket_buyers: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Workspace:
    """A workspace: its own charts, events and hold tokens, reached by its secret keys."""

    id: int
    key: str  # the public key (X-Workspace-Key)
    name: str
    secret_keys: list[str]
    company_id: int
    is_test: bool = False
    is_active: bool = True
    for_sale_mode: str | None = None
    charts: dict[str, Chart] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    events_by_id: dict[int, Event] = field(default_factory=dict)
    hold_tokens: HoldTokens = field(default_factory=HoldTokens)
    activity: Activity = field(default_factory=Activity)

    @property
    def secret_key(self) -> str:
        return self.secret_keys[0]

    def add_event(self, event: Event) -> None:
        self.events[event.key] = event
        self.events_by_id[event.id] = event

    def remove_event(self, event: Event) -> None:
        self.events.pop(event.key, None)
        self.events_by_id.pop(event.id, None)


@dataclass(slots=True)
class Company:
    """A Seats.io company: its admin and designer keys and its workspaces (one is the default)."""

    id: int
    name: str
    admin_key: str
    designer_key: str
    workspaces: dict[str, Workspace] = field(default_factory=dict)
    default_workspace_key: str = ""
    usage: UsageHistory = field(default_factory=UsageHistory)  # what it used before the emulator
    settings: AccountSettings = field(default_factory=AccountSettings)

    @property
    def default_workspace(self) -> Workspace:
        return self.workspaces[self.default_workspace_key]
