"""Chart calls within a workspace: create, read, list, edit, version, copy, tag, archive, validate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fakesaas.seatsio.domain import activity
from fakesaas.seatsio.domain.account import Validation, validate_drawing
from fakesaas.seatsio.domain.charts import Chart, ChartVersion, copied_drawing, new_drawing
from fakesaas.seatsio.domain.errors import ChartNotFound, InvalidRequest, NotAllowed
from fakesaas.seatsio.domain.events import Event
from fakesaas.seatsio.domain.pages import Page, PageRequest, paginate
from fakesaas.seatsio.domain.state import Scope
from fakesaas.seatsio.domain.workspaces import Workspace


def chart(scope: Scope, key: str, workspace: Workspace | None = None) -> Chart:
    target = workspace or scope.workspace
    found = target.charts.get(key)
    if found is None:
        raise ChartNotFound(key, target.key)
    return found


def add_chart(scope: Scope, workspace: Workspace, drawing: dict[str, Any], key: str | None = None) -> Chart:
    version = ChartVersion.of(drawing)  # InvalidDrawing before anything changes
    chart_key = key or scope.state.keys.uuid()
    if chart_key in workspace.charts:
        raise InvalidRequest(f"A chart with key {chart_key} already exists")
    created = Chart(
        id=scope.state.next_id("chart"),
        key=chart_key,
        published=version,
        created_at=scope.state.now(),
    )
    workspace.charts[created.key] = created
    activity.record(_in(scope, workspace), activity.CHART_CREATED, created.key)
    return created


def create_chart(
    scope: Scope, name: str | None, venue_type: str | None, categories: Sequence[Mapping[str, Any]] | None
) -> Chart:
    return add_chart(scope, scope.workspace, new_drawing(name, venue_type, categories))


def update_chart(
    scope: Scope, key: str, name: str | None, categories: Sequence[Mapping[str, Any]] | None
) -> None:
    found = chart(scope, key)
    drafts = scope.company.settings.draft_chart_drawings
    found.update(name, categories, drafts)
    if not found.used or not drafts:  # the edit went straight to the published version
        activity.record(scope, activity.CHART_PUBLISHED, key)


def add_category(scope: Scope, key: str, category: Mapping[str, Any]) -> None:
    chart(scope, key).add_category(category, scope.company.settings.draft_chart_drawings)


def update_category(
    scope: Scope, key: str, category: str, label: str | None, color: str | None, accessible: bool | None
) -> None:
    drafts = scope.company.settings.draft_chart_drawings
    chart(scope, key).update_category(category, label, color, accessible, drafts)


def remove_category(scope: Scope, key: str, category: str) -> None:
    chart(scope, key).remove_category(category, scope.company.settings.draft_chart_drawings)


def publish_draft(scope: Scope, key: str) -> None:
    chart(scope, key).publish_draft()
    activity.record(scope, activity.CHART_PUBLISHED, key)


def _in(scope: Scope, workspace: Workspace) -> Scope:
    """The scope, moved to ``workspace`` (a copy to another workspace logs there)."""
    return (
        scope if workspace is scope.workspace else Scope(scope.state, scope.company, workspace, scope.admin)
    )


@dataclass(frozen=True, slots=True)
class ChartQuery:
    text: str | None = None
    tag: str | None = None
    archived: bool | None = None


def list_charts(scope: Scope, query: ChartQuery, request: PageRequest) -> Page[Chart]:
    """Newest first; ``filter`` keeps names containing it (case aside), ``tag`` charts with it."""
    chosen = sorted(scope.workspace.charts.values(), key=lambda c: c.id, reverse=True)
    if query.archived is not None:
        chosen = [c for c in chosen if c.archived == query.archived]
    if query.text:
        text = query.text.casefold()
        chosen = [c for c in chosen if text in c.name.casefold()]
    if query.tag:
        chosen = [c for c in chosen if query.tag in c.tags]
    return paginate(chosen, lambda c: c.id, request)


def events_of(scope: Scope, chart_key: str) -> list[Event]:
    """The chart's events, newest first (testRetrieveChart::testWithEvents)."""
    found = [event for event in scope.workspace.events.values() if event.chart_key == chart_key]
    return sorted(found, key=lambda event: event.id, reverse=True)


def all_tags(scope: Scope) -> list[str]:
    tags: dict[str, None] = {}
    for item in sorted(scope.workspace.charts.values(), key=lambda c: c.id):
        tags.update(dict.fromkeys(item.tags))
    return list(tags)


def version(scope: Scope, key: str, draft: bool) -> ChartVersion:
    found = chart(scope, key).version(draft)
    if found is None:
        raise NotAllowed(f"Chart {key} has no draft version")
    return found


def copy_chart(scope: Scope, key: str, draft: bool = False) -> Chart:
    """``my chart`` becomes ``my chart (copy)`` in the same workspace (testCopyChart)."""
    source = version(scope, key, draft)
    return add_chart(scope, scope.workspace, copied_drawing(source, " (copy)"))


def copy_to_workspace(scope: Scope, key: str, to_key: str, from_key: str | None = None) -> Chart:
    """Same name in the other workspace (testCopyChartToWorkspace)."""
    origin = scope.workspace_named(from_key) if from_key else scope.workspace
    target = scope.workspace_named(to_key)
    source = chart(scope, key, origin).published
    return add_chart(scope, target, copied_drawing(source, ""))


def validate(scope: Scope, key: str, draft: bool) -> Validation:
    """The rules the drawing breaks, as errors or warnings as the company set each (all off for a
    new company: testValidateChart, seatsio-js chartValidation.test.ts)."""
    return validate_drawing(scope.company.settings, version(scope, key, draft).layout.findings)


def published_validation(scope: Scope, found: Chart) -> Validation:
    return validate_drawing(scope.company.settings, found.published.layout.findings)


def set_archived(scope: Scope, key: str, archived: bool) -> None:
    chart(scope, key).archived = archived
