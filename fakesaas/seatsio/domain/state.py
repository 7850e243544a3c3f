"""The Seats.io state of a world: companies, the keys that reach them, id sequences, the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fakesaas.core.clock import Clock
from fakesaas.core.errors import PermissionDenied, Unauthenticated
from fakesaas.core.ids import IdSequence
from fakesaas.seatsio.domain.errors import WorkspaceNotFound
from fakesaas.seatsio.domain.keys import KeyMaker
from fakesaas.seatsio.domain.workspaces import Company, Workspace

DEFAULT_SYSTEM_SECRET = "superSecretSystemApi"  # seatsioClientTest.system_api_secret()'s default

# Separate ranges per kind, so an id of one kind never names an object of another by chance.
ID_STARTS = {
    "company": 1,
    "workspace": 1_001,
    "chart": 100_001,
    "event": 1_000_001,
    "status_change": 10_000_001,
    "log": 50_000_001,
    "ticket_buyer": 60_000_001,
}


class Seatsio:
    """Every company, and look-ups from each kind of key to what it reaches."""

    def __init__(
        self, clock: Clock, system_secret: str = DEFAULT_SYSTEM_SECRET, keys: KeyMaker | None = None
    ):
        self.clock = clock
        self.system_secret = system_secret
        self.keys = keys or KeyMaker()
        self.ids = {kind: IdSequence(start) for kind, start in ID_STARTS.items()}
        self.companies: dict[int, Company] = {}
        self._admin_keys: dict[str, Company] = {}
        self._secret_keys: dict[str, Workspace] = {}
        self._workspace_keys: dict[str, Workspace] = {}

    def next_id(self, kind: str) -> int:
        return self.ids[kind].next()

    def next_ids(self, kind: str, count: int) -> range:
        return self.ids[kind].take(count)

    def now(self) -> datetime:
        # Seats.io shows milliseconds (hold tokens' expiresAt, createdAt, status changes' dates).
        return self.clock.precise_now()

    # --- registry ----------------------------------------------------------------------------
    def add_company(self, company: Company) -> None:
        self.companies[company.id] = company
        self._admin_keys[company.admin_key] = company
        for workspace in company.workspaces.values():
            self.index_workspace(workspace)

    def remove_company(self, company: Company) -> None:
        self.companies.pop(company.id, None)
        self._admin_keys.pop(company.admin_key, None)
        for workspace in company.workspaces.values():
            self.unindex_workspace(workspace)

    def index_workspace(self, workspace: Workspace) -> None:
        self._workspace_keys[workspace.key] = workspace
        for key in workspace.secret_keys:
            self._secret_keys[key] = workspace

    def unindex_workspace(self, workspace: Workspace) -> None:
        self._workspace_keys.pop(workspace.key, None)
        for key in workspace.secret_keys:
            self._secret_keys.pop(key, None)

    def company_of(self, workspace: Workspace) -> Company:
        return self.companies[workspace.company_id]

    def company_by_name(self, name: str) -> Company | None:
        return next((c for c in self.companies.values() if c.name == name), None)

    def workspace_by_key(self, key: str) -> Workspace | None:
        return self._workspace_keys.get(key)

    # --- authentication ----------------------------------------------------------------------
    def authenticate(self, secret_key: str | None, workspace_key: str | None) -> Scope:
        """The company admin key acts on the default workspace, or on the one ``X-Workspace-Key``
        names; a workspace secret key acts on its own workspace. Unknown keys are 401."""
        if not secret_key:
            raise Unauthenticated("No secret key given")
        company = self._admin_keys.get(secret_key)
        if company is not None:
            if workspace_key:
                workspace = company.workspaces.get(workspace_key)
                if workspace is None:
                    raise Unauthenticated("Unknown workspace key for this company")
            else:
                workspace = company.default_workspace
            return Scope(self, company, workspace, admin=True)
        workspace = self._secret_keys.get(secret_key)
        if workspace is None:
            raise Unauthenticated("Unknown secret key")
        if workspace_key and workspace_key != workspace.key:
            raise Unauthenticated("The workspace key does not belong to this secret key")
        if not workspace.is_active:
            raise PermissionDenied("This workspace is inactive")
        return Scope(self, self.companies[workspace.company_id], workspace, admin=False)

    def caller(self, secret_key: str | None) -> str | None:
        """The company a key speaks for, by name (for the journal and rate limits)."""
        if not secret_key:
            return None
        company = self._admin_keys.get(secret_key)
        if company is None:
            workspace = self._secret_keys.get(secret_key)
            company = self.companies.get(workspace.company_id) if workspace is not None else None
        return company.name if company is not None else None


@dataclass(frozen=True, slots=True)
class Scope:
    """An authenticated call: the state, the company, the workspace it acts on, and whether it
    came with the company's admin key (needed to manage workspaces)."""

    state: Seatsio
    company: Company
    workspace: Workspace
    admin: bool

    def require_admin(self) -> None:
        if not self.admin:
            raise PermissionDenied("Only the company admin key may manage workspaces")

    def workspace_named(self, key: str) -> Workspace:
        workspace = self.company.workspaces.get(key)
        if workspace is None:
            raise WorkspaceNotFound(key)
        return workspace
