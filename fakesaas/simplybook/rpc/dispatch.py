"""Running calls: one body in (a call or a batch), one answer out, each call checked, authorised,
bound to its method's params and run under the world lock."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fakesaas.core.errors import DomainError
from fakesaas.simplybook.domain.access import authorize
from fakesaas.simplybook.domain.companies import Simplybook
from fakesaas.simplybook.domain.errors import SimplybookError
from fakesaas.simplybook.domain.tokens import TokenKind
from fakesaas.simplybook.rpc import protocol
from fakesaas.simplybook.rpc.errors import INTERNAL_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, WIRE
from fakesaas.simplybook.rpc.params import bind
from fakesaas.simplybook.rpc.registry import Call, Endpoint, MethodTable

log = logging.getLogger(__name__)

DISCOVER = "rpc.discover"


@dataclass(frozen=True, slots=True)
class Caller:
    """Where a body came in, and with which headers."""

    endpoint: Endpoint
    company: str | None
    token: str | None
    base_url: str


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes | None  # None: only notifications, nothing to say (204)


class Dispatcher:
    """The calls of one emulator: ``state`` and ``lock`` are the world's, ``now`` its clock."""

    def __init__(
        self,
        table: MethodTable,
        discover: Callable[[Endpoint], dict[str, Any]],
    ) -> None:
        self.table = table
        self.discover = discover

    def answer(
        self, body: bytes, caller: Caller, state: Simplybook, lock: Any, now: Callable[[], datetime]
    ) -> Answer:
        try:
            parsed = protocol.read(body)
        except protocol.Unreadable:
            return Answer(200, protocol.write(protocol.parse_error()))
        if isinstance(parsed, list):
            if not parsed:
                return Answer(200, protocol.write(protocol.error(None, INVALID_REQUEST, "an empty batch")))
            if len(parsed) > protocol.MAX_BATCH:
                detail = f"a batch holds at most {protocol.MAX_BATCH} calls"
                return Answer(200, protocol.write(protocol.error(None, INVALID_REQUEST, detail)))
            answers = [
                a for a in (self.one(item, caller, state, lock, now) for item in parsed) if a is not None
            ]
            return Answer(200, protocol.write(answers)) if answers else Answer(204, None)
        single = self.one(parsed, caller, state, lock, now)
        return Answer(200, protocol.write(single)) if single is not None else Answer(204, None)

    def one(
        self, item: object, caller: Caller, state: Simplybook, lock: Any, now: Callable[[], datetime]
    ) -> dict[str, Any] | None:
        """The answer to one call; None for a notification (which is run all the same)."""
        checked = protocol.check(item)
        if isinstance(checked, dict):
            return checked
        call_id = None if checked.id is protocol.NO_ID else checked.id
        answer = self._run(checked, call_id, caller, state, lock, now)
        return None if checked.id is protocol.NO_ID else answer

    def _run(
        self,
        request: protocol.Request,
        call_id: Any,
        caller: Caller,
        state: Simplybook,
        lock: Any,
        now: Callable[[], datetime],
    ) -> dict[str, Any]:
        endpoint = caller.endpoint
        if request.method == DISCOVER:
            return protocol.result(call_id, self.discover(endpoint))
        try:
            with lock:
                call = Call(state, endpoint, now(), caller.base_url)
                if endpoint is not Endpoint.LOGIN:
                    kind = TokenKind.ADMIN if endpoint is Endpoint.ADMIN else TokenKind.PUBLIC
                    company, token = authorize(state, caller.company, caller.token, kind)
                    call.company_, call.user_id = company, token.user_id
                found = self.table.find(endpoint, request.method)
                if found is None:
                    return protocol.error(
                        call_id,
                        METHOD_NOT_FOUND,
                        f"no method {request.method!r} on the {endpoint.value} service",
                    )
                values = bind(found.params, request.params)
                return protocol.result(call_id, found.handler(call, *values))
        except SimplybookError as failure:
            return protocol.error(call_id, WIRE[failure.failure], failure.message)
        except DomainError as failure:  # pragma: no cover - the domain raises SimplybookError only
            return protocol.error(call_id, INTERNAL_ERROR, failure.message)
        except Exception:
            # A defect of the emulator; answered as the protocol's internal error, never a 500.
            log.exception("unhandled error in %s on the %s service", request.method, endpoint.value)
            return protocol.error(call_id, INTERNAL_ERROR, f"the emulator failed on {request.method}")


def header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    return value.strip() if value else None
