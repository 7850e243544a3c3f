"""Every operation of the real Seats.io REST API (docs.seats.io, and the methods of the official
Python and JavaScript SDKs), for the coverage table. Whether each is served is found from the app.

Each line of the tables: ``METHOD /path | reference | texts that mark a test file as pinning it``.
The example path the app is asked about is the template with each ``{name}`` filled in.
"""

from __future__ import annotations

import re

from fakesaas.core.coverage import Operation

PREFIX = "/seatsio"
_CHARTS = """
POST /charts | Charts; SDK charts.create | charts.create | "/charts"
GET /charts | Charts; SDK charts.list, list_first_page, list_page_after/before | charts.list | /charts?
GET /charts/{key} | Charts; SDK charts.retrieve, retrieve_with_events | charts.retrieve(
POST /charts/{key} | Charts; SDK charts.update | charts.update(
GET /charts/archive | Charts; SDK charts.archive | /charts/archive
GET /charts/tags | Charts; SDK charts.list_all_tags | list_all_tags | /charts/tags
POST /charts/{key}/tags/{tag} | Charts; SDK charts.add_tag | add_tag | /tags/
DELETE /charts/{key}/tags/{tag} | Charts; SDK charts.remove_tag | remove_tag
POST /charts/{key}/actions/move-to-archive | Charts; SDK charts.move_to_archive | move-to-archive
POST /charts/{key}/actions/move-out-of-archive | Charts; SDK charts.move_out_of_archive | move_out_of_archive
GET /charts/{key}/version/published | Charts; SDK charts.retrieve_published_version | /version/published
GET /charts/{key}/version/draft | Charts; SDK charts.retrieve_draft_version | /version/draft
POST /charts/{key}/version/draft/actions/publish | Charts; SDK charts.publish_draft_version | actions/publish
POST /charts/{key}/version/draft/actions/discard | Charts; SDK charts.discard_draft_version | actions/discard
POST /charts/{key}/version/published/actions/copy | Charts; SDK charts.copy | published/actions/copy
POST /charts/{key}/version/draft/actions/copy | Charts; SDK charts.copy_draft_version | copy_draft_version
POST /charts/{key}/version/published/actions/copy-to-workspace/{workspace} | Charts; SDK \
charts.copy_to_workspace | copy_to_workspace | copy-to-workspace
POST /charts/{key}/version/published/actions/copy/from/{from}/to/{to} | Charts; SDK \
charts.copy_from_workspace_to | copy_from_workspace_to | /copy/from/
GET /charts/{key}/version/published/thumbnail | Charts; SDK charts.retrieve_published_version_thumbnail \
| published/thumbnail
GET /charts/{key}/version/draft/thumbnail | Charts; SDK charts.retrieve_draft_version_thumbnail \
| draft/thumbnail
POST /charts/{key}/version/published/actions/validate | Charts; SDK charts.validate_published_version \
| published/actions/validate | validate_published_version
POST /charts/{key}/version/draft/actions/validate | Charts; SDK charts.validate_draft_version \
| draft/actions/validate | validate_draft_version
GET /charts/{key}/categories | Charts; SDK charts.list_categories | list_categories | /categories
POST /charts/{key}/categories | Charts; SDK charts.add_category | add_category | /categories
POST /charts/{key}/categories/{category} | Charts; SDK charts.update_category | update_category | /categories/
DELETE /charts/{key}/categories/{category} | Charts; SDK charts.remove_category | remove_category
"""
_EVENTS = """
POST /events | Events; SDK events.create | events.create( | "/events"
POST /events/actions/create-multiple | Events; SDK events.create_multiple | create-multiple
GET /events | Events; SDK events.list, list_first_page, list_page_after/before | events.list | "/events"
GET /events/{key} | Events and seasons; SDK events.retrieve, seasons.retrieve | events.retrieve( \
| seasons.retrieve
POST /events/{key} | Events and seasons; SDK events.update, seasons.update | events.update( | seasons.update
DELETE /events/{key} | Events; SDK events.delete | events.delete(
POST /events/{key}/actions/move-to-new-chart-copy | Events; SDK events.move_event_to_new_chart_copy \
| move-to-new-chart-copy | move_event_to_new_chart_copy
GET /events/{key}/objects | Object infos; SDK events.retrieve_object_info(s) | retrieve_object_info \
| /objects?label
POST /events/groups/actions/change-object-status | Object status; SDK events.book, hold, release, \
change_object_status, put_up_for_resale | groups/actions/change-object-status | events.book(
POST /events/actions/change-object-status | Object status; SDK events.change_object_status_in_batch \
| change_object_status_in_batch | "/events/actions/change-object-status
POST /events/{key}/actions/change-object-status | Object status of an event; SDK events.book_best_available, \
hold_best_available, change_best_available_object_status | best_available | bestAvailable
POST /events/{key}/actions/book | Object status (docs: book objects) | /actions/book
POST /events/{key}/actions/hold | Object status (docs: hold objects) | /actions/hold
POST /events/{key}/actions/release | Object status (docs: release objects) | /actions/release
POST /events/{key}/objects/{label}/actions/update-extra-data | Extra data; SDK events.update_extra_data \
| update_extra_data | update-extra-data
POST /events/{key}/actions/update-extra-data | Extra data; SDK events.update_extra_datas \
| update_extra_datas \
| actions/update-extra-data
GET /events/{key}/status-changes | Status changes; SDK events.status_changes | status_changes \
| /status-changes
GET /events/{key}/objects/{label}/status-changes | Status changes; SDK events.status_changes_for_object \
| status_changes_for_object | /status-changes
POST /events/{key}/actions/edit-for-sale-config | For sale; SDK events.edit_for_sale_config \
| edit_for_sale_config | edit-for-sale-config
POST /events/actions/edit-for-sale-config | For sale; SDK events.edit_for_sale_config_for_events \
| edit_for_sale_config_for_events | edit-for-sale-config
POST /events/{key}/actions/mark-as-for-sale | For sale; SDK events.mark_as_for_sale, replace_for_sale_config \
| mark_as_for_sale | mark-as-for-sale
POST /events/{key}/actions/mark-as-not-for-sale | For sale; SDK events.mark_as_not_for_sale, \
replace_for_sale_config | mark_as_not_for_sale | mark-as-not-for-sale
POST /events/{key}/actions/mark-everything-as-for-sale | For sale; SDK events.mark_everything_as_for_sale \
| mark_everything_as_for_sale | mark-everything-as-for-sale
POST /events/{key}/actions/mark-everything-as-not-for-sale | For sale (docs) | mark-everything-as-not-for-sale
POST /events/{key}/channels | Channels; SDK events.channels.add, add_multiple | channels.add | /channels
POST /events/{key}/channels/{channel} | Channels; SDK events.channels.update | channels.update | /channels/
DELETE /events/{key}/channels/{channel} | Channels; SDK events.channels.remove | channels.remove(
POST /events/{key}/channels/replace | Channels; SDK events.channels.replace | channels.replace \
| /channels/replace
POST /events/{key}/channels/{channel}/objects | Channels; SDK events.channels.add_objects | add_objects
DELETE /events/{key}/channels/{channel}/objects | Channels; SDK events.channels.remove_objects \
| remove_objects
"""
_SEASONS = """
POST /seasons | Seasons; SDK seasons.create | seasons.create | "/seasons"
POST /seasons/{key}/actions/create-events | Seasons; SDK seasons.create_events | create_events | create-events
POST /seasons/{key}/partial-seasons | Seasons; SDK seasons.create_partial_season | create_partial_season \
| /partial-seasons
POST /seasons/{key}/partial-seasons/{partial}/actions/add-events | Seasons; SDK \
seasons.add_events_to_partial_season | add_events_to_partial_season | add-events
DELETE /seasons/{key}/partial-seasons/{partial}/events/{event} | Seasons; SDK \
seasons.remove_event_from_partial_season | remove_event_from_partial_season
POST /events/{key}/actions/override-season-status | Seasons; SDK events.override_season_object_status \
| override_season_object_status | override-season-status
POST /events/{key}/actions/use-season-status | Seasons; SDK events.use_season_object_status \
| use_season_object_status | use-season-status
"""
_WORKSPACES = """
POST /hold-tokens | Hold tokens; SDK hold_tokens.create | hold_tokens.create | /hold-tokens
GET /hold-tokens/{token} | Hold tokens; SDK hold_tokens.retrieve | hold_tokens.retrieve | /hold-tokens/
POST /hold-tokens/{token} | Hold tokens; SDK hold_tokens.expire_in_minutes | expire_in_minutes | /hold-tokens/
POST /workspaces | Workspaces; SDK workspaces.create | workspaces.create | "/workspaces"
POST /workspaces/{key} | Workspaces; SDK workspaces.update | workspaces.update | /workspaces/
GET /workspaces/{key} | Workspaces; SDK workspaces.retrieve | workspaces.retrieve | /workspaces/
GET /workspaces | Workspaces; SDK workspaces.list | workspaces.list | "/workspaces"
GET /workspaces/active | Workspaces; SDK workspaces.active | /workspaces/active | workspaces.active
GET /workspaces/inactive | Workspaces; SDK workspaces.inactive | /workspaces/inactive | workspaces.inactive
POST /workspaces/{key}/actions/activate | Workspaces; SDK workspaces.activate | workspaces.activate
POST /workspaces/{key}/actions/deactivate | Workspaces; SDK workspaces.deactivate | workspaces.deactivate
POST /workspaces/{key}/actions/regenerate-secret-key | Workspaces; SDK workspaces.regenerate_secret_key \
| regenerate_secret_key(
POST /workspaces/{key}/actions/add-secret-key | Workspaces (docs: another secret key) | add-secret-key
POST /workspaces/{key}/actions/remove-secret-key | Workspaces (docs) | remove-secret-key
POST /workspaces/actions/set-default/{key} | Workspaces; SDK workspaces.set_default | set_default \
| set-default
DELETE /workspaces/{key} | Workspaces; SDK workspaces.delete | workspaces.delete
GET /event-log | Event log; SDK event_log.list | event_log | /event-log
POST /ticket-buyers | Ticket buyers; SDK ticket_buyers.add | ticket_buyers.add | /ticket-buyers
DELETE /ticket-buyers | Ticket buyers; SDK ticket_buyers.remove | ticket_buyers.remove | /ticket-buyers
GET /ticket-buyers | Ticket buyers; SDK ticket_buyers.list_all | ticket_buyers.list | /ticket-buyers
"""
_USAGE_AND_ACCOUNTS = """
GET /reports/usage | Usage; SDK usage_reports.summary_for_all_months | /reports/usage? \
| summary_for_all_months
GET /reports/usage/month/{month} | Usage; SDK usage_reports.details_for_month | /reports/usage/month/
GET /reports/usage/month/{month}/event/{id} | Usage; SDK usage_reports.details_for_event_in_month | /event/
GET /reports/usage/rendering | Usage; JS SDK usageReports.billableRenderingsSummaryForAllMonths \
| /reports/usage/rendering
GET /reports/usage/rendering/month/{month} | Usage; JS SDK usageReports.billableRenderingsSummaryForMonth \
| /rendering/month/
GET /reports/usage/rendering/month/{month}/chart/{key} | Usage; JS SDK \
usageReports.billableRenderingsForChartInMonth | /chart/stadium
GET /reports/subscription | Usage; JS SDK usageReports.subscription | /reports/subscription
GET /accounts/me | Accounts; JS SDK accounts.retrieveMyAccount | /accounts/me
POST /accounts/me/secret-key/actions/regenerate | Accounts; JS SDK accounts.regenerateSecretKey \
| secret-key/actions/regenerate
POST /accounts/me/designer-key/actions/regenerate | Accounts; JS SDK accounts.regenerateDesignerKey \
| designer-key/actions/regenerate
POST /accounts/me/draft-chart-drawings/actions/enable | Accounts; JS SDK accounts.enableDraftChartDrawings \
| draft-chart-drawings
POST /accounts/me/draft-chart-drawings/actions/disable | Accounts; JS SDK accounts.disableDraftChartDrawings \
| draft-chart-drawings/actions/disable
POST /accounts/me/actions/change-password | Accounts; JS SDK accounts.changePassword | change-password
POST /accounts/me/actions/change-hold-period | Accounts; JS SDK accounts.changeHoldPeriod | change-hold-period
POST /accounts/me/settings | Accounts; JS SDK accounts.updateSetting | /accounts/me/settings
POST /system/private/create-test-company | The SDKs' test harness: a fresh company per test \
| create-test-company
POST /system/public/charts/{key} | The SDKs' test harness: a chart from a designer drawing | post_chart(
"""
# What is served with something left out, or not at all, and why.
_MISSING = {
    "GET /reports/usage/rendering/month/{month}/chart/{key}": "the answer's shape is not documented: it "
    "gives the chart's key and count",
    "GET /reports/subscription": "the answer's shape is not documented anywhere",
}
EVENT_TYPES = (
    "byStatus", "byCategoryLabel", "byCategoryKey", "byLabel", "byOrderId", "bySection", "byZone",
    "byObjectType", "bySelectability", "byChannel", "byAvailability", "byAvailabilityReason",
)  # fmt: skip
SUMMARY_TYPES = tuple(kind for kind in EVENT_TYPES if kind not in ("byLabel", "byOrderId"))
CHART_TYPES = ("byLabel", "byObjectType", "byCategoryKey", "byCategoryLabel", "bySection", "byZone")
CHART_SUMMARY_TYPES = ("byObjectType", "byCategoryKey", "byCategoryLabel", "bySection", "byZone")
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _reports() -> str:
    """The report operations, one per report type and kind (detailed, filtered, summary, deep)."""
    lines = [
        "GET /reports/events/{key} | Event reports; SDK events.reports.flat_list | flat_list",
        "GET /reports/events/{key}.csv | Event reports; SDK events.reports.flat_list_csv | flat_list_csv",
    ]
    for kind in EVENT_TYPES:
        name = _snake(kind)
        sdk = f"Event reports; SDK events.reports.{name}" if kind != "bySelectability" else "Event reports"
        lines.append(f'GET /reports/events/{{key}}/{kind} | {sdk} | /{kind}" | reports.{name}(')
        filtered = f"/{kind}/{{ | reports.{name}(show, "
        lines.append(f"GET /reports/events/{{key}}/{kind}/{{filter}} | {sdk} | {filtered}")
    for kind in SUMMARY_TYPES:
        name = _snake(kind)
        lines.append(
            f"GET /reports/events/{{key}}/{kind}/summary | Event reports; SDK events.reports.summary_{name} "
            f'| /{kind}/summary" | .summary_{name}('
        )
        lines.append(
            f"GET /reports/events/{{key}}/{kind}/summary/deep | Event reports; SDK "
            f"events.reports.deep_summary_{name} | /{kind}/summary/deep | deep_summary_{name}("
        )
    for kind in CHART_TYPES:
        name = _snake(kind)
        lines.append(
            f"GET /reports/charts/{{key}}/{kind} | Chart reports; SDK charts.reports.{name} "
            f"| /charts/{{theatre}}/{kind} | charts.reports.{name}("
        )
    for kind in CHART_SUMMARY_TYPES:
        name = _snake(kind)
        lines.append(
            f"GET /reports/charts/{{key}}/{kind}/summary | Chart reports; SDK charts.reports.summary_{name} "
            f"| {kind}/summary | charts.reports.summary_{name}("
        )
    return "\n".join(lines)


def _operations(table: str) -> list[Operation]:
    found = []
    for line in table.replace("\\\n", "").strip().splitlines():
        name, reference, *needles = (part.strip() for part in line.split(" | "))
        method, template = name.split(" ", 1)
        path = PREFIX + _PLACEHOLDER.sub(lambda match: f"{match.group(1)}-1", template)
        missing = _MISSING.get(name, "")
        found.append(Operation(name, reference, (method, path), missing=missing, needles=tuple(needles)))
    return found


OPERATIONS = tuple(
    operation
    for table in (_CHARTS, _EVENTS, _SEASONS, _WORKSPACES, _reports(), _USAGE_AND_ACCOUNTS)
    for operation in _operations(table)
)
