"""Companies and workspaces as the API manages them: test companies, workspace CRUD and secret keys."""

from __future__ import annotations

from dataclasses import dataclass

from fakesaas.core.errors import Unauthenticated
from fakesaas.seatsio.domain.errors import InvalidRequest, NotAllowed
from fakesaas.seatsio.domain.pages import Page, PageRequest, paginate
from fakesaas.seatsio.domain.state import Scope, Seatsio
from fakesaas.seatsio.domain.workspaces import DEFAULT_WORKSPACE_NAME, Company, Workspace


def check_system_secret(state: Seatsio, given: str | None) -> None:
    if given != state.system_secret:
        raise Unauthenticated("Wrong system secret")


def create_company(
    state: Seatsio,
    name: str | None = None,
    admin_key: str | None = None,
    designer_key: str | None = None,
    workspace_key: str | None = None,
    workspace_secret_key: str | None = None,
    workspace_name: str = DEFAULT_WORKSPACE_NAME,
) -> Company:
    """A company with one (default) workspace. Keys not given are made up."""
    company_id = state.next_id("company")
    company = Company(
        id=company_id,
        name=name or f"company-{company_id}",
        admin_key=admin_key or state.keys.uuid(),
        designer_key=designer_key or state.keys.uuid(),
    )
    workspace = new_workspace(state, company, workspace_name, False, workspace_key, workspace_secret_key)
    company.workspaces[workspace.key] = workspace
    company.default_workspace_key = workspace.key
    state.add_company(company)
    return company


def new_workspace(
    state: Seatsio,
    company: Company,
    name: str,
    is_test: bool,
    key: str | None = None,
    secret_key: str | None = None,
    for_sale_mode: str | None = None,
) -> Workspace:
    return Workspace(
        id=state.next_id("workspace"),
        key=key or state.keys.uuid(),
        name=name,
        secret_keys=[secret_key or state.keys.uuid()],
        company_id=company.id,
        is_test=is_test,
        for_sale_mode=for_sale_mode,
    )


def create_workspace(scope: Scope, name: str, is_test: bool, for_sale_mode: str | None) -> Workspace:
    scope.require_admin()
    _check_name(name)
    workspace = new_workspace(scope.state, scope.company, name, is_test, for_sale_mode=for_sale_mode)
    scope.company.workspaces[workspace.key] = workspace
    scope.state.index_workspace(workspace)
    return workspace


def update_workspace(scope: Scope, key: str, name: str, for_sale_mode: str | None) -> None:
    scope.require_admin()
    _check_name(name)
    workspace = scope.workspace_named(key)
    workspace.name = name
    if for_sale_mode is not None:
        workspace.for_sale_mode = for_sale_mode


def retrieve_workspace(scope: Scope, key: str) -> Workspace:
    scope.require_admin()
    return scope.workspace_named(key)


class WorkspaceFilter:
    ALL = "all"
    ACTIVE = "active"
    INACTIVE = "inactive"


def list_workspaces(scope: Scope, which: str, text: str | None, request: PageRequest) -> Page[Workspace]:
    """Newest first; ``filter`` keeps names containing it, case aside (testListAllWorkspaces)."""
    scope.require_admin()
    chosen = sorted(scope.company.workspaces.values(), key=lambda w: w.id, reverse=True)
    if which == WorkspaceFilter.ACTIVE:
        chosen = [w for w in chosen if w.is_active]
    elif which == WorkspaceFilter.INACTIVE:
        chosen = [w for w in chosen if not w.is_active]
    if text:
        chosen = [w for w in chosen if text.casefold() in w.name.casefold()]
    return paginate(chosen, lambda w: w.id, request)


def set_active(scope: Scope, key: str, active: bool) -> None:
    scope.require_admin()
    workspace = scope.workspace_named(key)
    if not active and workspace.key == scope.company.default_workspace_key:
        raise NotAllowed("The default workspace cannot be deactivated")
    workspace.is_active = active


def set_default(scope: Scope, key: str) -> None:
    scope.require_admin()
    workspace = scope.workspace_named(key)
    if not workspace.is_active:
        raise NotAllowed("An inactive workspace cannot be the default")
    scope.company.default_workspace_key = workspace.key


def delete_workspace(scope: Scope, key: str) -> None:
    """Only an inactive workspace that is not the default can go (testDeleteWorkspace deactivates first)."""
    scope.require_admin()
    workspace = scope.workspace_named(key)
    if workspace.key == scope.company.default_workspace_key:
        raise NotAllowed("The default workspace cannot be deleted")
    if workspace.is_active:
        raise NotAllowed("Only inactive workspaces can be deleted; deactivate it first")
    scope.state.unindex_workspace(workspace)
    del scope.company.workspaces[workspace.key]


@dataclass(frozen=True, slots=True)
class KeyChange:
    secret_key: str


def regenerate_secret_key(scope: Scope, key: str) -> KeyChange:
    """A new key replaces all the workspace had (testRegenerateWorkspaceSecretKey)."""
    scope.require_admin()
    workspace = scope.workspace_named(key)
    scope.state.unindex_workspace(workspace)
    workspace.secret_keys = [scope.state.keys.uuid()]
    scope.state.index_workspace(workspace)
    return KeyChange(workspace.secret_key)


def add_secret_key(scope: Scope, key: str) -> KeyChange:
    scope.require_admin()
    workspace = scope.workspace_named(key)
    new_key = scope.state.keys.uuid()
    workspace.secret_keys.append(new_key)
    scope.state.index_workspace(workspace)
    return KeyChange(new_key)


def remove_secret_key(scope: Scope, key: str, secret_key: str) -> None:
    scope.require_admin()
    workspace = scope.workspace_named(key)
    if secret_key not in workspace.secret_keys:
        raise InvalidRequest(f"Secret key not found in workspace {workspace.key}")
    if len(workspace.secret_keys) == 1:
        raise NotAllowed("A workspace keeps at least one secret key")
    scope.state.unindex_workspace(workspace)
    workspace.secret_keys.remove(secret_key)
    scope.state.index_workspace(workspace)


def _check_name(name: str) -> None:
    if not name.strip():
        raise InvalidRequest("#/name: a workspace needs a name")
