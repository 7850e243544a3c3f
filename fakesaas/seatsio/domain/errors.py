"""What goes wrong in Seats.io terms: each error names the wire code the real API answers with.

The tree (HTTP statuses are chosen by the one table in ``fakesaas/seatsio/http/errors.py``)::

    BadRequest (core)
    ├── InvalidRequest           GENERAL_ERROR: a body of the wrong shape, or values that make no sense
    │   └── InvalidDrawing       GENERAL_ERROR: a designer drawing the parser cannot read
    ├── IllegalStatusChange      ILLEGAL_STATUS_CHANGE
    ├── BestAvailableNotFound    BEST_AVAILABLE_OBJECTS_NOT_FOUND
    ├── UnknownObjects           OBJECT_NOT_FOUND: a status change names objects the event lacks
    ├── InvalidHoldToken         HOLD_TOKEN_NOT_FOUND / HOLD_TOKEN_EXPIRED in a status change
    ├── KeyTaken                 EVENT_KEY_ALREADY_EXISTS and the like
    └── NotAllowed               an operation the object's state forbids (deleting an active workspace)
    NotFound (core)
    ├── ChartNotFound            CHART_NOT_FOUND
    ├── EventNotFound            EVENT_NOT_FOUND
    ├── WorkspaceNotFound        WORKSPACE_NOT_FOUND
    ├── HoldTokenNotFound        HOLD_TOKEN_NOT_FOUND
    ├── ObjectNotFound           OBJECT_NOT_FOUND
    ├── CategoryNotFound         CATEGORY_NOT_FOUND
    └── ChannelNotFound          CHANNEL_NOT_FOUND
    PermissionDenied (core)      a key that may not do this (a workspace key on company calls)
    Unauthenticated (core)       no key, or a key nobody has
"""

from __future__ import annotations

from fakesaas.core.errors import BadRequest, DomainError, NotFound


class InvalidRequest(BadRequest):
    # seatsio-js tests/events/createEvents.test.ts pins GENERAL_ERROR for schema violations.
    code = "GENERAL_ERROR"


class InvalidDrawing(InvalidRequest):
    pass


class IllegalStatusChange(BadRequest):
    code = "ILLEGAL_STATUS_CHANGE"


class BestAvailableNotFound(BadRequest):
    code = "BEST_AVAILABLE_OBJECTS_NOT_FOUND"

    def __init__(self) -> None:
        # testChangeBestAvailableObjectStatus::test_throwsBestAvailableObjectsNotFoundException
        super().__init__("Best available objects not found")


class UnknownObjects(BadRequest):
    code = "OBJECT_NOT_FOUND"


class InvalidHoldToken(BadRequest):
    code = "HOLD_TOKEN_NOT_FOUND"


class ExpiredHoldToken(InvalidHoldToken):
    code = "HOLD_TOKEN_EXPIRED"


class KeyTaken(BadRequest):
    code = "EVENT_KEY_ALREADY_EXISTS"


class NotAllowed(BadRequest):
    code = "GENERAL_ERROR"


class ChartNotFound(NotFound):
    code = "CHART_NOT_FOUND"

    def __init__(self, key: str, workspace_key: str) -> None:
        # testErrorHandling::test_400: "Chart not found: <key> was not found in workspace"
        super().__init__(f"Chart not found: {key} was not found in workspace {workspace_key}")


class EventNotFound(NotFound):
    code = "EVENT_NOT_FOUND"

    def __init__(self, key: str, workspace_key: str) -> None:
        # testDeleteEvent: "Event not found: <key> was not found in workspace"
        super().__init__(f"Event not found: {key} was not found in workspace {workspace_key}")


class WorkspaceNotFound(NotFound):
    code = "WORKSPACE_NOT_FOUND"

    def __init__(self, key: str) -> None:
        super().__init__(f"Workspace not found: {key}")


class HoldTokenNotFound(NotFound):
    code = "HOLD_TOKEN_NOT_FOUND"

    def __init__(self, token: str) -> None:
        super().__init__(f"Hold token not found: {token}")


class ObjectNotFound(NotFound):
    code = "OBJECT_NOT_FOUND"


class CategoryNotFound(NotFound):
    code = "CATEGORY_NOT_FOUND"


class ChannelNotFound(NotFound):
    code = "CHANNEL_NOT_FOUND"


class RateLimited(DomainError):
    """Too many calls of a limited kind (for-sale edits of one event)."""

    code = "RATE_LIMIT_EXCEEDED"
