"""A company's account as ``/accounts/me`` shows it: its keys, and the settings that change what
other calls do: the chart validation rules (off, warning or error), how long a hold lasts by
default, and whether edits of a chart in use go to a draft."""

from __future__ import annotations

from dataclasses import dataclass

from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.holds import MAX_MINUTES
from fakesaas.seatsio.domain.layout import Findings
from fakesaas.seatsio.domain.settings import RULES, AccountSettings, Level
from fakesaas.seatsio.domain.state import Scope


@dataclass(frozen=True, slots=True)
class Validation:
    errors: list[str]
    warnings: list[str]


def validate_drawing(settings: AccountSettings, findings: Findings) -> Validation:
    """What the validate calls answer: each rule the drawing breaks, as an error or a warning as
    the company set it; rules that are off say nothing."""
    broken = findings.broken()
    errors = [rule for rule in RULES if rule in broken and settings.validation[rule] is Level.ERROR]
    warnings = [rule for rule in RULES if rule in broken and settings.validation[rule] is Level.WARNING]
    return Validation(errors, warnings)


def update_setting(scope: Scope, key: str, value: str) -> None:
    scope.require_admin()
    if key not in RULES:
        raise InvalidRequest(f"Unknown setting: {key} (settings: {', '.join(RULES)})")
    try:
        scope.company.settings.validation[key] = Level(value)
    except ValueError:
        raise InvalidRequest(f"{key} is OFF, WARNING or ERROR, found: {value}") from None


def change_hold_period(scope: Scope, minutes: int) -> None:
    """The expiry of a hold token made without one (testCreateHoldToken: 15 minutes for a new
    company)."""
    scope.require_admin()
    if not 1 <= minutes <= MAX_MINUTES:
        raise InvalidRequest(f"holdPeriodInMinutes must be between 1 and {MAX_MINUTES}, found: {minutes}")
    scope.company.settings.hold_period_minutes = minutes


def set_draft_chart_drawings(scope: Scope, enabled: bool) -> None:
    """Off, an edit of a chart that events use changes its published drawing at once."""
    scope.require_admin()
    scope.company.settings.draft_chart_drawings = enabled


def change_password(scope: Scope, password: str) -> None:
    """Accepted and forgotten: nothing here logs in with a password."""
    scope.require_admin()
    if not password:
        raise InvalidRequest("#/password: a password cannot be empty")


def regenerate_secret_key(scope: Scope) -> str:
    """The company's admin key is replaced: the old one stops working at once."""
    scope.require_admin()
    state, company = scope.state, scope.company
    state.remove_company(company)
    company.admin_key = state.keys.uuid()
    state.add_company(company)
    return company.admin_key


def regenerate_designer_key(scope: Scope) -> str:
    scope.require_admin()
    scope.company.designer_key = scope.state.keys.uuid()
    return scope.company.designer_key
